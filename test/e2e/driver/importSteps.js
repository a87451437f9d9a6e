// @ts-check
// Imports a provider the test server has into the workspace from the command palette, as a user would:
// the quick pick is answered with the keyboard and a click, the overwrite question with the mouse, and
// the file is checked on disk in the workspace copy.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createProvider } = require('./authentikApi');
const { answerDialog, notification, runCommand } = require('./workbenchActions');

const IMPORT = 'authentik: Import OAuth2 Provider from Server';
/** A provider made on the server through its API, with a secret the window and the file must never show. */
const IMPORTED = {
  name: 'Imported Grafana (e2e)',
  file: 'imported-grafana-e2e.oauth2provider.yaml',
  clientId: 'imported-grafana-e2e',
  secret: 'e2e-import-secret-Kq3Wm8Zr5Tx1Vn7Yb4Lp0Hd6Fs2Gj9',
  variable: 'IMPORTED_GRAFANA_E2E_CLIENT_SECRET',
};
/** UUIDs of the test server's seed (test/authentik-server/seed.ts). */
const SEED_UUIDS = {
  explicitConsentFlow: 'c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01',
  selfSignedKeyPair: 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f1',
  openidMapping: '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a41',
  /** A SAML mapping: no scope mapping, so the file keeps its UUID and the import says so. */
  samlEmailMapping: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c45',
};

/**
 * @typedef {{ page: import('playwright-core').Page, folder: string }} ImportContext
 * @param {ImportContext} context
 * @returns {[string, () => Promise<void>][]}
 */
function importSteps({ page, folder }) {
  const origin = new URL(String(process.env.AUTHENTIK_URL)).origin;
  const written = path.join(folder, IMPORTED.file);
  const picker = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: `Import an OAuth2 provider from ${origin}` }) });

  /** F1, the import command, and the provider picked in its quick pick. */
  const importFromPalette = async () => {
    await runCommand(page, IMPORT);
    await picker.locator('input').waitFor();
    await page.keyboard.type(IMPORTED.name);
    const row = picker.locator('.monaco-list-row', { hasText: IMPORTED.name });
    // The client id is the row's description.
    await row.locator('.label-description', { hasText: IMPORTED.clientId }).waitFor();
    await row.first().click();
  };

  return [
    [
      'ui: F1 "authentik: Import OAuth2 Provider from Server…", a provider picked by name: its file is written into the folder and opened, with !ref and !env and never the secret',
      async () => {
        assert.ok(!fs.existsSync(written), `${IMPORTED.file} is not in the workspace before the import`);
        await createProvider({
          name: IMPORTED.name,
          authorization_flow: SEED_UUIDS.explicitConsentFlow,
          client_id: IMPORTED.clientId,
          client_secret: IMPORTED.secret,
          signing_key: SEED_UUIDS.selfSignedKeyPair,
          property_mappings: [SEED_UUIDS.openidMapping, SEED_UUIDS.samlEmailMapping],
          redirect_uris: 'https://grafana\\.example\\.com/login/generic_oauth',
        });
        await importFromPalette();
        await page.locator('.tabs-container .tab.active', { hasText: IMPORTED.file }).waitFor();
        // What the file could not say by name is shown as a warning.
        await notification(page, `authentik: imported "${IMPORTED.name}" into ${IMPORTED.file}; check this: property_mappings: ${SEED_UUIDS.samlEmailMapping} is kept as a UUID`);

        const text = fs.readFileSync(written, 'utf8');
        assert.match(text, /^# authentik-version: 2024\.8\.4$/m);
        assert.match(text, /^authorization_flow: !ref default-provider-authorization-explicit-consent$/m);
        assert.match(text, /^signing_key: !ref authentik Self-signed Certificate$/m);
        assert.match(text, new RegExp(`^client_secret: !env ${IMPORTED.variable}$`, 'm'));
        assert.ok(!text.includes(IMPORTED.secret), 'the file does not hold the client secret');
        assert.ok(!(await page.content()).includes(IMPORTED.secret), 'the window does not show the client secret');
      },
    ],
    [
      'ui: importing it again asks before overwriting the file; Cancel leaves it as it is',
      async () => {
        const edited = `${fs.readFileSync(written, 'utf8')}# kept by the user\n`;
        fs.writeFileSync(written, edited);
        await importFromPalette();
        await answerDialog(page, `${IMPORTED.file} exists in`, 'Cancel');
        assert.equal(fs.readFileSync(written, 'utf8'), edited, 'the file is unchanged');
      },
    ],
  ];
}

module.exports = { importSteps };
