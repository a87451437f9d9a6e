import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Range } from 'vscode-languageserver-types';
import { StaticReferenceSource } from '../../server/src/service/references';
import { applyEdits, documentWithCursor, FLOW_EXPLICIT, service } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';

const PROVIDER_INVALIDATION = '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c05';
const FLOWS = new StaticReferenceSource({
  flow: [
    { pk: FLOW_EXPLICIT, name: 'Authorize Application', slug: 'default-provider-authorization-explicit-consent', designation: 'authorization' },
    { pk: '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b04', name: 'Logout', slug: 'default-invalidation-flow', designation: 'invalidation' },
    { pk: PROVIDER_INVALIDATION, name: 'Logged out of application', slug: 'default-provider-invalidation-flow', designation: 'invalidation' },
  ],
});

const OLD = `name: Grafana
authorization_flow: ${FLOW_EXPLICIT}
redirect_uris: https://grafana\\.example\\.com/cb  # the callback
jwks_sources: []
`;

/** The "Convert to ..." actions offered on the whole document, each applied. */
function converts(text: string, version: string, references?: StaticReferenceSource): { title: string; code: unknown; preferred?: boolean; result: string }[] {
  const { document } = documentWithCursor(text);
  const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const settings = new SettingsBuilder().withRules('unknownKeys').withServerVersion(version).build();
  return service(references, settings)
    .codeActions(document, whole)
    .filter((a) => a.title.startsWith('Convert to'))
    .map((a) => ({ title: a.title, code: a.diagnostics?.[0]?.code, preferred: a.isPreferred, result: applyEdits(document, a.edit!.changes![document.uri]) }));
}

describe('quick fix: convert to the active release\'s format', () => {
  it('rewrites a 2024.8-shaped file for 2026.5, with the server\'s default invalidation flow, once for all its findings', () => {
    const offered = converts(OLD, '2026.5', FLOWS);
    assert.deepEqual(offered.map((o) => o.title), ['Convert to authentik 2026.5 format']);
    assert.equal(offered[0].result, `# authentik-version: 2026.5
name: Grafana
authorization_flow: ${FLOW_EXPLICIT}
invalidation_flow: ${PROVIDER_INVALIDATION}
redirect_uris:
  - matching_mode: strict
    url: https://grafana.example.com/cb  # the callback
jwt_federation_sources: []
`);
  });

  it('without a server, leaves invalidation_flow blank with a note', () => {
    const [fix] = converts(OLD, '2024.10.1');
    assert.equal(fix.title, 'Convert to authentik 2024.10.2 format');
    assert.match(fix.result, /\ninvalidation_flow: "" {2}# TODO: the UUID of an invalidation flow \(default-provider-invalidation-flow\)\nredirect_uris: https/);
  });

  it('rewrites a list-form file back for 2024.8.4, and is preferred on the wrong-type finding', () => {
    const text = `name: a\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris:\n  - matching_mode: strict\n    url: https://a.example.com/cb\n`;
    const offered = converts(text, '2024.8.4');
    assert.deepEqual(offered.map((o) => [o.title, o.code, o.preferred]), [['Convert to authentik 2024.8.4 format', 'wrong-type', true]]);
    assert.equal(offered[0].result, `# authentik-version: 2024.8.4\nname: a\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: https://a\\.example\\.com/cb\n`);
  });

  it('is offered on each kind of mismatch alone: jwks_sources on 2024.12+, a missing invalidation_flow', () => {
    const current = `# authentik-version: 2026.5\nname: a\nauthorization_flow: ${FLOW_EXPLICIT}\ninvalidation_flow: ${PROVIDER_INVALIDATION}\nredirect_uris: []\n`;
    const jwks = converts(current + 'jwks_sources: []\n', 'auto', FLOWS);
    // jwks_sources is known as a renamed field on 2024.12+.
    assert.deepEqual(jwks.map((o) => [o.title, o.code]), [['Convert to authentik 2026.5 format', 'field-renamed']]);
    assert.equal(jwks[0].result, current + 'jwt_federation_sources: []\n');
    const missing = converts(current.replace(`invalidation_flow: ${PROVIDER_INVALIDATION}\n`, ''), 'auto', FLOWS);
    assert.deepEqual(missing.map((o) => [o.title, o.code]), [['Convert to authentik 2026.5 format', 'missing-required']]);
    assert.equal(missing[0].result, current);
    // Going back: jwt_federation_sources is not a field of 2024.10 and becomes jwks_sources.
    const older = converts(`# authentik-version: 2024.10.4\nname: a\nauthorization_flow: ${FLOW_EXPLICIT}\ninvalidation_flow: ${PROVIDER_INVALIDATION}\nredirect_uris: []\njwt_federation_sources: []\n`, 'auto');
    assert.deepEqual(older.map((o) => [o.title, o.code]), [['Convert to authentik 2024.10 format', 'field-not-in-version']]);
    assert.match(older[0].result, /\njwks_sources: \[\]\n$/);
  });

  it('is not offered when the file already has the active shape, nor when converting is impossible', () => {
    const current = `# authentik-version: 2026.5\nname: a\nauthorization_flow: ${FLOW_EXPLICIT}\ninvalidation_flow: ${PROVIDER_INVALIDATION}\nredirect_uris: []\nfoo: 1\n`;
    assert.deepEqual(converts(current, '2026.5'), []);
    const logout = `name: a\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris:\n  - matching_mode: strict\n    url: https://a/cb\n    redirect_uri_type: logout\n`;
    assert.deepEqual(converts(logout, '2024.8.4'), []);
  });
});
