/** Severity names shared by the editor, the CLI and its JSON output. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * One problem found in a document, with offsets into its text. Offsets become line/character
 * positions only at the edge (LSP handler, CLI), where the line table is known.
 */
export interface Finding {
  /** Stable identifier, e.g. `invalid-enum`; quick fixes and CI rules key on it. */
  code: FindingCode;
  /** Always the catalogue's severity for the code (FINDING_CODES): build findings with `finding()`. */
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** Facts a quick fix or a report can use: the key concerned, a suggestion, ... */
  data?: FindingData;
  related?: { start: number; end: number; message: string }[];
  /** Marks findings about code that has no effect (LSP "unnecessary" tag). */
  unnecessary?: boolean;
}

export interface FindingData {
  key?: string;
  /** A replacement value or key the user probably meant. */
  suggestion?: string;
  /** Keys a fix could add (missing required keys). */
  keys?: string[];
  [extra: string]: unknown;
}

/**
 * Every finding code, with its one severity and a one-line description: the only place a severity
 * is decided. The editor, the CLI (all formats, SARIF rules) and deploy all read it from here.
 */
export const FINDING_CODES = {
  'version-unknown': { severity: 'warning', description: 'The version a file names (comment or setting) is not one the profiles know; the next choice applies.' },
  'version-newer': { severity: 'information', description: 'The file is for a release newer than every bundled profile; it is checked with the newest one.' },
  'yaml-syntax': { severity: 'error', description: 'The file is not valid YAML.' },
  'yaml-warning': { severity: 'warning', description: 'YAML that parses but is probably not what was meant.' },
  'duplicate-key': { severity: 'error', description: 'A key appears twice in the same mapping.' },
  'not-a-mapping': { severity: 'error', description: 'The document is not a mapping of provider fields.' },
  'multiple-documents': { severity: 'error', description: 'A file holds more than one YAML document; keep one provider per file.' },
  'alias-limit': { severity: 'error', description: 'The document expands too many aliases.' },
  'binary-file': { severity: 'error', description: 'The file is binary, not YAML text.' },
  'invalid-utf8': { severity: 'error', description: 'The file is not valid UTF-8.' },
  'unresolved-alias': { severity: 'error', description: 'An alias refers to no anchor.' },
  'merge-key': { severity: 'error', description: 'A YAML merge key (<<): merged values are hidden from review, so merge keys are refused.' },
  'null-character': { severity: 'error', description: 'A string holds a NUL character, which the server rejects.' },
  'surrogate-character': { severity: 'error', description: 'A string holds a lone UTF-16 surrogate, which the server rejects.' },
  'file-too-large': { severity: 'error', description: 'The file is larger than the configured limit and was not validated.' },
  'missing-required': { severity: 'error', description: 'A required field is missing.' },
  'wrong-type': { severity: 'error', description: 'A value has the wrong type.' },
  'not-nullable': { severity: 'error', description: 'A field that may not be null is null.' },
  'empty-string': { severity: 'error', description: 'A field that may not be blank is empty.' },
  'too-long': { severity: 'error', description: 'A string is longer than the server allows.' },
  'invalid-enum': { severity: 'error', description: 'A value is not one of the allowed choices.' },
  'invalid-url': { severity: 'error', description: 'A URL field holds something the server does not take as an http(s) URL.' },
  'invalid-uuid': { severity: 'error', description: 'A reference is not a well-formed UUID.' },
  'schema': { severity: 'error', description: 'The value does not match the request schema.' },
  'string-from-number': { severity: 'warning', description: 'A number where a string is expected: the server stores its text.' },
  'boolean-word': { severity: 'warning', description: 'A word or number where a boolean is expected, which the server reads as true or false.' },
  'uuid-not-canonical': { severity: 'warning', description: 'A UUID written in a form the server reads but does not store (no dashes, braces, urn:uuid:, upper case, a number).' },
  'reference-blank': { severity: 'warning', description: 'An empty string for a reference, which the server reads as null.' },
  'unknown-key': { severity: 'warning', description: 'A key the server does not know; it is silently ignored.' },
  'field-not-in-version': { severity: 'warning', description: 'A field of other authentik releases that the file\'s release does not have; the server ignores it.' },
  'field-renamed': { severity: 'warning', description: 'A field under the name it had before a rename; the server ignores the old name.' },
  'read-only-key': { severity: 'warning', description: 'A response-only field; the server ignores it in a request.' },
  'duration-invalid': { severity: 'error', description: 'A duration the server rejects.' },
  'duration-crash': { severity: 'error', description: 'A duration that makes the server fail with HTTP 500.' },
  'duration-ignored-part': { severity: 'warning', description: 'Part of a duration that the server silently ignores.' },
  'duration-negative': { severity: 'warning', description: 'A duration that is negative or zero.' },
  'redirect-uri-invalid': { severity: 'error', description: 'A redirect URI entry that is a plain URL is not an absolute URL.' },
  'redirect-uri-regex-invalid': { severity: 'error', description: "A redirect URI entry that Python's re cannot compile." },
  'redirect-uri-catch-all': { severity: 'warning', description: 'A redirect URI regular expression that matches URLs on any host.' },
  'redirect-uri-forbidden-scheme': { severity: 'warning', description: 'A javascript:, data: or vbscript: redirect URI, which the server refuses at login.' },
  'redirect-uri-strict-escaped': { severity: 'warning', description: 'A strict redirect URI with regular-expression escapes, which never matches.' },
  'redirect-uri-hidden-separator': { severity: 'warning', description: 'An invisible character that the server splits redirect URIs on.' },
  'redirect-uri-unescaped': { severity: 'warning', description: 'A redirect URI has an unescaped regular-expression character.' },
  'redirect-uri-wildcard': { severity: 'warning', description: 'A redirect URI uses `*` where it matches more, or other, URIs than intended.' },
  'redirect-uri-duplicate': { severity: 'warning', description: 'A redirect URI is listed twice.' },
  'redirect-uris-empty': { severity: 'warning', description: 'No redirect URIs: the server adopts the first one any client sends.' },
  'redirect-uri-insecure': { severity: 'warning', description: 'A confidential client redirects over plain http to a non-loopback host.' },
  'secret-on-public-client': { severity: 'warning', description: 'A client secret on a public client.' },
  'secret-in-file': { severity: 'information', description: 'A literal client secret is kept in the file.' },
  'server-rejected': { severity: 'error', description: 'The authentik server rejected this field when deploying.' },
  'reference-not-found': { severity: 'warning', description: 'A UUID that refers to no object on the server.' },
  'reference-wrong-kind': { severity: 'warning', description: 'A reference to an object of the wrong kind (e.g. a flow of another designation).' },
  'reference-without-private-key': { severity: 'error', description: 'A signing key pair without a private key: every token request fails.' },
  'tag-invalid': { severity: 'error', description: 'A `!ref`, `!env` or `!Find` tag that is not written in a form that can be resolved.' },
  'tag-misplaced': { severity: 'error', description: 'A `!ref` or `!Find` tag on a value that refers to no object, or a tag on a key.' },
  'tag-unsupported': { severity: 'error', description: 'A YAML tag other than `!ref`, `!env` and `!Find`; its value would be sent as written.' },
  'env-name-invalid': { severity: 'warning', description: 'An `!env` name that is not a valid environment variable name.' },
  'env-wrong-type': { severity: 'error', description: 'An `!env` on a list or an entry: the variable gives one string, which the server rejects there.' },
  'env-missing': { severity: 'error', description: 'An `!env` variable that is not set.' },
  'reference-unresolved': { severity: 'error', description: 'A `!ref` or `!Find` that matches no object on the server, or whose objects are not known.' },
  'reference-ambiguous': { severity: 'error', description: 'A `!ref` or `!Find` that matches more than one object on the server.' },
  'provider-name-repeated': { severity: 'error', description: 'Two files of one plan or deploy name the same provider: they would overwrite each other.' },
  'reference-deferred': { severity: 'information', description: 'A `!ref` or `!Find` that is resolved when deploying: the server\'s objects are not known now.' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type FindingCode = keyof typeof FINDING_CODES;

/** What a finding says and where (offsets into the text), besides its code. */
export interface FindingDetails {
  message: string;
  start: number;
  end: number;
  data?: FindingData;
  related?: Finding['related'];
  unnecessary?: boolean;
}

/** A finding of `code`, with the severity the catalogue gives that code. */
export function finding(code: FindingCode, details: FindingDetails): Finding {
  const result: Finding = { code, severity: FINDING_CODES[code].severity, message: details.message, start: details.start, end: details.end };
  if (details.data) result.data = details.data;
  if (details.related) result.related = details.related;
  if (details.unnecessary) result.unnecessary = true;
  return result;
}
