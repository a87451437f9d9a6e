import { isScalar, isSeq } from 'yaml';
import { isRecord } from './documentValue';
import { Finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { findPair, lineEnd, ParsedNode, rangeOf, trimRangeEnd } from './yamlNodes';

/** Where the server's messages come from, as the editor names them beside each message. */
export const SERVER_ERROR_SOURCE = 'authentik server';

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
      let prefix = field === 'non_field_errors' || field === 'detail' ? '' : `${field}: `;
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
