import { Document, isAlias, visit } from 'yaml';
import { ParsedDocument } from './parsedDocument';
import { lineEnd } from './yamlNodes';
import { Finding, finding } from './findings';

/** Aliases a document may expand before it is treated as an alias bomb ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

export type DocumentValue = { ok: true; value: unknown } | { ok: false; finding: Finding };

const memo = new WeakMap<ParsedDocument, DocumentValue>();

/** The JSON value of the first document, i.e. the request body. Computed once per parse. */
export function documentValue(parsed: ParsedDocument): DocumentValue {
  let result = memo.get(parsed);
  if (!result) {
    result = compute(parsed);
    memo.set(parsed, result);
  }
  return result;
}

function compute(parsed: ParsedDocument): DocumentValue {
  const first = parsed.documents[0];
  if (!first || first.contents === null) return { ok: true, value: {} };
  try {
    return { ok: true, value: first.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {} };
  } catch (error) {
    // Only look for the culprit when it is one: resolving every alias of an alias bomb would itself take quadratic time.
    const unresolved = /Unresolved alias/.test((error as Error).message) ? firstUnresolvedAlias(first) : undefined;
    if (unresolved) {
      return {
        ok: false,
        finding: finding('unresolved-alias', {
          message: `The alias *${unresolved.source} refers to no anchor &${unresolved.source} set before it.`,
          start: unresolved.start,
          end: unresolved.end,
        }),
      };
    }
    const start = first.range[0];
    return {
      ok: false,
      finding: finding('alias-limit', {
        message: `The document cannot be expanded: ${(error as Error).message}.`,
        start,
        end: lineEnd(parsed.text, start),
      }),
    };
  }
}

function firstUnresolvedAlias(doc: Document.Parsed): { source: string; start: number; end: number } | undefined {
  let found: { source: string; start: number; end: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range && !node.resolve(doc)) {
        found = { source: node.source, start: node.range[0], end: node.range[1] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
