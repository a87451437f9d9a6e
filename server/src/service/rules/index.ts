import { Rule } from './rule';
import { unknownKeysRule, readOnlyKeysRule } from './keys';
import { durationsRule } from './durations';
import { redirectUrisRule } from './redirectUris';
import { clientSecretRule } from './clientSecret';
import { referencesRule } from './references';

/** The authentik rules, in the order their findings are listed. Each can be switched off in settings. */
export const RULES: readonly Rule[] = [unknownKeysRule, readOnlyKeysRule, durationsRule, redirectUrisRule, clientSecretRule, referencesRule];

export type { Rule, RuleInput } from './rule';
