// The extension host's two bundles, shared by the build (scripts/build.mjs) and the bundle test
// (test/package/extensionBundle.test.ts), so that the test checks what the build makes.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Replaces `PACKAGE_VERSION` (common/version.ts) in every bundle with package.json's version. */
export const versionDefine = { PACKAGE_VERSION: JSON.stringify(manifest.version) };

/**
 * dist/extension.js is what VS Code loads to activate the extension: commands, settings and the deploy
 * over HTTP. The language client (vscode-languageclient and the custom protocol) is dist/languageClient.js,
 * which extension.js loads only when the language server is first needed. Validation, YAML and the
 * language service are in the server's bundles only.
 */
export function clientBundles(common) {
  const shared = { ...common, external: ['vscode'] };
  return {
    extension: { ...shared, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
    languageClient: { ...shared, entryPoints: ['client/src/languageServer/languageClient.ts'], outfile: 'dist/languageClient.js' },
  };
}

/** Limits of dist/extension.js in the production build: what the editor reads before activating. */
export const EXTENSION_BUNDLE_LIMITS = {
  maxBytes: 150 * 1024,
  /** No YAML parser, no schema validator, no language service, no LSP client: those are loaded elsewhere or later. */
  forbiddenInputs: [/node_modules\/yaml\//, /node_modules\/ajv/, /node_modules\/vscode-languageclient\//, /node_modules\/vscode-jsonrpc\//, /node_modules\/vscode-languageserver/, /^server\//],
};
