import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertTarball, BAD_PROVIDER, emptyProject, Project, REPO, run, runToEnd } from './packedPackage';

/**
 * The README's Neovim snippet, extracted from README.md as it stands, as a user's init.lua, with the
 * language server from the npm package installed globally (`npm install --global`, into a temporary
 * prefix whose bin/ is put on PATH). Neovim opens a file with mistakes headless and writes what its own
 * LSP client received (vim.diagnostic.get) to a JSON file. Needs Debian's neovim
 * (scripts/ci/install-system-packages.sh); Debian 12 has 0.7.2, which runs the snippet's pre-0.11 branch.
 */
const WAIT_AND_WRITE = `
local received = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, code = d.code, message = d.message })
end
local clients = {}
for _, c in pairs(vim.lsp.buf_get_clients(0)) do table.insert(clients, c.name) end
vim.fn.writefile({ vim.fn.json_encode({ received = received, filetype = vim.bo.filetype, clients = clients, diagnostics = diagnostics }) }, os.getenv('NVIM_RESULT'))
`;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  code: string;
  message: string;
}
interface NvimResult {
  received: boolean;
  filetype: string;
  clients: string[];
  diagnostics: NvimDiagnostic[];
}

/** The ```lua block of the README's "### Neovim" section. */
function readmeNeovimSnippet(readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8')): string {
  const section = readme.split(/^### Neovim$/m)[1]?.split(/^#{2,3} /m)[0];
  assert.ok(section, 'README.md has no "### Neovim" section');
  const block = /^```lua\n([\s\S]*?)^```$/m.exec(section);
  assert.ok(block, 'the Neovim section has no lua block');
  return block[1];
}

describe('distribution: the README\'s Neovim snippet, in Neovim', () => {
  let project: Project;
  let prefix: string;

  before(async () => {
    const version = await runToEnd('nvim', ['--version'], { cwd: REPO }).catch(() => undefined);
    assert.ok(version?.code === 0, 'nvim is not installed: run scripts/ci/install-system-packages.sh (Debian: apt-get install neovim)');
    project = emptyProject('authentik-nvim-');
    prefix = path.join(project.dir, '.global');
    await run('npm', ['install', '--global', '--prefix', prefix, assertTarball()], { cwd: project.dir, env: project.env });
    project.write({ 'providers/wiki.oauth2provider.yaml': BAD_PROVIDER, '.git/HEAD': 'ref: refs/heads/main\n' });
  });
  after(() => project?.remove());

  async function openInNeovim(initLua: string, file: string): Promise<NvimResult> {
    const home = path.join(project.dir, '.nvim');
    const init = path.join(home, 'init.lua');
    const wait = path.join(home, 'wait.lua');
    const result = path.join(home, 'result.json');
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(init, initLua);
    fs.writeFileSync(wait, WAIT_AND_WRITE);
    fs.rmSync(result, { force: true });
    const env = {
      ...process.env,
      PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
      NVIM_RESULT: result,
      // Neovim keeps logs, shada and state under these: none of it goes to the user's own folders.
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
    };
    const nvim = await runToEnd('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, file, '-c', `luafile ${wait}`, '-c', 'qa!'], { cwd: project.dir, env, timeoutMs: 60_000 });
    assert.equal(nvim.code, 0, nvim.stdout + nvim.stderr);
    assert.ok(fs.existsSync(result), `Neovim wrote no result: ${nvim.stdout}${nvim.stderr}`);
    return JSON.parse(fs.readFileSync(result, 'utf8')) as NvimResult;
  }

  it('gives the file its filetype, starts the server and shows its diagnostics at the right place', async () => {
    const got = await openInNeovim(readmeNeovimSnippet(), 'providers/wiki.oauth2provider.yaml');
    assert.equal(got.filetype, 'yaml.authentik');
    assert.deepEqual(got.clients, ['authentik_oauth2']);
    assert.ok(got.received, 'no diagnostics within 20 s');
    const summary = got.diagnostics.map((d) => [d.code, d.severity, d.lnum, d.col, d.end_lnum, d.end_col]);
    assert.deepEqual(summary, [
      ['invalid-enum', 1, 3, 13, 3, 25],
      ['unknown-key', 2, 4, 0, 4, 12],
    ]);
    assert.match(got.diagnostics[0].message, /^"confidentail" is not a valid choice for "client_type"\. Did you mean "confidential"\?/);
    assert.match(got.diagnostics[1].message, /^Unknown key "redirect_uri": the server silently ignores it\./);
  });

  it('its settings table reaches the server: with unknownKeys = false the warning goes', async () => {
    const snippet = readmeNeovimSnippet();
    assert.ok(snippet.includes('unknownKeys = true'), 'the snippet shows the unknownKeys rule');
    const got = await openInNeovim(snippet.replace('unknownKeys = true', 'unknownKeys = false'), 'providers/wiki.oauth2provider.yaml');
    assert.deepEqual(got.diagnostics.map((d) => d.code), ['invalid-enum']);
  });
});
