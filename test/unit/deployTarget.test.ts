import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideTarget } from '../../common/authentik/deploy';
import { OAUTH2_MODEL, ProviderRow } from '../../common/authentik/serverAnswers';

/** `meta` null: a row without meta_model_name. */
const row = (pk: number, name: string, meta: string | null = OAUTH2_MODEL, verboseName?: string): ProviderRow => ({ pk, name, metaModelName: meta ?? undefined, verboseName, record: { pk, name } });

describe('which provider a deploy targets', () => {
  it('none of that exact name: create (a search finds more than the name)', () => {
    assert.deepEqual(decideTarget('Grafana', [row(2, 'grafana')], [row(2, 'grafana'), row(3, 'Grafana 2')]), { kind: 'create' });
  });

  it('one OAuth2 provider, confirmed by the list of all types: update it', () => {
    const mine = row(5, 'Grafana');
    assert.deepEqual(decideTarget('Grafana', [mine], [row(5, 'Grafana')]), { kind: 'update', row: mine });
  });

  it('a provider of another type, or of no stated type, in the list of all types: refuse, naming the type', () => {
    assert.equal(
      (decideTarget('G', [], [row(1, 'G', 'authentik_providers_saml.samlprovider', 'SAML Provider')]) as { message: string }).message,
      'The name "G" is taken on the server by a SAML Provider (pk 1). Provider names are unique across all provider types, so this file can neither create a provider of that name nor update that one: rename the provider in the file. Nothing was sent.',
    );
    assert.match((decideTarget('G', [], [row(1, 'G', 'authentik_providers_saml.samlprovider')]) as { message: string }).message, /taken on the server by a authentik_providers_saml\.samlprovider \(pk 1\)/);
    assert.match((decideTarget('G', [], [row(1, 'G', null)]) as { message: string }).message, /taken on the server by a provider of an unknown type \(pk 1\)/);
  });

  it('a type name from the server is put on one line and shortened', () => {
    const decision = decideTarget('G', [], [row(1, 'G', 'x.y', `Proxy\nProvider\u2028::error::x${'z'.repeat(200)}`)]);
    // 80 characters: "Proxy Provider ::error::x" and 55 of the z's.
    assert.ok((decision as { message: string }).message.startsWith(`The name "G" is taken on the server by a Proxy Provider ::error::x${'z'.repeat(55)}... (pk 1).`));
  });

  it('an OAuth2 list row that says it is of another type: refuse', () => {
    const decision = decideTarget('G', [row(4, 'G', 'authentik_providers_proxy.proxyprovider', 'Proxy Provider')], []);
    assert.match((decision as { message: string }).message, /^The name "G" is taken on the server by a Proxy Provider \(pk 4\), which the OAuth2 provider list shows too/);
  });

  it('two of the name across types, or answers that disagree: refuse', () => {
    assert.equal((decideTarget('G', [], [row(1, 'G'), row(2, 'G')]) as { message: string }).message, 'The server has 2 providers named "G" (pk 1, pk 2): deploy cannot tell which one this file describes. Nothing was sent.');
    assert.equal(
      (decideTarget('G', [row(1, 'G')], [row(9, 'G')]) as { message: string }).message,
      'The server lists OAuth2 provider "G" (pk 1), but not among the providers of all types (there it is pk 9), so its type cannot be checked. Nothing was sent.',
    );
    assert.equal(
      (decideTarget('G', [], [row(9, 'G')]) as { message: string }).message,
      'The server lists "G" (pk 9) among the providers of all types, but not among the OAuth2 providers, so neither creating nor updating it is safe. Nothing was sent.',
    );
  });
});
