import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, ConfigurationItem } from 'vscode-languageserver-protocol';
import { LspClient, ServerCommand } from '../test/helpers/lspClient';

export const REPO = path.resolve(__dirname, '..');
export const SCHEMA_PATH = path.join(REPO, 'schemas', 'oauth2provider.request.schema.json');
/** The release SCHEMA_PATH describes, which the benchmark's documents are written for. */
export const BENCH_RELEASE = '2024.8.4';
/** Every benchmark document is named like this, so the yaml-language-server schema glob covers them all. */
export const FILE_GLOB = '*.oauth2provider.yaml';

/** One language server under test: how to start it, what it is told, and how it sees our documents. */
export interface ServerUnderTest {
  name: 'ours' | 'yaml-ls';
  label: string;
  command: ServerCommand;
  languageId: string;
  /** Answers the server's `workspace/configuration` items. */
  configuration: (item: ConfigurationItem) => unknown;
  /** Settings pushed with didChangeConfiguration after `initialized` (yaml-language-server pulls on it). */
  pushedSettings: unknown;
}

const yamlSettings = {
  schemas: { [pathToFileURL(SCHEMA_PATH).href]: FILE_GLOB },
  validate: true,
  completion: true,
  hover: true,
  // No network here and nothing to gain from it: keep yaml-language-server from fetching catalogs.
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
};

export const OURS: ServerUnderTest = {
  name: 'ours',
  label: 'authentik-oauth2 LS',
  command: { command: process.execPath, args: [path.join(REPO, 'dist', 'server.js'), '--stdio'], cwd: REPO },
  languageId: 'authentik-oauth2provider',
  // Default settings but the release: the documents are in the 2024.8 shape, the schema yaml-language-server
  // gets (SCHEMA_PATH) is 2024.8.4's. No authentik server, so the reference rule has nothing to look up.
  configuration: (item) => (item.section === 'authentik' ? { serverVersion: BENCH_RELEASE } : null),
  pushedSettings: { authentik: { serverVersion: BENCH_RELEASE } },
};

export const YAML_LS: ServerUnderTest = {
  name: 'yaml-ls',
  label: 'yaml-language-server',
  command: {
    command: process.execPath,
    args: [path.join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    cwd: REPO,
  },
  languageId: 'yaml',
  configuration: (item) => {
    if (item.section === 'yaml') return yamlSettings;
    if (item.section === 'http') return { proxy: '', proxyStrictSSL: false };
    return null;
  },
  pushedSettings: { yaml: yamlSettings },
};

/** What the benchmark's client says it supports: what VS Code says, as far as these scenarios go. */
const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: false },
    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export const SERVERS: readonly ServerUnderTest[] = [OURS, YAML_LS];

/**
 * Starts a server, runs initialize/initialized and pushes settings. `initializeMs` runs from spawning
 * the process to the `initialize` result, so it includes Node's start and loading the bundle.
 */
export async function startServer(server: ServerUnderTest, rootUri: string): Promise<{ client: LspClient; initializeMs: number }> {
  const started = performance.now();
  const client = LspClient.spawn({ server: server.command, configuration: server.configuration });
  await client.initialize({ rootUri, capabilities: CAPABILITIES });
  const initializeMs = performance.now() - started;
  await client.initialized();
  await client.changeConfiguration(server.pushedSettings);
  return { client, initializeMs };
}
