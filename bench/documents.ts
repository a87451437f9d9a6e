/** The benchmark's provider files, built in code so every run uses exactly the same text. */

export const TYPO = 'confidental';
export const VALID_CLIENT_TYPE = 'confidential';

/** A UUID that differs only in its last group, so lists of any length stay valid and readable. */
export function uuid(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** A realistic 20-line provider body; `mappings` UUIDs go in `property_mappings`. */
export function providerFile(options: { name?: string; clientType?: string; mappings?: number } = {}): string {
  const mappings = options.mappings ?? 3;
  const lines = [
    `name: ${options.name ?? 'Grafana'}`,
    `authorization_flow: ${uuid('8f3b0c7e', 1)}`,
    `authentication_flow: ${uuid('8f3b0c7e', 2)}`,
    `client_type: ${options.clientType ?? VALID_CLIENT_TYPE}`,
    'client_id: grafana',
    'redirect_uris: |',
    '  https://grafana\\.example\\.com/login/generic_oauth',
    '  https://grafana-staging\\.example\\.com/login/generic_oauth',
    'property_mappings:',
    ...Array.from({ length: mappings }, (_, i) => `  - ${uuid('a1b2c3d4', i + 1)}`),
    'access_code_validity: minutes=1',
    'access_token_validity: hours=1',
    'refresh_token_validity: days=30',
    'include_claims_in_id_token: true',
    `signing_key: ${uuid('5d7a3a7e', 1)}`,
    'sub_mode: hashed_user_id',
    'issuer_mode: per_provider',
    'jwks_sources: []',
  ];
  return lines.join('\n') + '\n';
}

/** Where the `client_type` value sits (line and start/end character), to edit it in place. */
export function clientTypeValueRange(text: string): { line: number; start: number; end: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('client_type:'));
  if (line < 0) throw new Error('no client_type line');
  const start = 'client_type: '.length;
  return { line, start, end: lines[line].length };
}

/** Replaces the `client_type` value, returning the new text and the LSP edit against the old text. */
export function setClientType(text: string, value: string) {
  const { line, start, end } = clientTypeValueRange(text);
  const lines = text.split('\n');
  lines[line] = lines[line].slice(0, start) + value;
  const range = { start: { line, character: start }, end: { line, character: end } };
  return { text: lines.join('\n'), edit: { range, newText: value } };
}

/** The text with the `client_type` value removed, cursor right after `client_type: ` (for completion). */
export function completionFile(): { text: string; position: { line: number; character: number } } {
  const text = setClientType(providerFile(), '').text;
  const { line, start } = clientTypeValueRange(text);
  return { text, position: { line, character: start } };
}

/** How the CLI file sets are mixed: most valid, some with the typo, a missing required key, or a wrong type. */
export type CliFileKind = 'valid' | 'enum-typo' | 'missing-required' | 'wrong-type';

export function cliFileKind(index: number): CliFileKind {
  switch (index % 8) {
    case 1:
      return 'enum-typo';
    case 3:
      return 'missing-required';
    case 5:
      return 'wrong-type';
    default:
      return 'valid';
  }
}

export function cliFile(index: number): string {
  const kind = cliFileKind(index);
  const text = providerFile({ name: `Provider ${index}`, clientType: kind === 'enum-typo' ? TYPO : VALID_CLIENT_TYPE });
  if (kind === 'missing-required') return text.replace(/^authorization_flow: .*\n/m, '');
  if (kind === 'wrong-type') return text.replace('include_claims_in_id_token: true', 'include_claims_in_id_token: sometimes');
  return text;
}

/** Where the error of an invalid CLI file must be reported (0-based, as in the JSON output), or undefined for a valid file. */
export function cliFileError(index: number): { code: string; line: number; character: number } | undefined {
  const kind = cliFileKind(index);
  if (kind === 'valid') return undefined;
  const lines = cliFile(index).split('\n');
  const at = (prefix: string, code: string) => {
    const line = lines.findIndex((l) => l.startsWith(prefix));
    return { code, line, character: prefix.length };
  };
  if (kind === 'enum-typo') return at('client_type: ', 'invalid-enum');
  if (kind === 'wrong-type') return at('include_claims_in_id_token: ', 'wrong-type');
  return { code: 'missing-required', line: 0, character: 0 };
}

/**
 * The provider followed by unknown keys (`unknown_key_0: value`, ...) up to `bytes`, less `room` for
 * typing: the costliest shape per byte to parse and validate (one finding per line).
 */
export function unknownKeysFile(bytes: number, room = 1024): string {
  const lines = [providerFile()];
  let length = lines[0].length;
  for (let i = 0; ; i++) {
    const line = `unknown_key_${i}: value\n`;
    if (length + line.length > bytes - room) return lines.join('');
    lines.push(line);
    length += line.length;
  }
}
