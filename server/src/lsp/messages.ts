import { Connection, ErrorCodes, NotificationType, RequestType, ResponseError } from 'vscode-languageserver/node';
import type { ParamsCheck } from '../../../common/protocol';

/**
 * Whether the server still serves: after `shutdown` every request is an error (InvalidRequest, as
 * LSP says), a second `shutdown` too, and nothing more is published to the client.
 */
export class Lifecycle {
  private shutDown = false;

  get serving(): boolean {
    return !this.shutDown;
  }

  /** The `shutdown` request: accepted once. */
  shutdown(): void {
    if (this.shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is already shut down.');
    this.shutDown = true;
  }

  /** Throws the error a request gets once the server is shut down. */
  assertServing(method: string): void {
    if (this.shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, `The server is shut down: ${method} is not served.`);
  }
}

/**
 * vscode-jsonrpc spreads params given by position over the handler's arguments (a request's last
 * argument is its cancellation token), so one object by name arrives as exactly one argument.
 */
function singleParams(args: unknown[], trailing: number): { ok: true; params: unknown } | { ok: false; problem: string } {
  const given = args.length - trailing;
  if (given <= 1) return { ok: true, params: given === 1 ? args[0] : undefined };
  return { ok: false, problem: `params must be one object, not ${given} values by position` };
}

/** A request whose params are checked first: bad ones are answered with InvalidParams, and never reach `handler`. */
export function onCheckedRequest<P, R>(
  connection: Connection,
  lifecycle: Lifecycle,
  type: RequestType<P, R, void>,
  check: ParamsCheck,
  handler: (params: P) => R | Promise<R>,
): void {
  connection.onRequest(type.method, (...args: unknown[]) => {
    lifecycle.assertServing(type.method);
    const given = singleParams(args, 1);
    const problem = given.ok ? check(given.params) : given.problem;
    if (problem !== undefined) throw new ResponseError(ErrorCodes.InvalidParams, `${type.method}: ${problem}.`);
    return handler((given as { params: P }).params);
  });
}

/** A notification whose params are checked first: bad ones are logged and dropped. A failing handler is logged too. */
export function onCheckedNotification<P>(
  connection: Connection,
  lifecycle: Lifecycle,
  type: NotificationType<P>,
  check: ParamsCheck,
  handler: (params: P) => void | Promise<void>,
  log: (message: string) => void,
): void {
  connection.onNotification(type.method, (...args: unknown[]) => {
    if (!lifecycle.serving) return;
    const given = singleParams(args, 0);
    const problem = given.ok ? check(given.params) : given.problem;
    if (problem !== undefined) {
      log(`Ignored ${type.method}: ${problem}.`);
      return;
    }
    Promise.resolve()
      .then(() => handler((given as { params: P }).params))
      .catch((error: unknown) => log(`${type.method} failed: ${(error as Error)?.stack ?? String(error)}`));
  });
}
