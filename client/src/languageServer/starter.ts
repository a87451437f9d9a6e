import * as path from 'node:path';
import type { LanguageServerSession, SessionOptions } from './session';

type ClientModule = typeof import('./languageClient');

/**
 * Starts the language server the first time it is needed: once a provider file is open, or when a
 * command asks for it. Until then neither the language client (dist/languageClient.js, beside this
 * bundle) nor the server process is loaded.
 */
export class LanguageServerStarter {
  private session: Promise<LanguageServerSession> | undefined;

  constructor(
    private readonly distDir: string,
    private readonly options: SessionOptions,
    /** `startMs`: from the first call of `get` until the server answered `initialize`. */
    private readonly onStarted: (session: LanguageServerSession, startMs: number) => void,
  ) {}

  /** The running session, started now if it is not. A failed start is tried again on the next call. */
  get(): Promise<LanguageServerSession> {
    if (!this.session) {
      const starting = (async () => {
        const asked = performance.now();
        const module = require(path.join(this.distDir, 'languageClient.js')) as ClientModule;
        const session = await module.startSession(this.options);
        this.onStarted(session, Math.round(performance.now() - asked));
        return session;
      })();
      starting.catch(() => {
        if (this.session === starting) this.session = undefined;
      });
      this.session = starting;
    }
    return this.session;
  }

  /** The session if it was started; never starts one. */
  started(): Promise<LanguageServerSession> | undefined {
    return this.session;
  }

  async stop(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await (await session?.catch(() => undefined))?.stop();
  }
}
