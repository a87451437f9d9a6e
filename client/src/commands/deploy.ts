import * as vscode from 'vscode';
import { AuthentikApi, ApiFailure } from '../../../server/src/authentik/apiClient';
import { comparableLive, maskSecrets, planDeploy, prepareBody, serverErrorFindings } from '../../../server/src/authentik/deploy';
import { describePlan, DeployOutcome, runPlannedDeploy } from '../../../server/src/authentik/deployRun';
import { parseText } from '../../../server/src/service/parsedDocument';
import { resolveConnection } from '../connection';
import { showServerErrors } from '../deployDiagnostics';
import { ExtensionState, readSettings } from '../state';
import { LANGUAGE_ID } from '../constants';

const SET_TOKEN = 'Set API Token';
const SHOW_LOG = 'Show Log';

/** Finds the provider document: the explorer's selection, else the active editor. */
async function targetDocument(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === LANGUAGE_ID) return editor.document;
  void vscode.window.showErrorMessage('authentik: open a *.oauth2provider.yaml file to deploy it.');
  return undefined;
}

/** "authentik: Deploy OAuth2 Provider": validate, plan (create or update), confirm, send, show. */
export function deployCommand(state: ExtensionState) {
  return async (uri?: vscode.Uri): Promise<DeployOutcome | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('authentik: deploy is off in an untrusted workspace.');
      return undefined;
    }
    const document = await targetDocument(uri);
    if (!document) return undefined;
    if (document.isDirty && !(await document.save())) {
      void vscode.window.showErrorMessage('authentik: the file could not be saved; nothing was deployed.');
      return undefined;
    }
    const settings = readSettings(document.uri);
    const parsed = parseText(document.getText(), { maxFileSize: settings.maxFileSize });
    const prepared = prepareBody(parsed, settings.rules, settings.maxFileSize);
    if (!prepared.ok) {
      const choice = await vscode.window.showErrorMessage(
        `authentik: ${vscode.workspace.asRelativePath(document.uri)} has ${prepared.errors.length} error(s); fix them before deploying. First: ${prepared.errors[0]?.message ?? ''}`,
        'Show Problems',
      );
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      return undefined;
    }
    const connection = await resolveConnection(state.extension, document.uri, true);
    if (!connection.ok) {
      const actions = connection.blocker === 'no-token' ? [SET_TOKEN] : connection.blocker === 'no-server' || connection.blocker === 'bad-url' ? ['Open Settings'] : [];
      const choice = await vscode.window.showErrorMessage(`authentik: ${connection.message}`, ...actions);
      if (choice === SET_TOKEN) await vscode.commands.executeCommand('authentik.setToken');
      if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'authentik.serverUrl');
      return undefined;
    }
    const api = new AuthentikApi(
      { baseUrl: connection.baseUrl, token: connection.token, allowInsecureHttp: connection.allowInsecureHttp, timeoutMs: settings.deployTimeoutSeconds * 1000 },
      state.http,
    );

    const planned = await withCancellableProgress(`Looking up "${String(prepared.body.name)}" on ${connection.origin}...`, (signal) => planDeploy(api, prepared.body, signal));
    if (!planned) return undefined;
    if (!planned.ok) return reportFailure(state, planned.failure, { ok: false, action: 'none', name: String(prepared.body.name), baseUrl: api.baseUrl, timeMs: 0, summary: planned.failure.message, failure: planned.failure });
    const plan = planned.plan;

    if (plan.action === 'update') {
      if (plan.changes.length === 0) {
        void vscode.window.showInformationMessage(`authentik: ${describePlan(plan, connection.origin)}`);
        return undefined;
      }
      const name = String(plan.body.name);
      const live = state.results.diffDocument(`${name} (on ${new URL(connection.baseUrl).host})`, maskSecrets(comparableLive(plan.live)));
      const file = state.results.diffDocument(`${name} (${vscode.workspace.asRelativePath(document.uri)})`, maskSecrets({ ...comparableLive(plan.live), ...plan.body }));
      await vscode.commands.executeCommand('vscode.diff', live, file, `${name}: server ↔ file`, { preview: true });
    }
    const verb = plan.action === 'create' ? 'Create' : 'Update';
    const confirm = await vscode.window.showWarningMessage(
      `${verb} OAuth2 provider "${String(plan.body.name)}" on ${connection.origin}?`,
      { modal: true, detail: describePlan(plan, connection.baseUrl) },
      verb,
    );
    if (confirm !== verb) return undefined;

    const outcome = await withCancellableProgress(`${verb === 'Create' ? 'Creating' : 'Updating'} "${String(plan.body.name)}" on ${connection.origin}...`, (signal) =>
      runPlannedDeploy(api, plan, signal),
    );
    if (!outcome) return undefined;
    state.lastOutcome = outcome;
    state.output.info(`Deploy ${outcome.method ?? ''} ${outcome.baseUrl}${outcome.path ?? ''}: ${outcome.status ?? 'no response'} in ${outcome.timeMs} ms`);
    if (!outcome.ok) {
      if (outcome.failure?.kind === 'validation' && outcome.failure.fieldErrors) {
        showServerErrors(state.deployDiagnostics, document, serverErrorFindings(parsed, outcome.failure.fieldErrors));
      }
      return reportFailure(state, outcome.failure!, outcome);
    }
    state.deployDiagnostics.delete(document.uri);
    const secret = (outcome.body as { client_secret?: unknown } | undefined)?.client_secret;
    state.lastSecret = typeof secret === 'string' && secret ? secret : undefined;
    void vscode.commands.executeCommand('setContext', 'authentik.hasSecret', !!state.lastSecret);
    updateStatusBar(state, outcome);
    await state.results.show(outcome);
    const actions = state.lastSecret ? ['Copy Client Secret'] : [];
    void vscode.window.showInformationMessage(`authentik: ${outcome.summary}`, ...actions).then((choice) => {
      if (choice) void vscode.commands.executeCommand('authentik.copyClientSecret');
    });
    return outcome;
  };
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

export function updateStatusBar(state: ExtensionState, outcome: DeployOutcome): void {
  const status = outcome.status ? `${outcome.status}` : 'failed';
  state.statusBar.text = `${outcome.ok ? '$(cloud-upload)' : '$(error)'} authentik: ${outcome.ok ? outcome.action === 'create' ? 'created' : 'updated' : status}`;
  state.statusBar.tooltip = `${outcome.summary}\n${outcome.baseUrl}${outcome.path ?? ''} · ${outcome.timeMs} ms\nClick to show the result.`;
  state.statusBar.command = 'authentik.showDeployResult';
  state.statusBar.show();
}

async function reportFailure(state: ExtensionState, failure: ApiFailure, outcome: DeployOutcome): Promise<DeployOutcome> {
  state.lastOutcome = outcome;
  state.output.error(`Deploy failed (${failure.kind}${failure.status ? ` ${failure.status}` : ''}): ${failure.message}`);
  if (failure.detail) state.output.error(`Details: ${failure.detail}`);
  updateStatusBar(state, outcome);
  if (failure.kind === 'validation' || failure.status) await state.results.show(outcome);
  const actions: string[] = [];
  if (failure.kind === 'forbidden' && (failure.forbidden === 'no-token' || failure.forbidden === 'invalid-token')) actions.push(SET_TOKEN);
  actions.push(SHOW_LOG);
  const message = failure.kind === 'validation' ? `The server rejected "${outcome.name}": its messages are on the file's lines.` : failure.message;
  void vscode.window.showErrorMessage(`authentik: ${message}`, ...actions).then(async (choice) => {
    if (choice === SET_TOKEN) await vscode.commands.executeCommand('authentik.setToken');
    if (choice === SHOW_LOG) state.output.show(true);
  });
  return outcome;
}
