import { isScalar, YAMLMap } from 'yaml';
import { Profile } from '../../../common/profiles';
import { Finding, finding } from './findings';
import { findPair, rangeOf } from './yamlNodes';

/*
 * The http(s) URL fields (`logout_uri`, `backchannel_logout_uri`) as the server checks them: Django's
 * URLValidator with authentik's DomainlessURLValidator changes (a host needs no domain, `localhost` is
 * one), schemes http and https (and `blank`, which the validator lists too). DRF trims the value first,
 * and a blank value is not checked at all.
 */
const UL = '\\u00a1-\\uffff';
const IPV4 = '(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}';
const IPV6 = '\\[[0-9a-f:.]+\\]';
const HOSTNAME = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
const URL_PATTERN = new RegExp(
  `^(?:[a-z0-9.+-]*)://(?:[^\\s:@/]+(?::[^\\s:@/]*)?@)?(?:${IPV4}|${IPV6}|(?:${HOSTNAME}${DOMAIN}|localhost))(?::\\d{1,5})?(?:[/?#][^\\s]*)?$`,
  'i',
);
const SCHEMES = ['http', 'https', 'blank'];
const MAX_LENGTH = 2048;

/** Whether the server's validator takes the (trimmed, non-blank) value. */
export function isServerHttpUrl(value: string): boolean {
  if (value.length > MAX_LENGTH || /[\t\r\n]/.test(value)) return false;
  if (!SCHEMES.includes(value.split('://')[0].toLowerCase())) return false;
  if (!URL_PATTERN.test(value)) return false;
  // The host (without user info and port) is at most 253 characters.
  const authority = value.split('://')[1]?.split(/[/?#]/)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d{1,5}$/, '');
  return host.length <= 253;
}

/** Values of the profile's http(s) URL fields that the server refuses with "Enter a valid URL.". */
export function urlFindings(root: YAMLMap.Parsed | undefined, profile: Profile): Finding[] {
  if (!root) return [];
  const findings: Finding[] = [];
  for (const [key, kind] of Object.entries(profile.fieldKinds)) {
    if (kind !== 'httpUrl') continue;
    const node = findPair(root, key)?.value;
    if (!isScalar(node) || typeof node.value !== 'string') continue; // other types are the schema's
    const value = node.value.trim();
    const range = rangeOf(node);
    if (value === '' || !range || isServerHttpUrl(value)) continue;
    findings.push(finding('invalid-url', {
      message: `"${key}" must be an http(s) URL such as https://app.example.com/logout, or blank: the server answers "Enter a valid URL.".`,
      start: range[0],
      end: range[1],
      data: { key },
    }));
  }
  return findings;
}
