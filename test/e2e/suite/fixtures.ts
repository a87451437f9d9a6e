/**
 * What the files in test/e2e/workspace contain, for the assertions. Lines and characters are
 * zero-based, as in the vscode API.
 */

/** A valid provider. */
export const GRAFANA = {
  file: 'grafana.oauth2provider.yaml',
  clientTypeLine: 3, // `client_type: confidential`
};

/** The same provider with two misspelt enum values. */
export const BROKEN = {
  file: 'broken.oauth2provider.yaml',
  clientTypeLine: 3,
  subModeLine: 6,
  clientTypeProblem: 'invalid-enum@3:13-3:24 "confidental"',
  subModeProblem: 'invalid-enum@6:10-6:25 "hashed_user_idd"',
  clientTypeMessage: '"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.',
  subModeMessage:
    '"hashed_user_idd" is not a valid choice for "sub_mode". Did you mean "hashed_user_id"? ' +
    'Valid choices: hashed_user_id, user_id, user_uuid, user_username, user_email, user_upn.',
};

/** A provider with the short `.yml` extension. */
export const WIKI = { file: 'wiki.oauth2provider.yml' };

/** An ordinary YAML file with a key that would be a problem in a provider file. */
export const PLAIN_YAML = { file: 'app-config.yaml' };
