import { RequestSchema, SchemaNode, typesOf } from './jsonSchema';

/**
 * How a release takes `redirect_uris`, and what the server then does with it (authentik's
 * `OAuth2Provider` model and `OAuth2ProviderSerializer` at each release).
 */
export type RedirectUriForm = StringRedirectUris | ListRedirectUris;

/** Up to 2024.8.4 and 2024.10.0 to 2024.10.2: one string. */
export interface StringRedirectUris {
  kind: 'string';
  /** At login the value is split on whitespace and each entry tried with Python's `re.fullmatch`, in order. */
  entriesSplitOn: 'whitespace';
  /** When an entry is not a valid Python regex, every entry is compared literally instead (escaped entries then never match). */
  invalidRegexMakesEveryEntryLiteral: true;
  /** A value of exactly `*` is rewritten to `.*`: any URI. */
  starMatchesAnything: true;
  /** An empty value stores the first redirect URI a client sends (CVE-2024-52289). */
  emptyStoresFirstUri: true;
  /** Nothing is checked when the provider is saved. */
  checkedOnSave: false;
}

/** From 2024.8.5 and 2024.10.3: a list of `{matching_mode, url}` (2026.5 adds `redirect_uri_type`). */
export interface ListRedirectUris {
  kind: 'list';
  /** `strict` (exact equality at login) and `regex` (Python `re.fullmatch`). */
  matchingModes: readonly string[];
  /** 2026.5 on: `authorization` and `logout`; a logout redirect must match a `logout` entry. */
  uriTypes?: readonly string[];
  defaultUriType?: string;
  /** On save every `regex` entry is compiled with Python's `re`: 400 `Invalid Regex Pattern: <url>` when one fails. */
  checkedOnSave: 'regex entries compiled';
  /** `url` may not be blank. */
  urlRequired: true;
  /** `[]` is accepted; the first URI a client sends is then stored as a `strict` entry. */
  emptyStoresFirstUri: true;
  /** The upgrade to the list form (migration 0024) split the old string on `\n` and made every entry `strict`, except exactly `*` and `.*`. */
  upgradeSplitsOn: '\n';
}

export type RedirectUriFormResult = { ok: true; form: RedirectUriForm } | { ok: false; error: string };

/** The message of the 400 a list-form server answers for a `regex` entry Python cannot compile. */
export function invalidRegexMessage(url: string): string {
  return `Invalid Regex Pattern: ${url}`;
}

/** Reads the form from a request schema: a string, or a list of objects with `matching_mode` and `url`. */
export function redirectUriFormOf(schema: RequestSchema): RedirectUriFormResult {
  const node = schema.properties.redirect_uris;
  if (!node) return { ok: false, error: 'OAuth2ProviderRequest has no redirect_uris' };
  const types = typesOf(node);
  if (types.length === 1 && types[0] === 'string') {
    return {
      ok: true,
      form: {
        kind: 'string',
        entriesSplitOn: 'whitespace',
        invalidRegexMakesEveryEntryLiteral: true,
        starMatchesAnything: true,
        emptyStoresFirstUri: true,
        checkedOnSave: false,
      },
    };
  }
  const entry = node.items;
  const entryFields = entry?.properties;
  const matchingModes = stringEnum(entryFields?.matching_mode);
  if (types.join() !== 'array' || !entryFields || !matchingModes || !entryFields.url || typesOf(entryFields.url).join() !== 'string') {
    return { ok: false, error: 'redirect_uris is neither a string nor a list of {matching_mode, url}' };
  }
  const form: ListRedirectUris = {
    kind: 'list',
    matchingModes,
    checkedOnSave: 'regex entries compiled',
    urlRequired: true,
    emptyStoresFirstUri: true,
    upgradeSplitsOn: '\n',
  };
  const uriTypes = stringEnum(entryFields.redirect_uri_type);
  if (uriTypes) {
    form.uriTypes = uriTypes;
    const fallback = entryFields.redirect_uri_type.default;
    if (typeof fallback === 'string') form.defaultUriType = fallback;
  }
  return { ok: true, form };
}

function stringEnum(node: SchemaNode | undefined): string[] | undefined {
  const values = node?.enum?.filter((v): v is string => typeof v === 'string');
  return values && values.length > 0 ? values : undefined;
}
