import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  fullmatchSafely,
  literalValue,
  MAX_NESTING,
  parsePythonRegex,
  pythonWhitespaceSplit,
  PythonRegexResult,
  RegexAst,
  walkRegex,
} from '../../server/src/service/pythonRegex';

/** The parse of a pattern that must compile. */
function ast(pattern: string): RegexAst {
  const result = parsePythonRegex(pattern);
  assert.equal(result.ok, true, `${JSON.stringify(pattern)} compiles: ${JSON.stringify(result)}`);
  return (result as Extract<PythonRegexResult, { ok: true }>).ast;
}

/** Asserts what Python 3.12's `re.compile` raises: exception, `err.msg`, `err.pos`. */
function refuses(pattern: string, message: string, offset: number | null, exception = 're.error', python: '3.11' | '3.12' = '3.12'): Extract<PythonRegexResult, { ok: false }> {
  const result = parsePythonRegex(pattern, { python });
  assert.equal(result.ok, false, `${JSON.stringify(pattern)} is refused: ${JSON.stringify(result)}`);
  const refused = result as Extract<PythonRegexResult, { ok: false }>;
  assert.deepEqual({ exception: refused.exception, message: refused.message, offset: refused.offset }, { exception, message, offset }, JSON.stringify(pattern));
  return refused;
}

describe('parsePythonRegex: patterns Python compiles', () => {
  const legitimate = [
    'https?://app\\.example\\.com/cb',
    '^https://app\\.example\\.com/cb$',
    'https://(app|api)\\.example\\.com/cb',
    'https://[a-z]+\\.example\\.com:\\d+/cb',
    '(?i)https://app\\.example\\.com/cb',
    'https://(?P<tenant>[a-z]+)\\.example\\.com/cb',
  ];
  for (const pattern of legitimate) {
    it(`compiles the redirect URI ${pattern}`, () => {
      ast(pattern);
    });
  }

  it('reads named groups and their references, which JavaScript refuses', () => {
    const tree = ast('(?P<name>a+)-(?P=name)');
    assert.equal(tree.groupCount, 1);
    assert.deepEqual([...tree.groupNames], [['name', 1]]);
    assert.throws(() => new RegExp('(?P<name>a+)'));
  });

  it('accepts what Python accepts and a reader might doubt', () => {
    for (const pattern of [
      'a{', 'a{,}', 'x{1,2', '{}', 'a{,3}', '(?:a*)*', '(?=a)*', '(a)(?<=\\1)', '(?<=a|b)', '(?<=ab|cd)', '(?<!\\b)x', '(?>a*)b', 'a*+', 'a++',
      'a?+', 'a{2}+', '(?(1)a|b)(c)', '(?P<é>a)(?(é)b)', '(?P<if>a)', '(?#c)(?i)a', '(?x) a b # comment\n c', '(?i)(?m)x', '(?a:(?u:x))', '(?-i:a)',
      '[]a]', '[^]a]', '[a-]', '[-a]', '\\N{LATIN SMALL LETTER A}', '\\N{solidus}', '\\0', '\\077', '\\377', '\\101', '(a)\\1', '\\U0010FFFF', '[\\b]', '😀{2}',
    ]) {
      ast(pattern);
    }
  });
});

describe('parsePythonRegex: Python\'s errors, messages and positions', () => {
  it('unknown ASCII-letter escapes, which JavaScript accepts', () => {
    refuses('\\q', 'bad escape \\q', 0);
    refuses('https://x\\.y/\\p', 'bad escape \\p', 13);
    refuses('[\\A]', 'bad escape \\A', 1);
    assert.doesNotThrow(() => new RegExp('\\q'));
  });

  it('groups', () => {
    refuses('https://(app', 'missing ), unterminated subpattern', 8);
    refuses('a)', 'unbalanced parenthesis', 1);
    refuses('(?#x', 'missing ), unterminated comment', 0);
    refuses('(?<x)', 'unknown extension ?<x', 1);
    refuses('(?Px)', 'unknown extension ?Px', 1);
    refuses('(?z)', 'unknown extension ?z', 1);
    refuses('(?', 'unexpected end of pattern', 2);
    refuses('(?<', 'unexpected end of pattern', 3);
    refuses('(?P', 'unexpected end of pattern', 3);
  });

  it('group names and references', () => {
    refuses('(?P<x>a)(?P<x>b)', "redefinition of group name 'x' as group 2; was group 1", 12);
    refuses('(?P<1x>a)', "bad character in group name '1x'", 4);
    refuses('(?P<a b>x)', "bad character in group name 'a b'", 4);
    refuses("(?P<a'b>x)", 'bad character in group name "a\'b"', 4);
    refuses('(?P<\u200b>x)', "bad character in group name '\\u200b'", 4);
    // Identifier characters only since Unicode 15.1, which JavaScript engines may already have.
    refuses('(?P<a\u200d>x)', "bad character in group name 'a\\u200d'", 4);
    refuses('(?P<a\u30fb>x)', "bad character in group name 'a\u30fb'", 4);
    refuses('(?P<>a)', 'missing group name', 4);
    refuses('(?P=y)', "unknown group name 'y'", 4);
    refuses('(a)\\2', 'invalid group reference 2', 4);
    refuses('\\8', 'invalid group reference 8', 1);
    refuses('(a\\1)', 'cannot refer to an open group', 2);
    refuses('(?P<x>a(?P=x))', 'cannot refer to an open group', 11);
  });

  it('conditionals', () => {
    refuses('(?(2)a|b)(c)', 'invalid group reference 2', 3);
    refuses('(?(x)a)', "unknown group name 'x'", 3);
    refuses('(?(0)a)', 'bad group number', 3);
    refuses('(?(1)a|b|c)(d)', 'conditional backref with more than two branches', 8);
    refuses('(?(1)(?i))', 'global flags not at the start of the expression', 5);
  });

  it('group numbers in conditionals: ASCII digits only in 3.12, whatever int() reads in 3.11', () => {
    refuses('(?(+1)a)(b)', "bad character in group name '+1'", 3);
    refuses('(?( 1)a)(b)', "bad character in group name ' 1'", 3);
    refuses('(?(1_0)a)' + '(b)'.repeat(10), "bad character in group name '1_0'", 3);
    refuses('(?(\u0661)a)(b)', "bad character in group name '\u0661'", 3);
    refuses('(?(-0)a)', "bad character in group name '-0'", 3);
    for (const pattern of ['(?(+1)a)(b)', '(?( 1)a)(b)', '(?(1_0)a)' + '(b)'.repeat(10), '(?(\u0661)a)(b)']) {
      assert.equal(parsePythonRegex(pattern, { python: '3.11' }).ok, true, pattern);
    }
    refuses('(?(-0)a)', 'bad group number', 3, 're.error', '3.11');
  });

  it('repeats', () => {
    refuses('*', 'nothing to repeat', 0);
    refuses('^*', 'nothing to repeat', 1);
    refuses('\\b*', 'nothing to repeat', 2);
    refuses('{1}', 'nothing to repeat', 0);
    refuses('a**', 'multiple repeat', 2);
    refuses('a*??', 'multiple repeat', 3);
    refuses('a{2}*', 'multiple repeat', 4);
    refuses('a{3,2}', 'min repeat greater than max repeat', 2);
  });

  it('repeat limits raise what authentik does not catch', () => {
    const overflow = refuses('a{4294967295}', 'the repetition number is too large', null, 'OverflowError');
    assert.deepEqual(overflow.span, { start: 1, end: 13 });
    refuses('a{1,4294967295}', 'the repetition number is too large', null, 'OverflowError');
    assert.equal(parsePythonRegex('a{4294967294}').ok, true);
    refuses(
      'a{' + '1'.repeat(4301) + '}',
      'Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit',
      null,
      'ValueError',
    );
  });

  it('lookbehind width, checked by the compiler without a position', () => {
    const refused = refuses('x(?<=a+)b', 'look-behind requires fixed-width pattern', null);
    assert.deepEqual(refused.span, { start: 1, end: 8 });
    refuses('(?<=a|bc)', 'look-behind requires fixed-width pattern', null);
    refuses('(?<=(?:a{100000}){100000})b', 'looks too much behind', null);
    refuses('(?<=(a)\\1)', 'cannot refer to group defined in the same lookbehind subpattern', 9);
    refuses('(?<=\\1)(a)', 'invalid group reference 1', 5);
    refuses('(?t)a*?', 'internal: unsupported template operator MIN_REPEAT', null);
  });

  it('inline flags and where global flags may stand', () => {
    refuses('a(?i)b', 'global flags not at the start of the expression', 1);
    refuses('(?i)|(?m)', 'global flags not at the start of the expression', 5);
    refuses('(?i-i:a)', 'bad inline flags: flag turned on and off', 5);
    refuses('(?-a:b)', "bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 4);
    refuses('(?L)', "bad inline flags: cannot use 'L' flag with a str pattern", 3);
    refuses('(?au)', "bad inline flags: flags 'a', 'u' and 'L' are incompatible", 4);
    refuses('(?a)(?u)', 'ASCII and UNICODE flags are incompatible', null, 'ValueError');
    refuses('(?t:a)', 'bad inline flags: cannot turn on global flag', 3);
    refuses('(?-t:a)', 'bad inline flags: cannot turn off global flag', 4);
    refuses('(?i', 'missing -, : or )', 3);
    refuses('(?i!)', 'missing -, : or )', 3);
    refuses('(?i-', 'missing flag', 4);
    refuses('(?i-s', 'missing :', 5);
    refuses('(?i\u00e9)', 'unknown flag', 3);
  });

  it('character classes', () => {
    refuses('[a-z', 'unterminated character set', 0);
    refuses('[]', 'unterminated character set', 0);
    refuses('[z-a]', 'bad character range z-a', 1);
    refuses('[\\d-z]', 'bad character range \\d-z', 1);
    refuses('[\\x41-\\d]', 'bad character range \\x-\\d', 3);
  });

  it('escapes', () => {
    refuses('\\x4', 'incomplete escape \\x4', 0);
    refuses('\\u12', 'incomplete escape \\u12', 0);
    refuses('\\U00110000', 'bad escape \\U00110000', 0);
    refuses('\\U7fffffff', 'bad escape \\U7fffffff', 0);
    const overflow = refuses('a[\\U80000000]', 'Python int too large to convert to C int', null, 'OverflowError');
    assert.deepEqual(overflow.span, { start: 2, end: 12 });
    refuses('\\400', 'octal escape value \\400 outside of range 0-0o377', 0);
    refuses('\\N{FOO!}', "undefined character name 'FOO!'", 0);
    refuses('\\N{}', 'missing character name', 3);
    refuses('\\N', 'missing {', 2);
    refuses('\\N{SPACE', 'missing }, unterminated name', 3);
    // A name with a lone surrogate cannot be looked up at all.
    refuses('\\N{A\ud800}', 'bad escape \\N', 4);
    refuses('[\\N{A\ud800}]', 'bad escape \\N', 5);
    refuses('\\', 'bad escape (end of pattern)', 0);
    refuses('(?x)a # comment \\', 'bad escape (end of pattern)', 16);
  });

  it('positions count code points, as Python does; spans are UTF-16 indices', () => {
    const refused = refuses('😀😀\\q', 'bad escape \\q', 2);
    assert.deepEqual(refused.span, { start: 4, end: 5 });
  });
});

describe('parsePythonRegex: what it cannot know', () => {
  it('a \\N{…} name outside Latin-1 is unknown, not guessed', () => {
    const result = parsePythonRegex('a\\N{EM DASH}b');
    assert.equal(result.ok, 'unknown');
    assert.deepEqual((result as Extract<PythonRegexResult, { ok: 'unknown' }>).span, { start: 1, end: 2 });
  });

  it(`groups nested more than ${MAX_NESTING} deep are unknown, quickly and without overflowing the stack`, () => {
    const deep = '('.repeat(10_000) + ')'.repeat(10_000);
    const started = performance.now();
    const result = parsePythonRegex(deep);
    assert.equal(result.ok, 'unknown');
    assert.match((result as Extract<PythonRegexResult, { ok: 'unknown' }>).reason, /nested more than 100 levels/);
    assert.ok(performance.now() - started < 500, 'bounded time');
    assert.equal(parsePythonRegex('('.repeat(MAX_NESTING) + ')'.repeat(MAX_NESTING)).ok, true);
  });

  it('a 100 KB pattern parses in bounded time', () => {
    const long = 'https://app\\.example\\.com/(a|b)[x-z]+'.repeat(3000);
    assert.ok(long.length > 100_000);
    const started = performance.now();
    assert.equal(parsePythonRegex(long).ok, true);
    assert.equal(parsePythonRegex(long + ')').ok, false);
    assert.ok(performance.now() - started < 2000, 'bounded time');
  });
});

describe('literalValue', () => {
  it('the string a plain literal matches, escapes removed', () => {
    assert.equal(literalValue(ast('https://app\\.example\\.com/cb')), 'https://app.example.com/cb');
    assert.equal(literalValue(ast('https://app[.]example[.]com/\\x41')), 'https://app.example.com/A');
    assert.equal(literalValue(ast('(?x) https://a b # c')), 'https://ab');
  });

  it('undefined for anything that matches more than one string or is not a bare literal', () => {
    for (const pattern of ['https://app.example.com', '^https://x$', 'https?://x', '(?i)https://x', 'https://(x)', '[ab]', '[^a]', '\\d']) {
      assert.equal(literalValue(ast(pattern)), undefined, pattern);
    }
  });
});

describe('fullmatchSafely', () => {
  const attacker = 'https://attacker.invalid/x';

  it('finds catch-alls', () => {
    for (const pattern of ['https://.+', 'https://(.+)', 'https?://.*', '.*', 'https://[^/]+/.*', 'https://(?:[a-z]+\\.)*[a-z]+/x']) {
      assert.equal(fullmatchSafely(ast(pattern), attacker), true, pattern);
    }
    assert.equal(fullmatchSafely(ast('https://app\\.example\\.com/.*'), attacker), false);
  });

  it('finds the unescaped dot in a host', () => {
    assert.equal(fullmatchSafely(ast('https://app.example.com/cb'), 'https://appXexample.com/cb'), true);
    assert.equal(fullmatchSafely(ast('https://app\\.example\\.com/cb'), 'https://appXexample.com/cb'), false);
    assert.equal(fullmatchSafely(ast('https://app\\.example\\.com/cb'), 'https://app.example.com/cb'), true);
  });

  it('follows Python: fullmatch, $ before a final newline, flags, boundaries', () => {
    assert.equal(fullmatchSafely(ast('abc'), 'abcd'), false);
    assert.equal(fullmatchSafely(ast('abc$'), 'abc\n'), false);
    assert.equal(fullmatchSafely(ast('abc$\\n'), 'abc\n'), true);
    assert.equal(fullmatchSafely(ast('(?i)HTTPS://X'), 'https://x'), true);
    assert.equal(fullmatchSafely(ast('(?i:k)'), 'K'), true);
    assert.equal(fullmatchSafely(ast('(?i)[\\u212a]'), 'k'), true);
    assert.equal(fullmatchSafely(ast('(?ai)[\\u212a]'), 'k'), false);
    assert.equal(fullmatchSafely(ast('a.b'), 'a\nb'), false);
    assert.equal(fullmatchSafely(ast('(?s)a.b'), 'a\nb'), true);
    assert.equal(fullmatchSafely(ast('\\bfoo\\b'), 'foo'), true);
    assert.equal(fullmatchSafely(ast('\\B'), ''), false);
    assert.equal(fullmatchSafely(ast('a{2,3}'), 'aaaa'), false);
    assert.equal(fullmatchSafely(ast('(?:a|b){2,}c'), 'ababc'), true);
  });

  it('says unknown where an automaton cannot answer', () => {
    for (const [pattern, input] of [
      ['(a)\\1', 'aa'],
      ['(?=a)a', 'a'],
      ['(?<=a)b', 'ab'],
      ['(a)?(?(1)b|c)', 'ab'],
      ['(?>a*)a', 'aa'],
      ['a*+a', 'aa'],
      ['\\w', '\u00e9'],
      ['(?i)\u00e9', '\u00c9'],
    ]) {
      assert.equal(fullmatchSafely(ast(pattern), input), 'unknown', pattern);
    }
  });

  it('is linear on patterns that make a backtracking engine hang', () => {
    const input = 'a'.repeat(20_000) + '!';
    for (const pattern of ['(a+)+$', '(a|a)*c', '(a*)*b', '(?:a|aa)+$']) {
      const started = performance.now();
      assert.equal(fullmatchSafely(ast(pattern), input), false, pattern);
      assert.ok(performance.now() - started < 2000, `${pattern} in bounded time`);
    }
  });

  it('gives up instead of building a huge automaton', () => {
    const started = performance.now();
    assert.equal(fullmatchSafely(ast('(?:(?:a{1000}){1000}){1000}'), 'a'.repeat(3000)), 'unknown');
    assert.ok(performance.now() - started < 2000);
  });
});

describe('pythonWhitespaceSplit', () => {
  it("splits on every character str.isspace() accepts, with each part's offsets", () => {
    const separators = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
    const text = [...separators].map((sep, i) => `e${i}${sep}`).join('');
    assert.deepEqual(
      pythonWhitespaceSplit(text).map((part) => part.text),
      [...separators].map((_, i) => `e${i}`),
    );
    assert.deepEqual(pythonWhitespaceSplit('  a\u200bb\u00a0c  '), [
      { text: 'a\u200bb', start: 2, end: 5 },
      { text: 'c', start: 6, end: 7 },
    ]);
    assert.deepEqual(pythonWhitespaceSplit(' \u3000 '), []);
  });
});

describe('walkRegex', () => {
  it('visits every node once, parents first, in pattern order', () => {
    const types: string[] = [];
    walkRegex(ast('(a|b(?:c)*)\\1').body, (node, parents) => types.push('  '.repeat(parents.length) + node.type));
    assert.deepEqual(types, ['sequence', '  group', '    alternation', '      char', '      sequence', '        char', '        repeat', '          group', '            char', '  backref']);
  });

  it('gives each node its span in the pattern', () => {
    const spans: string[] = [];
    const pattern = 'https://(?P<t>[a-z]+)\\.x';
    walkRegex(ast(pattern).body, (node) => {
      if (node.type === 'group' || node.type === 'repeat' || (node.type === 'char' && node.escaped)) spans.push(`${node.type}:${pattern.slice(node.start, node.end)}`);
    });
    assert.deepEqual(spans, ['group:(?P<t>[a-z]+)', 'repeat:[a-z]+', 'char:\\.']);
  });
});
