import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import { isScalar } from 'yaml';
import { ReferenceField } from '../../../common/profiles';
import type { TagCursor } from './cursor';
import { escapeSnippet, OffsetEdit } from './edits';
import { escapeMarkdown, markdownCode } from './markdown';
import { ParsedDocument } from './parsedDocument';
import { clientSecretVariable, findModel, listsFromSource, refNamesOf, refScalar, refTextFor } from './portable';
import { candidatesFor, ReferenceObject, referenceItemLabel, ReferenceSource } from './references';
import { findPair } from './yamlNodes';

/**
 * Completion of the portable tags: `!ref` and `!env` beside a field's other values, the slugs or
 * names after `!ref `, the values of a `!Find` condition.
 */

/** A completion item whose edit is in offsets, as completion.ts's Proposal. */
type TagProposal = Omit<CompletionItem, 'textEdit'> & { edit: OffsetEdit };

interface TagCompletionContext {
  references?: ReferenceSource;
  snippetSupport: boolean;
  labelDetailsSupport: boolean;
}

/** Fields whose value is commonly kept out of the file, offered as `!env`. */
export const ENV_FIELDS: ReadonlySet<string> = new Set(['client_secret', 'client_id']);

/** The provider's name as the file has it, for names derived from it. */
export function providerName(parsed: ParsedDocument): string {
  const pair = parsed.root ? findPair(parsed.root, 'name') : undefined;
  return isScalar(pair?.value) && typeof pair.value.value === 'string' ? pair.value.value : '';
}

/** Asks the editor for the next list once an item is accepted (VS Code's command; other editors ignore it). */
const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** `!ref `, after which the slugs or names of the field's kind are offered. */
export function refTagItem(reference: ReferenceField, edit: OffsetEdit): TagProposal {
  const by = refWhat(reference);
  return {
    label: '!ref',
    kind: CompletionItemKind.Keyword,
    detail: `${reference.label} by ${by}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `Names the ${reference.label} by its ${by} instead of its ${reference.pk === 'integer' ? 'pk' : 'UUID'}: resolved on the server the file is deployed to, so the same file works on every server.`,
    },
    sortText: '3',
    filterText: '!ref',
    edit,
    command: TRIGGER_SUGGEST,
  };
}

/** `!env <NAME>`: the value is read from the environment of the deploy, never kept in the file. */
export function envTagItem(key: string, name: string, cursor: { partialStart: number; partialEnd: number; needsSpace: boolean }, context: TagCompletionContext): TagProposal {
  const variable = key === 'client_secret' ? clientSecretVariable(name) : clientSecretVariable(name).replace(/_CLIENT_SECRET$/, '_CLIENT_ID');
  const newText = context.snippetSupport ? `!env \${1:${escapeSnippet(variable)}}` : `!env ${variable}`;
  return {
    label: '!env',
    kind: CompletionItemKind.Keyword,
    detail: `${key} from the environment variable ${variable}`,
    documentation: { kind: MarkupKind.Markdown, value: `Reads ${escapeMarkdown(key)} from an environment variable when deploying: the value is never written to the file.` },
    sortText: '4',
    filterText: '!env',
    insertTextFormat: context.snippetSupport ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    edit: { start: cursor.partialStart, end: cursor.partialEnd, newText: (cursor.needsSpace ? ' ' : '') + newText },
  };
}

/** What `!ref` names an object of the field's kind by. */
function refWhat(reference: ReferenceField): string {
  if (reference.kind === 'flow' || reference.kind === 'oauthSource') return 'slug';
  if (reference.kind === 'scopeMapping') return 'name, managed id or scope name';
  return 'name';
}

export function tagItems(reference: ReferenceField, tag: TagCursor, cursor: { partialStart: number; partialEnd: number }, context: TagCompletionContext): TagProposal[] {
  return tag.name === 'ref' ? refItems(reference, cursor, context) : findItems(reference, tag.model, tag.lookup, cursor, context);
}

/**
 * In `!Find [model, [lookup, |]]`: the lookup's values of the objects the field may take, when the
 * model gives objects of the field's kind; a value two of them share is left out (it matches both).
 */
function findItems(reference: ReferenceField, model: string, lookup: string, cursor: { partialStart: number; partialEnd: number }, context: TagCompletionContext): TagProposal[] {
  const found = findModel(model);
  const list = context.references?.list(reference.kind);
  if (!found || found.kind !== reference.kind || !(found.lookups as readonly string[]).includes(lookup) || !list) return [];
  const valueOf = (o: ReferenceObject): string | undefined => {
    const value = lookup === 'slug' ? o.slug : lookup === 'name' ? o.name : lookup === 'managed' ? o.managed : o.pk;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const counts = new Map<string, number>();
  for (const o of list.objects) {
    const value = valueOf(o);
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const items: TagProposal[] = [];
  candidatesFor(reference, list).forEach((object, i) => {
    const value = valueOf(object);
    if (value === undefined || counts.get(value) !== 1) return;
    const description = value === object.name ? referenceItemLabel(object).description : String(object.name);
    items.push({
      label: value,
      ...(context.labelDetailsSupport ? { labelDetails: { description }, detail: reference.label } : { detail: `${description} · ${reference.label}` }),
      kind: CompletionItemKind.Reference,
      sortText: `1${String(i).padStart(4, '0')}`,
      filterText: value,
      edit: { start: cursor.partialStart, end: cursor.partialEnd, newText: refScalar(value, true) },
    });
  });
  return items;
}

/**
 * After `!ref `: the slugs or names of the objects the field may take (the UUID completion's
 * choices), each written so it resolves back to exactly that object; one that no text names alone
 * (two key pairs of one name) is left out, it could only give an error.
 */
function refItems(reference: ReferenceField, cursor: { partialStart: number; partialEnd: number }, context: TagCompletionContext): TagProposal[] {
  const list = context.references?.list(reference.kind);
  if (!list) return [];
  const lists = listsFromSource(context.references);
  const items: TagProposal[] = [];
  candidatesFor(reference, list).forEach((object, i) => {
    const text = refTextFor(reference, object, lists, { scopeName: true });
    if (text === undefined) return;
    const name = String(object.name);
    const description = text === name ? referenceItemLabel(object).description : name;
    const detail = reference.label + (list.stale ? ' (cached: the server cannot be asked now)' : '');
    const also = refNamesOf(reference, object, { scopeName: true }).filter((t) => t !== text);
    items.push({
      label: text,
      ...(context.labelDetailsSupport ? { labelDetails: { description }, detail } : { detail: `${description} · ${detail}` }),
      kind: CompletionItemKind.Reference,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `**${escapeMarkdown(name)}**${object.slug ? ` ${markdownCode(String(object.slug))}` : ''}\n\n${reference.pk === 'integer' ? 'pk' : 'UUID'} ${markdownCode(String(object.pk))} on the connected server`,
      },
      sortText: `1${String(i).padStart(4, '0')}`,
      filterText: [text, ...also].join(' '),
      edit: { start: cursor.partialStart, end: cursor.partialEnd, newText: refScalar(text) },
    });
  });
  return items;
}
