/**
 * authentik's DomainlessURLValidator(schemes=("http", "https")) on `logout_uri` and
 * `backchannel_logout_uri`: Django's URLValidator with a host that needs no domain (`localhost`,
 * `app`), and only http, https (and, by its own list, `blank`) as schemes.
 */

export const INVALID_URL = 'Enter a valid URL.';

// Django's URLValidator pieces; `ul` is the "Unicode letters" range it allows in host names.
const UL = '\u00a1-\uffff';
const IPV4 = '(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}';
const IPV6 = '\\[[0-9a-f:.]+\\]';
const HOSTNAME = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
const HOST = `(${HOSTNAME}${DOMAIN}|localhost)`;
const URL_PATTERN = new RegExp(
  `^(?:[a-z0-9.+-]*)://(?:[^\\s:@/]+(?::[^\\s:@/]*)?@)?(?:${IPV4}|${IPV6}|${HOST})(?::\\d{1,5})?(?:[/?#][^\\s]*)?$`,
  'i',
);
const SCHEMES = ['http', 'https', 'blank'];
const MAX_LENGTH = 2048;

/** The validator's messages for a (trimmed, non-blank) value: none when it passes. */
export function domainlessUrlErrors(value: string): string[] {
  return isValidUrl(value) ? [] : [INVALID_URL];
}

function isValidUrl(value: string): boolean {
  if ([...value].length > MAX_LENGTH || /[\t\r\n]/.test(value)) return false;
  if (!SCHEMES.includes(value.split('://')[0].toLowerCase())) return false;
  const netloc = netlocOf(value);
  if (netloc === undefined || !URL_PATTERN.test(value)) return false;
  // urlsplit's hostname: the netloc without credentials and port, brackets removed.
  const host = netloc.slice(netloc.lastIndexOf('@') + 1);
  const bracketed = /^\[(.+)\](?::[0-9]{1,5})?$/.exec(host);
  if (bracketed) return isIpv6(bracketed[1]);
  const hostname = host.replace(/:[^:]*$/, '');
  return hostname.length > 0 && hostname.length <= 253;
}

/** What Python's urlsplit reads as the netloc; undefined where it raises ValueError (unbalanced brackets). */
function netlocOf(value: string): string | undefined {
  const afterScheme = value.slice(value.indexOf('://') + 3);
  const netloc = /^[^/?#]*/.exec(afterScheme)![0];
  if (netloc.includes('[') !== netloc.includes(']')) return undefined;
  return netloc;
}

/** Python's ipaddress.IPv6Address, as Django's validate_ipv6_address uses it (no zone index). */
function isIpv6(text: string): boolean {
  let body = text;
  const embedded = /(?:^|:)([0-9.]+\.[0-9.]+)$/.exec(text);
  if (embedded) {
    if (!new RegExp(`^${IPV4}$`).test(embedded[1])) return false;
    body = `${text.slice(0, text.length - embedded[1].length)}0:0`; // the IPv4 part is two groups
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (side: string) => (side === '' ? [] : side.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return halves.length === 2 ? all.length <= 7 : all.length === 8;
}
