import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DRF_3_14, DRF_3_16, drfFieldRulesFor } from '../../common/profiles/drfFieldRules';
import { parseText } from '../../server/src/service/parsedDocument';
import { validate } from '../../server/src/service/validation';
import { applyEdits, diagnose, FLOW_EXPLICIT, service, summarize, VALID } from '../helpers/service';
import { LEGACY } from '../helpers/profiles';
import { noRules, rulesOn } from '../helpers/settings';

/** The quick fixes on the first diagnostic, each as [title, preferred, text after applying it]. */
function fixesOn(text: string, settings = noRules()): [string, boolean | undefined, string][] {
  const { document, diagnostics } = diagnose(text, { settings });
  assert.ok(diagnostics.length > 0, 'no diagnostic');
  return service(undefined, settings)
    .codeActions(document, diagnostics[0].range)
    .map((a) => [a.title, a.isPreferred, applyEdits(document, a.edit!.changes![document.uri])]);
}

const withName = (name: string) => VALID.replace('name: Grafana', `name: ${name}`);

describe('DRF: strings are trimmed before they are checked', () => {
  it('a name of only spaces is blank, with the server\'s words', () => {
    const { document, diagnostics } = diagnose(withName('"   "'));
    assert.deepEqual(summarize(document, diagnostics), ['empty-string@0:6-0:11 "\\"   \\""']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(diagnostics[0].message, '"name" holds only whitespace, which the server trims away: it refuses the value (This field may not be blank.).');
  });

  it('Python\'s whitespace counts: tabs, line breaks, no-break and ideographic spaces', () => {
    for (const blank of ['"\\t"', '"\\n \\r"', '"\\u00a0"', '"\\u3000\\u2028"', '"\\x1c"']) {
      const { diagnostics } = diagnose(withName(blank));
      assert.deepEqual(diagnostics.map((d) => d.code), ['empty-string'], blank);
    }
    // A zero-width space is not whitespace to Python: the name is kept.
    assert.deepEqual(diagnose(withName('"\\u200b"')).diagnostics, []);
  });

  it('a blank duration is blank too; a blank client_secret is allowed (blank=True)', () => {
    const { document, diagnostics } = diagnose(VALID.replace('access_token_validity: hours=1', 'access_token_validity: "  "'));
    assert.deepEqual(summarize(document, diagnostics), ['empty-string@8:23-8:27 "\\"  \\""']);
    assert.deepEqual(diagnose(VALID + 'client_secret: "  "\n').diagnostics, []);
  });

  it('a duration with spaces around it is valid: the server trims it first', () => {
    const settings = rulesOn('durations');
    for (const written of ['" minutes=5"', '"minutes=5 "', '"\\tminutes=5\\n"', '|\n  minutes=5\n']) {
      const { diagnostics } = diagnose(VALID.replace('access_token_validity: hours=1', `access_token_validity: ${written}`), { settings });
      assert.deepEqual(diagnostics, [], written);
    }
  });

  it('a part of a trimmed duration is still found where it is written', () => {
    const text = VALID.replace('access_token_validity: hours=1', 'access_token_validity: "  hours=1; minutes=2"');
    const { document, diagnostics } = diagnose(text, { settings: rulesOn('durations') });
    assert.deepEqual(summarize(document, diagnostics), ['duration-ignored-part@8:34-8:44 " minutes=2"']);
    assert.match(diagnostics[0].message, /^" minutes=2" is ignored by the server: the key " minutes" has spaces/);
  });

  it('a duration the server rejects is reported with its trimmed text, as the server words it', () => {
    const text = VALID.replace('access_token_validity: hours=1', 'access_token_validity: " hours "');
    const { document, diagnostics } = diagnose(text, { settings: rulesOn('durations') });
    assert.deepEqual(summarize(document, diagnostics), ['duration-invalid@8:25-8:30 "hours"']);
    assert.equal(diagnostics[0].message, `hours is not in the correct format of 'hours=3;minutes=1': "hours" is not of the form key=value.`);
  });

  it('the length limit counts what is left after trimming, in code points', () => {
    assert.deepEqual(diagnose(VALID + `client_id: "  ${'a'.repeat(255)}  "\n`).diagnostics, []);
    assert.deepEqual(diagnose(VALID + `client_id: ${'😀'.repeat(255)}\n`).diagnostics, []);
    const { document, diagnostics } = diagnose(VALID + `client_id: "  ${'a'.repeat(256)}  "\n`);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.character, d.range.end.character]), [['too-long', 11, 11 + 256 + 6]]);
    assert.equal(
      diagnostics[0].message,
      '"client_id" is 256 characters long once the server trims it; the server allows at most 255 (Ensure this field has no more than 255 characters.).',
    );
    assert.equal(summarize(document, diagnose(VALID + `client_id: ${'😀'.repeat(256)}\n`).diagnostics).length, 1);
  });
});

describe('DRF: characters CharField refuses', () => {
  it('a lone surrogate (an escape YAML allows) is an error with the server\'s words; a pair is a character', () => {
    const { document, diagnostics } = diagnose(withName('"Gra\\ud800fana"'));
    assert.deepEqual(summarize(document, diagnostics), ['surrogate-character@0:6-0:21 "\\"Gra\\\\ud800fana\\""']);
    assert.equal(diagnostics[0].message, '"name" contains a lone surrogate (U+D800), which is not a character: the server rejects it (Surrogate characters are not allowed: U+D800.).');
    assert.deepEqual(diagnose(withName('"\\udfff x"')).diagnostics.map((d) => d.code), ['surrogate-character']);
    assert.deepEqual(diagnose(withName('"Grafana \\ud83d\\ude00"')).diagnostics, []);
  });
});

describe('DRF: a number where a string is expected', () => {
  it('is a warning saying what the server stores, with a fix that quotes it', () => {
    const { document, diagnostics } = diagnose(withName('2024'));
    assert.deepEqual(summarize(document, diagnostics), ['string-from-number@0:6-0:10 "2024"']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.equal(diagnostics[0].message, '"name" is a number, which the server stores as the text "2024": quote it to write a string.');
    assert.deepEqual(fixesOn(withName('2024')), [['Quote as the string "2024"', true, withName('"2024"')]]);
  });

  it('names the text the server stores where it differs from what is written, and the fix keeps what is written', () => {
    const cases: [string, string][] = [
      ['1.50', '1.5'],
      ['1e3', '1000'],
      ['0x1F', '31'],
      ['0o17', '15'],
      ['0.00001', '1e-05'],
      ['1.5e16', '15000000000000000'],
      ['1e21', '1e+21'],
      ['-0.0', '0'],
      ['12345678901234567890', '12345678901234567000'],
    ];
    for (const [written, stored] of cases) {
      const { diagnostics } = diagnose(withName(written));
      assert.deepEqual(diagnostics.map((d) => d.code), ['string-from-number'], written);
      assert.equal(diagnostics[0].message, `"name" is a number, which the server stores as the text "${stored}", not "${written}" as written: quote it to keep it as written.`);
      assert.deepEqual(fixesOn(withName(written)), [[`Quote as the string "${written}"`, true, withName(`"${written}"`)]]);
    }
  });

  it('an alias to a number gets the warning but no fix (quoting would make a string of the alias)', () => {
    const text = `n: &n 7\n${withName('*n')}`;
    const { document, diagnostics } = diagnose(text);
    assert.deepEqual(summarize(document, diagnostics), ['string-from-number@1:6-1:8 "*n"']);
    assert.deepEqual(service().codeActions(document, diagnostics[0].range), []);
  });

  it('.inf and .nan cannot be sent as JSON: an error with a quote fix', () => {
    const { document, diagnostics } = diagnose(withName('.inf'));
    assert.deepEqual(summarize(document, diagnostics), ['wrong-type@0:6-0:10 ".inf"']);
    assert.equal(diagnostics[0].message, '"name" is .inf, which JSON cannot carry: it would be sent as null, which the server refuses (This field may not be null.). Quote it: ".inf".');
    assert.deepEqual(fixesOn(withName('.NaN')).map(([title]) => title), ['Quote as the string ".NaN"']);
  });

  it('true and false stay errors (CharField refuses a bool)', () => {
    const { document, diagnostics } = diagnose(withName('false'));
    assert.deepEqual(summarize(document, diagnostics), ['wrong-type@0:6-0:11 "false"']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
  });

  it('null is refused where the field is not nullable', () => {
    const { document, diagnostics } = diagnose(withName('null'));
    assert.deepEqual(summarize(document, diagnostics), ['not-nullable@0:6-0:10 "null"']);
  });

  it('a choice is looked up by str(value), untrimmed: a number, a bool, a padded word are invalid choices', () => {
    const cases: [string, string][] = [['5', '"5" is not a valid choice'], ['true', '"True" is not a valid choice'], ['" public"', '" public" is not a valid choice']];
    for (const [written, start] of cases) {
      const { diagnostics } = diagnose(VALID.replace('client_type: confidential', `client_type: ${written}`));
      assert.deepEqual(diagnostics.map((d) => d.code), ['invalid-enum'], written);
      assert.ok(diagnostics[0].message.startsWith(`${start} for "client_type".`), diagnostics[0].message);
    }
  });

  it('a number as a duration is its text, which no duration is', () => {
    const text = VALID.replace('access_token_validity: hours=1', 'access_token_validity: 5');
    const { document, diagnostics } = diagnose(text, { settings: rulesOn('durations') });
    assert.deepEqual(summarize(document, diagnostics), ['string-from-number@8:23-8:24 "5"', 'duration-invalid@8:23-8:24 "5"']);
    assert.equal(diagnostics[1].message, `5 is not in the correct format of 'hours=3;minutes=1': "5" is not of the form key=value.`);
  });
});

describe('DRF: the words and numbers BooleanField takes', () => {
  const withClaims = (value: string) => VALID + `include_claims_in_id_token: ${value}\n`;
  const TRUE_WORDS = ['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1'];
  const FALSE_WORDS = ['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0'];

  it('every word of DRF 3.14 is a warning with a fix to true or false', () => {
    for (const [words, meaning] of [[TRUE_WORDS, 'true'], [FALSE_WORDS, 'false']] as const) {
      for (const word of words) {
        const text = withClaims(JSON.stringify(word));
        const { document, diagnostics } = diagnose(text);
        assert.deepEqual(summarize(document, diagnostics), [`boolean-word@9:28-9:${28 + word.length + 2} ${JSON.stringify(JSON.stringify(word))}`], word);
        assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
        assert.equal(diagnostics[0].message, `The server reads "${word}" in "include_claims_in_id_token" as ${meaning}: write ${meaning}.`);
        assert.deepEqual(fixesOn(text), [[`Change to ${meaning}`, true, withClaims(meaning)]], word);
      }
    }
  });

  it('plain yes, on, off (strings in YAML 1.2) and the numbers 1, 0, 1.0, 0.0', () => {
    const cases: [string, string][] = [['yes', 'true'], ['on', 'true'], ['off', 'false'], ['n', 'false'], ['1', 'true'], ['0', 'false'], ['1.0', 'true'], ['0.0', 'false']];
    for (const [written, meaning] of cases) {
      const { document, diagnostics } = diagnose(withClaims(written));
      assert.deepEqual(summarize(document, diagnostics), [`boolean-word@9:28-9:${28 + written.length} "${written}"`], written);
      const shown = /^\d/.test(written) ? written : `"${written}"`;
      assert.equal(diagnostics[0].message, `The server reads ${shown} in "include_claims_in_id_token" as ${meaning}: write ${meaning}.`);
    }
  });

  it('YAML booleans need nothing', () => {
    for (const written of ['true', 'True', 'FALSE']) assert.deepEqual(diagnose(withClaims(written)).diagnostics, [], written);
  });

  it('what BooleanField refuses stays an error, with DRF\'s message', () => {
    const cases: [string, string][] = [
      ['yes please', '"yes please"'],
      ['"yes "', '"yes "'],
      ['2', '2'],
      ['"1.0"', '"1.0"'],
      ['[yes]', 'a list'],
      ['{a: 1}', 'a mapping'],
    ];
    for (const [written, shown] of cases) {
      const { document, diagnostics } = diagnose(withClaims(written));
      assert.deepEqual(summarize(document, diagnostics), [`wrong-type@9:28-9:${28 + written.length} ${JSON.stringify(written)}`], written);
      assert.equal(diagnostics[0].message, `"include_claims_in_id_token" must be true or false, not ${shown} (Must be a valid boolean.).`);
    }
  });

  it('a word in another letter case: an error for DRF 3.14, a warning for DRF 3.16 (authentik 2025.4 on)', () => {
    const text = withClaims('tRuE');
    const older = validate(parseText(text, { maxFileSize: 1 << 20 }), { rules: noRules().rules, maxFileSize: 1 << 20, drf: DRF_3_14, profile: LEGACY });
    assert.deepEqual(older.map((f) => [f.code, f.message]), [
      ['wrong-type', '"include_claims_in_id_token" must be true or false, not "tRuE" (Must be a valid boolean.). Servers from authentik 2025.4.0 on read it in any letter case; earlier ones do not. Write true.'],
    ]);
    const newer = validate(parseText(text, { maxFileSize: 1 << 20 }), { rules: noRules().rules, maxFileSize: 1 << 20, drf: DRF_3_16, profile: LEGACY });
    assert.deepEqual(newer.map((f) => [f.code, f.severity, f.message, f.data?.suggestion]), [
      ['boolean-word', 'warning', 'The server reads "tRuE" in "include_claims_in_id_token" as true: write true.', 'true'],
    ]);
    assert.deepEqual(diagnose(withClaims('oFf')).diagnostics.map((d) => d.code), ['wrong-type']);
  });

  it('which rules a range of releases follows', () => {
    assert.equal(drfFieldRulesFor('2024.8.4'), DRF_3_14);
    assert.equal(drfFieldRulesFor('2025.2.4'), DRF_3_14);
    assert.equal(drfFieldRulesFor('2025.4.0-rc1'), DRF_3_16);
    assert.equal(drfFieldRulesFor('2025.4.0'), DRF_3_16);
    assert.equal(drfFieldRulesFor('2026.2.2'), DRF_3_16);
  });
});

describe('DRF: the UUID forms a reference takes', () => {
  const CANONICAL = FLOW_EXPLICIT;
  const withFlow = (value: string) => VALID.replace(`authorization_flow: ${FLOW_EXPLICIT}`, `authorization_flow: ${value}`);

  it('upper case, no dashes, braces, urn:uuid: and mixes: a warning with a fix to the canonical form', () => {
    const forms = [
      CANONICAL.toUpperCase(),
      CANONICAL.replace(/-/g, ''),
      `"{${CANONICAL}}"`,
      `urn:uuid:${CANONICAL}`,
      `"{urn:uuid:${CANONICAL.replace(/-/g, '').toUpperCase()}}"`,
      `8f3b-0c7e-6a44-4b1e-9a5e-1f2d-3c4b-5a60`,
    ];
    for (const form of forms) {
      const text = withFlow(form);
      const { document, diagnostics } = diagnose(text);
      assert.deepEqual(summarize(document, diagnostics), [`uuid-not-canonical@1:20-1:${20 + form.length} ${JSON.stringify(form)}`], form);
      assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
      const unquoted = form.replace(/^"|"$/g, '');
      assert.equal(diagnostics[0].message, `The server reads "${unquoted}" in "authorization_flow" as the UUID ${CANONICAL}: write it that way.`);
      assert.deepEqual(fixesOn(text), [[`Change to ${CANONICAL}`, true, VALID]], form);
    }
  });

  it('what Python\'s uuid.UUID(hex=...) refuses is an error', () => {
    const refused = [
      'not-a-uuid',
      `URN:UUID:${CANONICAL}`, // only lower-case prefixes are dropped
      CANONICAL.slice(0, -1),
      `${CANONICAL}0`,
      `"${CANONICAL} x"`,
      `g${CANONICAL.slice(1)}`,
    ];
    for (const form of refused) {
      const { diagnostics } = diagnose(withFlow(form));
      assert.deepEqual(diagnostics.map((d) => d.code), ['invalid-uuid'], form);
      assert.equal(diagnostics[0].message, `"${form.replace(/^"|"$/g, '')}" is not a valid UUID (in "authorization_flow").`);
    }
  });

  it('a list item in another form is reported on that item', () => {
    const text = VALID.replace('  - a1b2c3d4-0000-4000-8000-000000000002', '  - A1B2C3D4000040008000000000000002');
    const { document, diagnostics } = diagnose(text);
    assert.deepEqual(summarize(document, diagnostics), ['uuid-not-canonical@7:4-7:36 "A1B2C3D4000040008000000000000002"']);
    assert.match(diagnostics[0].message, /^The server reads "A1B2C3D4000040008000000000000002" in "property_mappings\[1\]" as the UUID a1b2c3d4-0000-4000-8000-000000000002/);
    assert.deepEqual(fixesOn(text), [['Change to a1b2c3d4-0000-4000-8000-000000000002', true, VALID]]);
  });

  it('an integer is read with uuid.UUID(int=...): a warning; a float is an error', () => {
    const { document, diagnostics } = diagnose(VALID + 'signing_key: 5\n');
    assert.deepEqual(summarize(document, diagnostics), ['uuid-not-canonical@9:13-9:14 "5"']);
    assert.equal(diagnostics[0].message, 'The server reads the number 5 in "signing_key" as the UUID 00000000-0000-0000-0000-000000000005: write it that way.');
    const float = diagnose(VALID + 'signing_key: 1.5\n').diagnostics;
    assert.deepEqual(float.map((d) => [d.code, d.message]), [['invalid-uuid', '"signing_key" is the number 1.5, which the server does not read as a UUID (“1.5” is not a valid UUID.).']]);
  });

  it('32 digits without dashes are a number in YAML, too large for an exact int: an error with a fix to the UUID meant', () => {
    const digits = '11111111222243338444555555555555';
    const text = withFlow(digits);
    const { document, diagnostics } = diagnose(text);
    assert.deepEqual(summarize(document, diagnostics), [`invalid-uuid@1:20-1:52 "${digits}"`]);
    assert.equal(
      diagnostics[0].message,
      `"authorization_flow" is the number ${digits}, which the server does not read as a UUID (“1.111111122224334e+31” is not a valid UUID.). Write it as the UUID 11111111-2222-4333-8444-555555555555.`,
    );
    assert.deepEqual(fixesOn(text), [['Change to 11111111-2222-4333-8444-555555555555', true, withFlow('11111111-2222-4333-8444-555555555555')]]);
  });

  it('"" for a nullable reference means null: a warning with a fix to null', () => {
    const text = VALID + 'signing_key: ""\n';
    const { document, diagnostics } = diagnose(text);
    assert.deepEqual(summarize(document, diagnostics), ['reference-blank@9:13-9:15 "\\"\\""']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.equal(diagnostics[0].message, '"" in "signing_key" means null to the server: write null.');
    assert.deepEqual(fixesOn(text), [['Change to null', true, VALID + 'signing_key: null\n']]);
  });

  it('"" where null is not allowed is the server\'s null error; in a list it is no UUID', () => {
    const { document, diagnostics } = diagnose(withFlow('""'));
    assert.deepEqual(summarize(document, diagnostics), ['not-nullable@1:20-1:22 "\\"\\""']);
    assert.equal(diagnostics[0].message, '"authorization_flow" is "", which the server reads as null, and it may not be null (This field may not be null.).');
    const inList = diagnose(VALID.replace('  - a1b2c3d4-0000-4000-8000-000000000002', '  - ""')).diagnostics;
    assert.deepEqual(inList.map((d) => [d.code, d.message]), [['invalid-uuid', '"" is not a valid UUID (in "property_mappings[1]").']]);
    // Only exactly "": spaces are looked up, and are no UUID.
    assert.deepEqual(diagnose(VALID + 'signing_key: " "\n').diagnostics.map((d) => d.code), ['invalid-uuid']);
  });

  it('a boolean is the relation field\'s type error', () => {
    const { document, diagnostics } = diagnose(VALID + 'signing_key: true\n');
    assert.deepEqual(summarize(document, diagnostics), ['wrong-type@9:13-9:17 "true"']);
    assert.equal(diagnostics[0].message, '"signing_key" must be a UUID, not a boolean (Incorrect type. Expected pk value, received bool.).');
  });
});
