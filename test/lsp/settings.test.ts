import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { fixtureText, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

/** Has a misspelt duration unit (line 5) and an unescaped "." in a redirect URI (line 4); says it is for 2024.8.4. */
const WIKI = fixtureText('warnings/wiki.oauth2provider.yaml');
const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => d.code);

describe('lsp: settings pulled with workspace/configuration', TEST_TIMEOUT, () => {
  let answer: unknown = {};
  const server = useServer({ capabilities: { workspace: { configuration: true, didChangeConfiguration: {} } }, configuration: () => answer });

  it('asks for the authentik section of the file, and drops the duration warning once rules.durations is off', async () => {
    answer = {};
    const uri = uniqueUri('wiki');
    const opened = await server().open(uri, WIKI);
    assert.deepEqual(codes(opened), ['redirect-uri-unescaped', 'duration-ignored-part']);
    assert.deepEqual(server().configurationRequests.filter((item) => item.scopeUri === uri), [{ scopeUri: uri, section: 'authentik' }]);

    answer = { rules: { durations: false } };
    const revalidated = server().waitForDiagnostics(uri, () => true);
    await server().changeConfiguration(null);
    const after = await revalidated;
    assert.equal(after.version, 1);
    assert.deepEqual(codes(after), ['redirect-uri-unescaped']);
    // The cached settings were dropped and asked for again.
    assert.equal(server().configurationRequests.filter((item) => item.scopeUri === uri).length, 2);
  });

  it('keeps unrelated rules on when the answer switches one off, and falls back to defaults for a null answer', async () => {
    answer = null;
    const uri = uniqueUri('defaults');
    assert.deepEqual(codes(await server().open(uri, WIKI)), ['redirect-uri-unescaped', 'duration-ignored-part']);
    answer = { rules: { redirectUris: false, durations: 'no' } };
    const revalidated = server().waitForDiagnostics(uri, () => true);
    await server().changeConfiguration(null);
    // A non-boolean switch is ignored: durations stays on.
    assert.deepEqual(codes(await revalidated), ['duration-ignored-part']);
  });
});

describe('lsp: a client without the configuration capability', TEST_TIMEOUT, () => {
  const server = useServer({ capabilities: {} });

  it('gets the default settings and is never asked for configuration', async () => {
    const uri = uniqueUri('plain');
    assert.deepEqual(codes(await server().open(uri, WIKI)), ['redirect-uri-unescaped', 'duration-ignored-part']);
    assert.deepEqual(server().configurationRequests, []);
  });

  it('can push settings with didChangeConfiguration', async () => {
    const uri = uniqueUri('pushed');
    await server().open(uri, WIKI);
    const revalidated = server().waitForDiagnostics(uri, () => true);
    await server().changeConfiguration({ authentik: { rules: { durations: false } } });
    assert.deepEqual(codes(await revalidated), ['redirect-uri-unescaped']);
    assert.deepEqual(server().configurationRequests, []);
  });
});

describe('lsp: settings given as initializationOptions', TEST_TIMEOUT, () => {
  const server = useServer({ capabilities: {}, initializationOptions: { settings: { rules: { durations: false } } } });

  it('applies them from the first validation on', async () => {
    assert.deepEqual(codes(await server().open(uniqueUri('init'), WIKI)), ['redirect-uri-unescaped']);
  });
});
