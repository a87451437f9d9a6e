import { fieldKindsOf } from './fieldKinds';
import { fieldKeysOf } from './fieldHistory';
import { RequestSchema } from './jsonSchema';
import { FieldHistory, Profile } from './profile';
import { redirectUriFormOf } from './redirectUris';
import { FLOW_DESIGNATIONS, LIST_ENDPOINTS, referencesOf } from './references';
import { PROFILE_STARTS } from './releases';
import { compareVersions, versionOf } from './version';

export interface ProfileBasics {
  id: string;
  label: string;
  source: Profile['source'];
  releases: Profile['releases'];
  basedOn?: string;
  requestSchema: RequestSchema;
}

/**
 * A profile from its request schema: the redirect-URI form, the references and the field kinds
 * read from the schema, the history of its fields from what the bundled profiles know. Bundled
 * profiles and a server's own schema go through here alike.
 */
export function assembleProfile(
  basics: ProfileBasics,
  history: ReadonlyMap<string, FieldHistory>,
  flowDesignations: readonly string[] = FLOW_DESIGNATIONS,
): { ok: true; profile: Profile } | { ok: false; error: string } {
  const form = redirectUriFormOf(basics.requestSchema);
  if (!form.ok) return form;
  const keys = new Set(fieldKeysOf(basics.requestSchema));
  const from = versionOf(basics.releases.from);

  const fieldsSince: Record<string, string> = {};
  for (const key of keys) {
    const spans = history.get(key)?.spans ?? [];
    // The span this profile's first release falls in; a field no bundled profile has is first seen here.
    const span = [...spans].reverse().find((s) => compareVersions(versionOf(s.from), from) <= 0);
    const since = span ? span.from : basics.releases.from;
    if (since !== PROFILE_STARTS[0]) fieldsSince[key] = since;
  }

  const absentFields: Record<string, FieldHistory> = {};
  for (const [key, entry] of history) {
    if (keys.has(key)) continue;
    // With the one-string form there are no entries whose fields could be missing.
    if (form.form.kind === 'string' && key.startsWith('redirect_uris[].')) continue;
    absentFields[key] = entry;
  }

  return {
    ok: true,
    profile: {
      ...basics,
      redirectUris: form.form,
      references: referencesOf(basics.requestSchema, flowDesignations),
      endpoints: LIST_ENDPOINTS,
      fieldKinds: fieldKindsOf(basics.requestSchema),
      fieldsSince,
      absentFields,
    },
  };
}
