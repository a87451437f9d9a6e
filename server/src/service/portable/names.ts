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

/** The names one provider's export is written under, and whether they had to differ from the plain ones. */
export interface ExportNames {
  fileName: string;
  secretVariable: string;
  /** Set when another provider's name gives the same file name: the plain one. */
  sharedFileName?: string;
  /** Set when another provider's name gives the same variable: the plain one. */
  sharedSecretVariable?: string;
}

/**
 * File names and secret variables for every provider of a server, distinct from each other: of the
 * providers whose names give the same one, the lowest pk keeps it and each other gets its pk added
 * (`grafana-7.oauth2provider.yaml`, `GRAFANA_7_CLIENT_SECRET`). Made from the server's whole list, so a
 * provider gets the same names whichever of them are exported.
 */
export function distinctExportNames(providers: readonly { pk: number; name: string }[]): Map<number, ExportNames> {
  const byPk = [...providers].sort((a, b) => a.pk - b.pk);
  const files = distinct(byPk, (p) => nameToSlug(p.name), (p, n) => `${nameToSlug(p.name)}-${p.pk}${n > 1 ? `-${n}` : ''}`);
  const variables = distinct(byPk, (p) => clientSecretVariable(p.name), (p, n) => clientSecretVariable(`${p.name} ${p.pk}${n > 1 ? ` ${n}` : ''}`));
  const names = new Map<number, ExportNames>();
  for (const provider of byPk) {
    const file = files.get(provider.pk)!;
    const variable = variables.get(provider.pk)!;
    const entry: ExportNames = { fileName: `${file.name}.oauth2provider.yaml`, secretVariable: variable.name };
    if (file.plain !== file.name) entry.sharedFileName = `${file.plain}.oauth2provider.yaml`;
    if (variable.plain !== variable.name) entry.sharedSecretVariable = variable.plain;
    names.set(provider.pk, entry);
  }
  return names;
}

/** Plain names first for everyone, so that a changed name can never take a plain one another provider keeps. */
function distinct<P extends { pk: number }>(sorted: readonly P[], plain: (p: P) => string, changed: (p: P, attempt: number) => string): Map<number, { plain: string; name: string }> {
  const taken = new Set<string>();
  const result = new Map<number, { plain: string; name: string }>();
  const losers: P[] = [];
  for (const provider of sorted) {
    const name = plain(provider);
    if (taken.has(name)) losers.push(provider);
    else {
      taken.add(name);
      result.set(provider.pk, { plain: name, name });
    }
  }
  for (const provider of losers) {
    let attempt = 1;
    let name = changed(provider, attempt);
    while (taken.has(name)) name = changed(provider, ++attempt);
    taken.add(name);
    result.set(provider.pk, { plain: plain(provider), name });
  }
  return result;
}
