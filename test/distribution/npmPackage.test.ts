import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
} from 'vscode-languageserver-protocol/node';
import { BAD_PROVIDER, GOOD_PROVIDER, Project, projectWithPackage, REPO, run, runToEnd, TARBALL, VERSION } from './packedPackage';

/**
 * The packed npm package as a user gets it: installed from the tarball alone into an empty project,
 * with an empty npm cache and npm offline, then both bins run from there.
 */
describe('distribution: the npm package, installed from its tarball', () => {
  let project: Project;
  const npx = (args: string[]) => runToEnd('npx', ['--offline', ...args], { cwd: project.dir, env: project.env });

  before(async () => {
    project = await projectWithPackage('authentik-npm-');
    project.write({ 'providers/grafana.oauth2provider.yaml': GOOD_PROVIDER, 'providers/wiki.oauth2provider.yaml': BAD_PROVIDER });
  });
  after(() => project?.remove());

  it('installs alone: no dependencies, only the bundles, README, LICENSE and package.json', async () => {
    const installed = path.join(project.dir, 'node_modules');
    assert.deepEqual(fs.readdirSync(installed).filter((name) => !name.startsWith('.')), ['authentik-oauth2']);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'authentik-oauth2/package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.version, VERSION);
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(manifest.bin, { 'authentik-oauth2': 'dist/cli.js', 'authentik-oauth2-language-server': 'dist/server.js' });
    const { stdout } = await run('tar', ['-tzf', TARBALL]);
    assert.deepEqual(stdout.trim().split('\n').sort(), [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.js',
      'package/dist/server.js',
      'package/dist/serverCore.js',
      'package/package.json',
    ]);
    assert.equal(fs.readFileSync(path.join(installed, 'authentik-oauth2/LICENSE'), 'utf8'), fs.readFileSync(path.join(REPO, 'LICENSE'), 'utf8'));
  });

  it('npx authentik-oauth2 --version prints the shared version', async () => {
    const result = await npx(['authentik-oauth2', '--version']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${VERSION}\n`);
  });

  // The same files through the repository's own build: the installed bundle must behave exactly alike.
  for (const format of ['text', 'github', 'sarif', 'json', 'markdown']) {
    it(`npx authentik-oauth2 validate --format ${format}: exit 1, the findings of the bad file, as the build prints them`, async () => {
      const installed = await npx(['authentik-oauth2', 'validate', 'providers/', '--format', format]);
      const built = await runToEnd(process.execPath, [path.join(REPO, 'dist/cli.js'), 'validate', 'providers/', '--format', format], { cwd: project.dir });
      assert.equal(installed.code, 1, installed.stderr);
      assert.equal(installed.stderr, '');
      assert.equal(installed.stdout, built.stdout);
      const expected: Record<string, RegExp> = {
        text: /^providers\/wiki\.oauth2provider\.yaml:4:14: error invalid-enum "confidentail" is not a valid choice for "client_type"\..*\nproviders\/wiki\.oauth2provider\.yaml:5:1: warning unknown-key Unknown key "redirect_uri"/,
        github: /^::error file=providers\/wiki\.oauth2provider\.yaml,line=4,col=14,endLine=4,endColumn=25,title=authentik invalid-enum::"confidentail" is not a valid choice/,
        sarif: /"ruleId": "invalid-enum",[\s\S]*"uri": "providers\/wiki\.oauth2provider\.yaml",[\s\S]*"startLine": 4,\s*"startColumn": 14/,
        json: /"path": "providers\/wiki\.oauth2provider\.yaml",\s*"profile": \{[^}]*"id": "2026\.5\.0"[^}]*\},\s*"diagnostics": \[\s*\{\s*"severity": "error",\s*"code": "invalid-enum"/,
        markdown: /^### authentik OAuth2 providers\n\n2 files checked: 1 error, 1 warning\.\n\n#### `providers\/wiki\.oauth2provider\.yaml`\n\n\| Severity \| Line \| Code \| Message \|\n\| --- \| ---: \| --- \| --- \|\n\| error \| 4 \| `invalid-enum` \| "confidentail" is not a valid choice/,
      };
      assert.match(installed.stdout, expected[format]);
      if (format === 'sarif' || format === 'json') JSON.parse(installed.stdout);
    });
  }

  it('npx authentik-oauth2 validate on the good file alone: exit 0', async () => {
    const result = await npx(['authentik-oauth2', 'validate', 'providers/grafana.oauth2provider.yaml']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, 'Checked for authentik 2026.5.0 (the newest known release).\n1 file checked: 0 errors, 0 warnings.\n');
  });

  it('authentik-oauth2-language-server --stdio answers initialize and publishes the diagnostics of a bad file', async () => {
    const bin = path.join(project.dir, 'node_modules/.bin/authentik-oauth2-language-server');
    const child = spawn(bin, ['--stdio'], { cwd: project.dir, stdio: 'pipe' });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onError(() => undefined);
    const uri = pathToFileURL(path.join(project.dir, 'providers/wiki.oauth2provider.yaml')).href;
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, (p) => p.uri === uri && resolve(p)));
    connection.listen();
    try {
      const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(project.dir).href, capabilities: {} });
      assert.deepEqual(init.serverInfo, { name: 'authentik-oauth2-language-server', version: VERSION });
      assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.codeActionProvider, JSON.stringify(init.capabilities));
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'authentik-oauth2provider', version: 1, text: BAD_PROVIDER } });
      const published = await diagnostics;
      const invalidEnum = published.diagnostics.find((d) => d.code === 'invalid-enum');
      assert.ok(invalidEnum, JSON.stringify(published.diagnostics));
      assert.deepEqual(invalidEnum.range, { start: { line: 3, character: 13 }, end: { line: 3, character: 25 } });
      assert.match(invalidEnum.message, /^"confidentail" is not a valid choice for "client_type"\./);
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0, stderr);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
