import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PACKAGE_VERSION, runCli } from '../helpers/cli';
import { tempTree, validProvider } from './tempTree';

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string } }[] } };
    results: SarifResult[];
  }[];
}

async function sarif(args: string[], cwd?: string): Promise<{ code: number | null; log: SarifLog }> {
  const result = await runCli(['validate', '--format', 'sarif', ...args], { cwd });
  return { code: result.code, log: JSON.parse(result.stdout) as SarifLog };
}

/** `ruleId level uri startLine:startColumn-endLine:endColumn`, for comparing results at a glance. */
const brief = (r: SarifResult) => {
  const { artifactLocation, region } = r.locations[0].physicalLocation;
  return `${r.ruleId} ${r.level} ${artifactLocation.uri} ${region.startLine}:${region.startColumn}-${region.endLine}:${region.endColumn}`;
};

describe('cli: sarif format', () => {
  it('is a SARIF 2.1.0 log with one run of the authentik-oauth2 tool', async () => {
    const { code, log } = await sarif(['test/fixtures']);
    assert.equal(code, 1);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    assert.equal(log.runs[0].tool.driver.name, 'authentik-oauth2');
    assert.equal(log.runs[0].tool.driver.version, PACKAGE_VERSION);
  });

  it('declares a rule, with a description, for every ruleId it reports, and ruleIndex points at it', async () => {
    const { log } = await sarif(['test/fixtures']);
    const { rules } = log.runs[0].tool.driver;
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    for (const rule of rules) assert.ok(rule.shortDescription.text.length > 0, rule.id);
    for (const result of log.runs[0].results) {
      assert.ok(ids.includes(result.ruleId), `no rule for ${result.ruleId}`);
      assert.equal(typeof result.ruleIndex, 'number', result.ruleId);
      assert.equal(rules[result.ruleIndex!].id, result.ruleId);
    }
  });

  it('reports each finding with its level and a 1-based region whose endColumn is one past the last character', async () => {
    const { log } = await sarif(['test/fixtures']);
    assert.deepEqual(log.runs[0].results.map(brief), [
      // The file with a byte order mark has no version comment: it is checked for the newest release.
      'missing-required error test/fixtures/encodings/bom.oauth2provider.yaml 1:1-1:25',
      'invalid-enum error test/fixtures/encodings/bom.oauth2provider.yaml 1:14-1:25',
      'wrong-type error test/fixtures/encodings/bom.oauth2provider.yaml 4:16-4:44',
      'invalid-uuid error test/fixtures/encodings/crlf.oauth2provider.yaml 3:21-3:31',
      'invalid-enum error test/fixtures/encodings/crlf.oauth2provider.yaml 5:11-5:20',
      'missing-required error test/fixtures/mistakes/missing-required.oauth2provider.yaml 2:1-2:20',
      'missing-required error test/fixtures/mistakes/missing-required.oauth2provider.yaml 2:1-2:20',
      'redirect-uris-empty warning test/fixtures/mistakes/typos.oauth2provider.yaml 2:1-2:14',
      'invalid-enum error test/fixtures/mistakes/typos.oauth2provider.yaml 4:14-4:25',
      'unknown-key warning test/fixtures/mistakes/typos.oauth2provider.yaml 5:1-5:13',
      'secret-on-public-client warning test/fixtures/warnings/public-app.oauth2provider.yaml 5:1-5:14',
      'secret-in-file note test/fixtures/warnings/public-app.oauth2provider.yaml 5:16-5:33',
      'redirect-uri-unescaped warning test/fixtures/warnings/wiki.oauth2provider.yaml 4:16-4:49',
      'duration-ignored-part warning test/fixtures/warnings/wiki.oauth2provider.yaml 5:32-5:40',
    ]);
    for (const result of log.runs[0].results) {
      assert.deepEqual(Object.keys(result.locations[0].physicalLocation.artifactLocation).sort(), ['uri', 'uriBaseId']);
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(['error', 'warning', 'note'].includes(result.level));
    }
    const enumResult = log.runs[0].results.find((r) => r.ruleId === 'invalid-enum');
    assert.equal(enumResult?.message.text, '"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.');
  });

  it('names the authentik release each group of files was checked for in the run\'s properties', async () => {
    const { log } = await sarif(['test/fixtures']);
    assert.deepEqual((log.runs[0] as unknown as { properties: unknown }).properties, {
      authentikProfiles: [
        { profile: '2023.5.0', release: '2024.8.4', reason: 'from the comment on line 1', files: 7 },
        { profile: '2026.5.0', release: '2026.5.0', reason: 'the newest known release', files: 2 },
      ],
    });
  });

  it('has an empty results list, not a missing one, when every file is clean', async () => {
    const { code, log } = await sarif(['test/fixtures/clean']);
    assert.equal(code, 0);
    assert.deepEqual(log.runs[0].results, []);
  });

  describe('relative uris', () => {
    const root = tempTree({ 'my providers/app.oauth2provider.yaml': validProvider('App') + 'sub_mode: nope\n' });

    it('percent-encodes a space and keeps the path relative to the working directory', async () => {
      const { log } = await sarif(['.'], root);
      assert.deepEqual(log.runs[0].results.map(brief), ['invalid-enum error my%20providers/app.oauth2provider.yaml 7:11-7:15']);
    });
  });
});
