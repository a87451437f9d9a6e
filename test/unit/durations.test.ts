import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeDuration } from '../../server/src/service/rules/duration';
import { applyEdits, diagnose, documentWithCursor, service, summarize, VALID } from '../helpers/service';
import { noRules, rulesOn } from '../helpers/settings';

/** The rule under test, and nothing else. */
const SETTINGS = rulesOn('durations');

/** VALID with its access_token_validity line replaced by `line`. */
function withValidity(line: string): string {
  assert.ok(VALID.includes('access_token_validity: hours=1\n'), 'the fixture must contain the duration line');
  return VALID.replace('access_token_validity: hours=1', line);
}

/** The only diagnostic of VALID with `line`, also as `code@range "covered"`. */
function only(line: string) {
  const { document, diagnostics } = diagnose(withValidity(line), { settings: SETTINGS });
  assert.equal(diagnostics.length, 1, summarize(document, diagnostics).join('\n'));
  return { document, diagnostic: diagnostics[0], summary: summarize(document, diagnostics)[0] };
}

/** Applies every quick fix offered for the diagnostic and returns the resulting texts by title. */
function applyFixes(line: string): Record<string, string> {
  const { document, diagnostic } = only(line);
  const result: Record<string, string> = {};
  for (const action of service(undefined, SETTINGS).codeActions(document, diagnostic.range)) {
    result[action.title] = applyEdits(document, action.edit!.changes![document.uri]);
  }
  return result;
}

const SERVER_FORMAT = (value: string) => `${value} is not in the correct format of 'hours=3;minutes=1'`;

describe('durations: analyzeDuration follows authentik’s parser', () => {
  it('accepts a part with a space but ignores it: "hours=1; minutes=2" is one hour', () => {
    const verdict = analyzeDuration('hours=1; minutes=2');
    assert.equal(verdict.kind, 'accepted');
    if (verdict.kind !== 'accepted') return;
    assert.equal(verdict.totalSeconds, 3600);
    assert.deepEqual(
      verdict.parts.map((p) => [p.text, p.status]),
      [
        ['hours=1', 'used'],
        [' minutes=2', 'unknown-key'],
      ],
    );
  });

  it('skips unknown keys as long as one valid key remains', () => {
    const verdict = analyzeDuration('foo=1;hours=1');
    assert.equal(verdict.kind, 'accepted');
    if (verdict.kind !== 'accepted') return;
    assert.equal(verdict.totalSeconds, 3600);
    assert.deepEqual(verdict.parts.map((p) => [p.text, p.status]), [
      ['foo=1', 'unknown-key'],
      ['hours=1', 'used'],
    ]);
  });

  it('does not parse the value of an unknown key (the server skips it before float())', () => {
    assert.equal(analyzeDuration('foo=abc;hours=1').kind, 'accepted');
  });

  for (const value of ['foo=1', 'hours', 'hours=1;', 'hours=abc', 'hours=nan', 'hours=1=2', ';hours=1', 'hours=1__0', 'hours=_1', 'hours=1_', 'hours=1;minutes=abc']) {
    it(`rejects ${JSON.stringify(value)}`, () => {
      assert.equal(analyzeDuration(value).kind, 'rejected');
    });
  }

  for (const value of ['hours=inf', 'hours=-Infinity', 'days=1e10', 'weeks=2e8', 'days=-1e9']) {
    it(`predicts an HTTP 500 for ${JSON.stringify(value)}`, () => {
      assert.equal(analyzeDuration(value).kind, 'crash');
    });
  }

  const accepted: [string, number][] = [
    ['HOURS=1', 3600],
    ['Hours=1;MINUTES=30', 5400],
    ['hours=1_000', 3_600_000],
    ['hours= 1 ', 3600],
    ['seconds=1.5', 1.5],
    ['minutes=.5', 30],
    ['hours=+1e1', 36000],
    ['milliseconds=1500;microseconds=500000', 2],
    ['weeks=1', 604800],
    ['hours=-1', -3600],
    ['hours=0', 0],
  ];
  for (const [value, seconds] of accepted) {
    it(`accepts ${JSON.stringify(value)} as ${seconds} s`, () => {
      const verdict = analyzeDuration(value);
      assert.equal(verdict.kind, 'accepted');
      if (verdict.kind === 'accepted') assert.equal(verdict.totalSeconds, seconds);
    });
  }

  it('a repeated key: the last one wins, the earlier one is marked overridden', () => {
    const verdict = analyzeDuration('hours=1;HOURS=2');
    assert.equal(verdict.kind, 'accepted');
    if (verdict.kind !== 'accepted') return;
    assert.equal(verdict.totalSeconds, 7200);
    assert.deepEqual(verdict.parts.map((p) => p.status), ['overridden', 'used']);
  });

  it('a value later overridden never reaches timedelta, even one that would crash or be rejected', () => {
    // The server collects the values in a dict first, so "hours=inf;hours=1" is plain 1 hour.
    for (const value of ['hours=inf;hours=1', 'hours=nan;hours=1', 'days=1e10;days=1']) {
      const verdict = analyzeDuration(value);
      assert.equal(verdict.kind, 'accepted', value);
      if (verdict.kind === 'accepted') assert.equal(verdict.totalSeconds, value.startsWith('days') ? 86400 : 3600, value);
    }
  });
});

describe('durations: diagnostics a user sees', () => {
  it('"hours=1; minutes=2": a warning on exactly " minutes=2" that says it means 1 hour', () => {
    const { diagnostic, summary } = only('access_token_validity: hours=1; minutes=2');
    assert.equal(summary, 'duration-ignored-part@8:31-8:41 " minutes=2"');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.equal(
      diagnostic.message,
      '" minutes=2" is ignored by the server: the key " minutes" has spaces, so it is not a unit. This duration means 1 hour. Remove the spaces.',
    );
  });

  it('its quick fix normalizes the whole value to "hours=1;minutes=2"', () => {
    const fixes = applyFixes('access_token_validity: hours=1; minutes=2');
    assert.deepEqual(Object.keys(fixes), ['Change to "hours=1;minutes=2"']);
    assert.equal(fixes['Change to "hours=1;minutes=2"'], withValidity('access_token_validity: hours=1;minutes=2'));
  });

  it('ranges and quick fixes in single- and double-quoted scalars keep the quotes', () => {
    const single = only("access_token_validity: 'hours=1; minutes=2'");
    assert.equal(single.summary, 'duration-ignored-part@8:32-8:42 " minutes=2"');
    assert.equal(
      applyFixes("access_token_validity: 'hours=1; minutes=2'")['Change to "hours=1;minutes=2"'],
      withValidity("access_token_validity: 'hours=1;minutes=2'"),
    );
    const double = only('access_token_validity: "hours=1; minutes=2"');
    assert.equal(double.summary, 'duration-ignored-part@8:32-8:42 " minutes=2"');
    assert.equal(
      applyFixes('access_token_validity: "hours=1; minutes=2"')['Change to "hours=1;minutes=2"'],
      withValidity('access_token_validity: "hours=1;minutes=2"'),
    );
  });

  it('a double-quoted value spelled with escapes falls back to the whole scalar', () => {
    const { summary } = only('access_token_validity: "hours=1;\\x20minutes=2"');
    assert.equal(summary, 'duration-ignored-part@8:23-8:46 "\\"hours=1;\\\\x20minutes=2\\""');
  });

  it('"foo=1;hours=1": a warning on exactly "foo=1", with the units', () => {
    const { diagnostic, summary } = only('access_token_validity: foo=1;hours=1');
    assert.equal(summary, 'duration-ignored-part@8:23-8:28 "foo=1"');
    assert.equal(
      diagnostic.message,
      '"foo=1" is ignored by the server: "foo" is not a unit (microseconds, milliseconds, seconds, minutes, hours, days, weeks). This duration means 1 hour.',
    );
    // Nothing to normalize: no quick fix that would pretend to know what was meant.
    assert.deepEqual(applyFixes('access_token_validity: foo=1;hours=1'), {});
  });

  const rejected: [string, string, string][] = [
    ['foo=1', 'foo=1', 'no valid unit (microseconds, milliseconds, seconds, minutes, hours, days, weeks)'],
    ['hours', 'hours', '"hours" is not of the form key=value'],
    ['hours=1;', 'hours=1;', 'an empty part (a stray ";")'],
    ['hours=abc', 'hours=abc', '"abc" is not a number'],
    ['hours=nan', 'hours=nan', '"nan" is not a number'],
    ['hours=1;minutes=abc', 'minutes=abc', '"abc" is not a number'],
  ];
  for (const [value, covered, reason] of rejected) {
    it(`${JSON.stringify(value)} is an error with the server's text, on ${JSON.stringify(covered)}`, () => {
      const { diagnostic, document } = only(`access_token_validity: ${value}`);
      assert.equal(diagnostic.code, 'duration-invalid');
      assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
      assert.ok(diagnostic.message.startsWith(SERVER_FORMAT(value)), diagnostic.message);
      assert.equal(diagnostic.message, `${SERVER_FORMAT(value)}: ${reason}.`);
      assert.equal(document.getText(diagnostic.range), covered);
      assert.equal(diagnostic.range.start.line, 8);
    });
  }

  it('"hours=inf" and "days=1e10" are errors: the server would answer HTTP 500', () => {
    const inf = only('access_token_validity: hours=inf');
    assert.equal(inf.summary, 'duration-crash@8:23-8:32 "hours=inf"');
    assert.equal(inf.diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal(inf.diagnostic.message, 'The server would fail with HTTP 500 on "hours=inf": "hours=inf" is infinite.');
    const huge = only('access_token_validity: days=1e10');
    assert.equal(huge.summary, 'duration-crash@8:23-8:32 "days=1e10"');
    assert.equal(huge.diagnostic.message, 'The server would fail with HTTP 500 on "days=1e10": the duration is longer than 999999999 days.');
  });

  for (const line of ['access_token_validity: HOURS=1', 'access_token_validity: Days=1;Hours=2', 'access_token_validity: hours=1_000', 'access_token_validity: "hours= 1 "', "access_token_validity: 'minutes= 30'"]) {
    it(`accepts ${line.slice('access_token_validity: '.length)} without a word`, () => {
      assert.deepEqual(diagnose(withValidity(line), { settings: SETTINGS }).diagnostics, []);
    });
  }

  it('negative and zero durations are warned on the whole value', () => {
    const negative = only('access_token_validity: hours=-1');
    assert.equal(negative.summary, 'duration-negative@8:23-8:31 "hours=-1"');
    assert.equal(negative.diagnostic.severity, DiagnosticSeverity.Warning);
    assert.equal(negative.diagnostic.message, '"hours=-1" is negative (-1 hour): anything it governs expires at once.');
    const zero = only("access_token_validity: 'hours=0'");
    assert.equal(zero.summary, 'duration-negative@8:24-8:31 "hours=0"');
    assert.equal(zero.diagnostic.message, '"hours=0" is zero (0 seconds): anything it governs expires at once.');
  });

  it('a repeated key is warned on the part that is overridden', () => {
    const { diagnostic, summary } = only('access_token_validity: hours=1;minutes=5;Hours=2');
    assert.equal(summary, 'duration-ignored-part@8:23-8:30 "hours=1"');
    assert.equal(diagnostic.message, '"hours=1" is ignored: "hours" is set again later. This duration means 2 hours 5 minutes.');
  });

  it('checks all three validity fields', () => {
    const text = VALID + 'access_code_validity: minutes=1; seconds=30\nrefresh_token_validity: days\n';
    const { document, diagnostics } = diagnose(text, { settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [
      'duration-ignored-part@9:32-9:43 " seconds=30"',
      'duration-invalid@10:24-10:28 "days"',
    ]);
  });

  it('rules.durations: false switches the checks off', () => {
    const settings = noRules();
    for (const line of ['access_token_validity: hours=1; minutes=2', 'access_token_validity: hours=abc', 'access_token_validity: hours=inf', 'access_token_validity: hours=-1']) {
      assert.deepEqual(diagnose(withValidity(line), { settings }).diagnostics, [], line);
    }
  });
});

describe('durations: hover explains what the server makes of it', () => {
  function hoverText(line: string): string | undefined {
    const { document, position } = documentWithCursor(VALID.replace('access_token_validity: hours=1', line));
    const result = service(undefined, SETTINGS).hover(document, position);
    return result ? (result.contents as { value: string }).value : undefined;
  }

  it('"hours=1; minutes=2" = 1 hour', () => {
    const text = hoverText('access_token_validity: hou$0rs=1; minutes=2');
    assert.ok(text?.startsWith('`hours=1; minutes=2` = **1 hour**\n\n---\n\n**access_token_validity**'), text);
  });

  it('a longer duration spelled out in days, hours, minutes and seconds', () => {
    const text = hoverText('access_token_validity: "days=1;hours=2;minutes=3;seconds=4.5$0"');
    assert.ok(text?.startsWith('`days=1;hours=2;minutes=3;seconds=4.5` = **1 day 2 hours 3 minutes 4.5 seconds**'), text);
  });

  it('a rejected duration gets the field’s documentation but no meaning', () => {
    const text = hoverText('access_token_validity: hours=ab$0c');
    assert.ok(text?.startsWith('**access_token_validity** · optional · duration string'), text);
    assert.doesNotMatch(text ?? '', / = \*\*/);
  });
});
