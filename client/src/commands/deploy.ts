import * as vscode from 'vscode';
import { AuthentikApi, ApiFailure } from '../../../common/authentik/apiClient';
import { comparableLive, maskSecrets, planDeploy, releaseShapeCheck } from '../../../common/authentik/deploy';
import { describePlan, DeployOutcome, runPlannedDeploy } from '../../../common/authentik/deployRun';
import { resolveConnection } from '../connection';
import { LANGUAGE_ID } from '../constants';
import { CommandContext } from '../context';
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
    const server = await context.languageServer();
    const prepared = await server.prepareDeploy(document);
    if (prepared.kind === 'unavailable') {
      void vscode.window.showErrorMessage(`authentik: ${prepared.message} Nothing was deployed.`);
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
    const connection = await resolveConnection(context.extension, document.uri, true);
    if (!connection.ok) {
      const actions = connection.blocker === 'no-token' ? [SET_TOKEN] : connection.blocker === 'no-server' || connection.blocker === 'bad-url' ? ['Open Settings'] : [];
      const choice = await vscode.window.showErrorMessage(`authentik: ${connection.message}`, ...actions);
      if (choice === SET_TOKEN) await vscode.commands.executeCommand('authentik.setToken');
      if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'authentik.serverUrl');
      return undefined;
    }
    const api = new AuthentikApi(
      { baseUrl: connection.baseUrl, token: connection.token, allowInsecureHttp: connection.allowInsecureHttp, timeoutMs: readSettings(document.uri).deployTimeoutSeconds * 1000 },
      context.http,
    );

    const planned = await withCancellableProgress(`Looking up "${String(body.name)}" on ${connection.origin}...`, (signal) => planDeploy(api, body, releaseShapeCheck(target.release), signal));
    if (!planned) return undefined;
    if (!planned.ok) return reportFailure(context, planned.failure, { ok: false, action: 'none', name: String(body.name), baseUrl: api.baseUrl, timeMs: 0, summary: planned.failure.message, failure: planned.failure });
    const plan = planned.plan;

    if (plan.action === 'update') {
      if (plan.changes.length === 0) {
        void vscode.window.showInformationMessage(`authentik: ${describePlan(plan, connection.origin)}`);
        return undefined;
      }
      const name = String(plan.body.name);
      const live = context.results.diffDocument(`${name} (on ${new URL(connection.baseUrl).host})`, maskSecrets(comparableLive(plan.live)));
      const local = context.results.diffDocument(`${name} (${file})`, maskSecrets({ ...comparableLive(plan.live), ...plan.body }));
      await vscode.commands.executeCommand('vscode.diff', live, local, `${name}: server ↔ file`, { preview: true });
    }
    const verb = plan.action === 'create' ? 'Create' : 'Update';
    const confirm = await vscode.window.showWarningMessage(
      `${verb} OAuth2 provider "${String(plan.body.name)}" on ${connection.origin}?`,
      { modal: true, detail: [...target.warnings.map((w) => `Warning: ${w}`), describePlan(plan, connection.baseUrl)].join('\n\n') },
      verb,
    );
    if (confirm !== verb) return undefined;

    const outcome = await withCancellableProgress(`${verb === 'Create' ? 'Creating' : 'Updating'} "${String(plan.body.name)}" on ${connection.origin}...`, (signal) =>
      runPlannedDeploy(api, plan, signal),
    );
    if (!outcome) return undefined;
    context.lastOutcome = outcome;
    context.output.info(`Deploy ${outcome.method ?? ''} ${outcome.baseUrl}${outcome.path ?? ''}: ${outcome.status ?? 'no response'} in ${outcome.timeMs} ms`);
    if (!outcome.ok) {
      if (outcome.failure?.kind === 'validation' && outcome.failure.fieldErrors) await showServerErrors(context, document, prepared.version, outcome.failure.fieldErrors);
      return reportFailure(context, outcome.failure!, outcome);
    }
    context.deployDiagnostics.delete(document.uri);
    const secret = (outcome.body as { client_secret?: unknown } | undefined)?.client_secret;
    context.lastSecret = typeof secret === 'string' && secret ? secret : undefined;
    void vscode.commands.executeCommand('setContext', 'authentik.hasSecret', !!context.lastSecret);
    updateStatusBar(context, outcome);
    await context.results.show(outcome);
    const actions = context.lastSecret ? ['Copy Client Secret'] : [];
    void vscode.window.showInformationMessage(`authentik: ${outcome.summary}`, ...actions).then((choice) => {
      if (choice) void vscode.commands.executeCommand('authentik.copyClientSecret');
    });
    return outcome;
  };
}

/** The 400 messages on the lines of the file as it was sent; none when it was edited since (they would point at other text). */
async function showServerErrors(context: CommandContext, document: vscode.TextDocument, version: number, fieldErrors: Record<string, unknown>): Promise<void> {
  const placed = await (await context.languageServer()).placeServerErrors(document, version, fieldErrors);
  if (Array.isArray(placed)) context.deployDiagnostics.set(document.uri, placed);
  else context.output.warn(`The server's messages were not put on the file's lines: ${placed.message}`);
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

async function reportFailure(context: CommandContext, failure: ApiFailure, outcome: DeployOutcome): Promise<DeployOutcome> {
  context.lastOutcome = outcome;
  context.output.error(`Deploy failed (${failure.kind}${failure.status ? ` ${failure.status}` : ''}): ${failure.message}`);
  if (failure.detail) context.output.error(`Details: ${failure.detail}`);
  updateStatusBar(context, outcome);
  if (failure.kind === 'validation' || failure.status) await context.results.show(outcome);
  const actions: string[] = [];
  if (failure.kind === 'forbidden' && (failure.forbidden === 'no-token' || failure.forbidden === 'invalid-token')) actions.push(SET_TOKEN);
  actions.push(SHOW_LOG);
  const message = failure.kind === 'validation' ? `The server rejected "${outcome.name}": its messages are on the file's lines.` : failure.message;
  void vscode.window.showErrorMessage(`authentik: ${message}`, ...actions).then(async (choice) => {
    if (choice === SET_TOKEN) await vscode.commands.executeCommand('authentik.setToken');
    if (choice === SHOW_LOG) context.output.show(true);
  });
  return outcome;
}
