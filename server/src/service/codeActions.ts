import { isMap, isScalar, Scalar } from 'yaml';
import { Profile } from '../../../common/profiles';
import { fieldsOf, referenceOf } from '../schema/fields';
import { OffsetEdit } from './edits';
import { Finding } from './findings';
import { migrate, versionLabel } from './migration';
import { ParsedDocument } from './parsedDocument';
import { referenceLabel, ReferenceSource } from './references';
import { clientSecretVariable } from './portable';
import { topIndent } from './cursor';
import { spellInScalar } from './scalarLocator';
import { pairIndex, PairIndex, removePairAt } from './pairEdits';
import { findPair, lineEnd, lineStart, rangeOf, resolvePath, ParsedNode, Pair, PathSegment } from './yamlNodes';

export type { OffsetEdit } from './edits';

/** A quick fix for one finding, with edits in offsets (converted to positions at the edge). */
export interface Fix {
  title: string;
  finding: Finding;
  edits: OffsetEdit[];
  preferred?: boolean;
  /** Done by the editor instead of edits: the value goes to the clipboard, `!env <variable>` in its place. */
  moveSecret?: MoveSecret;
}

/** Offsets of a literal secret: the whole value, and the secret itself (within the quotes). */
export interface MoveSecret {
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
  variable: string;
}

/**
 * At most this many fixes in one answer. A selection over a whole file of thousands of problems asks
 * for all of theirs at once; a menu that long helps no one, and the answer must stay quick.
 */
export const MAX_FIXES_PER_REQUEST = 200;

/** What quick fixes may use besides the document: the profile it is checked against, the server's objects. */
export interface FixContext {
  profile: Profile;
  references?: ReferenceSource;
}

/**
 * Quick fixes for the findings that overlap [start, end], at most `limit`. Nothing here changes a file:
 * it only proposes edits. Time is linear in the findings: keys are looked up in an index of the parse.
 */
export function quickFixes(parsed: ParsedDocument, findings: readonly Finding[], start: number, end: number, context: FixContext, limit = MAX_FIXES_PER_REQUEST): Fix[] {
  const fixes: Fix[] = [];
  const seen = new Set<string>();
  const pairs = pairIndex(parsed);
  for (const finding of findings) {
    if (finding.end < start || finding.start > end) continue;
    for (const fix of fixesFor(parsed, pairs, finding, context)) {
      // Several findings can share one fix (each missing key has its own diagnostic): offer it once.
      const id = fix.title + JSON.stringify(fix.edits);
      if (seen.has(id)) continue;
      seen.add(id);
      fixes.push(fix);
      if (fixes.length >= limit) return fixes;
    }
  }
  return fixes;
}

function fixesFor(parsed: ParsedDocument, pairs: PairIndex, finding: Finding, context: FixContext): Fix[] {
  const own = ownFixesFor(parsed, pairs, finding, context);
  const convert = isShapeMismatch(finding) ? convertFix(parsed, finding, context) : undefined;
  return convert ? [...own, convert] : own;
}

/** Keys whose form differs between releases: a finding on one of them may mean the file is written for another release. */
const SHAPE_KEYS = new Set(['redirect_uris', 'invalidation_flow', 'jwks_sources', 'jwt_federation_sources']);

function isShapeMismatch(finding: Finding): boolean {
  const key = finding.data?.key;
  if (typeof key !== 'string' || !SHAPE_KEYS.has(key)) return false;
  if (finding.code === 'missing-required') return finding.data?.missing === undefined;
  return finding.code === 'wrong-type' || finding.code === 'unknown-key' || finding.code === 'field-renamed' || finding.code === 'field-not-in-version';
}

/** The UUID of the server's default invalidation flow for providers, when the server is known. */
export function defaultInvalidationFlow(context: FixContext): string | undefined {
  return context.references?.list('flow')?.objects.find((f) => f.slug === 'default-provider-invalidation-flow' && (!f.designation || f.designation === 'invalidation'))?.pk;
}

/** Rewrites the whole file for the active profile, when that changes something. */
function convertFix(parsed: ParsedDocument, finding: Finding, context: FixContext): Fix | undefined {
  const version = versionLabel(context.profile);
  const result = migrate(parsed, { profile: context.profile, version }, { invalidationFlow: defaultInvalidationFlow(context) });
  if (!result.ok || result.edits.length === 0) return undefined;
  return { title: `Convert to authentik ${version} format`, finding, edits: result.edits, preferred: finding.code === 'wrong-type' };
}

function ownFixesFor(parsed: ParsedDocument, pairs: PairIndex, finding: Finding, context: FixContext): Fix[] {
  const { text, root } = parsed;
  const data = finding.data ?? {};
  const key = typeof data.key === 'string' ? data.key : undefined;
  const suggestion = typeof data.suggestion === 'string' ? data.suggestion : undefined;
  const pair = key !== undefined ? pairs.byKey.get(key) : undefined;
  const replaceFinding = (title: string, newText: string, preferred = true): Fix => ({
    title,
    finding,
    edits: [{ start: finding.start, end: finding.end, newText }],
    preferred,
  });
  switch (finding.code) {
    case 'invalid-enum':
      return suggestion ? [replaceFinding(`Change to "${suggestion}"`, suggestion)] : [];
    case 'unknown-key':
    case 'field-renamed':
    case 'field-not-in-version': {
      const fixes: Fix[] = [];
      // Renaming onto a key the file already has would only make a duplicate.
      if (suggestion && !pairs.byKey.has(suggestion)) fixes.push(replaceFinding(`Rename to "${suggestion}"`, suggestion));
      const removal = removePairAt(parsed, finding.start);
      if (removal) fixes.push({ title: `Remove "${key}"`, finding, edits: [removal] });
      return fixes;
    }
    case 'read-only-key':
    case 'duplicate-key':
    case 'secret-on-public-client': {
      const removal = removePairAt(parsed, finding.code === 'secret-on-public-client' && pair ? rangeOf(pair.key)![0] : finding.start);
      return removal ? [{ title: `Remove "${key}"`, finding, edits: [removal], preferred: finding.code !== 'secret-on-public-client' }] : [];
    }
    case 'missing-required':
      // A key missing inside a list item is not added at the top level.
      return data.missing === undefined ? addMissingKeys(parsed, pairs, finding, context) : [];
    case 'wrong-type':
    case 'string-from-number':
      return suggestion !== undefined ? [replaceFinding(`Quote as the string ${JSON.stringify(suggestion)}`, JSON.stringify(suggestion))] : [];
    case 'not-nullable':
      // `~` or `null` where a string is wanted may be the text meant; removing the key or giving a value may be too.
      return suggestion !== undefined ? [replaceFinding(`Quote as the string ${JSON.stringify(suggestion)}`, JSON.stringify(suggestion), false)] : [];
    // The value as the server stores it: true or false, the canonical UUID, null.
    case 'boolean-word':
    case 'uuid-not-canonical':
    case 'reference-blank':
    case 'invalid-uuid':
      return suggestion ? [replaceFinding(`Change to ${suggestion}`, suggestion)] : [];
    case 'duration-ignored-part': {
      const node = pair?.value;
      if (!suggestion || !isScalar(node) || !node.range) return [];
      return [{ title: `Change to "${suggestion}"`, finding, edits: [{ start: node.range[0], end: node.range[1], newText: scalarText(node, suggestion) }], preferred: true }];
    }
    case 'redirect-uri-unescaped':
    case 'redirect-uri-insecure':
    case 'redirect-uri-strict-escaped': {
      // A list entry's url is found by its path; the string form's entries sit in the value itself.
      const node = Array.isArray(data.path) && root ? resolvePath(root as ParsedNode, data.path as PathSegment[])?.node : pair?.value;
      const fixes: Fix[] = [];
      // Only when the finding covers exactly the entry as written (not a fallback to the whole value).
      const written = text.slice(finding.start, finding.end);
      if (suggestion && isScalar(node) && typeof data.entry === 'string' && written === spellInScalar(node.type, data.entry)) {
        const title = { 'redirect-uri-insecure': 'Use https', 'redirect-uri-unescaped': 'Escape the regular-expression characters', 'redirect-uri-strict-escaped': 'Remove the escapes' }[finding.code];
        fixes.push(replaceFinding(title, spellInScalar(node.type, suggestion)));
      }
      const modeRange = data.modeRange;
      if (finding.code === 'redirect-uri-strict-escaped' && Array.isArray(modeRange) && text.slice(modeRange[0], modeRange[1]).replace(/^["']|["']$/g, '') === 'strict') {
        fixes.push({ title: 'Match as a regular expression (matching_mode: regex)', finding, edits: [{ start: modeRange[0], end: modeRange[1], newText: 'regex' }], preferred: fixes.length === 0 });
      }
      return fixes;
    }
    case 'secret-in-file': {
      const move = pair ? moveSecretOf(parsed, pair) : undefined;
      return move ? [{ title: `Move to an environment variable (!env ${move.variable})`, finding, edits: [], moveSecret: move }] : [];
    }
    case 'reference-not-found':
    case 'reference-wrong-kind':
    case 'reference-without-private-key':
    case 'reference-unresolved':
    case 'reference-ambiguous': {
      // On a tag the choice is written as a tag (`!ref <slug>`); on a UUID, as its UUID.
      const choices = Array.isArray(data.choices) ? (data.choices as { pk?: string; label: string; text?: string }[]) : [];
      return choices.flatMap((choice, i) => {
        const newText = choice.text ?? choice.pk;
        return newText === undefined ? [] : [replaceFinding(`Use ${choice.label}`, newText, i === 0 && choices.length === 1)];
      });
    }
    default:
      return [];
  }
}

/**
 * The literal client secret's value and its text, when the text between its quotes (or the plain
 * scalar) is exactly the value: what the editor copies is then the secret itself. A value written
 * with escapes or over several lines is moved by hand.
 */
function moveSecretOf(parsed: ParsedDocument, pair: Pair): MoveSecret | undefined {
  const node = pair.value;
  if (!isScalar(node) || typeof node.value !== 'string' || node.value === '' || node.tag || !node.range) return undefined;
  const [start, end] = node.range;
  const source = parsed.text.slice(start, end);
  const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
  if (!quoted && node.type !== 'PLAIN') return undefined;
  const inner = quoted ? 1 : 0;
  if (source.slice(inner, source.length - inner) !== node.value || /[\r\n]/.test(node.value)) return undefined;
  const namePair = parsed.root ? findPair(parsed.root, 'name') : undefined;
  const name = isScalar(namePair?.value) ? namePair.value.value : undefined;
  return { start, end, valueStart: start + inner, valueEnd: end - inner, variable: clientSecretVariable(typeof name === 'string' ? name : '') };
}

/** A replacement scalar in the same quoting style as the original, where that is safe. */
function scalarText(node: Scalar, value: string): string {
  if (node.type === 'PLAIN' && /^[\w=;.-]+$/.test(value)) return value;
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

function addMissingKeys(parsed: ParsedDocument, pairs: PairIndex, finding: Finding, context: FixContext): Fix[] {
  const { text, root } = parsed;
  const missing = new Set<string>();
  // One fix adds every missing required key, in schema order, however many diagnostics there are.
  for (const key of fieldsOf(context.profile).required) if (key === finding.data?.key || !root || !pairs.byKey.has(key)) missing.add(key);
  if (typeof finding.data?.key === 'string') missing.add(finding.data.key);
  if (root && (root.flow || !isMap(root))) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(topIndent(parsed));
  // A key the server has a default object for gets it; the others stay empty, an error until filled in.
  const filled = new Map<string, { pk: string; label: string }>();
  for (const key of missing) {
    const object = defaultReference(context, key);
    if (object) filled.set(key, object);
  }
  const lines = [...missing].map((k) => `${indent}${k}: ${filled.get(k)?.pk ?? ''}`);
  let at: number;
  let newText: string;
  if (root) {
    const last = root.items[root.items.length - 1];
    const endOfLast = Math.max(rangeOf(last?.key)?.[1] ?? root.range[0], (last?.value as ParsedNode | null)?.range?.[1] ?? 0);
    if (endOfLast > 0 && (text[endOfLast - 1] === '\n' || text[endOfLast - 1] === '\r')) {
      at = endOfLast;
      newText = lines.join(eol) + eol;
    } else {
      at = lineEnd(text, endOfLast);
      newText = eol + lines.join(eol);
    }
  } else {
    const first = parsed.documents[0];
    if (first?.contents) return [];
    at = text.length;
    newText = (at > 0 && !/[\r\n]$/.test(text) ? eol : '') + lines.join(eol) + eol;
  }
  const keys = [...missing];
  const withValues = [...filled].map(([key, object]) => `${key}: ${object.label}`).join(', ');
  const title =
    keys.length === 1 && filled.size === 1
      ? `Add missing required key ${withValues}`
      : `Add missing required key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}${withValues ? ` (${withValues})` : ''}`;
  return [{ title, finding, edits: [{ start: at, end: at, newText }], preferred: true }];
}

/** The objects authentik creates for a fresh install, by the field that takes them. */
const DEFAULT_OBJECT_SLUGS: Readonly<Record<string, string>> = {
  invalidation_flow: 'default-provider-invalidation-flow',
};

/** The server's default object for a reference field, when the reference source lists it. */
function defaultReference(context: FixContext, key: string): { pk: string; label: string } | undefined {
  const field = referenceOf(context.profile, key);
  const slug = Object.prototype.hasOwnProperty.call(DEFAULT_OBJECT_SLUGS, key) ? DEFAULT_OBJECT_SLUGS[key] : undefined;
  const list = field && slug ? context.references?.list(field.kind) : undefined;
  const object = list?.objects.find((o) => o.slug === slug);
  return object ? { pk: object.pk, label: referenceLabel(object) } : undefined;
}
