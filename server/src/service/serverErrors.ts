import { isDeepStrictEqual } from 'node:util';
import { isScalar, isSeq } from 'yaml';
import { requestFields } from './deployBody';
import { documentValue, isRecord } from './documentValue';
import { Finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { findPair, lineEnd, ParsedNode, rangeOf, trimRangeEnd } from './yamlNodes';

/** Where the server's messages come from, as the editor names them beside each message. */
export const SERVER_ERROR_SOURCE = 'authentik server';

/** Keys of a 400 body about the request as a whole, not one field. */
const BODY_LEVEL = new Set(['non_field_errors', 'detail']);

/** Flattens DRF's error values (lists, nested lists or dicts by index) into messages with their item index. */
function flattenMessages(value: unknown, index?: number): { message: string; index?: number }[] {
  if (typeof value === 'string') return [{ message: value, index }];
  if (Array.isArray(value)) return value.flatMap((v, i) => flattenMessages(v, typeof v === 'string' ? index : i));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => flattenMessages(v, /^\d+$/.test(k) ? Number(k) : index));
  return value === null || value === undefined ? [] : [{ message: String(value), index }];
}

/** Puts each message of a 400 body on the YAML it is about: the field's value (or list item), else its key, else line 1. */
export function serverErrorFindings(parsed: ParsedDocument, fieldErrors: Record<string, unknown>): Finding[] {
  const { text, root } = parsed;
  const firstLineStart = root?.range[0] ?? 0;
  const firstLine: [number, number] = [firstLineStart, lineEnd(text, firstLineStart)];
  const findings: Finding[] = [];
  for (const [field, raw] of Object.entries(fieldErrors)) {
    if (field === 'code') continue;
    for (const { message, index } of flattenMessages(raw)) {
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
        }
        const valueRange = rangeOf(target);
        range = valueRange && valueRange[1] > valueRange[0] ? valueRange : (rangeOf(pair.key) ?? firstLine);
      }
      findings.push({ code: 'server-rejected', severity: 'error', message: `authentik: ${prefix}${message}`, start: range[0], end: trimRangeEnd(text, range[0], range[1]), data: { key: field } });
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
 * the whole request while the request is unchanged. `sent` is the body that was deployed.
 */
export function serverErrorsStillApplying(parsed: ParsedDocument, sent: Record<string, unknown>, fieldErrors: Record<string, unknown>): StillApplying {
  const value = documentValue(parsed);
  const now = value.ok && isRecord(value.value) ? requestFields(value.value) : undefined;
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (field === 'code') continue;
    const unchanged = now !== undefined && (BODY_LEVEL.has(field) ? isDeepStrictEqual(now, sent) : isDeepStrictEqual(now[field], sent[field]));
    if (unchanged) kept[field] = messages;
    else for (const { message } of flattenMessages(messages)) dropped.push(BODY_LEVEL.has(field) ? message : `${field}: ${message}`);
  }
  return { fieldErrors: kept, dropped };
}
