import { ReferenceField, ReferenceKind } from '../schema/referenceFields';

export { REFERENCE_FIELDS } from '../schema/referenceFields';
export type { ReferenceField, ReferenceKind } from '../schema/referenceFields';

/**
 * UUID references: the source that knows the server's objects (which fields refer to which kind is
 * schema knowledge, in schema/referenceFields.ts). The source is injected: an in-memory one in tests,
 * a cached HTTP one in the editor.
 */

export interface ReferenceObject {
  /** The UUID to send. */
  pk: string;
  name: string;
  slug?: string;
  /** Flows only: authorization, authentication, ... */
  designation?: string;
  /** Scope mappings only. */
  scopeName?: string;
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

/** The objects a field may refer to (flows filtered by designation). */
export function candidatesFor(field: ReferenceField, list: ReferenceList): ReferenceObject[] {
  return list.objects.filter((o) => !field.designation || !o.designation || o.designation === field.designation);
}

/** A short label that tells objects of the same name apart (several default flows share one name). */
export function referenceLabel(object: ReferenceObject): string {
  const qualifier = object.slug ?? object.scopeName;
  return qualifier && qualifier !== object.name ? `${object.name} (${qualifier})` : object.name;
}

export function findReference(source: ReferenceSource | undefined, kind: ReferenceKind, pk: string): ReferenceObject | undefined {
  return source?.list(kind)?.objects.find((o) => o.pk.toLowerCase() === pk.toLowerCase());
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
