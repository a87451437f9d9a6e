import { isAlias, isScalar, YAMLMap } from 'yaml';
import { DRF_3_16_SINCE, DrfFieldRules } from '../../../../common/profiles/drfFieldRules';
import { isNullable, SchemaNode, typesOf } from '../../../../common/profiles/jsonSchema';
import { Finding, finding } from '../findings';
import { describeValue, fieldLabel, ParsedNode, PathTarget, resolvePath, valueRange } from '../yamlNodes';
import { booleanOnlyInAnyCase, drfBoolean } from './booleans';
import { isCanonicalUuid, pythonNumberText, pythonStrip, pythonUuid } from './pythonValues';

/**
 * The request body as the server's Django REST framework reads it, before the schema checks it:
 * strings trimmed (CharField), numbers taken as their text where a string is expected, the words
 * and numbers BooleanField takes, the UUID forms Django's UUIDField reads, `""` as null for a
 * relation. Whatever the server takes but stores differently is a warning with a fix to the stored
 * form; what it refuses here is an error, and the schema check leaves that value alone.
 */
export interface ServerReading {
  /** The body as the server would store it (to be checked against the schema). */
  stored: Record<string, unknown>;
  findings: Finding[];
  /** JSON pointers of values already reported as errors. */
  handled: ReadonlySet<string>;
}

export interface ReadingInput {
  text: string;
  root: YAMLMap.Parsed | undefined;
  value: Record<string, unknown>;
  /** The request schema's properties. */
  properties: Readonly<Record<string, SchemaNode>>;
  rules: DrfFieldRules;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type FieldClass = 'choice' | 'boolean' | 'uuid' | 'string' | 'list' | 'object' | 'other';

function classify(node: SchemaNode): FieldClass {
  if (node.enum) return 'choice';
  const types = typesOf(node);
  if (types.length !== 1) return 'other';
  const [type] = types;
  if (type === 'boolean') return 'boolean';
  if (type === 'string') return node.format === 'uuid' ? 'uuid' : 'string';
  if (type === 'array') return node.items ? 'list' : 'other';
  if (type === 'object') return node.properties ? 'object' : 'other';
  return 'other';
}

const pointer = (path: readonly string[]) => path.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

export function readAsServer(input: ReadingInput): ServerReading {
  const findings: Finding[] = [];
  const handled = new Set<string>();
  const stored: Record<string, unknown> = {};
  const reader = new Reader(input, findings, handled);
  for (const [key, value] of Object.entries(input.value)) {
    const node = Object.prototype.hasOwnProperty.call(input.properties, key) ? input.properties[key] : undefined;
    stored[key] = node ? reader.read(node, value, [key], false) : value;
  }
  return { stored, findings, handled };
}

class Reader {
  constructor(
    private readonly input: ReadingInput,
    private readonly findings: Finding[],
    private readonly handled: Set<string>,
  ) {}

  /** The stored form of `value`, reporting on its node. `inList`: an item of a many-relation or list field. */
  read(node: SchemaNode, value: unknown, path: string[], inList: boolean): unknown {
    if (value === null || value === undefined) return value;
    const kind = classify(node);
    if (typeof value === 'number' && !Number.isFinite(value)) return this.unsendable(node, kind, path);
    switch (kind) {
      case 'choice':
        // ChoiceField looks the choice up by str(data), without trimming.
        if (typeof value === 'number') return pythonNumberText(value);
        if (typeof value === 'boolean') return value ? 'True' : 'False';
        return value;
      case 'boolean':
        return this.boolean(value, path);
      case 'uuid':
        return this.uuid(node, value, path, inList);
      case 'string':
        return this.string(node, value, path);
      case 'list':
        return Array.isArray(value) ? value.map((item, i) => this.read(node.items!, item, [...path, String(i)], true)) : value;
      case 'object':
        if (typeof value !== 'object' || Array.isArray(value)) return value;
        return Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([k, v]) => {
            const child = node.properties && Object.prototype.hasOwnProperty.call(node.properties, k) ? node.properties[k] : undefined;
            return [k, child ? this.read(child, v, [...path, k], false) : v];
          }),
        );
      default:
        return value;
    }
  }

  private target(path: string[]): { at: { start: number; end: number }; node: ParsedNode | null; source: string } | undefined {
    const { root, text } = this.input;
    const target: PathTarget | undefined = root ? resolvePath(root as ParsedNode, path) : undefined;
    if (!target) return undefined;
    const [start, end] = valueRange(target);
    return { at: { start, end }, node: target.node, source: text.slice(start, end) };
  }

  private report(path: string[], make: (at: { start: number; end: number }, node: ParsedNode | null, source: string) => Finding, error: boolean): void {
    const target = this.target(path);
    if (error) this.handled.add(pointer(path));
    if (target) this.findings.push(make(target.at, target.node, target.source));
  }

  /** Infinity and NaN: `JSON.stringify` sends null instead. */
  private unsendable(node: SchemaNode, kind: FieldClass, path: string[]): null {
    const label = fieldLabel(path);
    const nullable = isNullable(node);
    this.report(path, (at, yamlNode, source) => {
      const quotable = kind === 'string' && isScalar(yamlNode);
      return finding('wrong-type', {
        ...at,
        message:
          `"${label}" is ${source}, which JSON cannot carry: it would be sent as null` +
          (nullable ? '.' : ', which the server refuses (This field may not be null.).') +
          (quotable ? ` Quote it: "${source}".` : ''),
        data: { key: path[0], expected: kind, suggestion: quotable ? source : undefined },
      });
    }, true);
    return null;
  }

  private boolean(value: unknown, path: string[]): unknown {
    const { rules } = this.input;
    const label = fieldLabel(path);
    const read = drfBoolean(value, rules);
    if (read === undefined) {
      this.report(path, (at, _node, source) => {
        const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? source : describeValue(value);
        const laterCase = !rules.booleanWordsAnyCase && booleanOnlyInAnyCase(value)
          ? ` Servers from authentik ${DRF_3_16_SINCE.replace(/-.*$/, '')} on read it in any letter case; earlier ones do not. Write ${String(drfBoolean(value, { ...rules, booleanWordsAnyCase: true }))}.`
          : '';
        return finding('wrong-type', { ...at, message: `"${label}" must be true or false, not ${shown} (Must be a valid boolean.).${laterCase}`, data: { key: path[0], expected: 'boolean' } });
      }, true);
      return value;
    }
    if (typeof value !== 'boolean') {
      this.report(path, (at, _node, source) => {
        const shown = typeof value === 'string' ? JSON.stringify(value) : source;
        return finding('boolean-word', { ...at, message: `The server reads ${shown} in "${label}" as ${read}: write ${read}.`, data: { key: path[0], suggestion: String(read) } });
      }, false);
    }
    return read;
  }

  private uuid(node: SchemaNode, value: unknown, path: string[], inList: boolean): unknown {
    const label = fieldLabel(path);
    if (value === '' && !inList) {
      // RelatedField.run_validation turns "" into None (a many-relation's items are not run through it).
      const nullable = isNullable(node);
      this.report(path, (at) =>
        nullable
          ? finding('reference-blank', { ...at, message: `"" in "${label}" means null to the server: write null.`, data: { key: path[0], suggestion: 'null' } })
          : finding('not-nullable', { ...at, message: `"${label}" is "", which the server reads as null, and it may not be null (This field may not be null.).`, data: { key: path[0] } }),
        !nullable);
      return null;
    }
    if (typeof value === 'boolean') {
      this.report(path, (at) => finding('wrong-type', { ...at, message: `"${label}" must be a UUID, not a boolean (Incorrect type. Expected pk value, received bool.).`, data: { key: path[0], expected: 'uuid' } }), true);
      return value;
    }
    if (typeof value !== 'string' && typeof value !== 'number') return value;
    const uuid = pythonUuid(value);
    if (uuid === undefined) {
      this.report(path, (at, _node, source) => {
        if (typeof value === 'string') return finding('invalid-uuid', { ...at, message: `"${value}" is not a valid UUID (in "${label}").`, data: { key: path[0] } });
        // A UUID of digits only, written without dashes or quotes, is a number in YAML.
        const meant = pythonUuid(source);
        return finding('invalid-uuid', {
          ...at,
          message: `"${label}" is the number ${source}, which the server does not read as a UUID (“${pythonNumberText(value)}” is not a valid UUID.).${meant ? ` Write it as the UUID ${meant}.` : ''}`,
          data: { key: path[0], suggestion: meant },
        });
      }, true);
      return value;
    }
    if (typeof value === 'number' || !isCanonicalUuid(value)) {
      this.report(path, (at, _node, source) => {
        const written = typeof value === 'number' ? `the number ${source}` : `"${value}"`;
        return finding('uuid-not-canonical', { ...at, message: `The server reads ${written} in "${label}" as the UUID ${uuid}: write it that way.`, data: { key: path[0], suggestion: uuid } });
      }, false);
    }
    return uuid;
  }

  private string(node: SchemaNode, value: unknown, path: string[]): unknown {
    const label = fieldLabel(path);
    const mayBeBlank = (node.minLength ?? 0) === 0;
    if (typeof value === 'number') {
      const stored = pythonNumberText(value)!;
      this.report(path, (at, yamlNode, source) => {
        // Quoting an alias would make a string of its name, and a tagged number stays one once quoted (the tag
        // decides its type): only a number written here, untagged, gets the fix.
        const quotable = isScalar(yamlNode) && !isAlias(yamlNode) && !yamlNode.tag;
        const message = quotable && source !== stored
          ? `"${label}" is a number, which the server stores as the text "${stored}", not "${source}" as written: quote it to keep it as written.`
          : `"${label}" is a number, which the server stores as the text "${stored}": quote it to write a string.`;
        return finding('string-from-number', { ...at, message, data: { key: path[0], suggestion: quotable ? source : undefined } });
      }, false);
      return stored;
    }
    if (typeof value !== 'string') return value;
    const trimmed = pythonStrip(value).text;
    if (trimmed === '' && !mayBeBlank) {
      this.report(path, (at) => finding('empty-string', {
        ...at,
        message: value === ''
          ? `"${label}" may not be blank: the server refuses it (This field may not be blank.).`
          : `"${label}" holds only whitespace, which the server trims away: it refuses the value (This field may not be blank.).`,
        data: { key: path[0] },
      }), true);
    }
    // ProhibitSurrogateCharactersValidator: JSON carries a lone surrogate (`"\ud800"`) and Python keeps it.
    const surrogate = LONE_SURROGATE.exec(trimmed)?.[0];
    if (surrogate) {
      const code = surrogate.charCodeAt(0).toString(16).toUpperCase();
      this.report(path, (at) => finding('surrogate-character', {
        ...at,
        message: `"${label}" contains a lone surrogate (U+${code}), which is not a character: the server rejects it (Surrogate characters are not allowed: U+${code}.).`,
        data: { key: path[0] },
      }), true);
    }
    return trimmed;
  }
}
