import { isScalar, isSeq } from 'yaml';
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import { Profile } from '../../../common/profiles';
import { fieldDocumentation, typeLabel } from '../schema/fieldDocs';
import { fieldOf, fieldsOf, isDuration, isReferenceList, isUuidReference, RequestField } from '../schema/fields';
import { cursorContext } from './cursor';
import { escapeMarkdown, markdownCode } from './markdown';
import { escapeSnippet, OffsetEdit } from './edits';
import { ParsedDocument } from './parsedDocument';
import { candidatesFor, ReferenceObject, referenceItemLabel, ReferenceSource } from './references';
import { ENV_FIELDS, envTagItem, providerName, refTagItem, tagItems } from './tagCompletion';
import { findPair, keyText } from './yamlNodes';

export interface CompletionContext {
  profile: Profile;
  references?: ReferenceSource;
  /** Whether the client understands snippet syntax (`${1|a,b|}`). */
  snippetSupport: boolean;
  /** Whether the client shows `labelDetails` (LSP 3.17); without it, what they say goes into `detail`. */
  labelDetailsSupport: boolean;
}

/** A completion item whose edit is in offsets (the edge turns it into a TextEdit). */
export interface Proposal extends Omit<CompletionItem, 'textEdit'> {
  edit: OffsetEdit;
}

export interface Proposals {
  isIncomplete: false;
  items: Proposal[];
}

const DURATION_EXAMPLES = ['minutes=5', 'hours=1', 'days=30'];

export function complete(parsed: ParsedDocument, offset: number, context: CompletionContext): Proposals {
  const cursor = cursorContext(parsed, offset);
  switch (cursor.kind) {
    case 'key':
      return { isIncomplete: false, items: keyItems(parsed, cursor.partialStart, cursor.partialEnd, cursor.hasColon, context) };
    case 'value': {
      const field = fieldOf(context.profile, cursor.key);
      if (!field) return empty();
      if (cursor.tag) return field.reference && !field.reference.many ? { isIncomplete: false, items: tagItems(field.reference, cursor.tag, cursor, context) } : empty();
      return valueList(field, false, cursor, context, providerName(parsed));
    }
    case 'listItem': {
      const field = fieldOf(context.profile, cursor.key);
      if (cursor.tag) return field?.reference?.many ? { isIncomplete: false, items: tagItems(field.reference, cursor.tag, cursor, context) } : empty();
      if (field?.type === 'array' && field.item?.enumValues) return choiceItems(parsed, field, cursor);
      if (!field || !isReferenceList(field)) return empty();
      return valueList(field, true, cursor, context, providerName(parsed));
    }
    default:
      return empty();
  }
}

/** The choices of a list of choices (`grant_types`) that the list does not hold yet. */
function choiceItems(parsed: ParsedDocument, field: RequestField, cursor: { partialStart: number; partialEnd: number; needsSpace: boolean }): Proposals {
  const pair = parsed.root ? findPair(parsed.root, field.key) : undefined;
  const taken = new Set<unknown>();
  if (isSeq(pair?.value)) {
    for (const item of pair.value.items) {
      // The item being typed does not count.
      const range = (item as { range?: number[] }).range;
      if (isScalar(item) && !(range && range[0] <= cursor.partialEnd && range[1] >= cursor.partialStart)) taken.add(item.value);
    }
  }
  const items = (field.item?.enumValues ?? [])
    .filter((value) => !taken.has(value))
    .map((value, i): Proposal => ({
      label: value,
      kind: CompletionItemKind.EnumMember,
      detail: field.key,
      sortText: String(i).padStart(2, '0'),
      filterText: value,
      edit: { start: cursor.partialStart, end: cursor.partialEnd, newText: (cursor.needsSpace ? ' ' : '') + value },
    }));
  return { isIncomplete: false, items };
}

function empty(): Proposals {
  return { isIncomplete: false, items: [] };
}

function keyItems(parsed: ParsedDocument, start: number, end: number, hasColon: boolean, context: CompletionContext): Proposal[] {
  const present = new Set<string>();
  for (const pair of parsed.root?.items ?? []) {
    const range = (pair.key as { range?: number[] } | null)?.range;
    // The key being typed on this line does not count as present.
    if (range && range[0] >= start && range[0] <= end) continue;
    present.add(keyText(pair.key));
  }
  const eol = parsed.text.includes('\r\n') ? '\r\n' : '\n';
  return fieldsOf(context.profile).list.filter((f) => !present.has(f.key)).map((field, index) => {
    const snippet = context.snippetSupport && !hasColon ? keySnippet(field, eol) : undefined;
    return {
      label: field.key,
      kind: CompletionItemKind.Property,
      detail: `${field.required ? 'required ' : ''}${typeLabel(field)}`,
      documentation: { kind: MarkupKind.Markdown, value: fieldDocumentation(field) },
      sortText: `${field.required ? '0' : '1'}${String(index).padStart(2, '0')}`,
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      edit: { start, end, newText: snippet ?? (hasColon ? field.key : `${field.key}: `) },
    };
  });
}


/** The key and a snippet for its value, with the document's own line ending. */
function keySnippet(field: RequestField, eol: string): string {
  const key = field.key;
  if (field.enumValues) return `${key}: \${1|${field.enumValues.map(escapeSnippet).join(',')}|}`;
  if (field.type === 'boolean') return `${key}: \${1|${field.defaultValue === false ? 'false,true' : 'true,false'}|}`;
  if (isReferenceList(field)) return `${key}:${eol}  - $1`;
  if (field.type === 'array' && field.item?.enumValues) return `${key}:${eol}  - \${1|${field.item.enumValues.map(escapeSnippet).join(',')}|}`;
  if (isDuration(field)) return `${key}: \${1:${escapeSnippet(String(field.defaultValue ?? 'hours=1'))}}`;
  if (field.key === 'redirect_uris' && field.type === 'string') return `${key}: |${eol}  \${1:https://app.example.com/callback}`;
  if (field.key === 'redirect_uris' && field.item?.fields) {
    const modes = field.item.fields.find((f) => f.key === 'matching_mode')?.enumValues ?? ['strict', 'regex'];
    return `${key}:${eol}  - matching_mode: \${1|${modes.map(escapeSnippet).join(',')}|}${eol}    url: \${2:https://app.example.com/callback}`;
  }
  if (field.type === 'array') return `${key}:${eol}  - $1`;
  return `${key}: $1`;
}

function valueList(
  field: RequestField,
  listItem: boolean,
  cursor: { partialStart: number; partialEnd: number; needsSpace: boolean },
  context: CompletionContext,
  name: string,
): Proposals {
  const replace = (newText: string): OffsetEdit => ({ start: cursor.partialStart, end: cursor.partialEnd, newText: (cursor.needsSpace ? ' ' : '') + newText });
  const items: Proposal[] = [];
  const plain = (label: string, kind: CompletionItemKind, detail: string, sortText: string): Proposal => ({
    label,
    kind,
    detail,
    sortText,
    filterText: label,
    edit: replace(label),
  });
  if (!listItem && field.enumValues) {
    field.enumValues.forEach((value, i) => {
      const item = plain(value, CompletionItemKind.EnumMember, value === field.defaultValue ? 'default' : field.key, String(i).padStart(2, '0'));
      if (value === field.defaultValue) item.preselect = true;
      items.push(item);
    });
  }
  if (!listItem && field.type === 'boolean') {
    items.push(plain('true', CompletionItemKind.Value, field.defaultValue === true ? 'default' : 'boolean', '0'));
    items.push(plain('false', CompletionItemKind.Value, field.defaultValue === false ? 'default' : 'boolean', '1'));
  }
  if (!listItem && isDuration(field)) {
    const examples = [...new Set([String(field.defaultValue ?? ''), ...DURATION_EXAMPLES].filter(Boolean))];
    examples.forEach((example, i) => {
      const [unit, amount] = example.split('=');
      const item = plain(example, CompletionItemKind.Snippet, example === field.defaultValue ? 'duration (server default)' : 'duration', `0${i}`);
      if (context.snippetSupport) {
        item.insertTextFormat = InsertTextFormat.Snippet;
        item.edit = replace(`${unit}=\${1:${amount}}`);
      }
      items.push(item);
    });
  }
  const reference = field.reference;
  if (reference && (isUuidReference(field) || listItem)) {
    const referenceItem = (object: ReferenceObject, what: string, stale: boolean | undefined, sortText: string, description = referenceItemLabel(object).description): Proposal => {
      const detail = what + (stale ? ' (cached: the server cannot be asked now)' : '');
      return {
        label: referenceItemLabel(object).label,
        ...(context.labelDetailsSupport ? { labelDetails: { description }, detail } : { detail: `${description} · ${detail}` }),
        kind: CompletionItemKind.Reference,
        documentation: { kind: MarkupKind.Markdown, value: `**${escapeMarkdown(String(object.name))}**${object.slug ? ` ${markdownCode(String(object.slug))}` : ''}\n\n${reference.pk === 'integer' ? 'pk' : 'UUID'} ${markdownCode(String(object.pk))}` },
        sortText,
        filterText: `${object.name} ${object.slug ?? object.scopeName ?? ''} ${object.pk}`,
        edit: replace(object.pk),
      };
    };
    const list = context.references?.list(reference.kind);
    if (list) candidatesFor(reference, list).forEach((object, i) => items.push(referenceItem(object, reference.label, list.stale, `1${String(i).padStart(4, '0')}`)));
    // The server also takes the wider lookup's objects (property mappings of other kinds): after the others, marked as doing nothing.
    const wider = reference.lookup ? context.references?.list(reference.lookup) : undefined;
    if (wider) {
      const offered = new Set((list?.objects ?? []).map((o) => o.pk.toLowerCase()));
      wider.objects
        .filter((o) => !offered.has(o.pk.toLowerCase()))
        .forEach((object, i) => {
          const kindName = object.kindName ?? 'property mapping';
          items.push(referenceItem(object, `${kindName}: no effect on an OAuth2 provider`, wider.stale, `2${String(i).padStart(4, '0')}`, kindName));
        });
    }
  }
  if (reference && (isUuidReference(field) || listItem)) items.push(refTagItem(reference, replace('!ref ')));
  if (!listItem && ENV_FIELDS.has(field.key)) items.push(envTagItem(field.key, name, cursor, context));
  if (!listItem && field.nullable) items.push(plain('null', CompletionItemKind.Value, 'no value', '9'));
  return { isIncomplete: false, items };
}
