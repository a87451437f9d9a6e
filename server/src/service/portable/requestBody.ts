import { Finding, finding } from '../findings';
import type { PathSegment } from '../yamlNodes';
import { EnvironmentSource, PortableLists } from './objects';
import { resolveTag, TagResolution } from './resolve';
import type { PortableTag } from './tagScan';

/** One tag and what it became, for a dry run: a reference with its object, an `!env` by name only. */
export interface ResolvedTag {
  tag: PortableTag;
  resolution: Extract<TagResolution, { ok: true }>;
}

export type ResolvedBody =
  | { ok: true; body: Record<string, unknown>; resolved: ResolvedTag[] }
  | { ok: false; failures: Finding[]; resolved: ResolvedTag[] };

/**
 * The request body with every tag replaced by what it resolves to on the target server, or every
 * tag that does not resolve, each on its range. `value` is the document's JSON value, in which a
 * tagged value still stands as written; it is not changed.
 */
export function resolveRequestBody(value: Record<string, unknown>, tags: readonly PortableTag[], lists: PortableLists, env: EnvironmentSource): ResolvedBody {
  const body = structuredClone(value);
  const failures: Finding[] = [];
  const resolved: ResolvedTag[] = [];
  for (const tag of tags) {
    const resolution = resolveTag(tag, lists, env);
    if (!resolution.ok) {
      failures.push(failureFinding(tag, resolution));
      continue;
    }
    resolved.push({ tag, resolution });
    setAt(body, tag.path, resolution.value);
  }
  return failures.length > 0 ? { ok: false, failures, resolved } : { ok: true, body, resolved };
}

/**
 * How a dry run shows a resolved tag: the tag as written and what it became. An `!env` value is
 * never shown, only that the variable is set.
 */
export function describeResolved({ tag, resolution }: ResolvedTag): string {
  if (tag.kind === 'env') return `!env ${tag.name}: set`;
  const written = tag.kind === 'ref' ? `!ref ${tag.text}` : `!Find [${tag.model}, ${tag.conditions.map((c) => `[${c.lookup}, ${c.value}]`).join(', ')}]`;
  const object = resolution.object;
  return object ? `${written} → ${object.name} (${object.pk})` : `${written} → ${String(resolution.value)}`;
}

function failureFinding(tag: PortableTag, resolution: Extract<TagResolution, { ok: false }>): Finding {
  const code = resolution.reason === 'env-missing' ? 'env-missing' : resolution.reason === 'ambiguous' ? 'reference-ambiguous' : 'reference-unresolved';
  const data = resolution.candidates.length > 0 ? { key: tag.field, candidates: resolution.candidates.map((c) => c.pk) } : { key: tag.field };
  return finding(code, { message: resolution.message, start: tag.start, end: tag.end, data });
}

function setAt(target: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let current: unknown = target;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i];
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return;
    current = (current as Record<string | number, unknown>)[segment];
    if (typeof current !== 'object' || current === null) return;
  }
  // Defined rather than assigned: a key named `__proto__` stays a key.
  Object.defineProperty(current, path[path.length - 1], { value, writable: true, enumerable: true, configurable: true });
}
