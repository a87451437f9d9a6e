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

/** Findings turned into diagnostics between two looks at the clock. */
const CONVERSION_CHUNK = 500;

/**
 * Validation of open documents, each run on the next turn of the event loop after an edit, with no
 * fixed delay (edits that arrive before it runs are coalesced).
 *
 * A run on a large document pauses (one event-loop turn) whenever it has worked for a slice: after
 * parsing, after validating, and while turning findings into diagnostics, so hover, completion and
 * the next edits are served in between. At every pause it stops if its document changed, the
 * settings changed or the document closed: only the newest run of a document publishes.
 */
export class ValidationRuns<F> {
  private readonly waiting = new Set<string>();
  /** The newest run's ticket per document; an older run sees it is outdated and stops. */
  private readonly tickets = new Map<string, number>();
  private lastTicket = 0;

  constructor(private readonly options: ValidationRunsOptions<F>) {}

  schedule(uri: string): void {
    if (!this.options.serving()) return;
    this.tickets.set(uri, ++this.lastTicket);
    if (this.waiting.has(uri)) return;
    this.waiting.add(uri);
    setImmediate(() => {
      this.waiting.delete(uri);
      const ticket = this.tickets.get(uri);
      if (ticket !== undefined) this.run(uri, ticket).catch((error: unknown) => this.options.onError(error));
    });
  }

  /** Stops every run of the document (it was closed). */
  cancel(uri: string): void {
    this.tickets.delete(uri);
  }

  private async run(uri: string, ticket: number): Promise<void> {
    const { options } = this;
    const document = options.document(uri);
    if (!document) return;
    const version = document.version;
    const settings = await options.settingsFor(uri);
    const current = () => options.serving() && this.tickets.get(uri) === ticket && options.document(uri) === document && document.version === version;
    if (!current()) return;

    const now = options.now ?? (() => performance.now());
    const sliceMs = options.sliceMs ?? 10;
    let sliceStart = now();
    /** Pauses when the slice is used up; false when this run is outdated. */
    const pause = async (): Promise<boolean> => {
      if (now() - sliceStart >= sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = now();
      }
      return current();
    };

    const steps = options.steps();
    steps.parse(document, settings);
    if (!(await pause())) return;
    const findings = steps.findings(document, settings);
    if (!(await pause())) return;
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < findings.length; i += CONVERSION_CHUNK) {
      for (const finding of findings.slice(i, i + CONVERSION_CHUNK)) diagnostics.push(steps.toDiagnostic(document, finding));
      if (!(await pause())) return;
    }
    options.publish({ uri, version, diagnostics });
  }
}
