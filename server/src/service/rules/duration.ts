/**
 * authentik's duration parser, reproduced: the server splits on ";", each part must be exactly
 * "key=value", keys are lower-cased but not trimmed, unknown keys are skipped silently, values
 * are Python floats. It rejects a string only when no valid key remains; values out of
 * timedelta's range make it fail with HTTP 500.
 */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  microseconds: 1e-6,
  milliseconds: 1e-3,
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
  weeks: 604800,
};

/** Python's timedelta allows at most 999999999 days. */
const MAX_SECONDS = 999999999 * 86400;

// float() accepts surrounding whitespace, a sign, digits with single underscores between them,
// a fraction, an exponent, and inf/infinity/nan in any case.
const DIGITS = String.raw`\d(?:_?\d)*`;
const PYTHON_FLOAT = new RegExp(
  String.raw`^\s*[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`,
  'i',
);

export type DurationPartStatus = 'used' | 'unknown-key' | 'overridden';

export interface DurationPart {
  /** Offsets of the part inside the duration string. */
  start: number;
  end: number;
  text: string;
  key: string;
  status: DurationPartStatus;
  seconds: number;
}

export type DurationVerdict =
  | { kind: 'accepted'; totalSeconds: number; parts: DurationPart[] }
  | { kind: 'rejected'; reason: string; start: number; end: number }
  | { kind: 'crash'; reason: string };

export function parsePythonFloat(text: string): number | undefined {
  if (!PYTHON_FLOAT.test(text)) return undefined;
  const t = text.trim().toLowerCase().replace(/_/g, '');
  if (/^[+-]?inf(inity)?$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  return Number(t);
}

export function analyzeDuration(expr: string): DurationVerdict {
  const parts: DurationPart[] = [];
  const lastByKey = new Map<string, DurationPart>();
  let offset = 0;
  for (const text of expr.split(';')) {
    const start = offset;
    const end = start + text.length;
    offset = end + 1;
    const pieces = text.split('=');
    if (pieces.length !== 2) {
      const reason = text === '' ? 'an empty part (a stray ";")' : `"${text}" is not of the form key=value`;
      return { kind: 'rejected', reason, start, end };
    }
    const key = pieces[0].toLowerCase();
    const factor = DURATION_UNITS[key];
    if (factor === undefined) {
      parts.push({ start, end, text, key: pieces[0], status: 'unknown-key', seconds: 0 });
      continue;
    }
    const number = parsePythonFloat(pieces[1]);
    if (number === undefined) {
      return { kind: 'rejected', reason: `"${pieces[1]}" is not a number`, start, end };
    }
    const part: DurationPart = { start, end, text, key, status: 'used', seconds: number * factor };
    const previous = lastByKey.get(key);
    if (previous) previous.status = 'overridden';
    lastByKey.set(key, part);
    parts.push(part);
  }
  const used = parts.filter((p) => p.status === 'used');
  if (used.length === 0) {
    return { kind: 'rejected', reason: `no valid unit (${Object.keys(DURATION_UNITS).join(', ')})`, start: 0, end: expr.length };
  }
  // float() accepts nan and inf; only timedelta() chokes on them, and only on the values that were not
  // overridden. It converts its arguments in unit order: NaN is a ValueError (rejected), infinity an OverflowError (HTTP 500).
  for (const unit of Object.keys(DURATION_UNITS)) {
    const part = used.find((p) => p.key === unit);
    if (!part) continue;
    const raw = part.text.slice(part.text.indexOf('=') + 1);
    const number = parsePythonFloat(raw) ?? 0;
    if (Number.isNaN(number)) return { kind: 'rejected', reason: `"${raw}" is not a number`, start: part.start, end: part.end };
    if (!Number.isFinite(number)) return { kind: 'crash', reason: `"${part.text}" is infinite` };
  }
  const totalSeconds = used.reduce((sum, p) => sum + p.seconds, 0);
  if (!Number.isFinite(totalSeconds) || Math.abs(totalSeconds) > MAX_SECONDS) {
    return { kind: 'crash', reason: 'the duration is longer than 999999999 days' };
  }
  return { kind: 'accepted', totalSeconds, parts };
}

/** "1 hour 2 minutes", for messages and hovers. */
export function describeSeconds(totalSeconds: number): string {
  if (totalSeconds === 0) return '0 seconds';
  const sign = totalSeconds < 0 ? '-' : '';
  let rest = Math.abs(totalSeconds);
  const out: string[] = [];
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
    rest -= n * size;
  }
  const seconds = Math.round(rest * 1e6) / 1e6;
  if (seconds > 0) out.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return sign + out.join(' ');
}
