import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { Profile, profileForVersion } from '../../../../common/profiles';
import { FIELD_RENAMES } from '../../../../common/profiles/releases';
import { fieldOf } from '../../schema/fields';
import { OffsetEdit } from '../edits';
import { removePairAt } from '../pairEdits';
import { ParsedDocument } from '../parsedDocument';
import { versionComment } from '../profileResolution';
import { findPair, lineEnd, lineStart, rangeOf, ParsedNode, Pair, YAMLSeq } from '../yamlNodes';
import { entriesFromString, RedirectUriEntry, stringFromEntries } from './redirectUris';
import { commentLines, commentsWithin, scalarText } from './yamlText';

/** Where a file is migrated to: the profile, and the version its `# authentik-version:` comment names. */
export interface MigrationTarget {
  profile: Profile;
  /** `2026.5` or `2024.8.4`: written into the comment. */
  version: string;
}

export interface MigrationOptions {
  /** The UUID of the server's `default-provider-invalidation-flow`, when one is connected. */
  invalidationFlow?: string;
}

export type MigrationResult =
  | { ok: true; edits: OffsetEdit[]; changes: string[] }
  | { ok: false; reason: string };

/** What an added `invalidation_flow` holds when no server says which flow: blank, which validation rejects until it is filled. */
export const INVALIDATION_FLOW_PLACEHOLDER = '""  # TODO: the UUID of an invalidation flow (default-provider-invalidation-flow)';

/**
 * The edits that rewrite a provider file for another profile, as small replacements of its text:
 * every comment and the order of the keys stay. Running it on its own result changes nothing.
 */
export function migrate(parsed: ParsedDocument, target: MigrationTarget, options: MigrationOptions = {}): MigrationResult {
  if (parsed.tooLarge) return { ok: false, reason: 'the file is larger than the size limit.' };
  if (parsed.errors.length > 0) return { ok: false, reason: 'the file is not valid YAML; fix the syntax first.' };
  if (parsed.documents.length > 1) return { ok: false, reason: 'the file holds more than one YAML document.' };
  const root = parsed.root;
  if (parsed.documents[0]?.contents && !root) return { ok: false, reason: 'the document is not a mapping of provider fields.' };
  if (root?.flow) return { ok: false, reason: 'the provider is written as a flow mapping ({...}); convert it by hand.' };

  const edits: OffsetEdit[] = [];
  const changes: string[] = [];
  const steps = [commentStep, redirectUrisStep, renameStep, invalidationFlowStep];
  for (const step of steps) {
    const result = step(parsed, target, options);
    if (!result) continue;
    if ('reason' in result) return { ok: false, reason: result.reason };
    edits.push(...result.edits);
    changes.push(result.change);
  }
  return { ok: true, edits, changes };
}

type Step = (parsed: ParsedDocument, target: MigrationTarget, options: MigrationOptions) => { edits: OffsetEdit[]; change: string } | { reason: string } | undefined;

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** Sets `# authentik-version:` unless the comment already names a release of the target profile. */
const commentStep: Step = ({ text }, { profile, version }) => {
  const comment = versionComment(text);
  if (comment) {
    const named = comment.text ? profileForVersion(comment.text) : undefined;
    if (named && 'profile' in named && named.profile.id === profile.id) return undefined;
    // A server's own profile is no bundled one: the comment naming its release is already right.
    if (comment.text.replace(/^v/, '') === version) return undefined;
    if (comment.text) return { edits: [{ start: comment.start, end: comment.end, newText: version }], change: `set the version comment to ${version}` };
    return { edits: [{ start: comment.start, end: comment.end, newText: `# authentik-version: ${version}` }], change: `set the version comment to ${version}` };
  }
  const at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { edits: [{ start: at, end: at, newText: `# authentik-version: ${version}${eolOf(text)}` }], change: `added the comment # authentik-version: ${version}` };
};

type AnyPair = Pair<ParsedNode, ParsedNode | null>;

const redirectUrisStep: Step = (parsed, { profile }) => {
  const pair = parsed.root ? (findPair(parsed.root, 'redirect_uris') as AnyPair | undefined) : undefined;
  if (!pair || !pair.value) return undefined;
  const value = pair.value;
  if (profile.redirectUris.kind === 'list' && isScalar(value) && typeof value.value === 'string') {
    return toList(parsed, pair, value as Scalar.Parsed, entriesFromString(value.value));
  }
  if (profile.redirectUris.kind === 'string' && isSeq(value)) {
    if (value.flow && value.items.length > 0) return { reason: 'redirect_uris is a flow list ([...]); convert it by hand.' };
    const converted = stringFromEntries(value.toJSON() as unknown[]);
    if (!converted.ok) return { reason: `redirect_uris cannot be written as one string: ${converted.reason}` };
    return toString(parsed, pair, converted.value);
  }
  if (profile.redirectUris.kind === 'list' && !profile.redirectUris.uriTypes && isSeq(value)) {
    const logout = (value.toJSON() as unknown[]).findIndex((e) => isRecord(e) && e.redirect_uri_type !== undefined && e.redirect_uri_type !== 'authorization');
    if (logout >= 0) return { reason: `entry ${logout + 1} of redirect_uris is a logout redirect URI, which releases before 2026.5 do not have.` };
    return withoutUriTypes(parsed, value);
  }
  return undefined;
};

/**
 * Drops `redirect_uri_type: authorization` from each entry, for a release that has no redirect URI types
 * (every entry is an authorization redirect URI there). An entry that has it on a line with a comment,
 * or as its only key, keeps it: the server ignores the field.
 */
function withoutUriTypes(parsed: ParsedDocument, seq: YAMLSeq): { edits: OffsetEdit[]; change: string } | undefined {
  const { text } = parsed;
  const edits: OffsetEdit[] = [];
  for (const item of seq.items) {
    if (!isMap(item) || item.flow) continue;
    const pairs = item.items as AnyPair[];
    const index = pairs.findIndex((p) => isScalar(p.key) && p.key.value === 'redirect_uri_type');
    if (index < 0 || pairs.length < 2) continue;
    const pair = pairs[index];
    const keyStart = rangeOf(pair.key)![0];
    const valueEnd = pair.value?.range?.[1] ?? rangeOf(pair.key)![1];
    const lineEndAt = lineEnd(text, keyStart);
    if (valueEnd > lineEndAt || /#/.test(text.slice(valueEnd, lineEndAt))) continue;
    const before = text.slice(lineStart(text, keyStart), keyStart);
    const next = lineEndAt + (text.startsWith('\r\n', lineEndAt) ? 2 : 1);
    if (before.trim() === '') {
      edits.push({ start: lineStart(text, keyStart), end: Math.min(next, text.length), newText: '' });
    } else if (before.trim() === '-' && index === 0) {
      // `- redirect_uri_type: …` first: the next key moves up behind the dash.
      const following = rangeOf(pairs[1].key)![0];
      if (text.slice(next, following).trim() !== '') continue;
      edits.push({ start: keyStart, end: following, newText: '' });
    }
  }
  return edits.length ? { edits, change: `redirect_uris: dropped redirect_uri_type: authorization from ${edits.length} ${edits.length === 1 ? 'entry' : 'entries'}` } : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The comment between a pair's colon and its value (or on a block scalar's header line), as ` # text`, or ''. */
function headerComment(parsed: ParsedDocument, pair: AnyPair): string {
  const { text } = parsed;
  const keyEnd = rangeOf(pair.key)![1];
  const value = pair.value!;
  const block = isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED');
  const header = text.slice(keyEnd, block ? lineEnd(text, value.range[0]) : Math.min(value.range[0], lineEnd(text, keyEnd)));
  const hash = header.search(/(^|[ \t])#/);
  return hash >= 0 ? ` ${header.slice(hash).trim()}` : '';
}

/** Replaces everything from the end of the key to the end of the value: `key:` then the new value's text. */
function replaceValue(parsed: ParsedDocument, pair: AnyPair, render: (indent: string, eol: string, comment: string) => string): OffsetEdit {
  const { text } = parsed;
  const keyEnd = rangeOf(pair.key)![1];
  const value = pair.value!;
  let end = value.range[1];
  const eol = eolOf(text);
  const indent = ' '.repeat(Math.max(0, rangeOf(pair.key)![0] - lineStart(text, rangeOf(pair.key)![0])));
  // A comment between the colon and the value (or on a block scalar's header) stays after the colon.
  const comment = headerComment(parsed, pair);
  // A block value's range takes its final line break: that stays.
  if (end > keyEnd && (text[end - 1] === '\n' || text[end - 1] === '\r')) end = trimEnd(text, value.range[0], end);
  return { start: keyEnd, end, newText: render(indent, eol, comment) };
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
  return e;
}

function toList(parsed: ParsedDocument, pair: AnyPair, value: Scalar.Parsed, entries: RedirectUriEntry[]) {
  // The comment after the colon (or on a block scalar's header) stays there, one after the value stays in
  // place; comment lines between the key and a value on a later line go above the entries.
  const kept = value.commentBefore ? value.commentBefore.split('\n') : [];
  const header = headerComment(parsed, pair);
  if (header && kept.length && ` #${kept[0]}` === header) kept.shift();
  const edit = replaceValue(parsed, pair, (indent, eol, comment) => {
    const item = `${indent}  `;
    if (entries.length === 0) return kept.length ? `:${comment}${eol}${commentLines(kept, item, eol)}${item}[]` : `: []${comment}`;
    const lines = entries.map((e) => `${item}- matching_mode: ${e.matching_mode}${eol}${item}  url: ${scalarText(e.url)}`);
    return `:${comment}${eol}${commentLines(kept, item, eol)}${lines.join(eol)}`;
  });
  const modes = entries.map((e) => e.matching_mode);
  const change = entries.length === 0
    ? 'redirect_uris: the empty string became []'
    : `redirect_uris: the string became a list of ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} (${modes.join(', ')})`;
  return { edits: [edit], change };
}

function toString(parsed: ParsedDocument, pair: AnyPair, value: string) {
  // Comments inside the list move above the key, so none is lost (the one after the colon stays there).
  const kept = commentsWithin(pair.value);
  const header = headerComment(parsed, pair);
  if (header && kept.length && ` #${kept[0]}` === header) kept.shift();
  const edit = replaceValue(parsed, pair, (indent, eol, comment) => {
    if (!value.includes('\n')) return `: ${value === '' ? '""' : scalarText(value)}${comment}`;
    return `: |-${comment}${eol}${value.split('\n').map((line) => `${indent}  ${line}`).join(eol)}`;
  });
  const edits = [edit];
  if (kept.length) {
    const keyStart = rangeOf(pair.key)![0];
    const at = lineStart(parsed.text, keyStart);
    edits.push({ start: at, end: at, newText: commentLines(kept, parsed.text.slice(at, keyStart), eolOf(parsed.text)) });
  }
  return { edits, change: 'redirect_uris: the list became one string, one entry per line' };
}

/** `jwks_sources` ↔ `jwt_federation_sources`, whichever the target has. */
const renameStep: Step = (parsed, { profile }) => {
  const root = parsed.root;
  if (!root) return undefined;
  const edits: OffsetEdit[] = [];
  const changes: string[] = [];
  for (const { from: older, to: newer } of FIELD_RENAMES) {
    const [from, to] = fieldOf(profile, newer) ? [older, newer] : fieldOf(profile, older) ? [newer, older] : [undefined, undefined];
    if (!from || !to) continue;
    const pair = findPair(root, from);
    if (!pair) continue;
    if (findPair(root, to)) return { reason: `the file has both ${from} and ${to}; keep one of them.` };
    const range = rangeOf(pair.key)!;
    const key = pair.key as Scalar;
    edits.push({ start: range[0], end: range[1], newText: key.type === 'PLAIN' ? to : JSON.stringify(to) });
    changes.push(`renamed ${from} to ${to}`);
  }
  return edits.length ? { edits, change: changes.join('; ') } : undefined;
};

/** Adds `invalidation_flow` where the target requires it (after `authorization_flow`), removes it where the target has none. */
const invalidationFlowStep: Step = (parsed, { profile }, options) => {
  const root = parsed.root;
  const pair = root ? (findPair(root, 'invalidation_flow') as AnyPair | undefined) : undefined;
  const field = fieldOf(profile, 'invalidation_flow');
  if (!field && pair) {
    const removal = removePairAt(parsed, rangeOf(pair.key)![0]);
    if (!removal) return { reason: 'invalidation_flow does not start its own line; remove it by hand.' };
    // The placeholder's own note goes with it; any other comment stays.
    const kept = commentsWithin(pair.value).filter((c) => `""  #${c}` !== INVALIDATION_FLOW_PLACEHOLDER);
    if (kept.length) removal.newText = commentLines(kept, '', eolOf(parsed.text));
    return { edits: [removal], change: `removed invalidation_flow, which releases before 2024.10.0 do not have` };
  }
  if (!field || pair) return undefined;
  const { text } = parsed;
  const eol = eolOf(text);
  const value = options.invalidationFlow ? scalarText(options.invalidationFlow) : INVALIDATION_FLOW_PLACEHOLDER;
  const change = options.invalidationFlow ? 'added invalidation_flow (the server\'s default-provider-invalidation-flow)' : 'added invalidation_flow, to be filled in';
  if (!root || !isMap(root) || root.items.length === 0) {
    const at = text.length;
    return { edits: [{ start: at, end: at, newText: `${at > 0 && !/[\r\n]$/.test(text) ? eol : ''}invalidation_flow: ${value}${eol}` }], change };
  }
  const after = (findPair(root, 'authorization_flow') as AnyPair | undefined) ?? (root.items[root.items.length - 1] as AnyPair);
  const keyStart = rangeOf(after.key)![0];
  const indent = text.slice(lineStart(text, keyStart), keyStart).replace(/^\uFEFF/, '');
  if (indent.trim() !== '') return { reason: 'the mapping does not start its keys on their own lines; add invalidation_flow by hand.' };
  const valueEnd = Math.max(rangeOf(after.key)![1], after.value?.range?.[1] ?? 0);
  if (valueEnd > 0 && (text[valueEnd - 1] === '\n' || text[valueEnd - 1] === '\r')) {
    return { edits: [{ start: valueEnd, end: valueEnd, newText: `${indent}invalidation_flow: ${value}${eol}` }], change };
  }
  const at = lineEnd(text, valueEnd);
  return { edits: [{ start: at, end: at, newText: `${eol}${indent}invalidation_flow: ${value}` }], change };
};
