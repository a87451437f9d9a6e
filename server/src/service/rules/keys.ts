import { fieldsOf, READ_ONLY_KEYS } from '../../schema/fields';
import { Finding, finding } from '../findings';
import { didYouMean } from '../suggest';
import { absentField, absentFieldMessage } from '../fieldAvailability';
import { keyText, rangeOf } from '../yamlNodes';
import { Rule, RuleInput } from './rule';

function keyFindings(input: RuleInput, want: 'unknown' | 'readOnly'): Finding[] {
  const findings: Finding[] = [];
  const fields = fieldsOf(input.profile);
  for (const pair of input.root.items) {
    const key = keyText(pair.key);
    if (fields.byKey.has(key)) continue;
    const range = rangeOf(pair.key);
    if (!range) continue;
    const readOnly = READ_ONLY_KEYS.has(key);
    if (want === 'readOnly' && readOnly) {
      findings.push(finding('read-only-key', {
        message: `"${key}" is a read-only response field: the server ignores it in a request.`,
        start: range[0],
        end: range[1],
        data: { key },
        unnecessary: true,
      }));
    } else if (want === 'unknown' && !readOnly && absentField(input.profile, input.release, key)) {
      const absent = absentField(input.profile, input.release, key)!;
      // A field renamed since: renaming it back or forth is the fix; the successor of a removed field is no one key.
      const suggestion = absent.renamedTo ?? absent.history.renamedFrom?.key;
      const usable = suggestion && fields.byKey.has(suggestion) ? suggestion : undefined;
      findings.push(finding(absent.renamedTo ? 'field-renamed' : 'field-not-in-version', {
        message: absentFieldMessage(key, input.release, absent),
        start: range[0],
        end: range[1],
        data: { key, suggestion: usable },
        unnecessary: true,
      }));
    } else if (want === 'unknown' && !readOnly) {
      const suggestion = didYouMean(key, fields.list.map((f) => f.key));
      findings.push(finding('unknown-key', {
        message: `Unknown key "${key}": the server silently ignores it.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        start: range[0],
        end: range[1],
        data: { key, suggestion },
        unnecessary: true,
      }));
    }
  }
  return findings;
}

export const unknownKeysRule: Rule = { id: 'unknownKeys', check: (input) => keyFindings(input, 'unknown') };
export const readOnlyKeysRule: Rule = { id: 'readOnlyKeys', check: (input) => keyFindings(input, 'readOnly') };
