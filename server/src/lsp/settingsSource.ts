import { AuthentikSettings, DEFAULT_SETTINGS, normalizeSettings } from '../../../common/settings';

/** How long a `workspace/configuration` request may go unanswered before the defaults are used. */
export const CONFIGURATION_TIMEOUT_MS = 3000;

export interface SettingsSourceOptions {
  /** Sends one `workspace/configuration` request for these files (section `authentik`); one value per file. */
  ask(uris: readonly string[]): Promise<unknown>;
  /** Whether the client answers `workspace/configuration` at all. */
  canAsk(): boolean;
  /** Called when an answer came after the timeout, so these files are validated again with it. */
  onLateAnswer(uris: readonly string[]): void;
  log(message: string): void;
  timeoutMs?: number;
}

interface Waiting {
  uri: string;
  resolve(settings: AuthentikSettings | Promise<AuthentikSettings>): void;
}

/**
 * The settings of each file, pulled from the client (a folder can override the user's settings) and
 * cached until the client says they changed. Files opened together are asked in one request.
 *
 * Every change of configuration starts a new generation: an answer to a request of an older
 * generation is dropped, and whoever waited for it gets the newer generation's settings instead,
 * so a slow answer never overwrites a newer one. An answer that does not come within the timeout
 * gives the default settings (said once in the log); if it comes later, it is used then.
 */
export class SettingsSource {
  private readonly cache = new Map<string, Promise<AuthentikSettings>>();
  private queue: Waiting[] = [];
  private generationNumber = 0;
  private timeoutLogged = false;
  /** What applies without asking: the defaults, changed by initialization options or a pushed configuration. */
  global: AuthentikSettings = DEFAULT_SETTINGS;

  constructor(private readonly options: SettingsSourceOptions) {}

  /** Changes with every change of configuration. */
  get generation(): number {
    return this.generationNumber;
  }

  settingsFor(uri: string): Promise<AuthentikSettings> {
    if (!this.options.canAsk()) return Promise.resolve(this.global);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = new Promise<AuthentikSettings>((resolve) => {
        this.queue.push({ uri, resolve });
        if (this.queue.length === 1) setImmediate(() => this.askQueued());
      });
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** The client said the configuration changed (`pushed` is its new `authentik` section, if it sent one). */
  changed(pushed?: unknown): void {
    if (pushed !== undefined && pushed !== null) this.global = normalizeSettings(pushed);
    this.generationNumber++;
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private askQueued(): void {
    const batch = this.queue;
    this.queue = [];
    const generation = this.generationNumber;
    const uris = batch.map((b) => b.uri);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (!this.timeoutLogged) {
        this.timeoutLogged = true;
        this.options.log(`The client did not answer workspace/configuration within ${this.timeoutMs / 1000} s: using the default settings until it does.`);
      }
      for (const waiting of batch) waiting.resolve(this.global);
    }, this.timeoutMs);
    const answered = (values: unknown) => {
      clearTimeout(timer);
      const list = Array.isArray(values) ? values : [];
      if (generation !== this.generationNumber) {
        // Asked before the latest change: the answer may hold the old values.
        if (!timedOut) for (const waiting of batch) waiting.resolve(this.settingsFor(waiting.uri));
        return;
      }
      const settings = batch.map((_, i) => normalizeSettings(list[i]));
      if (!timedOut) {
        batch.forEach((waiting, i) => waiting.resolve(settings[i]));
        return;
      }
      // Late, but still current: use it from now on, and validate again with it.
      const late: string[] = [];
      batch.forEach((waiting, i) => {
        if (!this.cache.has(waiting.uri)) return; // closed meanwhile
        this.cache.set(waiting.uri, Promise.resolve(settings[i]));
        late.push(waiting.uri);
      });
      if (late.length) this.options.onLateAnswer(late);
    };
    const failed = () => {
      clearTimeout(timer);
      if (!timedOut) for (const waiting of batch) waiting.resolve(this.global);
    };
    let request: Promise<unknown>;
    try {
      request = this.options.ask(uris);
    } catch {
      request = Promise.reject(new Error('the request could not be sent'));
    }
    request.then(answered, failed);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? CONFIGURATION_TIMEOUT_MS;
  }
}
