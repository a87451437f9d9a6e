/**
 * Keeps the API token and every client secret out of what is shown: logs, panels, notifications and
 * CLI output. A secret is recognised two ways, in any text and at any depth of a value:
 * - by value: the token and every secret sent or received, also JSON-escaped, URL-encoded and
 *   HTML-escaped, and a prefix of it at least PREFIX_MATCH long (a page that echoes a request cut short);
 * - by form: a bearer credential, or a secret-named key followed by its value, for secrets nobody told
 *   us about (one the server generated inside an answer that cannot be parsed).
 */
export const MASK = '••••••••';

/** Keys whose values are secrets wherever they appear in a JSON value. */
const SECRET_KEYS = new Set(['client_secret', 'secret', 'password', 'token', 'key', 'key_data', 'access_token', 'refresh_token', 'id_token', 'api_key', 'private_key', 'authorization']);

/** The same, as they are recognised in free text (`key` is left out: "Unknown key: x" is prose). */
const TEXT_KEY_NAMES = 'client_secret|secret|password|token|key_data|access_token|refresh_token|id_token|api_key|private_key';
// A quote as JSON, JSON inside a string, HTML, URL-encoding and Python's repr write it.
const QUOTE = `(?:\\\\*["'\`]|&quot;|&#0*34;|&#x0*22;|&#0*39;|&#x0*27;|&apos;|%22|%27)`;
// No whitespace after it: what follows takes it, and two quantifiers over the same spaces would backtrack quadratically.
const SEPARATOR = `(?:\\s*(?:[:=]|%3[aAdD]|&#0*58;|&#x0*3a;))`;
// The value ends at a quote, a separator or markup (a secret with such characters in it is known by
// value); one already masked is left as it is.
const KEY_VALUE = new RegExp(`(?:(?<=%2[27])|(?<![A-Za-z0-9_]))(${TEXT_KEY_NAMES})(${QUOTE}?${SEPARATOR}(?:${QUOTE}|\\s)*)(?!•)([^\\s"'\`&<>,;{}\\[\\]\\\\%()|]+)`, 'gi');
const BEARER = /\b(bearer)(\s+)(?!•)([^\s"'`&<>,;{}()[\]\\]+)/gi;
const BASIC = /\b(basic)(\s+)([A-Za-z0-9+/]{8,}={0,2})/gi;

/** A secret this long or longer is also masked where only its start appears. */
const PREFIX_MATCH = 12;
/** Values nested deeper than this are not walked: they are replaced, not shown. */
const MAX_DEPTH = 64;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSecretKey = (key: string) => SECRET_KEYS.has(key.toLowerCase());

function escapeHtml(text: string, apostrophe: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, apostrophe);
}

function percentEncodings(text: string): string[] {
  let component: string;
  try {
    component = encodeURIComponent(text);
  } catch {
    return []; // a lone surrogate cannot be encoded, so it is never sent encoded either
  }
  const strict = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const form = new URLSearchParams({ v: text }).toString().slice(2);
  const keepSlash = strict.replace(/%2F/g, '/');
  const encodings = [component, strict, form, keepSlash, component.replace(/%20/g, '+')];
  return [...encodings, ...encodings.map((e) => e.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()))];
}

/**
 * The forms a secret takes in a JSON document, a JSON string inside JSON (Python's ASCII-only JSON
 * too), a URL or a form body (of the secret and of its JSON text), and HTML.
 */
function formsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const asciiJson = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const jsonForms = [secret, json, asciiJson, json.replace(/\//g, '\\/'), asciiJson.replace(/\//g, '\\/'), JSON.stringify(json).slice(1, -1)];
  const forms = [...jsonForms];
  for (const form of jsonForms) forms.push(...percentEncodings(form), escapeHtml(form, '&#x27;'), escapeHtml(form, '&#39;'));
  return [...new Set(forms)].filter((form) => form !== '');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Finds every form of every known secret in one pass: a regular expression of their first
 * PREFIX_MATCH characters (a shorter form whole) finds a candidate, and the longest form with that
 * start decides how far the mask reaches.
 */
class FormMatcher {
  private readonly byHead = new Map<string, string[]>();
  private readonly pattern: RegExp;

  constructor(forms: readonly string[]) {
    for (const form of forms) {
      const head = form.slice(0, PREFIX_MATCH);
      this.byHead.set(head, [...(this.byHead.get(head) ?? []), form]);
    }
    const heads = [...this.byHead.keys()].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(heads.map(escapeRegExp).join('|'), 'g');
  }

  mask(text: string): string {
    const pattern = new RegExp(this.pattern);
    let out = '';
    let copied = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const at = match.index;
      let end = at + match[0].length;
      for (const form of this.byHead.get(match[0]) ?? []) {
        let length = match[0].length;
        while (length < form.length && text[at + length] === form[length]) length++;
        end = Math.max(end, at + length);
      }
      out += text.slice(copied, at) + MASK;
      copied = end;
      pattern.lastIndex = end;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}

/** Every string value under a secret key, walked without recursion (an answer may nest deeply). */
function secretValuesIn(value: unknown): string[] {
  const found: string[] = [];
  const pending: { value: unknown; secret: boolean }[] = [{ value, secret: false }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value: current, secret } = item;
    if (typeof current === 'string') {
      if (secret && current !== '') found.push(current);
    } else if (Array.isArray(current)) {
      for (const element of current) pending.push({ value: element, secret });
    } else if (isRecord(current)) {
      for (const [key, element] of Object.entries(current)) pending.push({ value: element, secret: secret || isSecretKey(key) });
    }
  }
  return found;
}

/** The one mechanism that decides what of a secret may be shown: nothing. */
export class SecretRedactor {
  private readonly secrets = new Set<string>();
  private forms: string[] = [];
  private matcher: FormMatcher | undefined;

  constructor(secrets: readonly (string | undefined)[] = []) {
    for (const secret of secrets) this.remember(secret);
  }

  /** A secret to mask from now on, wherever it appears. */
  remember(secret: string | undefined): void {
    if (!secret || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.forms = [...new Set([...this.forms, ...formsOf(secret)])];
    this.matcher = undefined;
  }

  /** Remembers the value of every secret-named key in a JSON value (a body sent, an answer received). */
  rememberFrom(value: unknown): void {
    for (const secret of secretValuesIn(value)) this.remember(secret);
  }

  /** The text with every known secret, bearer credential and `client_secret=...` masked. */
  text(input: string): string {
    if (this.forms.length > 0) this.matcher ??= new FormMatcher(this.forms);
    const out = this.matcher ? this.matcher.mask(input) : input;
    return out
      .replace(KEY_VALUE, (_m, key: string, separator: string) => `${key}${separator}${MASK}`)
      .replace(BEARER, (_m, scheme: string, space: string) => `${scheme}${space}${MASK}`)
      .replace(BASIC, (_m, scheme: string, space: string) => `${scheme}${space}${MASK}`);
  }

  /**
   * A copy of a JSON value that is safe to show: strings (keys too) go through `text`, and with
   * `byKey` every string under a secret-named key becomes the mask. Field errors are redacted without
   * `byKey`: there a key names the field a message is about (`client_secret: ["Ensure ..."]`).
   */
  value<T>(input: T, options: { byKey?: boolean } = {}): T {
    return this.copy(input, options.byKey ?? true, false, 0) as T;
  }

  private copy(input: unknown, byKey: boolean, secret: boolean, depth: number): unknown {
    if (typeof input === 'string') return secret && input !== '' ? MASK : this.text(input);
    if (typeof input !== 'object' || input === null) return input;
    if (depth >= MAX_DEPTH) return '(nested too deeply to show)';
    if (Array.isArray(input)) return input.map((element) => this.copy(element, byKey, secret, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(input)) {
      // Defined, not assigned: a "__proto__" key in an answer stays a key.
      Object.defineProperty(out, this.text(key), { value: this.copy(element, byKey, secret || (byKey && isSecretKey(key)), depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

/**
 * A secret kept for one explicit use (copying it to the clipboard). Printed, logged or serialised it
 * shows only the mask; `reveal()` is the one way to the value.
 */
export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return MASK;
  }

  toString(): string {
    return MASK;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecretValue(${MASK})`;
  }
}
