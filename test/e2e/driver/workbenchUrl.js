// @ts-check
// The URL that opens code-server's workbench on a folder with an extension under development loaded.
// No dependencies, so that scripts/demo.mjs can use it too.

/**
 * The payload carries what VS Code's desktop takes as command-line flags. Paths are on the code-server
 * machine, so they are `vscode-remote://` URIs of the server's own authority.
 * @param {string} base e.g. http://127.0.0.1:8080
 * @param {string} folder absolute path
 * @param {{ extensionDevelopmentPath: string, extensionTestsPath?: string }} paths absolute paths
 */
function workbenchUrl(base, folder, paths) {
  const authority = new URL(base).host;
  const remote = (/** @type {string} */ p) => `vscode-remote://${authority}${p}`;
  const payload = [['extensionDevelopmentPath', remote(paths.extensionDevelopmentPath)]];
  if (paths.extensionTestsPath) payload.push(['extensionTestsPath', remote(paths.extensionTestsPath)]);
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = { workbenchUrl };
