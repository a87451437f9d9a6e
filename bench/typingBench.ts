import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { unknownKeysFile } from './documents';
import { ServerUnderTest, startServer } from './servers';
import { percentile } from './stats';

export interface TypingCounts {
  /** Keystrokes typed, one every `intervalMs`. */
  keystrokes: number;
  intervalMs: number;
}

export interface TypingMeasurements {
  bytes: number;
  diagnostics: number;
  hovers: number;
  p50: number;
  p95: number;
  max: number;
  /** From the last keystroke to the diagnostics for its version. */
  lastKeystrokeToDiagnosticsMs: number;
  /** Hovers that did not name the key under the cursor. */
  wrongHovers: number;
}

const TIMEOUT_MS = 60_000;
const sleepUntil = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/**
 * A user typing in a large file while hovering: a fresh server opens a file of `bytes` (unknown keys,
 * the costliest shape), then gets one keystroke every `intervalMs` in the value of `name`; halfway
 * between two keystrokes a hover on `client_type` is sent whenever the last one was answered (as an
 * editor asks again only after it showed the last hover). Times each hover from request to answer.
 */
export async function measureHoverWhileTyping(server: ServerUnderTest, workDir: string, bytes: number, counts: TypingCounts): Promise<TypingMeasurements> {
  const text = unknownKeysFile(bytes);
  const file = path.join(workDir, `typing-${bytes}.oauth2provider.yaml`);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const clientTypeLine = text.split('\n').findIndex((line) => line.startsWith('client_type:'));
  const { client } = await startServer(server, pathToFileURL(workDir).href);
  try {
    const opened = client.waitForDiagnostics(uri, 1, TIMEOUT_MS);
    await client.didOpen(uri, text, { languageId: server.languageId });
    const diagnostics = (await opened).diagnostics.length;

    const samples: number[] = [];
    let wrongHovers = 0;
    let hoverInFlight: Promise<void> | undefined;
    const column = text.indexOf('\n');
    const start = performance.now();
    let lastSent = start;
    for (let i = 0; i < counts.keystrokes; i++) {
      await sleepUntil(start + i * counts.intervalMs);
      const at = { line: 0, character: column + i };
      lastSent = performance.now();
      await client.change(uri, i + 2, [{ range: { start: at, end: at }, text: 'x' }]);
      await sleepUntil(start + (i + 0.5) * counts.intervalMs);
      if (hoverInFlight) continue;
      const asked = performance.now();
      hoverInFlight = client
        .request<{ range?: { start: { line: number } } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: clientTypeLine, character: 3 } })
        .then((hover) => {
          samples.push(performance.now() - asked);
          if (hover?.range?.start.line !== clientTypeLine) wrongHovers++;
          hoverInFlight = undefined;
        });
    }
    const lastVersion = counts.keystrokes + 1;
    const last = await client.waitForDiagnostics(uri, lastVersion, TIMEOUT_MS);
    await hoverInFlight;
    return {
      bytes: Buffer.byteLength(text),
      diagnostics,
      hovers: samples.length,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      max: Math.max(...samples),
      lastKeystrokeToDiagnosticsMs: client.receivedAt(last) - lastSent,
      wrongHovers,
    };
  } finally {
    await client.stop();
  }
}
