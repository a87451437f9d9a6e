import { Document, isAlias, isMap, isNode, isScalar, isSeq, Node, ParsedNode, YAMLSeq } from 'yaml';
import type { Profile, ReferenceField } from '../../../../common/profiles';
import { MAX_ALIAS_COUNT } from '../documentValue';
import { Finding, finding } from '../findings';
import type { ParsedDocument } from '../parsedDocument';
import { keyText, PathSegment } from '../yamlNodes';
import { FindLookup, FIND_LOOKUPS, FIND_MODELS, findModel, listText, modelsFor } from './findModels';
import { KIND_NOUNS } from './objects';
import { ENV_NAME, ENV_TAG, FIND_TAG, isPortableTagName, isYamlCoreTag, REF_TAG } from './tagNames';

interface TagBase {
  /** The top-level request field the value belongs to. */
  field: string;
  /** Where the value sits in the request body: `['property_mappings', 2]`. */
  path: PathSegment[];
  /** From the tag to the end of its value. */
  start: number;
  end: number;
  /** The value alone (empty for `!ref` with nothing after it). */
  valueStart: number;
  valueEnd: number;
}

export interface RefTag extends TagBase {
  kind: 'ref';
  reference: ReferenceField;
  /** The slug, name, managed id or scope name written after `!ref`. */
  text: string;
}

export interface EnvTag extends TagBase {
  kind: 'env';
  name: string;
}

export interface FindCondition {
  lookup: FindLookup;
  value: string;
  start: number;
  end: number;
}

export interface FindTag extends TagBase {
  kind: 'find';
  reference: ReferenceField;
  model: string;
  conditions: FindCondition[];
}

export type PortableTag = RefTag | EnvTag | FindTag;

export interface TagScan {
  /** Every well-formed tag, in document order (one per place it is used, aliases included). */
  tags: PortableTag[];
  /** Malformed or misplaced tags; a malformed one gives no entry in `tags`. */
  findings: Finding[];
}

type Located = TagBase;

/** Where the CLI and the editor's environment keep the API token: never a provider's value. */
const TOKEN_VARIABLES: ReadonlySet<string> = new Set(['AUTHENTIK_TOKEN']);

/** Every `!ref`, `!env` and `!Find` of the first document, and what is wrong with those that cannot be resolved. */
export function scanTags(parsed: Pick<ParsedDocument, 'text' | 'documents'>, profile: Profile): TagScan {
  const doc = parsed.documents[0];
  const scan: TagScan = { tags: [], findings: [] };
  if (!doc || !isNode(doc.contents)) return scan;
  const walker = new TagWalker(parsed.text, doc, profile, scan);
  walker.walk(doc.contents as ParsedNode, []);
  return scan;
}

class TagWalker {
  private aliasesLeft = MAX_ALIAS_COUNT;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly profile: Profile,
    private readonly scan: TagScan,
  ) {}

  walk(node: unknown, path: PathSegment[]): void {
    if (isAlias(node)) {
      // An alias of a tagged value sends that value too; past the budget the document is refused anyway.
      if (this.aliasesLeft-- <= 0) return;
      this.walk(node.resolve(this.doc), path);
      return;
    }
    if (!isNode(node)) return;
    const tag = node.tag;
    if (tag && isPortableTagName(tag) && path.length > 0) {
      this.tagged(node, tag, path);
      return;
    }
    if (tag && !isYamlCoreTag(tag) && !isPortableTagName(tag)) this.unsupported(node, tag);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isNode(pair.key) && pair.key.tag && !isYamlCoreTag(pair.key.tag)) this.taggedKey(pair.key, pair.key.tag);
        this.walk(pair.value, [...path, keyText(pair.key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => this.walk(item, [...path, index]));
    }
  }

  private tagged(node: Node, tag: string, path: PathSegment[]): void {
    const where = this.locate(node, tag, path);
    if (tag === ENV_TAG) this.env(node, where);
    else if (tag === REF_TAG) this.ref(node, where);
    else this.find(node, where);
  }

  private env(node: Node, where: Located): void {
    if (!isScalar(node)) return this.invalid(where, '`!env` takes the name of an environment variable, not a list or mapping.');
    const name = String(node.value ?? '');
    if (name === '') return this.invalid(where, '`!env` needs the name of an environment variable: `!env GRAFANA_CLIENT_SECRET`.');
    if (TOKEN_VARIABLES.has(name)) {
      // The API token would be stored in the provider, readable by anyone who may view it.
      return this.invalid(where, `\`!env ${name}\` would send the API token as the provider's ${where.field}: read the value from a variable of its own.`);
    }
    if (!ENV_NAME.test(name)) {
      this.scan.findings.push(
        finding('env-name-invalid', {
          message: `"${name}" is not a valid environment variable name: use letters, digits and _, not starting with a digit.`,
          start: where.valueStart,
          end: where.valueEnd,
          data: { key: where.field },
        }),
      );
    }
    this.scan.tags.push({ kind: 'env', name, ...where });
  }

  private ref(node: Node, where: Located): void {
    const reference = this.referenceAt(where, REF_TAG);
    if (!reference) return;
    if (!isScalar(node)) return this.invalid(where, '`!ref` takes one slug or name, not a list or mapping.');
    const text = String(node.value ?? '');
    if (text.trim() === '') return this.invalid(where, `\`!ref\` needs the ${refWhat(reference)} of ${withArticle(nounOf(reference))}.`);
    this.scan.tags.push({ kind: 'ref', reference, text, ...where });
  }

  private find(node: Node, where: Located): void {
    const reference = this.referenceAt(where, FIND_TAG);
    if (!reference) return;
    const usage = '`!Find` takes a list: `!Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]`.';
    if (!isSeq(node)) return this.invalid(where, usage);
    const [modelNode, ...conditionNodes] = (node as YAMLSeq<unknown>).items;
    if (!isScalar(modelNode) || typeof modelNode.value !== 'string' || conditionNodes.length === 0) return this.invalid(where, usage);
    if (modelNode.tag && !isYamlCoreTag(modelNode.tag)) return this.invalid(this.rangeOf(modelNode, where), 'Tags inside `!Find` are not resolved here: write the model name.');
    const model = modelNode.value;
    const known = findModel(model);
    const expected = modelsFor(reference.kind);
    if (!known) {
      return this.invalid(this.rangeOf(modelNode, where), `\`!Find\` supports the models ${listText(Object.keys(FIND_MODELS))}; "${model}" is not one of them.`);
    }
    if (known.kind !== reference.kind) {
      return this.invalid(this.rangeOf(modelNode, where), `${where.field} refers to ${withArticle(nounOf(reference))}: look it up in ${listText(expected)}, not ${model}.`);
    }
    const conditions: FindCondition[] = [];
    for (const item of conditionNodes) {
      const condition = this.condition(item, model, known.lookups, where);
      if (!condition) return;
      conditions.push(condition);
    }
    this.scan.tags.push({ kind: 'find', reference, model, conditions, ...where });
  }

  private condition(item: unknown, model: string, lookups: readonly FindLookup[], where: Located): FindCondition | undefined {
    const range = this.rangeOf(item, where);
    const pairItems = isSeq(item) ? (item as YAMLSeq<unknown>).items : undefined;
    const [keyNode, valueNode] = pairItems ?? [];
    if (!pairItems || pairItems.length !== 2 || !isScalar(keyNode) || !isScalar(valueNode)) {
      this.invalid(range, 'Each condition of `!Find` is a pair: `[slug, default-provider-invalidation-flow]`.');
      return undefined;
    }
    if ([keyNode, valueNode].some((n) => n.tag && !isYamlCoreTag(n.tag))) {
      this.invalid(range, 'Tags inside `!Find` are not resolved here: write the value itself.');
      return undefined;
    }
    const lookup = String(keyNode.value);
    if (!(lookups as readonly string[]).includes(lookup)) {
      const what = (FIND_LOOKUPS as readonly string[]).includes(lookup) ? `${model} has no ${lookup}` : `"${lookup}" is not supported`;
      this.invalid(this.rangeOf(keyNode, where), `\`!Find\` on ${model} supports the lookups ${listText([...lookups])}; ${what}.`);
      return undefined;
    }
    const value = valueNode.value === null || valueNode.value === undefined ? '' : String(valueNode.value);
    if (value === '') {
      this.invalid(range, `The ${lookup} to look up is empty.`);
      return undefined;
    }
    return { lookup: lookup as FindLookup, value, start: range.start, end: range.end };
  }

  /** The field's reference when the tagged value stands where one object is named; otherwise a finding. */
  private referenceAt(where: Located, tag: string): ReferenceField | undefined {
    const { field, path } = where;
    const reference = Object.prototype.hasOwnProperty.call(this.profile.references, field) ? this.profile.references[field] : undefined;
    if (!reference) {
      this.misplaced(where, `\`${tag}\` names an object on the server; ${field} is not a field that refers to one.`);
      return undefined;
    }
    const single = !reference.many && path.length === 1;
    const item = reference.many && path.length === 2 && typeof path[1] === 'number';
    if (single || item) return reference;
    if (reference.many && path.length === 1) this.misplaced(where, `${field} is a list: put \`${tag}\` on each item.`);
    else this.misplaced(where, `\`${tag}\` stands for one object of ${field}; it cannot be used inside it.`);
    return undefined;
  }

  private unsupported(node: Node, tag: string): void {
    const start = tagStart(this.text, node.range![0], tag);
    this.scan.findings.push(
      finding('tag-unsupported', {
        message: `The tag ${tag} is not resolved: only \`!ref\`, \`!env\` and \`!Find\` are, and the value would be sent as written.`,
        start,
        end: start + tagSource(this.text, start, tag).length,
        data: { tag },
      }),
    );
  }

  private taggedKey(key: Node, tag: string): void {
    const start = tagStart(this.text, key.range![0], tag);
    this.scan.findings.push(
      finding('tag-misplaced', { message: `A tag on a key is not resolved: ${tag} belongs on the value.`, start, end: key.range![1], data: { tag } }),
    );
  }

  private invalid(where: { start: number; end: number; field?: string }, message: string): void {
    this.scan.findings.push(finding('tag-invalid', { message, start: where.start, end: where.end, data: where.field ? { key: where.field } : undefined }));
  }

  private misplaced(where: Located, message: string): void {
    this.scan.findings.push(finding('tag-misplaced', { message, start: where.start, end: where.end, data: { key: where.field } }));
  }

  private locate(node: Node, tag: string, path: PathSegment[]): Located {
    const [valueStart, valueEnd] = node.range!;
    const start = tagStart(this.text, valueStart, tag);
    // An empty value sits wherever the parser stopped; the tag alone is what is there.
    const end = valueEnd > valueStart ? valueEnd : start + tagSource(this.text, start, tag).length;
    return { field: String(path[0]), path, start, end, valueStart, valueEnd };
  }

  private rangeOf(node: unknown, fallback: { start: number; end: number }): { start: number; end: number } {
    const range = isNode(node) ? node.range : undefined;
    return range && range[1] > range[0] ? { start: range[0], end: range[1] } : { start: fallback.start, end: fallback.end };
  }
}

/** What `!ref` names an object of the field's kind by. */
function refWhat(reference: ReferenceField): string {
  if (reference.kind === 'flow' || reference.kind === 'oauthSource') return 'slug';
  if (reference.kind === 'scopeMapping') return 'name, managed id or scope name';
  return 'name';
}

function withArticle(noun: string): string {
  return `${/^[aeiouAEIOU]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

function nounOf(reference: ReferenceField): string {
  return reference.kind === 'flow' ? reference.label : KIND_NOUNS[reference.kind].one;
}

/**
 * Where the tag of a value starts. The parser's range starts at the value; the tag comes before it,
 * separated by spaces, line breaks, comments or an anchor (`!ref &a x`).
 */
function tagStart(text: string, valueStart: number, tag: string): number {
  for (const form of [tag, `!<${tag}>`]) {
    let at = text.lastIndexOf(form, valueStart - form.length);
    while (at >= 0) {
      if (/^(?:\s+|#[^\n]*|&[^\s,[\]{}]+)*$/.test(text.slice(at + form.length, valueStart))) return at;
      at = at > 0 ? text.lastIndexOf(form, at - 1) : -1;
    }
  }
  return valueStart;
}

function tagSource(text: string, start: number, tag: string): string {
  return text.startsWith(`!<${tag}>`, start) ? `!<${tag}>` : text.startsWith(tag, start) ? tag : '';
}
