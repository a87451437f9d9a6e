import { ParsedDocument } from './parsedDocument';
import { lineEnd, lineStart } from './yamlNodes';

/** Where the cursor stands, read from the line's text so it works while the YAML is half typed. */
export type CursorContext =
  | { kind: 'key'; partialStart: number; partialEnd: number; hasColon: boolean }
  | { kind: 'value'; key: string; partialStart: number; partialEnd: number; needsSpace: boolean; tag?: TagCursor }
  | { kind: 'listItem'; key: string; partialStart: number; partialEnd: number; needsSpace: boolean; tag?: TagCursor }
  | { kind: 'none' };

/** Inside a tagged value: after `!ref `, or at the value of a `!Find [model, [lookup, |]]` condition. */
export type TagCursor = { name: 'ref' } | { name: 'find'; model: string; lookup: string };

const KEY_VALUE = /^\uFEFF?( *)([A-Za-z_][\w.-]*)[ \t]*:([ \t]*)(.*)$/;
const LIST_ITEM = /^\uFEFF?( *)-([ \t]*)(.*)$/;
const BARE_WORD = /^\uFEFF?( *)([\w.-]*)$/;
const KEY_ONLY_LINE = /^\uFEFF?( *)([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(#.*)?$/;
/** `!ref ` and what is typed after it; a name may hold spaces (`authentik Self-signed Certificate`). */
const REF_TAG_TYPED = /^!ref[ \t]+((?:[^\s#][^#]*)?)$/;

/** `!Find [model, [lookup, ` and the value typed after it, on one line (unquoted: a comma or bracket ends it). */
const FIND_TAG_TYPED = /^!Find[ \t]*\[[ \t]*([\w.]+)[ \t]*,[ \t]*\[[ \t]*(slug|name|managed|pk)[ \t]*,[ \t]*((?:[^\s"',[\]{}#][^,[\]{}]*)?)$/;

/**
 * After a `!ref`: the text from the start of its value to the end of the line, before a comment and
 * trailing spaces. In a `!Find` condition: the value, up to the comma or bracket after it.
 */
function tagValueRange(text: string, offset: number, typed: string): { partialStart: number; partialEnd: number; tag: TagCursor } | undefined {
  const after = text.slice(offset, lineEnd(text, offset));
  const ref = REF_TAG_TYPED.exec(typed);
  if (ref) {
    const rest = (/^[^#]*?(?=[ \t]*(?:[ \t]#|$))/.exec(after)?.[0] ?? '').trimEnd();
    return { partialStart: offset - ref[1].length, partialEnd: offset + rest.length, tag: { name: 'ref' } };
  }
  const find = FIND_TAG_TYPED.exec(typed);
  if (find) {
    const rest = (/^[^,[\]{}]*/.exec(after)?.[0] ?? '').trimEnd();
    return { partialStart: offset - find[3].length, partialEnd: offset + rest.length, tag: { name: 'find', model: find[1], lookup: find[2] } };
  }
  return undefined;
}

/** Columns of indentation of the top-level mapping (0 unless the whole file is indented). */
export function topIndent(parsed: ParsedDocument): number {
  const root = parsed.root;
  if (!root || root.flow) return 0;
  const start = root.range[0];
  return parsed.text.slice(lineStart(parsed.text, start), start).replace(/^\uFEFF/, '').length;
}

export function cursorContext(parsed: ParsedDocument, offset: number): CursorContext {
  const { text } = parsed;
  const start = lineStart(text, offset);
  const before = text.slice(start, offset);
  const rest = text.slice(offset, lineEnd(text, offset)).match(/^[^\s#]*/)?.[0] ?? '';
  const indent = topIndent(parsed);

  const keyValue = KEY_VALUE.exec(before);
  if (keyValue) {
    if (keyValue[1].length !== indent) return { kind: 'none' };
    const typed = keyValue[4];
    const tagged = tagValueRange(text, offset, typed);
    if (tagged) return { kind: 'value', key: keyValue[2], ...tagged, needsSpace: false };
    if (/\s/.test(typed.trimEnd()) || typed.startsWith('#')) return { kind: 'none' };
    return {
      kind: 'value',
      key: keyValue[2],
      partialStart: offset - typed.length,
      partialEnd: offset + rest.length,
      needsSpace: keyValue[3] === '' && typed === '',
    };
  }
  const item = LIST_ITEM.exec(before);
  if (item) {
    const typed = item[3];
    const tagged = tagValueRange(text, offset, typed);
    if (/\s/.test(typed) && !tagged) return { kind: 'none' };
    const owner = listOwner(text, start, item[1].length, indent);
    if (!owner) return { kind: 'none' };
    if (tagged) return { kind: 'listItem', key: owner, ...tagged, needsSpace: false };
    return { kind: 'listItem', key: owner, partialStart: offset - typed.length, partialEnd: offset + rest.length, needsSpace: item[2] === '' && typed === '' };
  }
  const word = BARE_WORD.exec(before);
  if (word && word[1].length === indent) {
    // On a line that already has its colon (`client_t|pe: public`), only the key name is replaced.
    const keyRest = /^([\w.-]*)[ \t]*:/.exec(text.slice(offset, lineEnd(text, offset)));
    if (keyRest) return { kind: 'key', partialStart: offset - word[2].length, partialEnd: offset + keyRest[1].length, hasColon: true };
    return { kind: 'key', partialStart: offset - word[2].length, partialEnd: offset + rest.length, hasColon: false };
  }
  return { kind: 'none' };
}

/** The top-level key a block list item belongs to: the nearest `key:` line above, skipping other items. */
function listOwner(text: string, from: number, dashIndent: number, indent: number): string | undefined {
  let end = from;
  while (end > 0) {
    const lineEndAt = end - 1 - (text[end - 2] === '\r' ? 1 : 0);
    const start = lineStart(text, Math.max(0, lineEndAt));
    const line = text.slice(start, lineEndAt);
    end = start;
    if (/^\s*(#.*)?$/.test(line)) continue;
    if ((/^\uFEFF?( *)/.exec(line)?.[1].length ?? 0) > dashIndent) continue; // continuation of an item
    const owner = KEY_ONLY_LINE.exec(line);
    if (owner) return owner[1].length === indent && owner[1].length <= dashIndent ? owner[2] : undefined;
    const otherItem = LIST_ITEM.exec(line);
    if (otherItem && otherItem[1].length === dashIndent) continue;
    return undefined;
  }
  return undefined;
}
