import { describeAvailability, FieldHistory, parseVersion, Profile } from '../../../common/profiles';

/** What the profile knows of a key it lacks: where it exists, and what replaced it. */
export interface AbsentField {
  history: FieldHistory;
  /** The field was renamed before this release: the key to write instead. */
  renamedTo?: string;
  /** A sentence part: `it exists from 2024.10.0`, `it exists only from 2025.8.0 to 2025.8.6; from 2025.10.0 it is logout_uri with logout_method: backchannel`. */
  availability: string;
}

/** A key that another bundled release has and this profile does not, or undefined for a key no release has. */
export function absentField(profile: Profile, release: string, key: string): AbsentField | undefined {
  const history = Object.prototype.hasOwnProperty.call(profile.absentFields, key) ? profile.absentFields[key] : undefined;
  if (!history) return undefined;
  const at = parseVersion(release) ?? parseVersion(profile.releases.from)!;
  const result: AbsentField = { history, availability: describeAvailability(history, at) };
  const renamed = history.renamedTo;
  if (renamed && Object.prototype.hasOwnProperty.call(profile.requestSchema.properties, renamed.key)) result.renamedTo = renamed.key;
  return result;
}

/** The message for a key the file's release does not have. */
export function absentFieldMessage(key: string, release: string, absent: AbsentField): string {
  if (absent.renamedTo) {
    return `"${key}" is not a field of authentik ${release}: it was renamed ${absent.renamedTo} in ${absent.history.renamedTo!.since}, and the server ignores the old name.`;
  }
  return `"${key}" is not a field of authentik ${release}; ${absent.availability}. The server ignores it.`;
}
