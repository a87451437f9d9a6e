import { YAMLMap } from 'yaml';
import { Profile } from '../../../../common/profiles';
import { RuleId } from '../../../../common/settings';
import { Finding } from '../findings';
import { ReferenceSource } from '../references';

/** What every authentik rule sees: the text, the top-level mapping, its JSON value and the profile it is checked against. */
export interface RuleInput {
  text: string;
  root: YAMLMap.Parsed;
  value: Record<string, unknown>;
  references?: ReferenceSource;
  profile: Profile;
  /** The release the file is checked for (`2024.8.4`, `2026.8`), as messages name it. */
  release: string;
}

/** A check the schema cannot express, switchable by `authentik.rules.<id>`. */
export interface Rule {
  id: RuleId;
  check(input: RuleInput): Finding[];
}
