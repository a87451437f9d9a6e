import Ajv, { ErrorObject, Options, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isScalar, YAMLMap } from 'yaml';
import { Profile } from '../../../common/profiles';
import { DrfFieldRules, drfFieldRulesFor } from '../../../common/profiles/drfFieldRules';
import { fieldOf } from '../schema/fields';
import { pythonLength } from './drf/pythonValues';
import { readAsServer } from './drf/serverReading';
import { Finding, finding } from './findings';
import { didYouMean } from './suggest';
import { describeValue, fieldLabel, lineEnd, parsePointer, resolvePath, valueRange, ParsedNode } from './yamlNodes';

/**
 * ajv set up for request schemas. The schema files are not checked against the draft-07
 * meta-schema on every start (a test does that once). `format: uri` (newer releases' URL fields) is
 * an annotation: the http(s) URL rule checks those values as the server does. Schemas are not
 * registered by `$id`, so profiles (a bundled one and a server's) never collide.
 */
export function createRequestAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, addUsedSchema: false, formats: { uri: true }, ...extra });
  addFormats(ajv, ['uuid']);
  return ajv;
}

let sharedAjv: Ajv | undefined;
const validators = new WeakMap<Profile, ValidateFunction>();

/** The profile's request schema, compiled once per profile and shared by the editor and the CLI. */
export function requestValidator(profile: Profile): ValidateFunction {
  let validate = validators.get(profile);
  if (!validate) {
    sharedAjv ??= createRequestAjv();
    validate = sharedAjv.compile(profile.requestSchema);
    validators.set(profile, validate);
  }
  return validate;
}

const KEYWORD_PRIORITY: Record<string, number> = { type: 0, required: 0 };

/**
 * Reads the JSON form of the document as the server's DRF fields do (trimming, lenient numbers,
 * booleans and UUIDs: see drf/serverReading.ts), validates what the server would store with the
 * request schema, and puts each finding on the YAML node it is about. One error per node: a value
 * of the wrong type is not also reported as an invalid choice.
 */
export function schemaFindings(
  text: string,
  root: YAMLMap.Parsed | undefined,
  value: Record<string, unknown>,
  profile: Profile,
  drf: DrfFieldRules = drfFieldRulesFor(profile.releases.from),
): Finding[] {
  const validate = requestValidator(profile);
  const reading = readAsServer({ text, root, value, properties: profile.requestSchema.properties, rules: drf });
  const findings: Finding[] = [...reading.findings];
  if (validate(reading.stored)) return findings;
  const isHandled = (path: string) => [...reading.handled].some((p) => path === p || path.startsWith(p + '/'));
  const errors = [...(validate.errors ?? [])]
    .filter((e) => !isHandled(e.instancePath))
    .sort((a, b) => (KEYWORD_PRIORITY[a.keyword] ?? 1) - (KEYWORD_PRIORITY[b.keyword] ?? 1));
  const reported = new Set<string>();
  for (const error of errors) {
    const id = error.keyword === 'required' ? `required:${error.instancePath}:${error.params.missingProperty}` : error.instancePath;
    if (reported.has(id)) continue;
    reported.add(id);
    const finding = toFinding(text, root, value, reading.stored, error, profile);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** `written` is the document's value, `stored` the server's reading of it, which the schema checked. */
function toFinding(text: string, root: YAMLMap.Parsed | undefined, written: unknown, stored: unknown, error: ErrorObject, profile: Profile): Finding | undefined {
  if (error.keyword === 'required' && error.instancePath !== '') {
    // A key missing inside a list item (a redirect_uris entry without url): on that item.
    const path = parsePointer(error.instancePath);
    const target = root ? resolvePath(root as ParsedNode, path) : undefined;
    if (!target) return undefined;
    const [start, end] = valueRange(target);
    const missing = String(error.params.missingProperty);
    return finding('missing-required', { start, end, message: `"${fieldLabel(path)}" is missing the required key "${missing}".`, data: { key: path[0], missing } });
  }
  if (error.keyword === 'required') {
    const key = String(error.params.missingProperty);
    const start = root ? root.range[0] : 0;
    const description = fieldOf(profile, key)?.description;
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
  const value = lookup(stored, path);
  const label = fieldLabel(path);
  const key = path[0];
  const at = { start, end };
  switch (error.keyword) {
    case 'type': {
      const expected = String(error.params.type).split(',').filter((t) => t !== 'null')[0] ?? 'string';
      // Quoting keeps the text as written (`1.10`, `0x1F`, `~`), not the value the YAML schema read from it.
      const written = expected === 'string' ? writtenScalar(text, target.node) : undefined;
      if (value === null) {
        const required = path.length === 1 && fieldOf(profile, key)?.required;
        return finding('not-nullable', { ...at, message: `"${label}" may not be null: ${required ? 'give it a value (the field is required)' : 'give it a value or remove the key'}.`, data: { key, suggestion: written } });
      }
      return finding('wrong-type', { ...at, message: `"${label}" must be ${article(expected)}, not ${describeValue(value)}.${written !== undefined ? ` Quote it: ${JSON.stringify(written)}.` : ''}`,
        data: { key, expected, suggestion: written },
      });
    }
    case 'minLength':
      return finding('empty-string', { ...at, message: `"${label}" may not be blank.`, data: { key } });
    case 'maxLength': {
      const length = typeof value === 'string' ? pythonLength(value) : 0;
      const original = lookup(written, path);
      const trimmed = typeof value === 'string' && typeof original === 'string' && original !== value ? ' once the server trims it' : '';
      return finding('too-long', { ...at, message: `"${label}" is ${length} characters long${trimmed}; the server allows at most ${error.params.limit} (Ensure this field has no more than ${error.params.limit} characters.).`,
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
