import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BAD_PROVIDER, GOOD_PROVIDER, Project, projectWithPackage, REPO, runToEnd } from './packedPackage';

const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');

/** The fenced blocks of a section (from its heading to the next heading of the same or a higher level). */
function blocks(text: string, heading: string, lang: string): string[] {
  const level = /^#+/.exec(heading)![0].length;
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `no "${heading}" section`);
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  const section = end >= 0 ? rest.slice(0, end) : rest;
  return [...section.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
}

describe('distribution: what the README shows', () => {
  let project: Project;
  before(async () => {
    project = await projectWithPackage('authentik-readme-');
    project.write({ 'providers/grafana.oauth2provider.yaml': GOOD_PROVIDER, 'providers/wiki.oauth2provider.yaml': BAD_PROVIDER });
  });
  after(() => project?.remove());

  it('keeps its first two commands', () => {
    assert.ok(readme.includes('```sh\nnpm ci && npm start    #'), 'npm ci && npm start');
    assert.ok(readme.includes('\nnpm ci && npm test     #'), 'npm ci && npm test');
  });

  it('every validate line of "The CLI" runs, as written, in a project with the package installed', async () => {
    const lines = blocks(readme, '## The CLI', 'sh')[1].split('\n').filter((line) => line.startsWith('npx authentik-oauth2 validate'));
    assert.equal(lines.length, 5, lines.join('\n'));
    const summary = path.join(project.dir, 'summary.md');
    for (const line of lines) {
      const result = await runToEnd('bash', ['-c', line], { cwd: project.dir, env: { ...project.env, npm_config_offline: 'true', GITHUB_STEP_SUMMARY: summary } });
      // Every line checks the bad file too: an error, exit 1, and something printed or written.
      assert.equal(result.code, 1, `${line}\n${result.stderr}`);
      assert.equal(result.stderr, '', line);
    }
    assert.match(fs.readFileSync(summary, 'utf8'), /^### authentik OAuth2 providers\n\n2 files checked: 1 error, 1 warning\./);
    assert.equal((JSON.parse(fs.readFileSync(path.join(project.dir, 'results.sarif'), 'utf8')) as { version: string }).version, '2.1.0');
  });

  it('its Markdown example is what the CLI prints for examples/', async () => {
    const example = blocks(readme, '## The CLI', 'markdown');
    assert.equal(example.length, 1);
    const result = await runToEnd(process.execPath, [path.join(REPO, 'dist/cli.js'), 'validate', 'examples/', '--format', 'markdown'], { cwd: REPO });
    assert.equal(result.code, 1, result.stderr);
    assert.equal(example[0], result.stdout, 'README.md: replace the example with this output');
  });

  it('server/README.md (the npm package\'s) shows the same snippets as README.md', () => {
    const packageReadme = fs.readFileSync(path.join(REPO, 'server/README.md'), 'utf8');
    const fenced = [...packageReadme.matchAll(/^```(lua|toml|elisp|yaml)\n([\s\S]*?)^```$/gm)].map((m) => m[2]);
    assert.equal(fenced.length, 5);
    for (const snippet of fenced) assert.ok(readme.includes(snippet), `not in README.md:\n${snippet}`);
  });
});
