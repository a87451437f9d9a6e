import type { DrfFieldRules } from '../../../../common/profiles/drfFieldRules';

// BooleanField.TRUE_VALUES and FALSE_VALUES of DRF 3.14: Python set membership, so the int 1 and
// the float 1.0 are one value, and a string matches only as spelled here.
const TRUE_WORDS = ['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1'];
const FALSE_WORDS = ['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0'];
const TRUE_SET = new Set(TRUE_WORDS);
const FALSE_SET = new Set(FALSE_WORDS);
const TRUE_LOWER = new Set(TRUE_WORDS.map((w) => w.toLowerCase()));
const FALSE_LOWER = new Set(FALSE_WORDS.map((w) => w.toLowerCase()));

/**
 * What DRF's BooleanField makes of a value that is not null: true, false, or undefined where it
 * answers `Must be a valid boolean.`. Numbers count by value (1, 1.0, 0, 0.0); DRF 3.16 lower-cases
 * a string before looking it up (`rules.booleanWordsAnyCase`).
 */
export function drfBoolean(value: unknown, rules: DrfFieldRules): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    // NaN and infinity are sent as null; any other number but 0 and 1 is no boolean.
    if (!Number.isFinite(value)) return undefined;
    return value === 1 ? true : value === 0 ? false : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const word = rules.booleanWordsAnyCase ? value.toLowerCase() : value;
  if ((rules.booleanWordsAnyCase ? TRUE_LOWER : TRUE_SET).has(word)) return true;
  if ((rules.booleanWordsAnyCase ? FALSE_LOWER : FALSE_SET).has(word)) return false;
  return undefined;
}

/** Whether DRF 3.16 would read a string that DRF 3.14 refuses (`tRuE`). */
export function booleanOnlyInAnyCase(value: unknown): boolean {
  return typeof value === 'string' && !TRUE_SET.has(value) && !FALSE_SET.has(value) && (TRUE_LOWER.has(value.toLowerCase()) || FALSE_LOWER.has(value.toLowerCase()));
}
