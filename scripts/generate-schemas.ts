/**
 * Writes the request schemas of the version profiles from authentik's OpenAPI subsets:
 *   schemas/profiles/<id>.request.schema.json   one per distinct request shape (the oldest is the seed's)
 *   schemas/profiles/index.json                 the table: releases → profile → schema
 *   schemas/profiles/README.md                  the same table for people
 *   common/profiles/bundledData.ts              the imports that bundle them
 * Run with `npm run generate:schemas`. A unit test runs generateSchemaFiles and compares.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BundledIndex, BundledIndexEntry, profilesFromIndex, rangeLabel } from '../common/profiles/table';
import { RequestSchema, requestShape } from '../common/profiles/jsonSchema';
import { knownReleases, matchVersion } from '../common/profiles/versionMatch';
import { convertComponent, own } from '../common/profiles/openApiToJsonSchema';
import { Profile } from '../common/profiles/profile';
import { PROFILE_STARTS, RELEASE_LINES } from '../common/profiles/releases';
import { PATCH_REQUEST_COMPONENT, REQUEST_COMPONENT, requestSchemaFromOpenApi } from '../common/profiles/requestSchema';
import { compareVersions, formatVersion, parseVersion, versionOf } from '../common/profiles/version';

export const SUBSET_DIR = 'schemas/openapi';
export const SEED_SCHEMA = 'schemas/oauth2provider.request.schema.json';
export const PROFILE_DIR = 'schemas/profiles';
export const BUNDLED_DATA = 'common/profiles/bundledData.ts';

/** Subsets whose `info.version` is not the release they stand for. */
const SUBSET_RELEASES: Readonly<Record<string, string>> = {
  // authentik's main branch two days after the 2026.5 branch was cut: it says 2026.8.0-rc1.
  '2026.5-main-20260511': '2026.5.0',
};

export interface SubsetInput {
  /** `authentik-2024.8.4.oauth2-subset.yml` */
  file: string;
  text: string;
}

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

interface Subset {
  file: string;
  release: string;
  schema: RequestSchema;
}

/** Everything the script writes, from the subsets' text and the seed schema. Throws when the inputs disagree. */
export function generateSchemaFiles(inputs: readonly SubsetInput[], seed: RequestSchema): GeneratedFile[] {
  const subsets = inputs.map(readSubset).sort((a, b) => compareVersions(versionOf(a.release), versionOf(b.release)));
  const releases = knownReleases().map(versionOf);

  const entries: BundledIndexEntry[] = [];
  const schemas: Record<string, RequestSchema> = {};
  PROFILE_STARTS.forEach((from, i) => {
    const next = PROFILE_STARTS[i + 1];
    const inRange = (release: string) =>
      compareVersions(versionOf(release), versionOf(from)) >= 0 && (!next || compareVersions(versionOf(release), versionOf(next)) < 0);
    const members = subsets.filter((s) => inRange(s.release));
    if (members.length === 0) throw new Error(`no OpenAPI subset in ${SUBSET_DIR} covers the profile from ${from}`);
    const shapes = new Set(members.map((s) => JSON.stringify(requestShape(s.schema))));
    if (shapes.size > 1) throw new Error(`the subsets ${members.map((s) => s.file).join(', ')} differ, but PROFILE_STARTS puts them in one profile`);
    const through = releases.filter((r) => inRange(formatVersion(r))).pop();
    if (!through) throw new Error(`no known release from ${from}`);
    const entry: BundledIndexEntry = {
      id: from,
      from,
      through: formatVersion(through),
      schema: i === 0 ? path.posix.relative(PROFILE_DIR, SEED_SCHEMA) : `${from}.request.schema.json`,
      subsets: members.map((s) => s.file),
    };
    entries.push(entry);
    // The seed's schema stands for the oldest range; a unit test holds it to that range's subset.
    schemas[from] =
      i === 0
        ? seed
        : {
            ...members[members.length - 1].schema,
            $id: `https://authentik.local/schemas/profiles/${from}.request.schema.json`,
            description: `Body of POST /api/v3/providers/oauth2/ (${rangeLabel(entry, !next)}).`,
          };
  });
  entries.forEach((entry, i) => {
    const previous = entries[i - 1];
    if (previous && JSON.stringify(requestShape(schemas[previous.id])) === JSON.stringify(requestShape(schemas[entry.id]))) {
      throw new Error(`the profiles from ${previous.from} and from ${entry.from} have the same request shape: merge them in PROFILE_STARTS`);
    }
  });

  const index: BundledIndex = { profiles: entries };
  const { profiles } = profilesFromIndex(index, schemas);
  const files: GeneratedFile[] = entries.slice(1).map((entry) => ({ path: `${PROFILE_DIR}/${entry.schema}`, content: json(schemas[entry.id]) }));
  files.push({ path: `${PROFILE_DIR}/index.json`, content: json(indexDocument(index)) });
  files.push({ path: `${PROFILE_DIR}/README.md`, content: readme(entries, profiles) });
  files.push({ path: BUNDLED_DATA, content: bundledData(entries) });
  return files;
}

function readSubset(input: SubsetInput): Subset {
  const name = /^authentik-(.+)\.oauth2-subset\.yml$/.exec(input.file)?.[1];
  if (!name) throw new Error(`${input.file}: not named authentik-<version>.oauth2-subset.yml`);
  const document: unknown = parse(input.text);
  const title = own(own(document, 'info'), 'title');
  const version = own(own(document, 'info'), 'version');
  if (title !== 'authentik' || typeof version !== 'string' || !parseVersion(version)) throw new Error(`${input.file}: not an authentik OpenAPI document`);
  const release = SUBSET_RELEASES[name] ?? name;
  if (!SUBSET_RELEASES[name] && version !== name) throw new Error(`${input.file}: its info.version is ${version}`);
  const converted = requestSchemaFromOpenApi(document, { $id: '', description: '' });
  if (!converted.ok) throw new Error(`${input.file}: ${converted.error}`);
  // PATCH takes the same fields, none required: a difference would need a schema of its own.
  const request = convertComponent(document, REQUEST_COMPONENT);
  const patch = convertComponent(document, PATCH_REQUEST_COMPONENT);
  if (!request.ok || !patch.ok) throw new Error(`${input.file}: ${!request.ok ? request.error : !patch.ok ? patch.error : ''}`);
  if (JSON.stringify(patch.schema.properties) !== JSON.stringify(request.schema.properties) || (patch.schema.required ?? []).length > 0) {
    throw new Error(`${input.file}: ${PATCH_REQUEST_COMPONENT} is not ${REQUEST_COMPONENT} with every field optional`);
  }
  return { file: input.file, release, schema: converted.schema };
}

function indexDocument(index: BundledIndex): object {
  return {
    description:
      'The version profiles: one request schema per distinct shape of POST /api/v3/providers/oauth2/, and the releases each covers (from its first release to the newest known one). Generated by scripts/generate-schemas.ts from schemas/openapi/; do not edit.',
    ...index,
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function bundledData(entries: readonly BundledIndexEntry[]): string {
  const name = (entry: BundledIndexEntry) => `schema_${entry.id.replace(/\./g, '_')}`;
  const from = (file: string) => path.posix.relative(path.posix.dirname(BUNDLED_DATA), path.posix.join(PROFILE_DIR, file));
  return [
    '// Generated by scripts/generate-schemas.ts (npm run generate:schemas): do not edit.',
    `import index from '${from('index.json')}';`,
    ...entries.map((entry) => `import ${name(entry)} from '${from(entry.schema)}';`),
    '',
    'export const BUNDLED_INDEX = index;',
    '',
    '/** The request schema of each bundled profile, by profile id. */',
    'export const BUNDLED_SCHEMAS = {',
    ...entries.map((entry) => `  '${entry.id}': ${name(entry)},`),
    '};',
    '',
  ].join('\n');
}

function readme(entries: readonly BundledIndexEntry[], profiles: readonly Profile[]): string {
  const code = (text: string) => `\`${text}\``;
  const profileRows = profiles.map((profile, i) => {
    const entry = entries[i];
    const previous = profiles[i - 1];
    const form = profile.redirectUris.kind === 'string' ? 'one string' : `list of ${code(`{${['matching_mode', 'url', ...(profile.redirectUris.uriTypes ? ['redirect_uri_type'] : [])].join(', ')}}`)}`;
    const changes = previous ? changesFrom(previous, profile) : 'the seed API page (2023.5 to 2024.8.4)';
    const file = entry.schema.startsWith('../') ? `[${entry.schema.slice(3)}](${entry.schema})` : `[${entry.schema}](${entry.schema})`;
    return `| ${code(profile.id)} | ${profile.label.replace(/^authentik /, '')} | ${form} | ${profile.requestSchema.required.map(code).join(', ')} | ${changes} | ${file} |`;
  });
  const lineRows = RELEASE_LINES.map((line) => {
    const groups: { profile: string; first: string; last: string }[] = [];
    for (let patch = 0; patch <= line.newestPatch; patch++) {
      const release = `${line.line}.${patch}`;
      const match = matchVersion(release, profiles);
      if ('error' in match) throw new Error(match.error);
      const last = groups[groups.length - 1];
      if (last && last.profile === match.profile.id) last.last = release;
      else groups.push({ profile: match.profile.id, first: release, last: release });
    }
    const text =
      groups.length === 1
        ? code(groups[0].profile)
        : groups.map((g) => `${code(g.profile)} (${g.first === g.last ? g.first : `${g.first} to ${g.last}`})`).join(', ');
    return `| ${line.line} | ${line.line}.${line.newestPatch} | ${text} |`;
  });
  const newest = profiles[profiles.length - 1];
  return [
    '# Version profiles',
    '',
    '<!-- Generated by scripts/generate-schemas.ts (npm run generate:schemas) from schemas/openapi/: do not edit. -->',
    '',
    'A profile is what one range of authentik releases accepts in `POST /api/v3/providers/oauth2/`: the request',
    'schema, the form of `redirect_uris`, the fields that refer to other objects, and the fields other releases',
    'have. There is one profile per distinct request shape since 2023.5.0, named after its first release; the',
    'request schemas here are converted from the OpenAPI schema each release serves (`schemas/openapi/`). The',
    `oldest is the seed API page's schema, \`${SEED_SCHEMA}\`, held by a test to the 2024.8.4 subset.`,
    '',
    '## Profiles',
    '',
    '| Profile | Releases | `redirect_uris` | Required | Changes from the previous profile | Request schema |',
    '|---|---|---|---|---|---|',
    ...profileRows,
    '',
    '## Supported releases',
    '',
    'A release line (`2026.2`) stands for its newest known release. A release newer than every line below uses',
    `the newest profile (${code(newest.id)}) as a guess; with a server connected, its own \`/api/v3/schema/\` is read instead.`,
    '',
    '| Release line | Newest known | Profile |',
    '|---|---|---|',
    ...lineRows,
    '',
  ].join('\n');
}

/** What changed from one profile to the next, for the table. */
function changesFrom(previous: Profile, profile: Profile): string {
  const code = (text: string) => `\`${text}\``;
  const before = new Set(Object.keys(previous.requestSchema.properties));
  const after = new Set(Object.keys(profile.requestSchema.properties));
  const parts: string[] = [];
  const newlyRequired = (key: string) => profile.requestSchema.required.includes(key) && !previous.requestSchema.required.includes(key);
  if (previous.redirectUris.kind !== profile.redirectUris.kind) {
    const form = profile.redirectUris.kind === 'list' ? 'a list of entries' : 'one string';
    parts.push(`${code('redirect_uris')} ${newlyRequired('redirect_uris') ? `required, ${form}` : form}`);
  }
  if (previous.redirectUris.kind === 'list' && profile.redirectUris.kind === 'list' && !previous.redirectUris.uriTypes && profile.redirectUris.uriTypes) {
    parts.push(`${code('redirect_uris[].redirect_uri_type')} added`);
  }
  const added = [...after].filter((k) => !before.has(k));
  const removed = [...before].filter((k) => !after.has(k));
  for (const key of removed) {
    const rename = profile.absentFields[key]?.renamedTo;
    const renamedTo = rename && added.includes(rename.key) ? rename.key : undefined;
    if (renamedTo) added.splice(added.indexOf(renamedTo), 1);
    parts.push(renamedTo ? `${code(key)} renamed ${code(renamedTo)}` : `${code(key)} removed`);
  }
  if (added.length > 0) parts.push(`${added.map((k) => (newlyRequired(k) ? `${code(k)} (required)` : code(k))).join(', ')} added`);
  const required = [...before].filter((k) => after.has(k) && k !== 'redirect_uris' && newlyRequired(k));
  if (required.length > 0) parts.push(`${required.map(code).join(', ')} required`);
  return parts.join('; ');
}

/** Reads the inputs from a checkout. */
export function readInputs(root: string): { subsets: SubsetInput[]; seed: RequestSchema } {
  const dir = path.join(root, SUBSET_DIR);
  const subsets = readdirSync(dir)
    .filter((file) => file.endsWith('.oauth2-subset.yml'))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }));
  const seed = JSON.parse(readFileSync(path.join(root, SEED_SCHEMA), 'utf8')) as RequestSchema;
  return { subsets, seed };
}

function main(): void {
  const root = path.resolve(__dirname, '..');
  const { subsets, seed } = readInputs(root);
  const files = generateSchemaFiles(subsets, seed);
  mkdirSync(path.join(root, PROFILE_DIR), { recursive: true });
  for (const file of files) writeFileSync(path.join(root, file.path), file.content);
  console.log(`Wrote ${files.map((f) => f.path).join(', ')}.`);
}

if (require.main === module) main();
