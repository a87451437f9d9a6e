import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodeAction, CodeActionKind, CodeActionRequest, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { applyEdits, range, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';

/** Values a 2024.8 server takes but stores differently: each is a warning with a fix to what it stores. */
const LENIENT = `# authentik-version: 2024.8.4
name: 2024
authorization_flow: "{${FLOW.toUpperCase()}}"
redirect_uris: https://app\\.example\\.com/cb
include_claims_in_id_token: "yes"
signing_key: ""
property_mappings:
  - a1b2c3d4000040008000000000000001
`;

const FIXED = `# authentik-version: 2024.8.4
name: "2024"
authorization_flow: ${FLOW}
redirect_uris: https://app\\.example\\.com/cb
include_claims_in_id_token: true
signing_key: null
property_mappings:
  - a1b2c3d4-0000-4000-8000-000000000001
`;

describe('lsp: values the server reads leniently', TEST_TIMEOUT, () => {
  const server = useServer();

  it('publishes a warning on each, with the exact range and message', async () => {
    const published = await server().open(uniqueUri('lenient'), LENIENT);
    assert.deepEqual(
      published.diagnostics.map(({ range, severity, code, message }: Diagnostic) => ({ range, severity, code, message })),
      [
        { range: range(1, 6, 1, 10), severity: DiagnosticSeverity.Warning, code: 'string-from-number', message: '"name" is a number, which the server stores as the text "2024": quote it to write a string.' },
        {
          range: range(2, 20, 2, 60),
          severity: DiagnosticSeverity.Warning,
          code: 'uuid-not-canonical',
          message: `The server reads "{${FLOW.toUpperCase()}}" in "authorization_flow" as the UUID ${FLOW}: write it that way.`,
        },
        { range: range(4, 28, 4, 33), severity: DiagnosticSeverity.Warning, code: 'boolean-word', message: 'The server reads "yes" in "include_claims_in_id_token" as true: write true.' },
        { range: range(5, 13, 5, 15), severity: DiagnosticSeverity.Warning, code: 'reference-blank', message: '"" in "signing_key" means null to the server: write null.' },
        {
          range: range(7, 4, 7, 36),
          severity: DiagnosticSeverity.Warning,
          code: 'uuid-not-canonical',
          message: 'The server reads "a1b2c3d4000040008000000000000001" in "property_mappings[0]" as the UUID a1b2c3d4-0000-4000-8000-000000000001: write it that way.',
        },
      ],
    );
  });

  it('offers one preferred quick fix per warning; applying them all leaves a file with no findings', async () => {
    const uri = uniqueUri('lenient-fix');
    const published = await server().open(uri, LENIENT);
    const titles: string[] = [];
    const edits = [];
    for (const diagnostic of published.diagnostics) {
      const result = await server().connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] },
      });
      const actions = (result ?? []).filter((a): a is CodeAction => 'edit' in a);
      assert.equal(actions.length, 1, `${diagnostic.code}: ${JSON.stringify(actions)}`);
      assert.equal(actions[0].kind, CodeActionKind.QuickFix);
      assert.equal(actions[0].isPreferred, true);
      assert.deepEqual(actions[0].diagnostics?.map((d) => d.code), [diagnostic.code]);
      titles.push(actions[0].title);
      edits.push(...actions[0].edit!.changes![uri]);
    }
    assert.deepEqual(titles, [
      'Quote as the string "2024"',
      `Change to ${FLOW}`,
      'Change to true',
      'Change to null',
      'Change to a1b2c3d4-0000-4000-8000-000000000001',
    ]);
    const fixed = applyEdits(LENIENT, edits);
    assert.equal(fixed, FIXED);
    assert.deepEqual((await server().open(uniqueUri('lenient-fixed'), fixed)).diagnostics, []);
  });

  it('what the server refuses stays an error', async () => {
    const published = await server().open(uniqueUri('refused'), LENIENT.replace('"yes"', 'yes please').replace('name: 2024', 'name: "   "'));
    assert.deepEqual(
      published.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(({ range, code, message }) => ({ range, code, message })),
      [
        { range: range(1, 6, 1, 11), code: 'empty-string', message: '"name" holds only whitespace, which the server trims away: it refuses the value (This field may not be blank.).' },
        { range: range(4, 28, 4, 38), code: 'wrong-type', message: '"include_claims_in_id_token" must be true or false, not "yes please" (Must be a valid boolean.).' },
      ],
    );
  });
});
