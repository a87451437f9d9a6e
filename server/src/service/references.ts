import { ReferenceField, ReferenceKind } from '../../../common/profiles';
import { pythonUuid } from './drf/pythonValues';

export type { ReferenceField, ReferenceKind } from '../../../common/profiles';

/**
 * References: the source that knows the server's objects (which fields refer to which kind is the
 * profile's knowledge, `Profile.references`). The source is injected: an in-memory one in tests,
 * a cached HTTP one in the editor.
 */

export interface ReferenceObject {
  /** The UUID to send, or a provider's integer pk as text (`"12"`). */
  pk: string;
  name: string;
  slug?: string;
  /** Flows only: authorization, authentication, ... */
  designation?: string;
  /** Scope mappings only. */
  scopeName?: string;
  /** Key pairs only: whether the pair holds a private key (`private_key_available`). */
  privateKeyAvailable?: boolean;
  /** Property mappings of every kind: what kind this one is ("SAML Provider Property Mapping"). */
  kindName?: string;
  /** Property mappings, key pairs and sources: the id that is the same on every server (`goauthentik.io/...`). */
  managed?: string | null;
}

export interface ReferenceList {
  objects: readonly ReferenceObject[];
  /** Set when this list comes from an older cache because the server could not be reached. */
  stale?: boolean;
}

export interface ReferenceSource {
  /** The objects of a kind as last known, or undefined when nothing is known (offline, no server). */
  list(kind: ReferenceKind): ReferenceList | undefined;
  /** Changes whenever the lists change; absent for a source that never changes. */
  readonly generation?: number;
}

/** The objects a field may refer to: flows of its designation, key pairs with a private key where one is needed. */
export function candidatesFor(field: ReferenceField, list: ReferenceList): ReferenceObject[] {
  return list.objects.filter(
    (o) => (!field.designation || !o.designation || o.designation === field.designation) && !(field.needsPrivateKey && o.privateKeyAvailable === false),
  );
}

/** The pk a YAML value names for the field: a UUID string, or a provider's integer as text. */
export function referencePk(field: ReferenceField, value: unknown): string | undefined {
  if (field.pk === 'integer') return Number.isSafeInteger(value) ? String(value) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** What a message calls one object of the field's kind: "authorization flow", "certificate key pair". */
export function objectNoun(field: ReferenceField): string {
  return field.kind === 'certificateKeyPair' ? 'certificate key pair' : field.label;
}

/** A short label that tells objects of the same name apart (several default flows share one name). */
export function referenceLabel(object: ReferenceObject): string {
  const qualifier = object.slug ?? object.scopeName;
  return qualifier && qualifier !== object.name ? `${object.name} (${qualifier})` : object.name;
}

/**
 * What tells objects apart where a completion list shows them. Flows and sources: the slug (unique;
 * several default flows share the name "Authorize Application"), the name beside it. Others: the
 * name (unique for them), beside it the scope or the start of the UUID.
 */
export function referenceItemLabel(object: ReferenceObject): { label: string; description: string } {
  if (object.slug) return { label: object.slug, description: object.name };
  if (object.scopeName) return { label: object.name, description: `scope ${object.scopeName}` };
  // OAuth2 providers are named by an integer pk.
  return { label: object.name, description: /^\d+$/.test(object.pk) ? `pk ${object.pk}` : `UUID ${object.pk.slice(0, 8)}…` };
}

/**
 * The object of a kind with this pk: a provider's integer (as a number or its text), or a UUID in any
 * form the server reads (`pk` may be upper case, undashed, ...).
 */
export function findReference(source: ReferenceSource | undefined, kind: ReferenceKind, pk: unknown): ReferenceObject | undefined {
  const objects = source?.list(kind)?.objects;
  if (!objects) return undefined;
  if (kind === 'oauth2Provider') {
    const text = typeof pk === 'number' && Number.isSafeInteger(pk) ? String(pk) : typeof pk === 'string' && /^\d+$/.test(pk) ? pk : undefined;
    return text === undefined ? undefined : objects.find((o) => o.pk === text);
  }
  const uuid = pythonUuid(pk);
  if (uuid === undefined) return undefined;
  return objects.find((o) => pythonUuid(o.pk) === uuid);
}

/**
 * What the server finds for a field's UUID: an object of the field's kind; one only the wider
 * lookup has (a property mapping that is no scope mapping); nothing. Undefined when the source
 * does not list the kind, or the value is no UUID.
 */
export type ReferenceMatch =
  | { status: 'found'; object: ReferenceObject; list: ReferenceList }
  | { status: 'other-kind'; object: ReferenceObject; list: ReferenceList }
  | { status: 'missing'; list: ReferenceList };

export function resolveReference(source: ReferenceSource | undefined, field: ReferenceField, pk: unknown): ReferenceMatch | undefined {
  const list = source?.list(field.kind);
  if (!list) return undefined;
  if (field.pk === 'integer' ? !Number.isSafeInteger(pk) : pythonUuid(pk) === undefined) return undefined;
  const object = findReference(source, field.kind, pk);
  if (object) return { status: 'found', object, list };
  const other = field.lookup ? findReference(source, field.lookup, pk) : undefined;
  if (other) return { status: 'other-kind', object: other, list };
  return { status: 'missing', list };
}

/** An in-memory source, for tests and for callers that already hold the objects. */
export class StaticReferenceSource implements ReferenceSource {
  constructor(private readonly lists: Partial<Record<ReferenceKind, ReferenceList | readonly ReferenceObject[]>>) {}

  list(kind: ReferenceKind): ReferenceList | undefined {
    const entry = this.lists[kind];
    if (!entry) return undefined;
    return Array.isArray(entry) ? { objects: entry } : (entry as ReferenceList);
  }
}
