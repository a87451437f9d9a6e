import type { ApiFailure } from '../../common/authentik/apiClient';
import { DeployOutcome, renderOutcome } from '../../common/authentik/deployRun';
import type { SecretRedactor } from '../../common/authentik/secrets';
import { plainMessage } from './plainText';

/**
 * Every text the deploy command shows or logs, made here without VS Code so it can be tested: each
 * goes through the connection's redactor on its way out, whatever it was made of.
 */

/** The result document: header lines become comments so the JSON body keeps its highlighting. */
export function resultDocument(outcome: DeployOutcome, redactor: SecretRedactor): string {
  const text = redactor.text(renderOutcome(outcome));
  const split = text.indexOf('\n\n');
  const head = split >= 0 ? text.slice(0, split) : text.trimEnd();
  const body = split >= 0 ? text.slice(split + 2) : '';
  return head.split('\n').map((l) => `// ${l}`).join('\n') + '\n' + (body ? '\n' + body : '');
}

/** The Output channel's line about a deploy's request. */
export function outcomeLogLine(outcome: DeployOutcome, redactor: SecretRedactor): string {
  return redactor.text(`Deploy ${outcome.method ?? ''} ${outcome.baseUrl}${outcome.path ?? ''}: ${outcome.status ?? 'no response'} in ${outcome.timeMs} ms`);
}

/** The Output channel's lines about a failure. */
export function failureLogLines(failure: ApiFailure, redactor: SecretRedactor): string[] {
  const lines = [`Deploy failed (${failure.kind}${failure.status ? ` ${failure.status}` : ''}): ${failure.message}`];
  if (failure.detail) lines.push(`Details: ${failure.detail}`);
  return lines.map((line) => redactor.text(line));
}

/** The notification about a failure. */
export function failureNotice(failure: ApiFailure, name: string, redactor: SecretRedactor): string {
  const message = failure.kind === 'validation' ? `The server rejected "${name}": its messages are on the file's lines.` : failure.message;
  return redactor.text(`authentik: ${message}`);
}

/** The Output channel's line about the server's messages that no longer apply to the edited file. */
export function droppedMessagesLine(dropped: readonly string[], redactor: SecretRedactor): string {
  return redactor.text(`The file was edited during the deploy; ${dropped.length} of the server's messages are about values changed since and are not shown on its lines: ${dropped.join(' | ')}`);
}

/** The confirmation's question: the server named by its environment when there is one (`prod (https://…)`). */
export function confirmationQuestion(verb: 'Create' | 'Update', name: string, target: string, redactor: SecretRedactor): string {
  return redactor.text(`${verb} OAuth2 provider "${name}" on ${target}?`);
}

/**
 * The confirmation's lines about the file's tags: what each `!ref`/`!Find` resolved to on the target,
 * and where each `!env` value came from. An `!env` value is never among them.
 */
export function resolvedLines(resolved: readonly string[], valueSources: readonly string[], target: string, redactor: SecretRedactor): string[] {
  const lines: string[] = [];
  const references = resolved.filter((line) => !line.startsWith('!env '));
  if (references.length > 0) lines.push(`Resolved on ${target}:`, ...references.map((line) => `  ${line}`));
  if (valueSources.length > 0) lines.push('Environment values:', ...valueSources.map((line) => `  ${line}`));
  return lines.map((line) => redactor.text(line));
}

/** The notification when tags did not resolve on the target: nothing was sent, the first failure and its line. */
export function unresolvedNotice(file: string, errors: readonly { message: string; line: number }[], target: string, reason: string | undefined, redactor: SecretRedactor): string {
  const first = errors[0];
  const where = first ? ` First, on line ${first.line + 1}: ${first.message}` : '';
  const why = reason ? ` ${reason}` : '';
  // A notification renders links: names from the file, the settings or the server never form one.
  return plainMessage(redactor.text(`authentik: ${errors.length} reference(s) in ${file} did not resolve on ${target}; nothing was sent.${where}${why}`));
}
