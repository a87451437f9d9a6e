import { pyStrip } from './python-values';

/**
 * authentik's TokenAuthentication. Every failure becomes a 403 (never 401): the authenticator
 * sends no WWW-Authenticate challenge, so DRF turns "not authenticated" into 403.
 */

export const AUTH_MESSAGES = {
  notProvided: 'Authentication credentials were not provided.',
  invalid: 'Token invalid/expired',
  unsupported: 'Unsupported authentication type',
  noPermission: 'You do not have permission to perform this action.',
};

export interface Tokens {
  token: string;
  readOnlyToken?: string;
  /** Known to the server but expired; answered exactly like an unknown token. */
  expiredToken?: string;
}

/** 'full' may write; 'read' may only read (a token whose user has view permissions only). */
export type AuthOutcome = { ok: true; access: 'full' | 'read' } | { ok: false; detail: string };

export function authenticate(header: string | undefined, tokens: Tokens): AuthOutcome {
  const credentials = pyStrip(header ?? '');
  // No header, or one without "<type> <credentials>", is no authentication at all.
  if (credentials === '' || !credentials.includes(' ')) return { ok: false, detail: AUTH_MESSAGES.notProvided };
  const space = credentials.indexOf(' ');
  const type = credentials.slice(0, space);
  const key = credentials.slice(space + 1);
  if (type.toLowerCase() !== 'bearer') return { ok: false, detail: AUTH_MESSAGES.unsupported };
  if (key === tokens.token) return { ok: true, access: 'full' };
  if (tokens.readOnlyToken !== undefined && key === tokens.readOnlyToken) return { ok: true, access: 'read' };
  // authentik looks tokens up among the unexpired ones only: tokens.expiredToken fails like an unknown one.
  return { ok: false, detail: AUTH_MESSAGES.invalid };
}
