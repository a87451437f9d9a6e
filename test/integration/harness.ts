import { after, before } from 'node:test';
import { AuthentikApi } from '../../common/authentik/apiClient';
import { NodeHttpClient } from '../../common/authentik/http';
import { parseText } from '../../server/src/service/parsedDocument';
import { ProviderBody } from '../../common/authentik/deploy';
import { prepareBody } from '../../server/src/service/deployBody';
import { resolveProfile } from '../../server/src/service/profileResolution';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { bundledProfile, Profile } from '../../common/profiles';
import { profileShapeCheck } from '../../common/authentik/deployShape';
import { AuthentikTestServer, SEED_IDS, startAuthentikTestServer } from '../authentik-server';

export const TOKEN = 'integration-token-9f8e7d6c5b4a';
export const READ_ONLY_TOKEN = 'read-only-token-1a2b3c';
export const EXPIRED_TOKEN = 'expired-token-4d5e6f';
export { SEED_IDS };

/** One test server per test file, reset between tests by the caller where needed. */
export function useTestServer(): () => AuthentikTestServer {
  let server: AuthentikTestServer | undefined;
  before(async () => {
    server = await startAuthentikTestServer({ token: TOKEN, readOnlyToken: READ_ONLY_TOKEN, expiredToken: EXPIRED_TOKEN });
  });
  after(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('test server not started');
    return server;
  };
}

export function apiFor(baseUrl: string, token: string | undefined = TOKEN, timeoutMs = 5000): AuthentikApi {
  return new AuthentikApi({ baseUrl, token, allowInsecureHttp: false, timeoutMs }, new NodeHttpClient());
}

/** A provider for the test server, which speaks 2024.8.4 (the file says so on its first line). */
export function providerYaml(name = 'Grafana', extra = ''): string {
  return `# authentik-version: 2024.8.4
name: ${name}
authorization_flow: ${SEED_IDS.flows.explicitConsent}
client_type: confidential
redirect_uris: |
  https://grafana\\.example\\.com/login/generic_oauth
property_mappings:
  - ${SEED_IDS.scopeMappings.openid}
  - ${SEED_IDS.scopeMappings.email}
signing_key: ${SEED_IDS.keyPairs.selfSigned}
${extra}`;
}

/** What the default test server (2024.8.4) accepts: the profile bodies are prepared for here, and the deploy check for it. */
export const TEST_SERVER_PROFILE: Profile = bundledProfile('2023.5.0')!;
export const TEST_SERVER_CHECK = profileShapeCheck(TEST_SERVER_PROFILE);

export function bodyOf(text: string): ProviderBody {
  const parsed = parseText(text, { maxFileSize: 1e6 });
  const profile = resolveProfile(parsed);
  const prepared = prepareBody(parsed, { rules: DEFAULT_SETTINGS.rules, maxFileSize: 1e6, profile: profile.profile });
  if (!prepared.ok) throw new Error(`fixture has errors: ${prepared.errors.map((e) => e.message).join('; ')}`);
  return prepared.body;
}
