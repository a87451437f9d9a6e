import * as vscode from 'vscode';
import { AuthentikApi, ApiFailure } from '../../../common/authentik/apiClient';
import { planDeploy, releaseShapeCheck } from '../../../common/authentik/deploy';
import { diffSides } from '../../../common/authentik/deployDiff';
import { storedFieldsOf } from '../../../common/authentik/storedValues';
import { describePlan, DeployOutcome, planFailureOutcome, runPlannedDeploy } from '../../../common/authentik/deployRun';
import { environmentChoice, resolveConnection } from '../connection';
import { LANGUAGE_ID } from '../constants';
import { CommandContext } from '../context';
import { confirmationQuestion, droppedMessagesLine, failureLogLines, failureNotice, outcomeLogLine, resolvedLines, unresolvedNotice } from '../deployText';
import { GatheredValues, gatherValues, valueSourceLines } from '../environmentValues';
import { targetLabel } from '../environments';
import { literalLabel, plainMessage } from '../plainText';
import { StoredEnvironmentValues } from '../storedEnvironmentValues';
import { chooseEnvironment } from './selectEnvironment';
import { readSettings } from '../settings';

const SET_TOKEN = 'Set API Token';
const CONVERT = 'Convert';
/** Rewrites a file to another release's format (uri, release), when the extension has it. */
const CONVERT_COMMAND = 'authentik.convertFormat';
const SHOW_LOG = 'Show Log';

/** Finds the provider document: the explorer's selection, else the active editor. */
async function targetDocument(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === LANGUAGE_ID) return editor.document;
  void vscode.window.showErrorMessage('authentik: open a *.oauth2provider.yaml file to deploy it.');
  return undefined;
}

/**
 * "authentik: Deploy OAuth2 Provider": the language server validates the saved file and gives the
 * body; then plan (create or update), confirm, send, show. The server's 400 messages land on the lines.
 */
export function deploy(context: CommandContext) {
  return async (uri?: vscode.Uri): Promise<DeployOutcome | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('authentik: deploy is off in an untrusted workspace.');
      return undefined;
    }
    const document = await targetDocument(uri);
    if (!document) return undefined;
    const file = vscode.workspace.asRelativePath(document.uri);
    if (document.languageId !== LANGUAGE_ID) {
      void vscode.window.showErrorMessage(`authentik: ${file} is not an authentik OAuth2 provider file (its language is ${document.languageId}).`);
      return undefined;
    }
    if (document.isDirty && !(await document.save())) {
      void vscode.window.showErrorMessage('authentik: the file could not be saved; nothing was deployed.');
      return undefined;
    }
    // The environment first: the language server resolves the file's references on its server.
    if (environmentChoice(context.extension, document.uri).kind === 'unchosen') {
      if (!(await chooseEnvironment(context, document.uri, `Deploy ${file} to`))) return undefined;
    }
    const connection = await resolveConnection(context.extension, document.uri, true);
    if (!connection.ok) {
      const actions = connection.blocker === 'no-token' ? [SET_TOKEN] : connection.blocker === 'no-server' || connection.blocker === 'bad-url' ? ['Open Settings'] : [];
      const choice = await vscode.window.showErrorMessage(plainMessage(`authentik: ${connection.message}`), ...actions);
      if (choice === SET_TOKEN) await vscode.commands.executeCommand('authentik.setToken');
      const setting = environmentChoice(context.extension, document.uri).kind === 'none' ? 'authentik.serverUrl' : 'authentik.environments';
      if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', setting);
      return undefined;
    }
    // Its origin was just confirmed: the language server may use it now, for the lookups below.
    if (connection.confirmedNow) await context.syncConnections();
    const destination = targetLabel(connection.environment, connection.origin);
    const api = new AuthentikApi(
      { baseUrl: connection.baseUrl, token: connection.token, allowInsecureHttp: connection.allowInsecureHttp, timeoutMs: readSettings(document.uri).deployTimeoutSeconds * 1000 },
      context.http,
    );

    const server = await context.languageServer();
    let prepared = await server.prepareDeploy(document);
    let valueSources: string[] = [];
    if (prepared.kind === 'needs-environment') {
      const gathered = await environmentValues(context, prepared.variables, connection.origin, destination, file);
      if (!gathered.ok) {
        void vscode.window.showInformationMessage(`authentik: no value for ${gathered.cancelled}; nothing was deployed.`);
        return undefined;
      }
      // Masked from here on, wherever they would show: notifications, the log, the diff, the result.
      for (const value of Object.values(gathered.values)) api.redactor.remember(value);
      valueSources = valueSourceLines(gathered.sources, connection.origin);
      context.output.info(`Values of ${Object.keys(gathered.values).join(', ')}: ${Object.values(gathered.sources).join(', ')}.`);
      prepared = await server.prepareDeploy(document, gathered.values);
      if (prepared.kind === 'needs-environment') {
        void vscode.window.showErrorMessage(`authentik: the language server still asks for ${prepared.variables.join(', ')}; nothing was deployed.`);
        return undefined;
      }
    }
    if (prepared.kind === 'unavailable') {
      void vscode.window.showErrorMessage(`authentik: ${prepared.message} Nothing was deployed.`);
      return undefined;
    }
    if (prepared.kind === 'unresolved') {
      // On the tags' lines until the next edit, like the server's own messages.
      context.deployDiagnostics.set(document.uri, prepared.errors.map((d) => Object.assign(d, { source: 'authentik deploy' })));
      const errors = prepared.errors.map((d) => ({ message: d.message, line: d.range.start.line }));
      const choice = await vscode.window.showErrorMessage(unresolvedNotice(file, errors, destination, prepared.message, api.redactor), 'Show Problems');
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      return undefined;
    }
    if (prepared.kind === 'invalid' && prepared.mismatch && prepared.target) {
      // Valid for its own profile, not for the server's release: the differences go to the Problems view.
      context.deployDiagnostics.set(document.uri, prepared.errors.map((d) => Object.assign(d, { source: 'authentik deploy' })));
      const release = prepared.target.release;
      const actions = (await vscode.commands.getCommands(true)).includes(CONVERT_COMMAND) ? [CONVERT, 'Show Problems'] : ['Show Problems'];
      const choice = await vscode.window.showErrorMessage(
        `authentik: ${file} is not in the shape authentik ${release} on the server accepts (${prepared.errors.length} difference(s), in the Problems view). Nothing was sent.`,
        ...actions,
      );
      if (choice === CONVERT) void vscode.commands.executeCommand(CONVERT_COMMAND, document.uri, release);
      if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      return undefined;
    }
    if (prepared.kind === 'invalid') {
      const first = prepared.errors[0];
      const where = first ? ` First, on line ${first.range.start.line + 1}: ${first.message}` : '';
      const choice = await vscode.window.showErrorMessage(`authentik: ${file} has ${prepared.errors.length} error(s); fix them before deploying.${where}`, 'Show Problems');
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      return undefined;
    }
    const body = prepared.body;
    const target = prepared.target;
    if (!target) {
      void vscode.window.showErrorMessage('authentik: the language server did not say which release the file was checked for. Nothing was deployed.');
      return undefined;
    }
    const tagLines = resolvedLines(prepared.resolved, valueSources, destination, api.redactor);
    if (tagLines.length > 0) context.output.info(tagLines.join('\n'));

    const { redactor } = api;
    // Compared as the server of that release stores each field (a redirect_uris entry with its defaults...).
    const fields = storedFieldsOf(prepared.requestSchema);
    const name = redactor.text(String(body.name));
    const planned = await withCancellableProgress(redactor.text(`Looking up "${name}" on ${destination}...`), (signal) =>
      planDeploy(api, body, { checkShape: releaseShapeCheck(target.release), signal, fields }),
    );
    if (!planned) return undefined;
    if (!planned.ok) {
      // A name the server's state rules out is shown on the file's `name:` line, like the server's own messages.
      if (planned.failure.kind === 'conflict') await showServerErrors(context, api, document, prepared, { name: [planned.failure.message] });
      return reportFailure(context, api, planned.failure, planFailureOutcome(api, body, planned.failure));
    }
    const plan = planned.plan;

    if (plan.action === 'update') {
      if (plan.changes.length === 0) {
        void vscode.window.showInformationMessage(redactor.text(`authentik: ${describePlan(plan, connection.origin, redactor)}`));
        return undefined;
      }
      // Both sides as the server stores them, secrets masked.
      const sides = diffSides(plan.body, plan.live, redactor, fields);
      const live = context.results.diffDocument(redactor.text(`${name} (on ${new URL(connection.baseUrl).host})`), sides.server);
      const local = context.results.diffDocument(redactor.text(`${name} (${file})`), sides.file);
      await vscode.commands.executeCommand('vscode.diff', live, local, redactor.text(`${name}: server ↔ file`), { preview: true });
    }
    const verb = plan.action === 'create' ? 'Create' : 'Update';
    const detail = [...target.warnings.map((w) => redactor.text(`Warning: ${w}`)), describePlan(plan, connection.baseUrl, redactor), tagLines.join('\n')].filter(Boolean);
    const confirm = await vscode.window.showWarningMessage(confirmationQuestion(verb, name, destination, redactor), { modal: true, detail: detail.join('\n\n') }, verb);
    if (confirm !== verb) return undefined;

    const outcome = await withCancellableProgress(redactor.text(`${verb === 'Create' ? 'Creating' : 'Updating'} "${name}" on ${destination}...`), (signal) =>
      runPlannedDeploy(api, plan, signal),
    );
    if (!outcome) return undefined;
    context.lastOutcome = outcome;
    context.output.info(outcomeLogLine(outcome, redactor));
    if (!outcome.ok) {
      if (outcome.failure?.kind === 'validation' && outcome.failure.fieldErrors) await showServerErrors(context, api, document, prepared, outcome.failure.fieldErrors);
      return reportFailure(context, api, outcome.failure!, outcome);
    }
    context.deployDiagnostics.delete(document.uri);
    context.lastSecret = outcome.clientSecret;
    void vscode.commands.executeCommand('setContext', 'authentik.hasSecret', !!context.lastSecret);
    updateStatusBar(context, outcome);
    await context.results.show(outcome, redactor);
    const actions = context.lastSecret ? ['Copy Client Secret'] : [];
    void vscode.window.showInformationMessage(redactor.text(`authentik: ${outcome.summary}`), ...actions).then((choice) => {
      if (choice) void vscode.commands.executeCommand('authentik.copyClientSecret');
    });
    return outcome;
  };
}

/**
 * The 400 messages on the lines of the fields they are about. When the file was edited during the
 * deploy, those about a field with another value now are logged instead (they would point at other text).
 */
async function showServerErrors(
  context: CommandContext,
  api: AuthentikApi,
  document: vscode.TextDocument,
  prepared: { version: number; body: Record<string, unknown> },
  fieldErrors: Record<string, unknown>,
): Promise<void> {
  const placed = await (await context.languageServer()).placeServerErrors(document, prepared.version, fieldErrors, prepared.body);
  if ('kind' in placed) {
    context.output.warn(api.redactor.text(`The server's messages were not put on the file's lines: ${placed.message}`));
    return;
  }
  context.deployDiagnostics.set(document.uri, placed.diagnostics);
  if (placed.dropped.length > 0) context.output.warn(droppedMessagesLine(placed.dropped, api.redactor));
}

const KEEP = 'Keep';

/**
 * The values of the file's `!env` variables: the extension host's environment, else the value kept
 * for the server's origin, else a password prompt that offers to keep what is typed.
 */
function environmentValues(context: CommandContext, variables: readonly string[], origin: string, destination: string, file: string): Promise<GatheredValues> {
  const stored = new StoredEnvironmentValues(context.extension);
  return gatherValues(variables, {
    processEnv: process.env,
    stored: async (name) => stored.get(origin, name),
    store: (name, value) => stored.store(origin, name, value),
    async ask(name) {
      const value = await vscode.window.showInputBox({
        title: literalLabel(`Value of ${name} for ${destination}`),
        prompt: `${file} reads !env ${name}, which is not set in the editor's environment. The value is sent to ${origin} and masked everywhere.`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (text === '' ? 'The value may not be empty (Escape cancels the deploy).' : undefined),
      });
      if (value === undefined) return undefined;
      const keep = await vscode.window.showQuickPick(
        [
          { label: 'Use for This Deploy Only', keep: false },
          { label: `${KEEP} for ${origin}`, description: 'in the system keychain, until "authentik: Forget Stored Environment Values"', keep: true },
        ],
        { title: literalLabel(`Keep the value of ${name}?`), ignoreFocusOut: true },
      );
      return { value, keep: keep?.keep === true };
    },
  });
}

/** Runs a request under a cancellable progress notification; undefined when the user cancelled. */
async function withCancellableProgress<T>(title: string, run: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `authentik: ${title}`, cancellable: true }, async (_progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const result = await run(controller.signal);
      return token.isCancellationRequested ? undefined : result;
    } finally {
      subscription.dispose();
    }
  });
}

function updateStatusBar(context: CommandContext, outcome: DeployOutcome): void {
  const status = outcome.status ? `${outcome.status}` : 'failed';
  context.statusBar.text = `${outcome.ok ? '$(cloud-upload)' : '$(error)'} authentik: ${outcome.ok ? outcome.action === 'create' ? 'created' : 'updated' : status}`;
  context.statusBar.tooltip = `${outcome.summary}\n${outcome.baseUrl}${outcome.path ?? ''} · ${outcome.timeMs} ms\nClick to show the result.`;
  context.statusBar.command = 'authentik.showDeployResult';
  context.statusBar.show();
}

async function reportFailure(context: CommandContext, api: AuthentikApi, failure: ApiFailure, outcome: DeployOutcome): Promise<DeployOutcome> {
  context.lastOutcome = outcome;
  for (const line of failureLogLines(failure, api.redactor)) context.output.error(line);
  updateStatusBar(context, outcome);
  if (failure.kind === 'validation' || failure.status) await context.results.show(outcome, api.redactor);
  const actions: string[] = [];
  if (failure.kind === 'forbidden' && (failure.forbidden === 'no-token' || failure.forbidden === 'invalid-token')) actions.push(SET_TOKEN);
  actions.push(SHOW_LOG);
  void vscode.window.showErrorMessage(failureNotice(failure, outcome.name, api.redactor), ...actions).then(async (choice) => {
    if (choice === SET_TOKEN) await vscode.commands.executeCommand('authentik.setToken');
    if (choice === SHOW_LOG) context.output.show(true);
  });
  return outcome;
}
