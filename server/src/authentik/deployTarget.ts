import { bundledProfiles, compareVersions, parseVersion, Profile, releaseLine } from '../../../common/profiles';
import { AuthentikSettings } from '../../../common/settings';
import { PortableInputs, prepareBody } from '../service/deployBody';
import { ParsedDocument } from '../service/parsedDocument';
import { versionComment } from '../service/profileResolution';

/**
 * A warning when the file's `# authentik-version:` comment names another release than the server
 * runs (a release line matches any of its releases); undefined when it names none or the same.
 */
export function commentVersionWarning(text: string, serverRelease: string): string | undefined {
  const comment = versionComment(text);
  if (!comment || comment.text === '') return undefined;
  const named = parseVersion(comment.text);
  const server = parseVersion(serverRelease);
  if (!named || !server) return undefined;
  const same = named.patch === undefined ? releaseLine(named) === releaseLine(server) : compareVersions(named, server) === 0 && named.prerelease === server.prerelease;
  if (same) return undefined;
  return `The file's comment on line ${comment.line} names authentik ${comment.text.slice(0, 40)}, but the server runs ${serverRelease}: it is checked and sent in the shape ${serverRelease} accepts.`;
}

/**
 * The profile whose shape a file that the server's release refuses is in: its own (comment,
 * setting), else the newest bundled one it is valid for; undefined when it is invalid for all.
 * This decides whether a Convert is what the user needs. `portable`: what the file's tags resolve against.
 */
export function shapeOfFile(parsed: ParsedDocument, rules: AuthentikSettings['rules'], maxFileSize: number, own: Profile, portable?: PortableInputs): Profile | undefined {
  const fits = (profile: Profile) => prepareBody(parsed, { rules, maxFileSize, profile }, portable).ok;
  if (fits(own)) return own;
  return [...bundledProfiles].reverse().find((p) => p !== own && fits(p));
}
