import { performance } from 'node:perf_hooks';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { AuthentikSettings } from '../../../common/settings';

/** The parts of a validation, each synchronous; the runs pause between them. */
export interface ValidationSteps<F> {
  parse(document: TextDocument, settings: AuthentikSettings): unknown;
  findings(document: TextDocument, settings: AuthentikSettings): readonly F[];
  toDiagnostic(document: TextDocument, finding: F): Diagnostic;
}

export interface ValidationRunsOptions<F> {
  document(uri: string): TextDocument | undefined;
  settingsFor(uri: string): Promise<AuthentikSettings>;
  /** Loaded on first use (the language service is not read before the first document). */
  steps(): ValidationSteps<F>;
  publish(params: PublishDiagnosticsParams): void;
  /** False once the server is shut down: nothing starts or is published then. */
  serving(): boolean;
  onError(error: unknown): void;
  now?: () => number;
  /** Work done between two pauses, at most about this long (one parse is never split). */
  sliceMs?: number;
}

/**
 * vscode-jsonrpc handles one incoming message per `setImmediate`, queued when the message is read. One
 * turn here, then a second: a message read during the first (or before the pause) is handled before this
 * run goes on.
 */
async function letMessagesThrough(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Findings turned into diagnostics between two looks at the clock. */
const CONVERSION_CHUNK = 500;

/** A document whose validation took longer than this waits for a pause in the edits before the next one. */
export const QUICK_VALIDATION_MS = 50;
/** The longest such wait. */
const MAX_WAIT_MS = 1000;

/**
 * Validation of open documents. A run starts on the next turn of the event loop after an edit, with
 * no fixed delay; edits that arrive before it starts are coalesced.
 *
 * But when edits come faster than a document's validation (it took over QUICK_VALIDATION_MS, and an
 * edit came while it ran), the next run waits until no edit came for as long as the last one took: the
 * server reads one message per turn of the event loop, so validating after every keystroke of a large
 * file would let the keystrokes queue up, with every hover behind them. Once a run is published, the
 * next edit is validated at once again.
 *
 * A run pauses whenever it has worked for a slice since its last pause (it looks after parsing, after
 * validating, and while turning findings into diagnostics), so hover, completion and the next edits are
 * served in between: one parse is the longest stretch nothing else runs. After every step it stops if
 * its document changed, the settings changed or the document closed: only the newest run publishes.
 */
export class ValidationRuns<F> {
  private readonly waiting = new Map<string, { timer?: NodeJS.Timeout }>();
  /** The newest run's ticket per document; an older run sees it is outdated and stops. */
  private readonly tickets = new Map<string, number>();
  private lastTicket = 0;
  /** How long the last run of each document worked (pauses not counted). */
  private readonly costs = new Map<string, number>();
  /** Documents with a run under way, and those whose last run was overtaken by an edit. */
  private readonly running = new Set<string>();
  private readonly overtaken = new Set<string>();

  constructor(private readonly options: ValidationRunsOptions<F>) {}

  schedule(uri: string): void {
    if (!this.options.serving()) return;
    this.tickets.set(uri, ++this.lastTicket);
    const waitMs = this.waitFor(uri);
    const waiting = this.waiting.get(uri);
    if (waiting) {
      // Another edit: a waiting run waits again from now on.
      if (waiting.timer) waiting.timer.refresh();
      return;
    }
    const start = () => {
      this.waiting.delete(uri);
      const ticket = this.tickets.get(uri);
      if (ticket !== undefined) this.run(uri, ticket).catch((error: unknown) => this.options.onError(error));
    };
    if (waitMs > 0) this.waiting.set(uri, { timer: setTimeout(start, waitMs) });
    else {
      this.waiting.set(uri, {});
      setImmediate(start);
    }
  }

  /** Stops every run of the document (it was closed). */
  cancel(uri: string): void {
    this.tickets.delete(uri);
    this.costs.delete(uri);
    this.overtaken.delete(uri);
    clearTimeout(this.waiting.get(uri)?.timer);
    this.waiting.delete(uri);
  }

  private waitFor(uri: string): number {
    if (!this.running.has(uri) && !this.overtaken.has(uri)) return 0;
    const cost = this.costs.get(uri) ?? 0;
    return cost > QUICK_VALIDATION_MS ? Math.min(MAX_WAIT_MS, Math.round(cost)) : 0;
  }

  private async run(uri: string, ticket: number): Promise<void> {
    this.running.add(uri);
    try {
      const published = await this.validate(uri, ticket);
      if (published) this.overtaken.delete(uri);
      else if (this.tickets.has(uri) && this.tickets.get(uri) !== ticket) this.overtaken.add(uri);
    } finally {
      if (this.tickets.get(uri) === ticket || !this.tickets.has(uri)) this.running.delete(uri);
    }
  }

  /** One run; true when it published. */
  private async validate(uri: string, ticket: number): Promise<boolean> {
    const { options } = this;
    const document = options.document(uri);
    if (!document) return false;
    const version = document.version;
    const settings = await options.settingsFor(uri);
    const current = () => options.serving() && this.tickets.get(uri) === ticket && options.document(uri) === document && document.version === version;
    if (!current()) return false;

    const now = options.now ?? (() => performance.now());
    const sliceMs = options.sliceMs ?? 10;
    let stepStart = now();
    let lastPause = stepStart;
    let worked = 0;
    /** After a step: pauses when the slice is used up; false when this run is outdated. */
    const pause = async (): Promise<boolean> => {
      const stepEnd = now();
      worked += stepEnd - stepStart;
      this.costs.set(uri, Math.max(worked, this.costs.get(uri) ?? 0));
      if (stepEnd - lastPause >= sliceMs) {
        await letMessagesThrough();
        lastPause = now();
      }
      stepStart = now();
      return current();
    };

    const steps = options.steps();
    steps.parse(document, settings);
    if (!(await pause())) return false;
    const findings = steps.findings(document, settings);
    if (!(await pause())) return false;
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < findings.length; i += CONVERSION_CHUNK) {
      for (const finding of findings.slice(i, i + CONVERSION_CHUNK)) diagnostics.push(steps.toDiagnostic(document, finding));
      if (!(await pause())) return false;
    }
    this.costs.set(uri, worked);
    options.publish({ uri, version, diagnostics });
    return true;
  }
}
