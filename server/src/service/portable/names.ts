/** Longest slug a file name is made of, before `.oauth2provider.yaml`. */
export const MAX_SLUG_LENGTH = 64;

/**
 * A provider's name as a file name stem: lower-case ASCII letters, digits and single dashes
 * (`Grafana (prod)` → `grafana-prod`), so never a path separator, a leading dot or a reserved
 * device name alone; at most MAX_SLUG_LENGTH characters; `provider` when nothing is left.
 */
export function nameToSlug(name: string): string {
  const slug = asciiFold(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug === '' ? 'provider' : slug;
}

/** The file an exported provider is written to. */
export function providerFileName(name: string): string {
  return `${nameToSlug(name)}.oauth2provider.yaml`;
}

/**
 * The environment variable an exported client secret is read from: the name upper-cased, every run
 * of other characters one `_` (`Grafana (prod)` → `GRAFANA_PROD_CLIENT_SECRET`), `_` first when it
 * would start with a digit.
 */
export function clientSecretVariable(name: string): string {
  const stem = asciiFold(name)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (stem === '') return 'CLIENT_SECRET';
  return `${/^[0-9]/.test(stem) ? '_' : ''}${stem}_CLIENT_SECRET`;
}

/** Letters with accents lose them (`Café` → `Cafe`); other characters stay for the caller to replace. */
function asciiFold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}
