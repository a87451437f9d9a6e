import * as fs from 'node:fs';
import * as path from 'node:path';
import { VALID } from '../helpers/service';

const REPO = path.resolve(__dirname, '../..');

function yamlFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

/** Every YAML file of the fixtures, the e2e workspace and the examples (those that exist), by path relative to the repository. */
export function seedFiles(): { name: string; text: string }[] {
  return ['test/fixtures', 'test/e2e/workspace', 'examples']
    .flatMap((dir) => yamlFilesUnder(path.join(REPO, dir)))
    .sort()
    .map((file) => ({ name: path.relative(REPO, file), text: fs.readFileSync(file, 'utf8') }));
}

/**
 * A provider file of the shape `npm run bench` generates (bench/documents.ts, outside this test
 * project): `kind` 1 has a typo, 3 lacks a required key, 5 has a value of the wrong type.
 */
export function benchmarkLikeFile(kind: number, mappings = 3): string {
  const lines = [
    `name: Provider ${kind}`,
    ...(kind === 3 ? [] : ['authorization_flow: 8f3b0c7e-0000-4000-8000-000000000001']),
    'authentication_flow: 8f3b0c7e-0000-4000-8000-000000000002',
    `client_type: ${kind === 1 ? 'confidental' : 'confidential'}`,
    'client_id: grafana',
    'redirect_uris: |',
    '  https://grafana\\.example\\.com/login/generic_oauth',
    '  https://grafana-staging\\.example\\.com/login/generic_oauth',
    'property_mappings:',
    ...Array.from({ length: mappings }, (_, i) => `  - a1b2c3d4-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`),
    'access_code_validity: minutes=1',
    'access_token_validity: hours=1',
    'refresh_token_validity: days=30',
    `include_claims_in_id_token: ${kind === 5 ? 'sometimes' : 'true'}`,
    'signing_key: 5d7a3a7e-0000-4000-8000-000000000001',
    'sub_mode: hashed_user_id',
    'issuer_mode: per_provider',
    'jwks_sources: []',
  ];
  return lines.join('\n') + '\n';
}

/** The seed files plus the documents the unit tests and the benchmark use. */
export function seedTexts(): { name: string; text: string }[] {
  return [
    ...seedFiles(),
    { name: 'VALID (test helpers)', text: VALID },
    ...[0, 1, 3, 5].map((kind) => ({ name: `benchmark-like file of kind ${kind}`, text: benchmarkLikeFile(kind) })),
    { name: 'benchmark-like file with 50 mappings', text: benchmarkLikeFile(1, 50) },
  ];
}

/** The same text as saved by other editors: CRLF, with a byte order mark, without the final line break. */
export function variants(text: string): { label: string; text: string }[] {
  const lf = text.replace(/\r\n/g, '\n');
  return [
    { label: 'as is', text },
    { label: 'CRLF', text: lf.replace(/\n/g, '\r\n') },
    { label: 'BOM', text: '\uFEFF' + text },
    { label: 'no final line break', text: text.replace(/(\r?\n)+$/, '') },
  ];
}
