// @ts-check
// Deploys from the command palette against the authentik test server, as a user would: the modal
// confirmation is answered with the mouse (the extension host cannot press it), and what the deploy did
// is checked in the window and through the server's real API.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { assertHasFileFields, providersNamed } = require('./authentikApi');
const { answerDialog, notification, quickOpen, runCommand } = require('./workbenchActions');

const DEPLOY = 'authentik: Deploy OAuth2 Provider';
const RESULT_TAB = 'authentik Deploy Result.jsonc';
/** What the user types for the unset `!env` variable; random, so that finding it anywhere means it leaked. */
const TYPED_SECRET = `typed${require('node:crypto').randomBytes(12).toString('hex')}`;
/** Not the run's token (that one is random): the server answers 403 "Token invalid/expired". */
const WRONG_TOKEN = 'not-the-e2e-token';

/**
 * @typedef {{ page: import('playwright-core').Page, folder: string, repo: string, screenshot: (name: string) => Promise<unknown> }} DeployContext
 * @param {DeployContext} context
 * @returns {[string, () => Promise<void>][]}
 */
function deploySteps({ page, folder, repo, screenshot }) {
  const { CURRENT, NEXTCLOUD, ENV_SECRET, SEED, TAKEN_NAME, WIKI } = require(path.join(repo, 'out/e2e/suite/fixtures.js'));
  const origin = new URL(String(process.env.AUTHENTIK_URL)).origin;
  // A line of the result document, in the editor group whose active tab it is.
  const resultLine = (/** @type {string | RegExp} */ text) =>
    page
      .locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: RESULT_TAB }) })
      .locator('.view-line', { hasText: text });
  const problems = page.locator('.markers-panel');

  return [
    [
      'ui: F1 "authentik: Deploy OAuth2 Provider", "Create" in the dialog: the provider is on the server and the result shows 201 Created',
      async () => {
        assert.deepEqual(await providersNamed(NEXTCLOUD.name), [], 'no provider of that name before the deploy');
        await quickOpen(page, NEXTCLOUD.file);
        await runCommand(page, DEPLOY);
        await answerDialog(page, `Create OAuth2 provider "${NEXTCLOUD.name}" on ${origin}?`, 'Create');
        await page.locator('.tabs-container .tab', { hasText: RESULT_TAB }).waitFor();
        await resultLine(`// POST ${origin}/api/v3/providers/oauth2/`).waitFor();
        await resultLine(/^\/\/\s201\sCreated\s·\s\d+\sms$/).waitFor();
        const toast = await notification(page, `authentik: Created provider "${NEXTCLOUD.name}" (pk `);
        // The progress notifications of the lookup and the request close once the deploy is done.
        for (const progress of ['Looking up', 'Creating']) {
          await page.locator('.notification-toast', { hasText: `authentik: ${progress} "${NEXTCLOUD.name}"` }).waitFor({ state: 'hidden' });
        }
        await screenshot('deploy.png');

        const live = await providersNamed(NEXTCLOUD.name);
        assert.equal(live.length, 1, 'exactly one provider of that name after the deploy');
        assertHasFileFields(live[0], path.join(folder, NEXTCLOUD.file));
        // The notification and the result name the pk the server gave it.
        await toast.getByText(`authentik: Created provider "${NEXTCLOUD.name}" (pk ${live[0].pk}).`, { exact: true }).waitFor();
        await toast.locator('.monaco-button', { hasText: 'Copy Client Secret' }).waitFor();
        await resultLine(`"pk": ${live[0].pk},`).waitFor();
        // Neither the generated client secret nor the token is anywhere in the window.
        const windowText = await page.content();
        assert.ok(!windowText.includes(String(live[0].client_secret)), 'the client secret is not shown');
        assert.ok(!windowText.includes(String(process.env.AUTHENTIK_TOKEN)), 'the token is not shown');
      },
    ],
    [
      'ui: a deploy of a name a provider of another type has is refused before the dialog, with the message on the `name:` line, from source "authentik server"',
      async () => {
        await quickOpen(page, TAKEN_NAME.file);
        await runCommand(page, DEPLOY);
        await notification(page, `authentik: ${TAKEN_NAME.refusal}`);
        await runCommand(page, 'Problems: Focus on Problems View');
        const row = problems.locator('.monaco-list-row', { hasText: `authentik: ${TAKEN_NAME.refusal}` });
        await row.waitFor();
        await row.locator('.marker-source', { hasText: 'authentik server' }).waitFor();
        await row.locator('.marker-line', { hasText: `[Ln ${TAKEN_NAME.nameLine + 1}, Col ${TAKEN_NAME.nameColumn + 1}]` }).waitFor();
        assert.deepEqual(await providersNamed(TAKEN_NAME.name), [], 'no OAuth2 provider was created');
      },
    ],
    [
      'ui: a deploy of a file with `!ref`s and an unset `!env` variable asks for its value in a password box, typed with the keyboard; the confirmation says what the references resolved to, and the value reaches the server and shows nowhere',
      async () => {
        assert.deepEqual(await providersNamed(ENV_SECRET.name), [], 'no provider of that name before the deploy');
        await quickOpen(page, ENV_SECRET.file);
        await runCommand(page, DEPLOY);
        const widget = (/** @type {string} */ title) => page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
        await widget(`Value of ${ENV_SECRET.variable} for ${origin}`).locator('input[type="password"]').waitFor();
        await page.keyboard.type(TYPED_SECRET);
        await page.keyboard.press('Enter');
        // "Use for This Deploy Only" comes first: Enter keeps nothing.
        await widget(`Keep the value of ${ENV_SECRET.variable}?`).locator('.monaco-list-row', { hasText: 'Use for This Deploy Only' }).waitFor();
        await page.keyboard.press('Enter');
        const question = `Create OAuth2 provider "${ENV_SECRET.name}" on ${origin}?`;
        const dialog = page.locator('.monaco-dialog-box', { hasText: question });
        await dialog.getByText(`!ref default-provider-authorization-explicit-consent → Authorize Application (${SEED.explicitConsentFlow.pk})`).waitFor();
        await dialog.getByText(`${ENV_SECRET.variable}: entered now, for this deploy only`).waitFor();
        assert.ok(!(await page.content()).includes(TYPED_SECRET), 'the value is not in the window while the dialog asks');
        await answerDialog(page, question, 'Create');
        await notification(page, `authentik: Created provider "${ENV_SECRET.name}" (pk `);

        const live = await providersNamed(ENV_SECRET.name);
        assert.equal(live.length, 1, 'exactly one provider of that name after the deploy');
        assert.equal(live[0].client_secret, TYPED_SECRET, 'the typed value is the client secret on the server');
        assert.equal(live[0].authorization_flow, SEED.explicitConsentFlow.pk, 'the !ref resolved to the UUID of the flow of that slug');
        await resultLine(`"client_id": "${ENV_SECRET.clientId}",`).waitFor();
        assert.ok(!(await page.content()).includes(TYPED_SECRET), 'the value is nowhere in the window, the result document included');
      },
    ],
    [
      'ui: with a wrong API token, a deploy shows the 403 message and its "Set API Token" action opens the token prompt',
      async () => {
        // The user's token in SecretStorage takes precedence over AUTHENTIK_TOKEN from the environment.
        await runCommand(page, 'authentik: Set API Token');
        const tokenPrompt = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: `API token for ${origin}` }) });
        await tokenPrompt.locator('input[type="password"]').waitFor();
        await page.keyboard.type(WRONG_TOKEN);
        await page.keyboard.press('Enter');
        await notification(page, `authentik: API token stored for ${origin}.`);

        await quickOpen(page, WIKI.file);
        await runCommand(page, DEPLOY);
        const toast = await notification(
          page,
          'authentik: 403 Token invalid/expired: The API token is invalid or expired. Set a new one with "authentik: Set API Token".',
        );
        await toast.locator('.monaco-button', { hasText: 'Show Log' }).waitFor();
        await toast.locator('.monaco-button', { hasText: 'Set API Token' }).click();
        await tokenPrompt.locator('input[type="password"]').waitFor();
        await page.keyboard.press('Escape');
        await tokenPrompt.waitFor({ state: 'hidden' });
        assert.deepEqual(await providersNamed(WIKI.name), [], 'nothing was created with the wrong token');

        // Back to the environment's token, for whatever runs next.
        await runCommand(page, 'authentik: Forget API Token');
        await notification(page, `authentik: the API token for ${origin} was removed.`);
      },
    ],
    [
      'ui: two environments in the workspace settings: the status bar asks to choose one, a click switches to "modern", and a deploy asks to trust its origin, then goes to its server, named in the dialog',
      async () => {
        const modernUrl = String(process.env.AUTHENTIK_URL_2026);
        const modernOrigin = new URL(modernUrl).origin;
        // A repository's own .vscode/settings.json, as one could ship it.
        const settingsDir = path.join(folder, '.vscode');
        const environments = [
          { name: 'legacy', serverUrl: String(process.env.AUTHENTIK_URL) },
          { name: 'modern', serverUrl: modernUrl },
        ];
        fs.mkdirSync(settingsDir, { recursive: true });
        fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify({ 'authentik.environments': environments }, null, 2));
        try {
          assert.deepEqual(await providersNamed(CURRENT.name, modernUrl), [], 'no provider of that name on the 2026.5 server before');
          await quickOpen(page, CURRENT.file);
          await page.locator('.statusbar-item', { hasText: 'choose environment' }).click();
          const pick = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: 'authentik environment' }) });
          await pick.locator('.monaco-list-row', { hasText: 'legacy' }).waitFor();
          await pick.locator('.monaco-list-row', { hasText: 'modern' }).click();
          await page.locator('.statusbar-item', { hasText: 'modern' }).waitFor();

          // The token is kept per origin: the modern server's is set here (the run's token, which it shares).
          await runCommand(page, 'authentik: Set API Token');
          await page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: `API token for ${modernOrigin}` }) }).locator('input[type="password"]').waitFor();
          await page.keyboard.type(String(process.env.AUTHENTIK_TOKEN));
          await page.keyboard.press('Enter');
          await notification(page, `authentik: API token stored for ${modernOrigin}.`);

          await runCommand(page, DEPLOY);
          // The workspace named the server: the token goes there only once the user trusts its origin.
          await answerDialog(page, `This workspace's settings set the authentik environment "modern" to ${modernOrigin}. Send your API token to this server?`, 'Trust This Server');
          await answerDialog(page, `Create OAuth2 provider "${CURRENT.name}" on modern (${modernOrigin})?`, 'Create');
          await notification(page, `authentik: Created provider "${CURRENT.name}" (pk `);
          assert.equal((await providersNamed(CURRENT.name, modernUrl)).length, 1, "created on the modern environment's server");
          assert.deepEqual(await providersNamed(CURRENT.name), [], 'and not on the other one');

          await runCommand(page, 'authentik: Forget API Token');
          await notification(page, `authentik: the API token for ${modernOrigin} was removed.`);
        } finally {
          fs.rmSync(settingsDir, { recursive: true, force: true });
        }
        // Without environments the item goes away, and authentik.serverUrl applies again.
        await page.locator('.statusbar-item', { hasText: 'modern' }).waitFor({ state: 'hidden' });
      },
    ],
  ];
}

module.exports = { deploySteps };
