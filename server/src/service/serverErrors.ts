import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq } from 'yaml';
import { documentValue, isRecord } from './documentValue';
import { Finding, finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { findPair, lineEnd, ParsedNode, rangeOf, trimRangeEnd } from './yamlNodes';

/** Where the server's messages come from, as the editor names them beside each message. */
export const SERVER_ERROR_SOURCE = 'authentik server';

/** Keys of a 400 body about the request as a whole, not one field. */
const BODY_LEVEL = new Set(['non_field_errors', 'detail']);

interface PlacedMessage {
  message: string;
  /** The list item the message is about. */
  index?: number;
  /** Inside that item, the field it is about (`url` of a redirect_uris entry). */
  field?: string;
}

/** Flattens DRF's error values (lists, nested lists, dicts by index or by an item's field) into messages with where they belong. */
function flattenMessages(value: unknown, index?: number, field?: string): PlacedMessage[] {
  if (typeof value === 'string') return [{ message: value, index, field }];
  if (Array.isArray(value)) return value.flatMap((v, i) => flattenMessages(v, typeof v === 'string' ? index : i, field));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([k, v]) => (/^\d+$/.test(k) ? flattenMessages(v, Number(k), field) : flattenMessages(v, index, index !== undefined ? k : field)));
  }
  return value === null || value === undefined ? [] : [{ message: String(value), index, field }];
}

/** The value inside a list of mappings that the message ends with (after its last ": "). */
function valueNamedAtEnd(items: readonly ParsedNode[], message: string): ParsedNode | undefined {
  const separator = message.lastIndexOf(': ');
  if (separator < 0) return undefined;
  const named = message.slice(separator + 2);
  for (const item of items) {
    if (!isMap(item)) continue;
    const match = item.items.find((p) => isScalar(p.value) && p.value.value === named)?.value;
    if (match) return match as ParsedNode;
  }
  return undefined;
}

/** Puts each message of a 400 body on the YAML it is about: the field's value (or list item), else its key, else line 1. */
export function serverErrorFindings(parsed: ParsedDocument, fieldErrors: Record<string, unknown>): Finding[] {
  const { text, root } = parsed;
  const firstLineStart = root?.range[0] ?? 0;
  const firstLine: [number, number] = [firstLineStart, lineEnd(text, firstLineStart)];
  const findings: Finding[] = [];
  for (const [field, raw] of Object.entries(fieldErrors)) {
    if (field === 'code') continue;
    for (const { message, index, field: itemField } of flattenMessages(raw)) {
      let range = firstLine;
      let prefix = BODY_LEVEL.has(field) ? '' : `${field}: `;
      const pair = root ? findPair(root, field) : undefined;
      if (pair) {
        prefix = '';
        const value = pair.value as ParsedNode | null;
        let target: ParsedNode | null = value;
        if (isSeq(value)) {
          const items = value.items as ParsedNode[];
          const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(message)?.[0]?.toLowerCase();
          target = (index !== undefined ? items[index] : undefined) ?? items.find((n) => isScalar(n) && String(n.value).toLowerCase() === uuid) ?? value;
          // A message about one field of an entry (`{matching_mode, url}`) goes on that field's value.
          const inner = itemField !== undefined && isMap(target) ? findPair(target, itemField)?.value : undefined;
          if (inner) target = inner as ParsedNode;
          // `Invalid Regex Pattern: <url>` names the entry by its value.
          else if (target === value) target = valueNamedAtEnd(items, message) ?? value;
        }
        const valueRange = rangeOf(target);
        range = valueRange && valueRange[1] > valueRange[0] ? valueRange : (rangeOf(pair.key) ?? firstLine);
      }
      findings.push(finding('server-rejected', { message: `authentik: ${prefix}${message}`, start: range[0], end: trimRangeEnd(text, range[0], range[1]), data: { key: field } }));
    }
  }
  return findings;
}

export interface StillApplying {
  /** The messages about what is unchanged since the deploy, to place on the document as it is now. */
  fieldErrors: Record<string, unknown>;
  /** The others, as `field: message`: the field they are about has another value now. */
  dropped: string[];
}

/**
 * The messages of a 400 answer that still apply to a document edited after the deploy: those about a
 * field whose value is still the one sent (found again by its key, wherever it is now), and those about
 * the whole request while every field sent still has the value sent. `sent` is the body that was deployed.
 */
export function serverErrorsStillApplying(parsed: ParsedDocument, sent: Record<string, unknown>, fieldErrors: Record<string, unknown>): StillApplying {
  const value = documentValue(parsed);
  const now = value.ok && isRecord(value.value) ? value.value : undefined;
  const sentUnchanged = now !== undefined && Object.keys(sent).every((key) => isDeepStrictEqual(now[key], sent[key]));
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (field === 'code') continue;
    const unchanged = now !== undefined && (BODY_LEVEL.has(field) ? sentUnchanged : isDeepStrictEqual(now[field], sent[field]));
    if (unchanged) kept[field] = messages;
    else for (const { message } of flattenMessages(messages)) dropped.push(BODY_LEVEL.has(field) ? message : `${field}: ${message}`);
  }
  return { fieldErrors: kept, dropped };
}
