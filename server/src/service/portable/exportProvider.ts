import { isDeepStrictEqual } from 'node:util';
import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Profile, ReferenceField, RequestField, requestFields } from '../../../../common/profiles';
import { literalValue, parsePythonRegex } from '../pythonRegex';
import { clientSecretVariable, providerFileName } from './names';
import { KIND_NOUNS, PortableLists } from './objects';
import { refTextFor } from './refNames';
import { ENV_TAG, REF_TAG } from './tagNames';

export interface ExportOptions {
  /** The profile of the server's release: its request fields, their defaults and references. */
  profile: Profile;
  /** The server's objects, to name references by slug or name. */
  lists: PortableLists;
  /** The server's release, for the `# authentik-version:` comment. */
  release: string;
  /** The variable `client_secret: !env` names; default `clientSecretVariable(name)` (a caller gives another when two names make the same). */
  secretVariable?: string;
}

/** Something the file cannot say as the server has it, for the person importing it. */
export interface ExportNote {
  field: string;
  message: string;
}

export interface ExportedProvider {
  fileName: string;
  text: string;
  notes: ExportNote[];
}

/** A release as a version comment may hold it; anything else from a server is left out. */
const RELEASE_TEXT = /^[0-9]+\.[0-9]+(?:\.[0-9]+)?(?:[-+.][0-9A-Za-z.+-]*)?$/;

/**
 * The file for a provider as the server returns it (`GET /api/v3/providers/oauth2/<pk>/`): the
 * profile's request fields whose value differs from the server's default, references by `!ref`,
 * the client secret as `!env`, never a response-only field. Pure: the caller writes the file.
 */
export function exportProvider(provider: Readonly<Record<string, unknown>>, options: ExportOptions): ExportedProvider {
  const notes: ExportNote[] = [];
  const doc = new Document(new YAMLMap());
  const root = doc.contents as YAMLMap;
  const name = typeof provider.name === 'string' ? provider.name : '';
  for (const field of requestFields(options.profile)) {
    if (!Object.prototype.hasOwnProperty.call(provider, field.key)) continue;
    const node = fieldNode(field, provider[field.key], provider, options, notes);
    if (node !== undefined) root.add(doc.createPair(field.key, node));
  }
  let header = '';
  if (RELEASE_TEXT.test(options.release)) header = `# authentik-version: ${options.release}\n`;
  else notes.push({ field: '', message: 'The server did not give a release in a known form: the file has no version comment.' });
  return { fileName: providerFileName(name), text: header + doc.toString({ lineWidth: 0 }), notes };
}

function fieldNode(field: RequestField, value: unknown, provider: Readonly<Record<string, unknown>>, options: ExportOptions, notes: ExportNote[]): unknown {
  if (field.key === 'client_secret') {
    // A public client does not use its secret (the server still generates one).
    if (provider.client_type === 'public' || typeof value !== 'string') return undefined;
    // Left out, a create would generate a secret: an empty one is no secret and is kept as it is.
    if (value === '') return value;
    return tagged(ENV_TAG, options.secretVariable ?? clientSecretVariable(typeof provider.name === 'string' ? provider.name : ''));
  }
  if (!field.required && isDefault(field, value)) return undefined;
  if (field.reference) return referenceNode(field, field.reference, value, options.lists, notes);
  if (field.key === 'redirect_uris' && Array.isArray(value)) return redirectUrisNode(field, value, notes);
  return value;
}

function isDefault(field: RequestField, value: unknown): boolean {
  if (field.defaultValue !== undefined) return isDeepStrictEqual(value, field.defaultValue);
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function referenceNode(field: RequestField, reference: ReferenceField, value: unknown, lists: PortableLists, notes: ExportNote[]): unknown {
  if (!reference.many) return value === null ? null : referenceItem(field.key, reference, value, lists, notes);
  if (!Array.isArray(value)) return value;
  const seq = new YAMLSeq();
  for (const item of value) seq.items.push(referenceItem(field.key, reference, item, lists, notes));
  return seq;
}

/** `!ref <slug or name>` when that text names exactly this object on the server; else the id, with a comment saying why. */
function referenceItem(key: string, reference: ReferenceField, pk: unknown, lists: PortableLists, notes: ExportNote[]): Scalar {
  const list = lists[reference.kind];
  const object = list?.find((o) => o.pk.toLowerCase() === String(pk).toLowerCase());
  const text = object ? refTextFor(reference, object, lists) : undefined;
  if (text !== undefined) return tagged(REF_TAG, text);
  const kept = new Scalar(pk);
  const nouns = KIND_NOUNS[reference.kind];
  const idName = reference.pk === 'integer' ? 'pk' : 'UUID';
  const why = !list
    ? `the server's ${nouns.many} were not listed`
    : !object
      ? `not among the server's ${nouns.many}`
      : `no ${refWhat(reference)} names only this ${nouns.one}`;
  kept.comment = ` kept as a ${idName}: ${why}`;
  notes.push({ field: key, message: `${key}: ${String(pk)} is kept as a ${idName}: ${why}.` });
  return kept;
}

function refWhat(reference: ReferenceField): string {
  return reference.kind === 'flow' || reference.kind === 'oauthSource' ? 'slug' : 'name';
}

/** Entry fields at their default are left out; a `strict` entry with backslashes gets a comment. */
function redirectUrisNode(field: RequestField, entries: readonly unknown[], notes: ExportNote[]): YAMLSeq {
  const entryFields = field.item?.fields ?? [];
  const seq = new YAMLSeq();
  entries.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      seq.items.push(new Scalar(entry));
      return;
    }
    const record = entry as Record<string, unknown>;
    const map = new YAMLMap();
    for (const inner of entryFields) {
      if (!Object.prototype.hasOwnProperty.call(record, inner.key)) continue;
      if (!inner.required && isDefault(inner, record[inner.key])) continue;
      map.add({ key: new Scalar(inner.key), value: new Scalar(record[inner.key]) });
    }
    const warning = strictLeftover(record);
    if (warning) {
      map.commentBefore = warning.comment;
      notes.push({ field: 'redirect_uris', message: `redirect_uris[${index}]: ${warning.note}` });
    }
    seq.items.push(map);
  });
  return seq;
}

/**
 * The upgrade to the list form kept each line of the old regex string as a `strict` entry, so an
 * entry written the safe way for 2024.8 (`https://app\.example\.com/cb`) now matches only itself,
 * backslashes included: no browser sends that. A URL never has a backslash of its own.
 */
function strictLeftover(entry: Record<string, unknown>): { comment: string; note: string } | undefined {
  const url = entry.url;
  if (entry.matching_mode !== 'strict' || typeof url !== 'string' || !url.includes('\\')) return undefined;
  const first = ' Strict, so this matches only the exact text, backslashes included: probably a regex the upgrade to the list form left strict.';
  const parsed = parsePythonRegex(url);
  const literal = parsed.ok === true ? literalValue(parsed.ast) : undefined;
  const second =
    literal !== undefined && !/[\u0000-\u001f\u007f\u2028\u2029]/.test(literal)
      ? ` Unescaped it reads ${literal}`
      : ' It reads as a pattern: `matching_mode: regex` would make it one.';
  return { comment: `${first}\n${second}`, note: `a strict entry with backslashes (${url.length > 80 ? `${url.slice(0, 80)}…` : url}) matches only that exact text.` };
}

function tagged(tag: string, text: string): Scalar {
  const node = new Scalar(text);
  node.tag = tag;
  return node;
}

/** A secret shorter than this could be any word of a file; a longer one found in it is the secret. */
const CHECKED_SECRET_LENGTH = 8;

/**
 * Whether an exported text holds the provider's client secret after all, because another field has
 * the same text (a client id equal to the secret): such a file must not be written anywhere.
 */
export function textHoldsSecret(text: string, provider: Readonly<Record<string, unknown>>): boolean {
  const secret = provider.client_secret;
  return typeof secret === 'string' && secret.length >= CHECKED_SECRET_LENGTH && text.includes(secret);
}
