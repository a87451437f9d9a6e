import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { askPythonOracle, FUZZ_SEED_OF_RUN, SeededRandom } from './pythonOracle';
import {
  children,
  fullmatchSafely,
  parsePythonRegex,
  pythonWhitespaceSplit,
  PythonRegexResult,
  PythonVersion,
  RegexAst,
  RegexNode,
} from '../../server/src/service/pythonRegex';

/**
 * The Python regex checker against the machine's python3: thousands of generated patterns, biased
 * toward tricky syntax, compiled by both. A bounded run by default; `FUZZ_RUNS=N` (as `npm run
 * fuzz` sets) compiles 5 × N patterns. `FUZZ_SEED` replays a run.
 */
const runsSetting = Number(process.env.FUZZ_RUNS);
const LONG = Number.isInteger(runsSetting) && runsSetting > 0;
const PATTERNS = LONG ? Math.max(3000, runsSetting * 5) : 3000;
const MATCH_PATTERNS = LONG ? Math.max(1000, runsSetting) : 1000;
const SPLIT_TEXTS = LONG ? 5000 : 500;
const SEED = FUZZ_SEED_OF_RUN;

const ORACLE = path.join(__dirname, 'pythonRegexOracle.py');

/** Sends requests to one python3 process and returns its answers, in order. */
function askPython(requests: object[]): any[] {
  return askPythonOracle(ORACLE, requests, { maxBuffer: 1 << 30, timeoutMs: 600_000 });
}

const PYTHON_VERSION = askPython([{ version: true }])[0].version as string;
// The checker knows the rules of these two; another Python may differ (3.14 adds `\z`), so a
// comparison with it would report that, not the checker's mistakes.
assert.ok(PYTHON_VERSION === '3.11' || PYTHON_VERSION === '3.12', `python3 is ${PYTHON_VERSION}; the checker follows 3.12 (and 3.11)`);
const COMPARED: PythonVersion = PYTHON_VERSION;

// ---- what the generator draws from ----

/** Characters whose Unicode properties are the same in Python 3.11, 3.12 and the JavaScript engine. */
const LITERALS = ['a', 'b', 'x', 'k', 'i', 's', 'Z', '0', '1', '7', '9', '/', ':', '-', '_', ' ', ',', '=', '!', '<', '>', '"', "'", '#', '&', '~', '%', '@', 'é', 'ß', 'Ω', '中', '١', '²', 'Ⅻ', '😀', '\u00a0', '\u2003', '\u200b', '\u0301', '\n', '\t', 'ı', 'ſ', 'K', 'İ', '\ud800', '\udfff', 'ª', '\x7f', '\x00', '\r'];
const METAS = ['(', ')', '[', ']', '{', '}', '*', '+', '?', '|', '^', '$', '.', '\\'];
const ESCAPED = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ...'.\\[](){}*+?|^$-/:# ', 'é', '😀', '\n'];
const CODE_ESCAPES = [
  '\\x4', '\\x41', '\\xzz', '\\x7f', '\\u00e9', '\\u12', '\\u0041', '\\U0001F600', '\\U00110000', '\\U0010FFFF', '\\U7fffffff', '\\U80000000', '\\U0000004', '\\0', '\\07', '\\077',
  '\\0777', '\\123', '\\377', '\\400', '\\777', '\\12', '\\1', '\\2', '\\3', '\\9', '\\10', '\\99', '\\8',
  '\\N{LATIN SMALL LETTER A}', '\\N{latin capital letter b}', '\\N{SOLIDUS}', '\\N{FULL STOP}', '\\N{}', '\\N{FOO!}', '\\N{SPACE', '\\N', '\\N{a_b}', '\\N{NO-BREAK SPACE}',
];
const GROUP_OPENERS = [
  '(', '(', '(?:', '(?:', '(?P<n>', '(?P<m>', '(?P<n', '(?P<é>', '(?P<1>', '(?P<a-b>', '(?P<>', '(?P<if>', '(?P<_0>', '(?P<\u0301x>', '(?P<x\u0301>', '(?P', '(?Px', '(?P>',
  '(?=', '(?!', '(?<=', '(?<!', '(?<x', '(?<', '(?>', '(?#c)', '(?#', '(?', '(?z', '(?)', "(?'n'", '(?&n)', '(?|', '(?R)', '(?+', '(?P<a\\>b>', '(?P<ª>', '(?P<\ud800>', '(?P<a\u200d>', '(?P<a\u30fb>',
];
const BACKREFS = ['(?P=n)', '(?P=m)', '(?P=z)', '(?P=1)', '(?P=', '\\1', '\\2', '\\g<1>'];
const CONDITIONS = ['(?(1)', '(?(2)', '(?(n)', '(?(m)', '(?(0)', '(?(00)', '(?(+1)', '(?( 1)', '(?(1 )', '(?(1_0)', '(?(١)', '(?(-1)', '(?(-0)', '(?(a-b)', '(?(é)', '(?(', '(?(99)'];
const QUANTIFIERS = [
  '*', '+', '?', '*?', '+?', '??', '*+', '++', '?+', '{2}', '{1,3}', '{,2}', '{2,}', '{,}', '{}', '{3,1}', '{0}', '{0,0}', '{4294967295}', '{4294967294}',
  '{1,4294967295}', '{99999999999}', '{', '{1', '{1,', '{a}', '{ 1}', '{1,2}?', '{2}+', '{,1}?',
];
const CLASS_PARTS = ['a', 'z', 'a-z', 'z-a', '^', '-', ']', '[', '\\d', '\\w-z', 'a-\\d', '\\x41-\\x5a', '\\x5a-\\x41', '\\b', '\\A', '\\8', '\\400', '\\N{SPACE}', 'é-😀', '😀-é', '\\', '\\]', '0-9', '--', '&&', '||', '~~', ':', '.', '\\s', '\\q', 'k-k', '\\u0131', 'İ', 'ſ'];
const FLAG_LETTERS = ['i', 'm', 's', 'x', 'a', 'u', 'L', 't', 'q', 'é', '-'];
const ANCHORS = ['\\b', '\\B', '\\A', '\\Z', '^', '$'];

function flagGroup(random: SeededRandom): string {
  let letters = '';
  const count = 1 + random.int(3);
  for (let i = 0; i < count; i++) letters += random.pick(FLAG_LETTERS);
  const ending = random.pick([')', ')', ':', '-i:', '-x:', '-s:', '-a:', '-t:', '-:', '', '-']);
  return '(?' + letters + ending;
}

function characterClass(random: SeededRandom): string {
  let out = '[';
  const count = random.int(4);
  for (let i = 0; i < count; i++) out += random.pick(CLASS_PARTS);
  return random.chance(0.9) ? out + ']' : out;
}

function token(random: SeededRandom): string {
  switch (random.int(12)) {
    case 0:
    case 1:
      return random.pick(LITERALS);
    case 2:
      return random.pick(METAS);
    case 3:
      return '\\' + random.pick(ESCAPED);
    case 4:
      return random.pick(CODE_ESCAPES);
    case 5:
      return random.pick(GROUP_OPENERS);
    case 6:
      return random.pick(QUANTIFIERS);
    case 7:
      return characterClass(random);
    case 8:
      return flagGroup(random);
    case 9:
      return random.pick(BACKREFS);
    case 10:
      return random.pick(CONDITIONS);
    default:
      return random.pick(ANCHORS);
  }
}

/** Groups a structured pattern has opened and closed so far, so that references can be valid. */
interface GroupContext {
  opened: number;
  closed: number[];
  closedNames: string[];
  /** How often a choice may be invalid. */
  invalidRate: number;
}

/** Mostly well-formed patterns, so that deep rules (widths, references, flags) are reached. */
function structured(random: SeededRandom, depth: number, context: GroupContext): string {
  // Valid choices most of the time, a random (often invalid) one now and then.
  const valid = !random.chance(context.invalidRate);
  const reference = (): string => {
    if (!valid) return random.pick(BACKREFS);
    if (context.closed.length === 0) return 'x';
    if (context.closedNames.length > 0 && random.chance(0.4)) return `(?P=${random.pick(context.closedNames)})`;
    return '\\' + random.pick(context.closed);
  };
  const atom = (): string => {
    switch (random.int(9)) {
      case 0:
        return random.pick(LITERALS.filter((c) => c !== '\n'));
      case 1:
        return '\\' + random.pick([...'.\\[](){}*+?|^$-/']);
      case 2:
        return valid ? random.pick(['[a-z]', '[^/]', '[\\w.-]', '[]a]', '[a-]', '[\\d]', '[.]', '[é-😀]']) : characterClass(random);
      case 3:
        return random.pick(['.', '\\d', '\\w', '\\s', '\\D', '\\W', '\\S']);
      case 4:
        return valid ? random.pick(['\\x41', '\\u00e9', '\\U0001F600', '\\0', '\\077', '\\123', '\\N{SOLIDUS}']) : random.pick(CODE_ESCAPES);
      case 5:
        return random.pick(ANCHORS);
      case 6:
        return reference();
      default:
        return random.pick(['a', 'b', 'ab', 'http', '://', 'x']);
    }
  };
  const quantifier = () => (random.chance(0.3) ? (valid ? random.pick(QUANTIFIERS.slice(0, 12)) : random.pick(QUANTIFIERS)) : '');
  const group = (): string => {
    const close = random.chance(0.97) ? ')' : '';
    const kind = valid && context.opened === 0 ? 1 + random.int(5) : random.int(6);
    if (kind === 0) {
      const condition = valid ? `(?(${1 + random.int(context.opened)})` : random.pick(CONDITIONS);
      const yes = structured(random, depth + 1, context);
      const no = random.chance(0.5) ? '|' + structured(random, depth + 1, context) : '';
      return condition + yes + no + close;
    }
    if (kind === 1) return random.pick(['(?<=', '(?<!']) + structured(random, depth + 1, context) + close;
    if (kind === 2) {
      const opener = valid ? random.pick(['(?i:', '(?-i:', '(?s-m:', '(?x:', '(?a:', '(?u:']) : flagGroup(random);
      return opener + structured(random, depth + 1, context) + close;
    }
    const opener = valid ? random.pick(['(', '(', '(?P<g>', '(?:', '(?>', '(?=', '(?!']) : random.pick(GROUP_OPENERS);
    const capturing = opener === '(' || opener.startsWith('(?P<');
    const number = capturing ? ++context.opened : 0;
    const name = opener === '(?P<g>' ? `g${number}` : undefined;
    const text = (name ? `(?P<${name}>` : opener) + structured(random, depth + 1, context) + close;
    if (capturing && close) {
      context.closed.push(number);
      if (name) context.closedNames.push(name);
    }
    return text;
  };
  const item = (): string => {
    const text = depth > 3 || random.chance(0.5) ? atom() : group();
    return valid && ANCHORS.includes(text) ? text : text + quantifier();
  };
  const branches = random.chance(0.2) ? 2 + random.int(2) : 1;
  const parts: string[] = [];
  for (let b = 0; b < branches; b++) {
    let sequence = '';
    const count = random.int(4) + (depth === 0 ? 1 : 0);
    for (let i = 0; i < count; i++) sequence += item();
    parts.push(sequence);
  }
  return parts.join('|');
}

function mutate(random: SeededRandom, pattern: string): string {
  const chars = Array.from(pattern);
  const edits = 1 + random.int(3);
  for (let e = 0; e < edits; e++) {
    const at = random.int(chars.length + 1);
    switch (random.int(4)) {
      case 0:
        chars.splice(at, 1);
        break;
      case 1:
        chars.splice(at, 0, ...Array.from(token(random)));
        break;
      case 2:
        chars.splice(at, 0, random.pick(METAS));
        break;
      default:
        chars.splice(at, 0, ...chars.slice(at, at + 1 + random.int(4)));
    }
  }
  return chars.join('');
}

function generatePattern(random: SeededRandom): string {
  const kind = random.int(20);
  let pattern: string;
  const context = (): GroupContext => ({ opened: 0, closed: [], closedNames: [], invalidRate: random.pick([0, 0, 0.03, 0.1]) });
  if (kind < 10) pattern = structured(random, 0, context());
  else if (kind < 15) {
    pattern = '';
    const count = 1 + random.int(12);
    for (let i = 0; i < count; i++) pattern += token(random);
  } else pattern = mutate(random, structured(random, 0, context()));
  // Global flags, in place or out of place; verbose mode with spaces and comments.
  if (random.chance(0.12)) pattern = flagGroup(random) + pattern;
  if (random.chance(0.05)) pattern = '(?x)' + pattern.replace(/a/g, ' a # c\n');
  if (random.chance(0.03)) pattern = '(?#note)' + pattern;
  // Rare limits: global flags that clash, numbers past int()'s digits, a lookbehind too long.
  if (random.chance(0.02)) pattern = random.pick(['(?a)(?u)', '(?u)(?a)', '(?t)', '(?au)']) + pattern;
  if (random.chance(0.01)) {
    const digits = '1'.repeat(random.pick([4300, 4301]));
    pattern += random.pick([`a{${digits}}`, `a{1,${digits}}`, `(?(${digits})a)`, `(?<=(?:a{100000}){100000})`, '(?<=(?:a{65536}){65535})']);
  }
  return pattern;
}

// ---- comparison ----

function outcome(result: PythonRegexResult): object {
  if (result.ok === true) return { ok: true };
  if (result.ok === false) return { ok: false, exception: result.exception, message: result.message, offset: result.offset };
  return { unknown: result.reason };
}

/** Python's error messages reached, with names and numbers blanked. */
const messageKinds = new Set<string>();
const counts = { patterns: 0, compiled: 0, refused: 0, unknown: 0, versionDifferences: 0, matchCases: 0, matchCompared: 0, matchUnknown: 0, pythonTimeouts: 0, pythonErrors: 0, splits: 0 };

after(() => {
  console.log(
    `python regex differential (python ${PYTHON_VERSION}, rules ${COMPARED}, seed ${SEED}): ${counts.patterns} patterns ` +
      `(${counts.compiled} compile, ${counts.refused} refused with ${messageKinds.size} kinds of error, ${counts.unknown} unknown to the checker; ` +
      `${counts.versionDifferences} read differently by 3.11 and 3.12), ${counts.matchCases} fullmatch cases ` +
      `(${counts.matchCompared} compared, ${counts.matchUnknown} unknown to the checker, ${counts.pythonTimeouts} timed out and ${counts.pythonErrors} failed in Python), ` +
      `${counts.splits} split texts`,
  );
});

describe(`python regex checker against python3 (${PATTERNS} patterns, seed ${SEED})`, () => {
  it('compiles or refuses exactly as re.compile, with the same exception, message and position', () => {
    const random = new SeededRandom(SEED);
    const patterns: string[] = [];
    for (let i = 0; i < PATTERNS; i++) patterns.push(generatePattern(random));
    const answers = askPython(patterns.map((pattern) => ({ compile: pattern })));
    const disagreements: string[] = [];
    patterns.forEach((pattern, i) => {
      const mine = parsePythonRegex(pattern, { python: COMPARED });
      const other = parsePythonRegex(pattern, { python: COMPARED === '3.11' ? '3.12' : '3.11' });
      if (JSON.stringify(outcome(mine)) !== JSON.stringify(outcome(other))) {
        counts.versionDifferences++;
        // The versions differ only in how a condition names its group.
        assert.match(pattern, /\(\?\(/, `3.11 and 3.12 rules differ on ${JSON.stringify(pattern)} without a conditional`);
      }
      counts.patterns++;
      if (mine.ok === 'unknown') {
        counts.unknown++;
        return;
      }
      if (mine.ok) counts.compiled++;
      else {
        counts.refused++;
        const kind = mine.message.replace(/(range |extension \?[P<]?).*/, '$1_').replace(/'.*'|".*"|\d+/g, '_').replace(/\\\S+/g, '\\_');
        messageKinds.add(`${mine.exception}: ${kind}`);
      }
      const expected = answers[i];
      if (JSON.stringify(outcome(mine)) !== JSON.stringify(expected)) {
        disagreements.push(`${JSON.stringify(pattern)}: checker ${JSON.stringify(outcome(mine))}, python ${JSON.stringify(expected)}`);
      }
    });
    assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} disagreements (FUZZ_SEED=${SEED})`);
    // The generator must reach both sides and the deep rules, or the comparison says little.
    assert.ok(counts.compiled > PATTERNS / 10 && counts.refused > PATTERNS / 10, `compiled ${counts.compiled}, refused ${counts.refused}`);
    assert.ok(messageKinds.size >= 40, `only ${messageKinds.size} kinds of error reached: ${[...messageKinds].join('; ')}`);
  });

  it('fullmatchSafely answers as re.fullmatch on short inputs, or says unknown', () => {
    const random = new SeededRandom(SEED ^ 0x5bd1e995);
    const cases: { pattern: string; input: string; ast: RegexAst }[] = [];
    for (let made = 0; made < MATCH_PATTERNS; ) {
      const pattern = random.chance(0.7) ? matchablePattern(random, 0) : generatePattern(random);
      const parsed = parsePythonRegex(pattern);
      if (parsed.ok !== true) continue;
      made++;
      for (let k = 0; k < 6; k++) {
        const input = k < 3 ? sampleMatch(random, parsed.ast) : randomInput(random, pattern);
        if (input !== undefined) cases.push({ pattern, input, ast: parsed.ast });
      }
    }
    const answers = askPython(cases.map(({ pattern, input }) => ({ fullmatch: pattern, input })));
    const disagreements: string[] = [];
    let matches = 0;
    cases.forEach(({ pattern, input, ast }, i) => {
      counts.matchCases++;
      const mine = fullmatchSafely(ast, input);
      const python = answers[i].match;
      if (python === 'timeout') {
        counts.pythonTimeouts++;
        return;
      }
      if (python === 'error') {
        // Python failed on its own (a SystemError in 3.11's possessive repeats); the checker must not claim an answer there.
        counts.pythonErrors++;
        assert.equal(mine, 'unknown', `fullmatch(${JSON.stringify(pattern)}, ${JSON.stringify(input)}) fails in Python (${answers[i].error})`);
        return;
      }
      if (mine === 'unknown') {
        counts.matchUnknown++;
        return;
      }
      counts.matchCompared++;
      if (python) matches++;
      if (mine !== python) disagreements.push(`fullmatch(${JSON.stringify(pattern)}, ${JSON.stringify(input)}): checker ${mine}, python ${python}`);
    });
    assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} disagreements (FUZZ_SEED=${SEED})`);
    assert.ok(matches > counts.matchCompared / 5 && matches < counts.matchCompared, `${matches} of ${counts.matchCompared} cases match`);
  });

  it('pythonWhitespaceSplit splits as str.split()', () => {
    const random = new SeededRandom(SEED ^ 0x27d4eb2d);
    const alphabet = ['a', 'b', ' ', ' ', '\t', '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u200b', '\u180e', '\ufeff', '\x1b', '\x00', '😀', 'é', '\u2060', '\u200c'];
    const texts: string[] = [];
    for (let i = 0; i < SPLIT_TEXTS; i++) {
      let text = '';
      const length = random.int(12);
      for (let k = 0; k < length; k++) text += random.pick(alphabet);
      texts.push(text);
    }
    const answers = askPython(texts.map((text) => ({ split: text })));
    texts.forEach((text, i) => {
      counts.splits++;
      assert.deepEqual(pythonWhitespaceSplit(text).map((part) => part.text), answers[i].split, `split of ${JSON.stringify(text)}`);
    });
  });
});

// ---- fullmatch inputs ----

/** Small patterns without the constructs fullmatchSafely leaves to Python, with low repeat counts. */
function matchablePattern(random: SeededRandom, depth: number): string {
  const atoms = ['a', 'b', 'ab', '.', '\\.', '/', ':', 'x', '[a-c]', '[^a]', '[ab/]', '\\d', '\\w', '\\s', '\\W', '[\\d.]', '^', '$', '\\b', '\\B', '\\A', '\\Z', 'é', '😀', '[é-😀]', '\\n', 'K', 'k', 'S', 'ſ', 'İ', 'i', '[k-s]', '[^\\w]'];
  const quantifiers = ['*', '+', '?', '*?', '+?', '??', '{2}', '{1,3}', '{,2}', '{2,}', '{0}', '{0,1}'];
  const branches = random.chance(0.25) ? 2 : 1;
  const parts: string[] = [];
  for (let b = 0; b < branches; b++) {
    let sequence = '';
    const count = 1 + random.int(4);
    for (let i = 0; i < count; i++) {
      let item: string;
      if (depth < 3 && random.chance(0.3)) {
        const opener = random.pick(['(', '(?:', '(?P<g' + depth + i + b + '>', '(?i:', '(?s:', '(?m:', '(?a:', '(?-i:', '(?x:']);
        item = opener + matchablePattern(random, depth + 1) + ')';
      } else {
        item = random.pick(atoms);
      }
      if (random.chance(0.35)) item += random.pick(quantifiers);
      sequence += item;
    }
    parts.push(sequence);
  }
  const body = parts.join('|');
  return random.chance(0.15) ? random.pick(['(?i)', '(?s)', '(?m)', '(?a)', '(?ai)', '(?im)']) + body : body;
}

/** A string the pattern probably matches: each node expanded at random. */
function sampleMatch(random: SeededRandom, ast: RegexAst): string | undefined {
  let out = '';
  let budget = 200;
  const pickChar = (node: Extract<RegexNode, { type: 'set' }>): string => {
    const item = node.items.length ? random.pick(node.items) : undefined;
    if (node.negated || !item) return random.pick(['a', 'Z', '-', '/', '\n', 'é']);
    if (item.kind === 'char') return String.fromCodePoint(item.code);
    if (item.kind === 'range') return String.fromCodePoint(item.from + random.int(Math.min(item.to - item.from + 1, 50)));
    return { digit: '7', notDigit: 'q', space: ' ', notSpace: 'z', word: 'w', notWord: '.' }[item.category];
  };
  const expand = (node: RegexNode): void => {
    if (--budget < 0) return;
    switch (node.type) {
      case 'char':
        out += String.fromCodePoint(random.chance(0.1) ? node.code ^ 0x20 : node.code);
        return;
      case 'any':
        out += random.pick(['a', '.', '/', '\n', 'é']);
        return;
      case 'set':
        out += pickChar(node);
        return;
      case 'assertion':
        if (node.kind === 'lineEnd' && random.chance(0.2)) out += '\n';
        return;
      case 'repeat': {
        const top = node.max === null ? node.min + 3 : Math.min(node.max, node.min + 3);
        const count = node.min + random.int(top - node.min + 1);
        for (let i = 0; i < count && budget >= 0; i++) expand(node.body);
        return;
      }
      case 'alternation':
        expand(random.pick(node.branches));
        return;
      default:
        for (const child of children(node)) expand(child);
    }
  };
  expand(ast.body);
  return budget < 0 ? undefined : out;
}

function randomInput(random: SeededRandom, pattern: string): string {
  const alphabet = [...new Set([...Array.from(pattern).filter((c) => !'()[]{}*+?|^$\\'.includes(c)), 'a', '\n', ' '])];
  let out = '';
  const length = random.int(8);
  for (let i = 0; i < length; i++) out += random.pick(alphabet);
  return out;
}
