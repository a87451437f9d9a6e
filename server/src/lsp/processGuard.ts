/**
 * A promise that rejects with no handler ends a Node process by default. The language server serves
 * whatever a repository contains and whatever a configured server answers, so a slip in one handler
 * must cost that one answer, not the editor's server: such a rejection is logged, and the server goes on.
 */
export function logUnhandledRejections(log: (message: string) => void, target: NodeJS.EventEmitter = process): void {
  target.on('unhandledRejection', (reason: unknown) => {
    const detail = reason instanceof Error ? (reason.stack ?? `${reason.name}: ${reason.message}`) : String(reason);
    try {
      log(`Unhandled rejection (the server keeps running): ${detail}`);
    } catch {
      // The log itself is gone (the connection closed): nothing left to tell.
    }
  });
}
