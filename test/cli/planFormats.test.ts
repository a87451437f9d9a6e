import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineCounter } from 'yaml';
import type { DeployPlan } from '../../common/authentik/deploy';
import { SecretRedactor } from '../../common/authentik/secrets';
import { formatPlanJson, PlanJson } from '../../server/src/cli/planJson';
import { formatPlanMarkdownReport } from '../../server/src/cli/planMarkdown';
import { formatPlanText } from '../../server/src/cli/planText';
import type { FilePlan } from '../../server/src/cli/providerPlans';
import { CliOutput } from '../../server/src/cli/io';
import type { ResolvedTag } from '../../server/src/service/portable';

const URL = 'https://auth.example.com';
const FLOW = 'c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01';
const ENV_VALUE = 'env-value-Gt5Hy7Uj3k';
// What a hostile server may call its flow: a line break, markup, a table cell end, a mention.
const HOSTILE = 'Auth\n::error::x | **bold** `code` @team <img src=x>';

function lines(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') counter.addNewLine(i + 1);
  return counter;
}

const refTag = { kind: 'ref', field: 'authorization_flow', path: ['authorization_flow'], start: 0, end: 0, valueStart: 0, valueEnd: 0, text: 'my-flow', reference: { kind: 'flow' } } as unknown as ResolvedTag['tag'];
const envTag = { kind: 'env', field: 'client_id', path: ['client_id'], start: 0, end: 0, valueStart: 0, valueEnd: 0, name: 'APP_CLIENT_ID' } as unknown as ResolvedTag['tag'];
const resolved: ResolvedTag[] = [
  { tag: refTag, resolution: { ok: true, value: FLOW, object: { pk: FLOW, name: HOSTILE, slug: 'my-flow' }, matchedBy: 'slug' } },
  { tag: envTag, resolution: { ok: true, value: ENV_VALUE } },
];

const live = { pk: 7, name: 'App | `x`', client_id: ENV_VALUE, client_secret: 'live-secret-Rt8Yu2Io4p', sub_mode: 'hashed_user_id', authorization_flow: FLOW };
const update: DeployPlan = {
  action: 'update',
  pk: 7,
  body: { name: 'App | `x`', client_id: ENV_VALUE, sub_mode: 'user_email', client_secret: 'new-secret-Qw3Er5Ty7u' },
  stored: { name: 'App | `x`', client_id: ENV_VALUE, sub_mode: 'user_email', client_secret: 'new-secret-Qw3Er5Ty7u' },
  live,
  changes: [
    { key: 'client_secret', from: 'live-secret-Rt8Yu2Io4p', to: 'new-secret-Qw3Er5Ty7u' },
    { key: 'sub_mode', from: 'hashed_user_id', to: 'user_email' },
  ],
  serverVersion: '2024.8.4',
};
const text = 'name: x\nauthorization_flow: !ref nope\n';
const broken: FilePlan = {
  path: 'team/broken.oauth2provider.yaml',
  source: { path: 'team/broken.oauth2provider.yaml', real: '/nowhere/broken.oauth2provider.yaml' },
  lines: lines(text),
  result: { ok: false, error: { stage: 'file', message: 'team/broken.oauth2provider.yaml: 1 tag(s) could not be resolved.', findings: [{ code: 'reference-unresolved', severity: 'error', message: `No flow like ${HOSTILE}.`, start: 28, end: 37 }] } },
};
const plans: FilePlan[] = [{ path: 'app.oauth2provider.yaml', source: { path: 'app.oauth2provider.yaml', real: '/nowhere/app.oauth2provider.yaml' }, lines: lines(''), result: { ok: true, plan: update, resolved } }, broken];
const SECRETS = [ENV_VALUE, 'Rt8Yu2Io4p', 'Qw3Er5Ty7u', 'Gt5Hy7Uj3k'];

function redactor(): SecretRedactor {
  const r = new SecretRedactor();
  r.remember(ENV_VALUE);
  return r;
}

/** As the CLI writes it: through the guarded output. */
function written(text: string): string {
  let out = '';
  const output = new CliOutput({ write: (t: string) => ((out += t), true) });
  output.write(text);
  return out;
}

describe('the plan formats', () => {
  it('text: one line per change and tag, secrets and !env values masked, server text on its own line', () => {
    const out = written(formatPlanText(plans, URL, '2024.8.4', redactor()));
    for (const secret of SECRETS) assert.ok(!out.includes(secret), out);
    assert.ok(out.includes('    client_secret: •••••••• -> ••••••••\n'), out);
    assert.ok(out.includes('    sub_mode: "hashed_user_id" -> "user_email"\n'), out);
    assert.ok(out.includes('  Resolved:\n    authorization_flow ← !ref my-flow → Auth\\n::error::x | **bold** `code` @team <img src=x> (c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01)\n    client_id ← !env APP_CLIENT_ID: set\n'), out);
    assert.ok(out.includes('\nteam/broken.oauth2provider.yaml: error\nteam/broken.oauth2provider.yaml:2:21: error reference-unresolved No flow like Auth\\n::error::x'), out);
    assert.ok(!out.split('\n').some((line) => line.startsWith('::')), 'no line a CI runner would take as a command');
    assert.match(out, /\nPlan: 0 to create, 1 to update, 0 up to date, 1 with errors\.\n$/);
  });

  it('markdown: server and file text never becomes markup, links, mentions or a new row', () => {
    const out = formatPlanMarkdownReport(plans, URL, '2024.8.4', redactor());
    for (const secret of SECRETS) assert.ok(!out.includes(secret), out);
    // A code span fenced by more backticks than the text holds, the cell's `|` escaped.
    assert.ok(out.includes(`| \`authorization_flow\` | \`\`!ref my-flow → Auth ::error::x \\| **bold** \`code\` @team <img src=x> (${FLOW})\`\` |\n`), out);
    assert.ok(out.includes('| `client_id` | `!env APP_CLIENT_ID: set` |\n'), out);
    assert.ok(out.includes('| 2:21 | `error reference-unresolved` | No flow like Auth ::&#8203;error::&#8203;x \\| \\*\\*bold\\*\\* \\`code\\` @&#8203;team \\<img src=x\\>. |\n'), out);
    assert.ok(out.includes('| `client_secret` | `••••••••` | `••••••••` |'), out);
    assert.ok(out.includes('**Update** provider `` App | `x` `` (pk 7)'), out);
  });

  it('json: the documented shape, values masked, the !env entry without a value', () => {
    const report = JSON.parse(formatPlanJson(plans, URL, '2024.8.4', redactor())) as PlanJson;
    const raw = JSON.stringify(report);
    for (const secret of SECRETS) assert.ok(!raw.includes(secret), raw);
    assert.deepEqual(report.summary, { create: 0, update: 1, none: 0, error: 1 });
    assert.deepEqual(report.files[0], {
      path: 'app.oauth2provider.yaml',
      action: 'update',
      provider: { name: 'App | `x`', pk: 7 },
      request: { method: 'PATCH', path: '/api/v3/providers/oauth2/7/' },
      changes: [
        { field: 'client_secret', from: '••••••••', to: '••••••••' },
        { field: 'sub_mode', from: 'hashed_user_id', to: 'user_email' },
      ],
      resolved: [
        { field: 'authorization_flow', tag: '!ref', written: 'my-flow', value: FLOW, object: { pk: FLOW, name: HOSTILE } },
        { field: 'client_id', tag: '!env', written: 'APP_CLIENT_ID' },
      ],
    });
    assert.deepEqual(report.files[1], {
      path: 'team/broken.oauth2provider.yaml',
      action: 'error',
      diagnostics: [{ severity: 'error', code: 'reference-unresolved', message: `No flow like ${HOSTILE}.`, range: { start: { line: 1, character: 20 }, end: { line: 1, character: 29 } } }],
      error: 'team/broken.oauth2provider.yaml: 1 tag(s) could not be resolved.',
    });
  });
});
