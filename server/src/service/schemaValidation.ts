import Ajv, { ErrorObject, Options, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isScalar, YAMLMap } from 'yaml';
import { FIELD_BY_KEY, REQUEST_SCHEMA } from '../schema/fields';
import { Finding, finding } from './findings';
import { didYouMean } from './suggest';
import { describeValue, lineEnd, parsePointer, resolvePath, valueRange, ParsedNode } from './yamlNodes';

let compiled: ValidateFunction | undefined;

/**
 * ajv set up for a request schema. The schema file is not checked against the draft-07
 * meta-schema on every start (a test does that once).
 */
export function createRequestAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, ...extra });
  addFormats(ajv, ['uuid']);
  return ajv;
}

/** The request schema compiled once per process, shared by the editor, the CLI and the test server. */
export function requestValidator(): ValidateFunction {
  compiled ??= createRequestAjv().compile(REQUEST_SCHEMA);
  return compiled;
}

/** A field name for messages: `client_id`, or `property_mappings[2]` for a list item. */
function fieldLabel(path: string[]): string {
  return path.map((s, i) => (i > 0 && /^\d+$/.test(s) ? `[${s}]` : (i > 0 ? '.' : '') + s)).join('');
}

const KEYWORD_PRIORITY: Record<string, number> = { type: 0, required: 0 };

/**
 * Validates the JSON form of the document with the request schema and puts each error on the
 * YAML node it is about. One finding per node: a value of the wrong type is not also reported
 * as an invalid choice.
 */
export function schemaFindings(text: string, root: YAMLMap.Parsed | undefined, value: unknown): Finding[] {
  const validate = requestValidator();
  if (validate(value)) return [];
  const errors = [...(validate.errors ?? [])].sort(
    (a, b) => (KEYWORD_PRIORITY[a.keyword] ?? 1) - (KEYWORD_PRIORITY[b.keyword] ?? 1),
  );
  const reported = new Set<string>();
  const findings: Finding[] = [];
  for (const error of errors) {
    const id = error.keyword === 'required' ? `required:${error.params.missingProperty}` : error.instancePath;
    if (reported.has(id)) continue;
    reported.add(id);
    const finding = toFinding(text, root, value, error);
    if (finding) findings.push(finding);
  }
  return findings;
}

function toFinding(text: string, root: YAMLMap.Parsed | undefined, document: unknown, error: ErrorObject): Finding | undefined {
  if (error.keyword === 'required') {
    const key = String(error.params.missingProperty);
    const start = root ? root.range[0] : 0;
    const description = FIELD_BY_KEY.get(key)?.description;
    return finding('missing-required', {
      message: `Missing required key "${key}"${description ? `: ${description}` : '.'}`,
      start,
      end: lineEnd(text, start),
      data: { key },
    });
  }
  const path = parsePointer(error.instancePath);
  if (path.length === 0) return undefined; // the root not being an object is reported as not-a-mapping
  const target = root ? resolvePath(root as ParsedNode, path) : undefined;
  if (!target) return undefined;
  const [start, end] = valueRange(target);
  const value = lookup(document, path);
  const label = fieldLabel(path);
  const key = path[0];
  const at = { start, end };
  switch (error.keyword) {
    case 'type': {
      const expected = String(error.params.type).split(',').filter((t) => t !== 'null')[0] ?? 'string';
      // Quoting keeps the text as written (`1.10`, `0x1F`, `~`), not the value the YAML schema read from it.
      const written = expected === 'string' ? writtenScalar(text, target.node) : undefined;
      if (value === null) {
        return finding('not-nullable', { ...at, message: `"${label}" may not be null: give it a value or remove the key.`, data: { key, suggestion: written } });
      }
      return finding('wrong-type', { ...at, message: `"${label}" must be ${article(expected)}, not ${describeValue(value)}.${written !== undefined ? ` Quote it: ${JSON.stringify(written)}.` : ''}`,
        data: { key, expected, suggestion: written },
      });
    }
    case 'minLength':
      return finding('empty-string', { ...at, message: `"${label}" may not be blank.`, data: { key } });
    case 'maxLength': {
      const length = typeof value === 'string' ? value.length : 0;
      return finding('too-long', { ...at, message: `"${label}" is ${length} characters long; the server allows at most ${error.params.limit}.`,
        data: { key },
      });
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const suggestion = didYouMean(String(value), allowed);
      return finding('invalid-enum', { ...at, message:
          `"${String(value)}" is not a valid choice for "${label}".` +
          (suggestion ? ` Did you mean "${suggestion}"?` : '') +
          ` Valid choices: ${allowed.join(', ')}.`,
        data: { key, suggestion, allowed },
      });
    }
    case 'format':
      if (error.params.format === 'uuid') {
        return finding('invalid-uuid', { ...at, message: `"${String(value)}" is not a valid UUID (in "${label}").`, data: { key } });
      }
      break;
  }
  return finding('schema', { ...at, message: `"${label}" ${error.message ?? 'does not match the schema'}.`, data: { key } });
}

/** The source text of a plain, untagged scalar (a number, boolean or null as written), if the node is one. */
function writtenScalar(text: string, node: ParsedNode | null): string | undefined {
  if (!isScalar(node) || node.type !== 'PLAIN' || node.tag || !node.range) return undefined;
  const written = text.slice(node.range[0], node.range[1]);
  return written === '' ? undefined : written;
}

function article(type: string): string {
  const noun = type === 'array' ? 'list' : type === 'object' ? 'mapping' : type;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function lookup(document: unknown, path: string[]): unknown {
  let current = document;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The server refuses strings with NUL characters ("Null characters are not allowed."); the schema cannot say so. */
export function nullCharacterFindings(root: YAMLMap.Parsed | undefined, value: Record<string, unknown>): Finding[] {
  if (!root) return [];
  const findings: Finding[] = [];
  const check = (path: string[], v: unknown) => {
    if (typeof v !== 'string' || !v.includes('\u0000')) return;
    const target = resolvePath(root as ParsedNode, path);
    if (!target) return;
    const [start, end] = valueRange(target);
    findings.push(finding('null-character', { message: `"${fieldLabel(path)}" contains a NUL character: the server rejects it (Null characters are not allowed.).`, start, end, data: { key: path[0] } }));
  };
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) v.forEach((item, i) => check([key, String(i)], item));
    else check([key], v);
  }
  return findings;
}
