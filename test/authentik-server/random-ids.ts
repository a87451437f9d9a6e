import { randomInt } from 'node:crypto';

const LETTERS_AND_DIGITS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** authentik's generate_id(): letters and digits from a CSPRNG; client_id takes 40, client_secret 128. */
export function generateId(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += LETTERS_AND_DIGITS[randomInt(LETTERS_AND_DIGITS.length)];
  return out;
}
