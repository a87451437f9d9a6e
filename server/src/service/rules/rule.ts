import { YAMLMap } from 'yaml';
import { RuleId } from '../../../../common/settings';
import { Finding } from '../findings';
import { ReferenceSource } from '../references';

/** What every authentik rule sees: the text, the top-level mapping and its JSON value. */
export interface RuleInput {
  text: string;
  root: YAMLMap.Parsed;
  value: Record<string, unknown>;
  references?: ReferenceSource;
}

/** A check the schema cannot express, switchable by `authentik.rules.<id>`. */
export interface Rule {
  id: RuleId;
  check(input: RuleInput): Finding[];
}
