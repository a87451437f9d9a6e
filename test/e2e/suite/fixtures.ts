/**
 * What the files in test/e2e/workspace contain, for the assertions. Lines and characters are
 * zero-based, as in the vscode API.
 */

/** A valid provider. */
export const GRAFANA = {
  file: 'grafana.oauth2provider.yaml',
  authorizationFlowLine: 3, // `authorization_flow: <the seed's explicit-consent flow>`
  clientTypeLine: 4, // `client_type: confidential`
};

/** The same provider with two misspelt enum values. */
export const BROKEN = {
  file: 'broken.oauth2provider.yaml',
  clientTypeLine: 4,
  subModeLine: 7,
  clientTypeProblem: 'invalid-enum@4:13-4:24 "confidental"',
  subModeProblem: 'invalid-enum@7:10-7:25 "hashed_user_idd"',
  clientTypeMessage: '"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.',
  subModeMessage:
    '"hashed_user_idd" is not a valid choice for "sub_mode". Did you mean "hashed_user_id"? ' +
    'Valid choices: hashed_user_id, user_id, user_uuid, user_username, user_email, user_upn.',
};

/** A provider with the short `.yml` extension. */
export const WIKI = { file: 'wiki.oauth2provider.yml', name: 'Wiki' };

/** An ordinary YAML file with a key that would be a problem in a provider file. */
export const PLAIN_YAML = { file: 'app-config.yaml' };

/** The authentik test server's seed (test/authentik-server/seed.ts), which the launcher starts for every run. */
export const SEED = {
  explicitConsentFlow: {
    pk: 'c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01',
    label: 'default-provider-authorization-explicit-consent',
  },
  implicitConsentFlow: {
    pk: '9e8f7a6b-5c4d-4e3f-a2b1-c0d9e8f7a602',
    label: 'default-provider-authorization-implicit-consent',
  },
};

/** A valid provider whose name is new on the test server: the UI scenario deploys it. */
export const NEXTCLOUD = { file: 'nextcloud.oauth2provider.yaml', name: 'Nextcloud' };

/**
 * A provider with `!ref` references and `client_secret: !env E2E_ENV_SECRET_VALUE`, a variable the run
 * does not set: the UI scenario deploys it, typing the value into the password box. (Its file name
 * shares no fuzzy match with the others Quick Open looks for.)
 */
export const ENV_SECRET = { file: 'env-secret.oauth2provider.yaml', name: 'Env Secret', clientId: 'env-secret-e2e', variable: 'E2E_ENV_SECRET_VALUE' };

/** A valid provider whose name a proxy provider of the seed has: deploy refuses it before sending. */
export const TAKEN_NAME = {
  file: 'grafana-proxy.oauth2provider.yaml',
  name: 'Grafana proxy',
  /** `name: Grafana proxy`, where the server's message goes (one-based in the Problems panel). */
  nameLine: 2,
  nameColumn: 6,
  refusal:
    'The name "Grafana proxy" is taken on the server by a Proxy Provider (pk 1). Provider names are unique across all provider types, so this file can neither create a provider of that name nor update that one: rename the provider in the file. Nothing was sent.',
};

/** A valid provider in authentik 2026.5's shape (list-form redirect_uris, invalidation_flow). */
export const CURRENT = { file: 'current.oauth2provider.yaml', name: 'Grafana 2026', invalidationFlowLine: 4 };

/** A provider in the 2024.8 shape without a version comment: checked for the newest release, Convert rewrites it. */
export const OLD_FORMAT = { file: 'old-format.oauth2provider.yaml' };

/** The seed's flows of designation invalidation (test/authentik-server/seed.ts). */
export const INVALIDATION_FLOWS = {
  logout: { pk: '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b04', label: 'default-invalidation-flow' },
  provider: { pk: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c05', label: 'default-provider-invalidation-flow' },
};
