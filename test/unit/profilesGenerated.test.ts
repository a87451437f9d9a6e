import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { convertComponent } from '../../common/profiles/openApiToJsonSchema';
import { SchemaNode } from '../../common/profiles/jsonSchema';
import { generateSchemaFiles, readInputs, SubsetInput } from '../../scripts/generate-schemas';

const ROOT = path.resolve(__dirname, '../..');
const inputs = readInputs(ROOT);

describe('generated schemas', () => {
  it('the committed files are what scripts/generate-schemas.ts writes now', () => {
    const files = generateSchemaFiles(inputs.subsets, inputs.seed);
    assert.deepEqual(
      files.map((f) => f.path),
      [
        'schemas/profiles/2024.8.5.request.schema.json',
        'schemas/profiles/2024.10.0.request.schema.json',
        'schemas/profiles/2024.10.3.request.schema.json',
        'schemas/profiles/2024.12.0.request.schema.json',
        'schemas/profiles/2025.8.0.request.schema.json',
        'schemas/profiles/2025.10.0.request.schema.json',
        'schemas/profiles/2026.5.0.request.schema.json',
        'schemas/profiles/index.json',
        'schemas/profiles/README.md',
        'common/profiles/bundledData.ts',
      ],
    );
    for (const file of files) {
      const committed = fs.readFileSync(path.join(ROOT, file.path), 'utf8');
      assert.equal(committed, file.content, `${file.path} is out of date: run npm run generate:schemas`);
    }
    const written = fs.readdirSync(path.join(ROOT, 'schemas/profiles')).map((f) => `schemas/profiles/${f}`).sort();
    assert.deepEqual(written, files.filter((f) => f.path.startsWith('schemas/profiles/')).map((f) => f.path).sort(), 'no stale file in schemas/profiles/');
  });

  it('the README tables say which profile each release line uses', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'schemas/profiles/README.md'), 'utf8');
    for (const row of [
      '| 2024.8 | 2024.8.6 | `2023.5.0` (2024.8.0 to 2024.8.4), `2024.8.5` (2024.8.5 to 2024.8.6) |',
      '| 2024.10 | 2024.10.5 | `2024.10.0` (2024.10.0 to 2024.10.2), `2024.10.3` (2024.10.3 to 2024.10.5) |',
      '| 2025.6 | 2025.6.4 | `2024.12.0` |',
      '| 2026.2 | 2026.2.2 | `2025.10.0` |',
      '| 2026.5 | 2026.5.0 | `2026.5.0` |',
      '| `2024.12.0` | 2024.12.0 to 2025.6.4 | list of `{matching_mode, url}` | `name`, `authorization_flow`, `invalidation_flow`, `redirect_uris` | `jwks_sources` renamed `jwt_federation_sources`; `jwt_federation_providers` added | [2024.12.0.request.schema.json](2024.12.0.request.schema.json) |',
    ]) {
      assert.ok(readme.includes(row), row);
    }
  });
});

/** Subsets with one of them changed. */
function withSubset(file: string, change: (document: Record<string, any>) => void): SubsetInput[] {
  return inputs.subsets.map((s) => {
    if (s.file !== file) return s;
    const document = parse(s.text);
    change(document);
    return { file, text: stringify(document) };
  });
}

describe('the generator refuses inputs that disagree', () => {
  it('two subsets of one profile with different shapes', () => {
    const subsets = withSubset('authentik-2025.4.4.oauth2-subset.yml', (d) => {
      d.components.schemas.OAuth2ProviderRequest.properties.extra = { type: 'string' };
      d.components.schemas.PatchedOAuth2ProviderRequest.properties.extra = { type: 'string' };
    });
    assert.throws(
      () => generateSchemaFiles(subsets, inputs.seed),
      /^Error: the subsets authentik-2024\.12\.5\.oauth2-subset\.yml, authentik-2025\.2\.4\.oauth2-subset\.yml, authentik-2025\.4\.4\.oauth2-subset\.yml, authentik-2025\.6\.4\.oauth2-subset\.yml differ, but PROFILE_STARTS puts them in one profile$/,
    );
  });

  it('two neighbouring profiles with the same shape', () => {
    const listForm = inputs.subsets.find((s) => s.file === 'authentik-2024.10.5.oauth2-subset.yml')!;
    const subsets = inputs.subsets.map((s) => (s.file === 'authentik-2024.10.0.oauth2-subset.yml' ? { file: s.file, text: listForm.text.replace(/version: 2024\.10\.5/, 'version: 2024.10.0') } : s));
    assert.throws(() => generateSchemaFiles(subsets, inputs.seed), /^Error: the profiles from 2024\.10\.0 and from 2024\.10\.3 have the same request shape: merge them in PROFILE_STARTS$/);
  });

  it('a PATCH body that is not the request with every field optional', () => {
    const subsets = withSubset('authentik-2025.8.6.oauth2-subset.yml', (d) => delete d.components.schemas.PatchedOAuth2ProviderRequest.properties.name);
    assert.throws(() => generateSchemaFiles(subsets, inputs.seed), /^Error: authentik-2025\.8\.6\.oauth2-subset\.yml: PatchedOAuth2ProviderRequest is not OAuth2ProviderRequest with every field optional$/);
  });

  it('a profile no subset covers, and a subset whose version is not its name', () => {
    assert.throws(
      () => generateSchemaFiles(inputs.subsets.filter((s) => s.file !== 'authentik-2025.8.6.oauth2-subset.yml'), inputs.seed),
      /^Error: no OpenAPI subset in schemas\/openapi covers the profile from 2025\.8\.0$/,
    );
    const subsets = withSubset('authentik-2025.2.4.oauth2-subset.yml', (d) => (d.info.version = '2025.2.3'));
    assert.throws(() => generateSchemaFiles(subsets, inputs.seed), /^Error: authentik-2025\.2\.4\.oauth2-subset\.yml: its info\.version is 2025\.2\.3$/);
  });
});

describe('the seed schema agrees with the 2024.8.4 subset', () => {
  const subset = inputs.subsets.find((s) => s.file === 'authentik-2024.8.4.oauth2-subset.yml')!;
  const converted = convertComponent(parse(subset.text), 'OAuth2ProviderRequest');
  assert.ok(converted.ok);
  const fromSubset = converted.schema;
  const seed = inputs.seed;

  /** The facts about one field both must state alike. */
  function facts(node: SchemaNode): Record<string, unknown> {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    return {
      type: types.filter((t) => t !== 'null'),
      nullable: types.includes('null'),
      format: node.format,
      enum: node.enum,
      minLength: node.minLength,
      maxLength: node.maxLength,
      items: node.items ? facts(node.items) : undefined,
    };
  }

  it('has the same fields, and the same required ones', () => {
    assert.deepEqual(Object.keys(seed.properties), Object.keys(fromSubset.properties!));
    assert.deepEqual([...seed.required].sort(), [...fromSubset.required!].sort());
  });

  for (const [key, node] of Object.entries(fromSubset.properties ?? {})) {
    it(`${key}: type, nullability, format, enum and lengths`, () => {
      assert.deepEqual(facts(seed.properties[key]), facts(node));
    });
    it(`${key}: the subset's description, title and default where it has them`, () => {
      for (const keyword of ['description', 'title', 'default'] as const) {
        if (node[keyword] !== undefined) assert.deepEqual(seed.properties[key][keyword], node[keyword], keyword);
      }
      if (node.items?.title !== undefined) assert.equal(seed.properties[key].items?.title, node.items.title);
    });
  }
});
