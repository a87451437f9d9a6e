import {
  compareVersions,
  knownVersionsText,
  newestProfile,
  parseVersion,
  Profile,
  profileForVersion,
  RELEASE_LINES,
  releaseLine,
} from '../../../common/profiles';
import { Finding, finding } from './findings';
import { ParsedDocument } from './parsedDocument';

/** Where the profile of a file came from, in the order they are tried. */
export type ProfileSource = 'comment' | 'setting' | 'server' | 'newest';

export interface ResolvedProfile {
  profile: Profile;
  source: ProfileSource;
  /** The release the file is checked for: `2026.2.2` for the line `2026.2`, `2026.8` for a release newer than every profile. */
  release: string;
  /** Why this profile applies, as a sentence part: "from the comment on line 1", "the newest known release". */
  reason: string;
  /** Warnings on a version that is not known, and the note that a release is newer than every bundled profile. */
  findings: Finding[];
}

export interface ProfileChoice {
  /** The setting `authentik.serverVersion` (or the CLI's `--server-version`): `auto` or a version. */
  settingVersion?: string;
  /** With `auto`: the profile of the connected server, when one is known. */
  serverProfile?: Profile;
}

/** What validation takes from a resolved profile. */
export function profileContext(resolved: ResolvedProfile): { profile: Profile; release: string; profileFindings: readonly Finding[] } {
  return { profile: resolved.profile, release: resolved.release, profileFindings: resolved.findings };
}

/** The value of `authentik.serverVersion` that defers to the connected server. */
export const AUTO_VERSION = 'auto';

/** `# authentik-version: 2024.8.4` among the leading comments: where the version text is. */
export interface VersionComment {
  /** The text after the colon, trimmed (may be empty). */
  text: string;
  /** The version text's offsets; for an empty one, the comment's. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
}

const VERSION_COMMENT = /^([ \t]*#[ \t]*authentik-version[ \t]*:[ \t]*)(.*?)[ \t]*$/i;

/**
 * The first `# authentik-version:` comment before the document's content. Blank lines, other
 * comments, a `%YAML` directive and a `---` marker may come before it; anything else ends the search.
 */
export function versionComment(text: string): VersionComment | undefined {
  const lines = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let line = 0;
  for (let match = lines.exec(text); match && match.index < text.length; match = lines.exec(text)) {
    line++;
    const start = match.index + (match.index === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
    const content = text.slice(start, match.index + match[0].length - match[1].length);
    const trimmed = content.trim();
    const comment = VERSION_COMMENT.exec(content);
    if (comment) {
      const at = start + comment[1].length;
      const version = comment[2];
      if (version.length > 0) return { text: version, start: at, end: at + version.length, line };
      return { text: '', start: start + content.length - content.trimStart().length, end: start + content.trimEnd().length, line };
    }
    if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || trimmed.startsWith('%')) continue;
    return undefined;
  }
  return undefined;
}

type VersionVerdict =
  | { ok: true; profile: Profile; release: string; newer: boolean; fromServer: boolean }
  | { ok: false; problem: string };

const NEWEST_LINE = RELEASE_LINES[RELEASE_LINES.length - 1].line;

/** A version as a user writes it, matched to a profile: the connected server's, when the release is newer than every bundled one and the server runs it. */
function matchVersionText(text: string, serverProfile: Profile | undefined): VersionVerdict {
  const shown = JSON.stringify(text.slice(0, 40));
  if (text === '') return { ok: false, problem: `No version given: write ${knownVersionsText()}.` };
  const lookup = profileForVersion(text);
  if ('error' in lookup) {
    const parsed = parseVersion(text);
    return { ok: false, problem: parsed ? `${lookup.error.replace(/\.$/, '')}; write ${knownVersionsText()}.` : lookup.error };
  }
  const asked = parseVersion(text)!;
  const newestLine = releaseLine(asked) === NEWEST_LINE;
  if (lookup.kind === 'unlisted' && !newestLine) return { ok: false, problem: `${shown} is not a known authentik release: write ${knownVersionsText()}.` };
  if (lookup.kind === 'newer') {
    const server = serverProfile ? parseVersion(serverProfile.releases.from) : undefined;
    if (serverProfile && server && releaseLine(server) === releaseLine(asked) && (asked.patch === undefined || compareVersions(server, asked) === 0)) {
      return { ok: true, profile: serverProfile, release: serverProfile.releases.from, newer: false, fromServer: true };
    }
    return { ok: true, profile: lookup.profile, release: lookup.release, newer: true, fromServer: false };
  }
  return { ok: true, profile: lookup.profile, release: lookup.release, newer: false, fromServer: false };
}

/** Why a version (as a user writes it) names no profile, or undefined when it names one. */
export function versionProblem(text: string): string | undefined {
  const verdict = matchVersionText(text.trim(), undefined);
  return verdict.ok ? undefined : verdict.problem;
}

function newerFinding(release: string, profile: Profile, start: number, end: number): Finding {
  return finding('version-newer', {
    message: `authentik ${release} is newer than every release the bundled profiles know (the newest is ${NEWEST_LINE}): the file is checked as ${profile.label}.`,
    start,
    end,
  });
}

/**
 * Which profile applies to a file, in this order: the `# authentik-version:` comment, the setting
 * `authentik.serverVersion` when it names a version, the connected server's profile (setting
 * `auto`), the newest bundled profile. A version that is not known gets a warning and the next
 * choice applies; a release newer than every bundled profile (and not the connected server's) is
 * checked with the newest one, which an information says once.
 */
export function resolveProfile(parsed: Pick<ParsedDocument, 'text' | 'tooLarge'>, choice: ProfileChoice = {}): ResolvedProfile {
  const findings: Finding[] = [];
  const unknown: { problem: string; start: number; end: number }[] = [];
  const done = (resolved: Omit<ResolvedProfile, 'findings'>): ResolvedProfile => {
    const instead = ` The file is checked for authentik ${resolved.release} (${resolved.reason}).`;
    for (const u of unknown) findings.unshift(finding('version-unknown', { message: u.problem + instead, start: u.start, end: u.end }));
    return { ...resolved, findings };
  };

  const comment = parsed.tooLarge ? undefined : versionComment(parsed.text);
  if (comment) {
    const verdict = matchVersionText(comment.text, choice.serverProfile);
    const reason = `from the comment on line ${comment.line}`;
    if (verdict.ok) {
      if (verdict.newer) findings.push(newerFinding(verdict.release, verdict.profile, comment.start, comment.end));
      return done({ profile: verdict.profile, source: 'comment', release: verdict.release, reason: verdict.fromServer ? `${reason}, which the connected server runs` : reason });
    }
    unknown.push({ problem: `Unknown authentik version in the comment: ${verdict.problem}`, start: comment.start, end: comment.end });
  }

  const setting = choice.settingVersion?.trim();
  if (setting && setting.toLowerCase() !== AUTO_VERSION) {
    const verdict = matchVersionText(setting, choice.serverProfile);
    const reason = 'from the setting authentik.serverVersion';
    if (verdict.ok) {
      if (verdict.newer) findings.push(newerFinding(verdict.release, verdict.profile, 0, 0));
      return done({ profile: verdict.profile, source: 'setting', release: verdict.release, reason });
    }
    unknown.push({ problem: `The setting authentik.serverVersion is not a known version: ${verdict.problem}`, start: 0, end: 0 });
  }

  if (choice.serverProfile) {
    const release = choice.serverProfile.releases.from;
    return done({ profile: choice.serverProfile, source: 'server', release, reason: `the connected server runs ${release}` });
  }

  const newest = newestProfile();
  return done({ profile: newest, source: 'newest', release: newest.releases.through, reason: 'the newest known release' });
}
