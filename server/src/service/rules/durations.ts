import { isScalar } from 'yaml';
import { fieldsOf, isDuration } from '../../schema/fields';
import { Finding, finding } from '../findings';
import { ScalarLocator } from '../scalarLocator';
import { findPair } from '../yamlNodes';
import { analyzeDuration, describeSeconds, DURATION_UNITS } from './duration';
import { Rule } from './rule';

const THRESHOLDS = new Set(['refresh_token_threshold']);

export const durationsRule: Rule = {
  id: 'durations',
  check({ text, root, profile }) {
    const findings: Finding[] = [];
    for (const { key } of fieldsOf(profile).list.filter(isDuration)) {
      const pair = findPair(root, key);
      const node = pair?.value;
      if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') continue;
      const value = node.value;
      const locator = new ScalarLocator(text, node);
      const whole = locator.locate(value, 0, value.length);
      const verdict = analyzeDuration(value);
      if (verdict.kind === 'rejected') {
        const [start, end] = verdict.end > verdict.start ? locator.locate(value, verdict.start, verdict.end) : whole;
        findings.push(finding('duration-invalid', {
          message: `${value} is not in the correct format of 'hours=3;minutes=1': ${verdict.reason}.`,
          start,
          end,
          data: { key },
        }));
        continue;
      }
      if (verdict.kind === 'crash') {
        findings.push(finding('duration-crash', {
          message: `The server would fail with HTTP 500 on "${value}": ${verdict.reason}.`,
          start: whole[0],
          end: whole[1],
          data: { key },
        }));
        continue;
      }
      const meaning = describeSeconds(verdict.totalSeconds);
      for (const part of verdict.parts) {
        if (part.status === 'used') continue;
        const [start, end] = locator.locate(value, part.start, part.end);
        const trimmed = part.key.trim().toLowerCase();
        const spaced = trimmed !== part.key.toLowerCase() && trimmed in DURATION_UNITS;
        const message =
          part.status === 'overridden'
            ? `"${part.text}" is ignored: "${part.key}" is set again later. This duration means ${meaning}.`
            : spaced
              ? `"${part.text}" is ignored by the server: the key "${part.key}" has spaces, so it is not a unit. This duration means ${meaning}. Remove the spaces.`
              : `"${part.text}" is ignored by the server: "${part.key}" is not a unit (${Object.keys(DURATION_UNITS).join(', ')}). This duration means ${meaning}.`;
        findings.push(finding('duration-ignored-part', {
          message,
          start,
          end,
          data: { key, suggestion: spaced ? normalizeDuration(value) : undefined },
        }));
      }
      // A validity of zero or less expires at once. The refresh threshold is no validity: seconds=0 (its default)
      // renews the refresh token on every use, and the token view compares it with now minus the expiry.
      if (verdict.totalSeconds <= 0 && !THRESHOLDS.has(key)) {
        findings.push(finding('duration-negative', {
          message: `"${value}" is ${verdict.totalSeconds === 0 ? 'zero' : 'negative'} (${meaning}): anything it governs expires at once.`,
          start: whole[0],
          end: whole[1],
          data: { key },
        }));
      }
    }
    return findings;
  },
};

/** The same duration with the spaces around its keys and values removed. */
export function normalizeDuration(value: string): string {
  return value
    .split(';')
    .map((part) => part.split('=').map((s) => s.trim()).join('='))
    .join(';');
}
