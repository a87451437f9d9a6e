import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { byCode, diagnose, summarize, VALID, FLOW_EXPLICIT } from '../helpers/service';
import { noRules, rulesOn, SettingsBuilder } from '../helpers/settings';

describe('validation: a valid provider', () => {
  it('reports nothing on a complete, valid file', () => {
    const { diagnostics } = diagnose(VALID);
    assert.deepEqual(diagnostics, []);
  });
  it('every diagnostic has source, stable code and data', () => {
    const { diagnostics } = diagnose('name: x\nclient_type: secret\n');
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) {
      assert.equal(d.source, 'authentik');
      assert.equal(typeof d.code, 'string');
      assert.equal((d.data as { code: string }).code, d.code);
    }
  });
});

describe('validation: YAML structure', () => {
  it('puts a syntax error at its position, within one line', () => {
    const { document, diagnostics } = diagnose(`name: x\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: [a, b\n`);
    const syntax = byCode(diagnostics, 'yaml-syntax');
    assert.ok(syntax.length >= 1, JSON.stringify(diagnostics));
    for (const d of syntax) {
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.equal(d.range.start.line, d.range.end.line);
    }
    assert.ok(syntax.some((d) => d.range.start.line >= 2), summarize(document, syntax).join('\n'));
    // Absence findings are held back while the YAML is broken.
    assert.deepEqual(byCode(diagnostics, 'missing-required'), []);
  });

  it('reports a duplicate key on the second occurrence, with the first as related information', () => {
    const { document, diagnostics } = diagnose(`name: a\nauthorization_flow: ${FLOW_EXPLICIT}\nname: b\nredirect_uris: https://a\\.b/c\n`);
    assert.deepEqual(summarize(document, byCode(diagnostics, 'duplicate-key')), ['duplicate-key@2:0-2:4 "name"']);
    const related = byCode(diagnostics, 'duplicate-key')[0].relatedInformation!;
    assert.equal(related[0].location.range.start.line, 0);
    assert.equal(related[0].location.uri, document.uri);
    assert.match(related[0].message, /first set here/);
  });

  it('says a list document is not a mapping', () => {
    const { document, diagnostics } = diagnose('- name: a\n- name: b\n');
    assert.deepEqual(summarize(document, diagnostics), ['not-a-mapping@0:0-0:9 "- name: a"']);
    assert.match(diagnostics[0].message, /found a list/);
  });

  it('says a scalar document is not a mapping', () => {
    const { diagnostics } = diagnose('just text\n');
    assert.deepEqual(diagnostics.map((d) => d.code), ['not-a-mapping']);
  });

  it('reports a second YAML document at its start', () => {
    const { document, diagnostics } = diagnose(`name: a\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: https://a\\.b/c\n---\nname: b\n`);
    assert.deepEqual(summarize(document, byCode(diagnostics, 'multiple-documents')), ['multiple-documents@3:0-3:3 "---"']);
  });

  it('ignores a trailing empty document marker', () => {
    const { diagnostics } = diagnose(VALID + '---\n');
    assert.deepEqual(byCode(diagnostics, 'multiple-documents'), []);
  });

  it('an empty file is missing both required keys, on the first line', () => {
    const { diagnostics } = diagnose('');
    assert.deepEqual(byCode(diagnostics, 'missing-required').map((d) => d.data), [
      { code: 'missing-required', key: 'name' },
      { code: 'missing-required', key: 'authorization_flow' },
    ]);
  });

  it('stops an alias bomb with a clear error', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const { diagnostics } = diagnose(bomb.join('\n') + '\n');
    assert.deepEqual(byCode(diagnostics, 'alias-limit').length, 1);
    assert.match(byCode(diagnostics, 'alias-limit')[0].message, /alias/i);
  });
});

describe('validation: schema errors on the exact node', () => {
  it('missing required keys are reported on the mapping’s first line, naming the key', () => {
    const { document, diagnostics } = diagnose('client_type: public\nredirect_uris: https://a\\.b/c\n');
    assert.deepEqual(summarize(document, byCode(diagnostics, 'missing-required')), [
      'missing-required@0:0-0:19 "client_type: public"',
      'missing-required@0:0-0:19 "client_type: public"',
    ]);
    assert.match(diagnostics[0].message, /^Missing required key "name"/);
    assert.match(diagnostics[1].message, /^Missing required key "authorization_flow": Flow used when authorizing this provider\./);
  });

  it('an enum typo is on the value, with a did-you-mean', () => {
    const { document, diagnostics } = diagnose(VALID.replace('client_type: confidential', 'client_type: confidental'));
    assert.deepEqual(summarize(document, diagnostics), ['invalid-enum@2:13-2:24 "confidental"']);
    assert.equal(
      diagnostics[0].message,
      '"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.',
    );
    assert.equal((diagnostics[0].data as { suggestion: string }).suggestion, 'confidential');
  });

  it('an enum value with no close match lists the choices without a suggestion', () => {
    const { diagnostics } = diagnose(VALID + 'sub_mode: banana\n');
    assert.equal(diagnostics[0].message, '"banana" is not a valid choice for "sub_mode". Valid choices: hashed_user_id, user_id, user_uuid, user_username, user_email, user_upn.');
  });

  it('a number for a choice is looked up by its text, as the server does: an invalid choice', () => {
    const { document, diagnostics } = diagnose(VALID + 'issuer_mode: 5\n');
    assert.deepEqual(summarize(document, diagnostics), ['invalid-enum@9:13-9:14 "5"']);
    assert.equal(diagnostics[0].message, '"5" is not a valid choice for "issuer_mode". Valid choices: global, per_provider.');
  });

  it('a string where a boolean is expected that the server does not read as one', () => {
    const { document, diagnostics } = diagnose(VALID + 'include_claims_in_id_token: maybe\n');
    assert.deepEqual(summarize(document, diagnostics), ['wrong-type@9:28-9:33 "maybe"']);
    assert.equal(diagnostics[0].message, '"include_claims_in_id_token" must be true or false, not "maybe" (Must be a valid boolean.).');
  });

  it('a string where a list is expected', () => {
    const { document, diagnostics } = diagnose(VALID.replace(/property_mappings:\n(  - .*\n)+/, 'property_mappings: abc\n'));
    assert.deepEqual(summarize(document, diagnostics), ['wrong-type@5:19-5:22 "abc"']);
    assert.match(diagnostics[0].message, /must be a list, not a string/);
  });

  it('an empty name is blank', () => {
    const { document, diagnostics } = diagnose(VALID.replace('name: Grafana', 'name: ""'));
    assert.deepEqual(summarize(document, diagnostics), ['empty-string@0:6-0:8 "\\"\\""']);
    assert.equal(diagnostics[0].message, '"name" may not be blank: the server refuses it (This field may not be blank.).');
  });

  it('null where not nullable is on the key when there is no value text', () => {
    const { document, diagnostics } = diagnose(VALID.replace(`authorization_flow: ${FLOW_EXPLICIT}`, 'authorization_flow:'));
    assert.deepEqual(summarize(document, diagnostics), ['not-nullable@1:0-1:18 "authorization_flow"']);
  });

  it('null is allowed where the schema says nullable', () => {
    const { diagnostics } = diagnose(VALID + 'signing_key: null\nauthentication_flow: ~\n');
    assert.deepEqual(diagnostics, []);
  });

  it('an over-long client_id and client_secret', () => {
    const { document, diagnostics } = diagnose(VALID + `client_id: ${'a'.repeat(256)}\nclient_secret: ${'b'.repeat(300)}\n`);
    assert.deepEqual(diagnostics.map((d) => d.code), ['too-long', 'too-long']);
    assert.equal(diagnostics[0].message, '"client_id" is 256 characters long; the server allows at most 255 (Ensure this field has no more than 255 characters.).');
    assert.equal(diagnostics[1].message, '"client_secret" is 300 characters long; the server allows at most 255 (Ensure this field has no more than 255 characters.).');
    assert.equal(diagnostics[0].range.start.character, 11);
    assert.equal(diagnostics[0].range.end.character, 11 + 256);
    assert.equal(document.getText(diagnostics[1].range).length, 300);
  });

  it('a malformed UUID, including inside a list, is on that item', () => {
    const { document, diagnostics } = diagnose(VALID.replace(`  - a1b2c3d4-0000-4000-8000-000000000002`, '  - abc'));
    assert.deepEqual(summarize(document, diagnostics), ['invalid-uuid@7:4-7:7 "abc"']);
    assert.equal(diagnostics[0].message, '"abc" is not a valid UUID (in "property_mappings[1]").');
  });
});

describe('validation: unknown and read-only keys', () => {
  it('an unknown key is a warning with a did-you-mean, faded as unnecessary', () => {
    const { document, diagnostics } = diagnose(VALID.replace('redirect_uris:', 'redirect_uri:'), { settings: rulesOn('unknownKeys') });
    const unknown = byCode(diagnostics, 'unknown-key');
    assert.deepEqual(summarize(document, unknown), ['unknown-key@3:0-3:12 "redirect_uri"']);
    assert.equal(unknown[0].severity, DiagnosticSeverity.Warning);
    assert.equal(unknown[0].message, 'Unknown key "redirect_uri": the server silently ignores it. Did you mean "redirect_uris"?');
    assert.deepEqual(unknown[0].tags, [DiagnosticTag.Unnecessary]);
  });

  it('read-only response fields are warnings', () => {
    const { document, diagnostics } = diagnose(VALID + 'pk: 3\nverbose_name: x\nassigned_application_slug: y\n', { settings: rulesOn('readOnlyKeys') });
    assert.deepEqual(summarize(document, diagnostics), [
      'read-only-key@9:0-9:2 "pk"',
      'read-only-key@10:0-10:12 "verbose_name"',
      'read-only-key@11:0-11:25 "assigned_application_slug"',
    ]);
    assert.equal(diagnostics[0].message, '"pk" is a read-only response field: the server ignores it in a request.');
  });

  it('rules can be switched off one by one', () => {
    const text = VALID + 'pk: 3\nfoo: 1\n';
    const codes = (settings = noRules()) => diagnose(text, { settings }).diagnostics.map((d) => d.code);
    assert.deepEqual(codes(rulesOn('unknownKeys', 'readOnlyKeys')), ['read-only-key', 'unknown-key']);
    assert.deepEqual(codes(rulesOn('unknownKeys')), ['unknown-key']);
    assert.deepEqual(codes(rulesOn('readOnlyKeys')), ['read-only-key']);
    assert.deepEqual(codes(noRules()), []);
  });
});

describe('validation: positions with CRLF, tabs, BOM and non-ASCII text', () => {
  it('CRLF line endings', () => {
    const { document, diagnostics } = diagnose(VALID.replace(/\n/g, '\r\n').replace('client_type: confidential', 'client_type: publik'));
    assert.deepEqual(summarize(document, diagnostics), ['invalid-enum@2:13-2:19 "publik"']);
  });

  it('a BOM does not shift columns of the first line', () => {
    const { document, diagnostics } = diagnose('\uFEFFname: true\nauthorization_flow: ' + FLOW_EXPLICIT + '\nredirect_uris: https://a\\.b/c\n');
    assert.deepEqual(summarize(document, diagnostics), ['wrong-type@0:7-0:11 "true"']);
  });

  it('non-ASCII text before a value (UTF-16 columns)', () => {
    const { document, diagnostics } = diagnose('name: "Grafana 🚀 Ünïcode"\nauthorization_flow: ' + FLOW_EXPLICIT + '\nredirect_uris: https://a\\.b/c\nclient_type: "😀"\n');
    assert.deepEqual(summarize(document, diagnostics), ['invalid-enum@3:13-3:17 "\\"😀\\""']);
  });

  it('a tab used for indentation is a syntax error on that line', () => {
    const { diagnostics } = diagnose(`name: a\nauthorization_flow: ${FLOW_EXPLICIT}\nproperty_mappings:\n\t- x\n`);
    const syntax = byCode(diagnostics, 'yaml-syntax');
    assert.ok(syntax.length > 0);
    assert.equal(syntax[0].range.start.line, 3);
  });
});

describe('validation: size limit', () => {
  it('a file over the limit gets one clear error and no parse', () => {
    const { diagnostics } = diagnose(VALID + '# ' + 'x'.repeat(2000) + '\n', { settings: new SettingsBuilder().withMaxFileSize(1000).build() });
    assert.deepEqual(diagnostics.map((d) => d.code), ['file-too-large']);
    assert.match(diagnostics[0].message, /over the limit of 1000 \(setting authentik\.maxFileSize\)/);
  });
});

describe('validation: ranges end with their node', () => {
  it('a block list of the wrong type ends on its last item, not on the next line', () => {
    const { document, diagnostics } = diagnose(`name:\n  - a\n  - b\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: https://a\\.b/c\n`);
    assert.deepEqual(summarize(document, diagnostics), ['wrong-type@1:2-2:5 "- a\\n  - b"']);
  });
});

describe('validation: values the server refuses outright', () => {
  it('a NUL character in a string is an error on that value', () => {
    const { document, diagnostics } = diagnose(VALID.replace('name: Grafana', 'name: "Gra\\0fana"'));
    assert.deepEqual(summarize(document, diagnostics), ['null-character@0:6-0:17 "\\"Gra\\\\0fana\\""']);
    assert.equal(diagnostics[0].message, '"name" contains a NUL character: the server rejects it (Null characters are not allowed.).');
  });
  it('an alias without an anchor is reported on the alias', () => {
    const { document, diagnostics } = diagnose(VALID.replace('name: Grafana', 'name: *missing'));
    assert.deepEqual(summarize(document, diagnostics), ['unresolved-alias@0:6-0:14 "*missing"']);
  });
});
