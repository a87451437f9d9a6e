import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PrepareDeployRequest } from '../../common/protocol';
import { runCli } from '../helpers/cli';
import { LspClient } from '../helpers/lspClient';
import { providerYaml, TOKEN, useTestServer } from './harness';

const server = useTestServer();

/** A valid 2024.8.4 provider whose merge would add what no check sees: an invalid enum and a catch-all redirect. */
const MERGED = `%YAML 1.1\n---\n# authentik-version: 2024.8.4\nextra: &extra\n  sub_mode: nope\n  redirect_uris: "https://.+"\n${providerYaml('Merged', '<<: *extra\n')}`;

describe('deploy refuses merge keys before sending anything', () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start({ initializationOptions: { useEnvironment: false } }));
  });
  after(() => client.dispose());
  beforeEach(() => server().reset());

  it('the CLI: exit 1, the error on the << line, no request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-merge-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'merged.oauth2provider.yaml'), MERGED);
    const result = await runCli(['deploy', 'merged.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: { AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '' } });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^merged\.oauth2provider\.yaml:17:1: error merge-key Merge keys \(<<\) are not accepted/m);
    assert.match(result.stderr, /has 1 error\(s\) for authentik 2024\.8\.4, the server's release; nothing was sent\./);
    // Only the server's release was asked (it decides the shape); nothing was read or written about the provider.
    assert.deepEqual(server().requests.map((r) => `${r.method} ${r.path}`).sort(), ['GET /api/v3/admin/version/', 'GET /api/v3/schema/']);
  });

  it('the editor: prepareDeploy answers invalid with the merge-key error', async () => {
    const uri = 'file:///work/merged.oauth2provider.yaml';
    await client.open(uri, MERGED);
    const prepared = await client.connection.sendRequest(PrepareDeployRequest, { textDocument: { uri, version: 1 } });
    assert.equal(prepared.kind, 'invalid');
    assert.ok(prepared.kind === 'invalid');
    assert.deepEqual(prepared.errors.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`), ['merge-key@16:0-16:2']);
    assert.deepEqual(server().requests, []);
  });

  it('the same provider written out deploys', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-merge-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'plain.oauth2provider.yaml'), providerYaml('Merged'));
    const result = await runCli(['deploy', 'plain.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: { AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '' } });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(server().requests.filter((r) => r.method === 'POST').length, 1);
  });
});
