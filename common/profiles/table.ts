/** The table of bundled profiles (schemas/profiles/index.json) and how profiles are built from it. */
import { assembleProfile } from './assemble';
import { buildFieldHistory } from './fieldHistory';
import { RequestSchema } from './jsonSchema';
import { FieldHistory, Profile } from './profile';

/** One row of schemas/profiles/index.json. */
export interface BundledIndexEntry {
  id: string;
  /** The first release with this request shape. */
  from: string;
  /** The newest release known to have it. */
  through: string;
  /** The request schema, relative to schemas/profiles/. */
  schema: string;
  /** The OpenAPI subsets (schemas/openapi/) of releases in this range. */
  subsets: string[];
}

export interface BundledIndex {
  profiles: BundledIndexEntry[];
}

export interface BundledSet {
  profiles: Profile[];
  history: Map<string, FieldHistory>;
}

/** `authentik 2024.12.0 to 2025.6.4`; the newest profile also serves later releases. */
export function rangeLabel(entry: Pick<BundledIndexEntry, 'from' | 'through'>, newest: boolean): string {
  if (newest) return `authentik ${entry.from} and later`;
  return entry.from === entry.through ? `authentik ${entry.from}` : `authentik ${entry.from} to ${entry.through}`;
}

/** The bundled profiles from the index and its schemas (oldest first). */
export function profilesFromIndex(index: BundledIndex, schemas: Readonly<Record<string, RequestSchema>>): BundledSet {
  const inputs = index.profiles.map((entry) => {
    const schema = schemas[entry.id];
    if (!schema) throw new Error(`no request schema for the bundled profile ${entry.id}`);
    return { entry, schema };
  });
  const history = buildFieldHistory(inputs.map(({ entry, schema }) => ({ from: entry.from, through: entry.through, schema })));
  const profiles = inputs.map(({ entry, schema }, i) => {
    const assembled = assembleProfile(
      {
        id: entry.id,
        label: rangeLabel(entry, i === inputs.length - 1),
        source: 'bundled',
        releases: { from: entry.from, through: entry.through },
        requestSchema: schema,
      },
      history,
    );
    if (!assembled.ok) throw new Error(`bundled profile ${entry.id}: ${assembled.error}`);
    return assembled.profile;
  });
  return { profiles, history };
}
