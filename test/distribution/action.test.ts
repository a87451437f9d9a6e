import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { assertTarball, BAD_PROVIDER, emptyProject, GOOD_PROVIDER, Project, REPO, runToEnd, VERSION } from './packedPackage';

/**
 * Runs the composite action's steps as the runner would: each `run:` script with
 * `bash --noprofile --norc -eo pipefail`, its `env:` with `${{ inputs.x }}` replaced by the input's
 * value (the runner does that before the step starts), GITHUB_STEP_SUMMARY pointing at a file.
 * `npx --yes authentik-oauth2@<version>` would ask the registry, so the test gives `version` the
 * packed tarball's path (a value with a slash is taken as a whole package spec); npm is offline
 * with an empty cache, so the tarball is all it has.
 */
interface Input {
  description: string;
  required?: boolean;
  default?: string;
}
interface Step {
  name?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  inputs: Record<string, Input>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;

/** The only expression the steps may use: `${{ inputs.NAME }}`, as the whole value of an env entry. */
function evaluate(value: string, inputs: Record<string, string>): string {
  const match = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value);
  assert.ok(match, `env value ${value} is not \${{ inputs.NAME }}`);
  assert.ok(match[1] in action.inputs, `unknown input ${match[1]}`);
  return inputs[match[1]];
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
}

async function runAction(project: Project, given: Record<string, string>, summaryBefore = ''): Promise<ActionRun> {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = given[name] ?? input.default ?? '';
  const summaryFile = path.join(project.dir, '.step-summary.md');
  fs.writeFileSync(summaryFile, summaryBefore);
  let stdout = '';
  let stderr = '';
  let code: number | null = 0;
  for (const [index, step] of action.runs.steps.entries()) {
    const env: NodeJS.ProcessEnv = { ...project.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: project.dir, GITHUB_ACTION_PATH: REPO, GITHUB_STEP_SUMMARY: summaryFile };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = evaluate(value, inputs);
    const script = path.join(project.dir, `.step-${index}.sh`);
    fs.writeFileSync(script, step.run ?? '');
    const result = await runToEnd('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: project.dir, env, timeoutMs: 90_000 });
    stdout += result.stdout;
    stderr += result.stderr;
    code = result.code;
    if (code !== 0) break;
  }
  return { code, stdout, stderr, summary: fs.readFileSync(summaryFile, 'utf8') };
}

describe('distribution: the GitHub Action (action.yml)', () => {
  let project: Project;
  let tarball: string;
  before(() => {
    tarball = assertTarball();
    project = emptyProject('authentik-action-');
    project.write({ 'providers/grafana.oauth2provider.yaml': GOOD_PROVIDER, 'providers/wiki.oauth2provider.yaml': BAD_PROVIDER, 'other/extra.oauth2provider.yml': GOOD_PROVIDER });
  });
  after(() => project?.remove());

  it('is a composite action with the documented inputs, reaching its scripts through env only', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['format', 'paths', 'sarif-file', 'server-version', 'version']);
    assert.equal(action.inputs.version.default, VERSION, 'the action runs the npm package of its own version');
    for (const step of action.runs.steps) {
      assert.equal(step.shell, 'bash');
      assert.ok(!/\$\{\{/.test(step.run ?? ''), 'no expression inside a script: it would be pasted into its text');
      const mapped = Object.entries(step.env ?? {}).map(([name, value]) => [name, /inputs\.([a-z-]+)/.exec(value)?.[1]]);
      for (const [name, input] of mapped) assert.equal(name, `INPUT_${String(input).toUpperCase().replace(/-/g, '_')}`);
    }
  });

  it('a bad file: annotations in the log, the Markdown summary appended, SARIF written, exit 1', async () => {
    const sarif = path.join(project.dir, 'results/authentik.sarif');
    fs.mkdirSync(path.dirname(sarif), { recursive: true });
    const result = await runAction(project, { paths: 'providers/', version: tarball, 'sarif-file': 'results/authentik.sarif' }, '# Earlier step\n');
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(
      result.stdout.split('\n').filter((line) => line.startsWith('::')).map((line) => line.slice(0, line.indexOf('::', 2))),
      [
        '::error file=providers/wiki.oauth2provider.yaml,line=4,col=14,endLine=4,endColumn=25,title=authentik invalid-enum',
        '::warning file=providers/wiki.oauth2provider.yaml,line=5,col=1,endLine=5,endColumn=12,title=authentik unknown-key',
      ],
    );
    assert.ok(result.summary.startsWith('# Earlier step\n### authentik OAuth2 providers\n\n2 files checked: 1 error, 1 warning.\n\n#### `providers/wiki.oauth2provider.yaml`\n\n| Severity | Line | Code | Message |\n| --- | ---: | --- | --- |\n| error | 4 | `invalid-enum` | "confidentail" is not a valid choice for "client\\_type".'), result.summary);
    assert.match(result.summary, /\n\| warning \| 5 \| `unknown-key` \| Unknown key "redirect\\_uri"/);
    const report = JSON.parse(fs.readFileSync(sarif, 'utf8')) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    assert.equal(report.version, '2.1.0');
    assert.deepEqual(
      report.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
      [
        ['invalid-enum', 'providers/wiki.oauth2provider.yaml', 4],
        ['unknown-key', 'providers/wiki.oauth2provider.yaml', 5],
      ],
    );
  });

  it('good files given on several lines, one a glob: exit 0, a summary without tables, no SARIF unless asked', async () => {
    const result = await runAction(project, { paths: 'providers/grafana.oauth2provider.yaml\n  other/*.oauth2provider.yml  \n', version: tarball, format: 'text' });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, 'Checked for authentik 2026.5.0 (the newest known release).\n2 files checked: 0 errors, 0 warnings.\n');
    assert.equal(result.summary, '### authentik OAuth2 providers\n\n2 files checked: 0 errors, 0 warnings.\n');
    assert.ok(!fs.readdirSync(project.dir).some((name) => name.endsWith('.sarif')));
  });

  it('inputs are data: shell syntax in paths and version runs nothing', async () => {
    const marker = path.join(project.dir, 'pwned');
    const result = await runAction(project, { paths: `$(touch ${marker}) \`touch ${marker}\` ; touch ${marker}`, version: tarball });
    assert.equal(result.code, 2, 'the CLI says those paths do not exist');
    assert.match(result.stderr, /^authentik-oauth2: \$\(touch: no file matches this pattern\n/);
    const injected = await runAction(project, { paths: 'providers/', version: `${tarball}; touch ${marker}` });
    assert.notEqual(injected.code, 0);
    assert.ok(!fs.existsSync(marker), 'nothing from the inputs was run');
  });

  it('server-version reaches the CLI as --server-version', async () => {
    const help = await runToEnd(process.execPath, [path.join(REPO, 'dist/cli.js'), '--help'], { cwd: project.dir });
    const result = await runAction(project, { paths: 'providers/grafana.oauth2provider.yaml', version: tarball, 'server-version': '2026.2' });
    if (help.stdout.includes('--server-version')) {
      assert.equal(result.code, 0, result.stdout + result.stderr);
    } else {
      // This build's CLI has no such option yet: the flag still has to arrive, and be refused as unknown.
      assert.equal(result.code, 2);
      assert.match(result.stderr, /Unknown option '--server-version'/);
    }
  });
});
