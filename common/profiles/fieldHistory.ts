import { RequestSchema, typesOf } from './jsonSchema';
import { FieldHistory, FieldSpan } from './profile';
import { FIELD_RENAMES, FIELD_REPLACEMENTS, PROFILE_STARTS } from './releases';
import { compareVersions, Version, versionOf } from './version';

/** One profile's place in the release order, as the history is built from. */
export interface HistoryInput {
  from: string;
  through: string;
  schema: RequestSchema;
}

const ENTRY_PREFIX = 'redirect_uris[].';

/** The request's field names, and those of a `redirect_uris` entry as `redirect_uris[].<name>`. */
export function fieldKeysOf(schema: RequestSchema): string[] {
  const keys = Object.keys(schema.properties);
  const redirect = schema.properties.redirect_uris;
  if (redirect && typesOf(redirect).join() === 'array' && redirect.items?.properties) {
    keys.push(...Object.keys(redirect.items.properties).map((k) => ENTRY_PREFIX + k));
  }
  return keys;
}

/** Where every field of these profiles (oldest first, back to back) exists. */
export function buildFieldHistory(profiles: readonly HistoryInput[]): Map<string, FieldHistory> {
  const keysByProfile = profiles.map((p) => new Set(fieldKeysOf(p.schema)));
  const allKeys = [...new Set(keysByProfile.flatMap((keys) => [...keys]))];
  const spans = new Map<string, FieldSpan[]>();
  for (const key of allKeys) {
    const list: FieldSpan[] = [];
    let current: FieldSpan | undefined;
    profiles.forEach((profile, index) => {
      if (keysByProfile[index].has(key)) {
        if (current) current.through = profile.through;
        else list.push((current = { from: profile.from, through: profile.through }));
      } else if (current) {
        current.until = profile.from;
        current = undefined;
      }
    });
    spans.set(key, list);
  }
  const history = new Map<string, FieldHistory>();
  for (const [key, list] of spans) {
    const entry: FieldHistory = { key, spans: list };
    const renamedTo = FIELD_RENAMES.find((r) => r.from === key);
    if (renamedTo) entry.renamedTo = { key: renamedTo.to, since: renamedTo.since };
    const renamedFrom = FIELD_RENAMES.find((r) => r.to === key);
    if (renamedFrom) entry.renamedFrom = { key: renamedFrom.from, since: renamedFrom.since };
    const replaced = FIELD_REPLACEMENTS.find((r) => r.key === key);
    if (replaced) entry.replacedBy = { text: replaced.replacedBy, since: replaced.since };
    history.set(key, entry);
  }
  return history;
}

/**
 * Where a field exists, seen from a release that lacks it: the part after "not a field of authentik
 * <version>; ". `it exists from 2024.10.0`, `it exists until 2024.10.5; from 2024.12.0 it is
 * jwt_federation_sources`, `it exists only from 2025.8.0 to 2025.8.6; from 2025.10.0 it is logout_uri
 * with logout_method: backchannel`.
 */
export function describeAvailability(history: FieldHistory, at: Version): string {
  const later = history.spans.filter((s) => compareVersions(versionOf(s.from), at) > 0);
  const earlier = history.spans.filter((s) => compareVersions(versionOf(s.from), at) <= 0);
  // A span still open in the newest profile is closed for a release after it that lacks the field.
  const closed = (s: FieldSpan) => s.until !== undefined || compareVersions(at, versionOf(s.through)) > 0;
  const spanText = (s: FieldSpan, first: boolean) => {
    if (!closed(s)) return `from ${s.from}`;
    if (first && s.from === PROFILE_STARTS[0]) return `until ${s.through}`;
    return `${first ? 'only ' : ''}from ${s.from} to ${s.through}`;
  };
  const shown = later.length > 0 ? later : earlier;
  let text = `it exists ${shown.map((s, i) => spanText(s, i === 0)).join(' and ')}`;
  const successor = history.renamedTo ? { text: history.renamedTo.key, since: history.renamedTo.since } : history.replacedBy;
  if (successor && closed(shown[shown.length - 1])) text += `; from ${successor.since} it is ${successor.text}`;
  if (history.renamedFrom && later.length > 0) text += `; before, it was ${history.renamedFrom.key}`;
  return text;
}
