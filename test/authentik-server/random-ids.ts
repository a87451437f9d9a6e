import { randomInt, randomUUID } from 'node:crypto';

const LETTERS_AND_DIGITS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** authentik's generate_id(): letters and digits from a CSPRNG; client_id takes 40, client_secret 128. */
export function generateId(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += LETTERS_AND_DIGITS[randomInt(LETTERS_AND_DIGITS.length)];
  return out;
}

/** Maps the fixed UUID an object would have to the UUID this server gives it. */
export type IdMap = (fixedId: string) => string;

export const FIXED_IDS: IdMap = (fixedId) => fixedId;

/** A new random UUID per fixed UUID, the same one every time it is asked again (across resets). */
export function freshIdMap(): IdMap {
  const assigned = new Map<string, string>();
  return (fixedId) => {
    let id = assigned.get(fixedId);
    if (id === undefined) assigned.set(fixedId, (id = randomUUID()));
    return id;
  };
}
