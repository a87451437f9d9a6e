import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Diagnostic } from 'vscode-languageserver-types';
import { completionFile, providerFile, setClientType, TYPO, VALID_CLIENT_TYPE, clientTypeValueRange } from './documents';
import type { PublishDiagnosticsParams as Publication } from 'vscode-languageserver-protocol';
import { LspClient } from '../test/helpers/lspClient';
import { ServerUnderTest, startServer } from './servers';
import { median, percentile } from './stats';

const TIMEOUT_MS = 30_000;

export interface LspCounts {
  starts: number;
  edits: number;
  bigItems: number;
  completions: number;
  openFiles: number;
  /** Fresh servers for the many-files scenario; medians are reported. */
  openRepeats: number;
}

/** Everything measured for one server; times in ms, memory in kB. */
export interface LspMeasurements {
  startMs: number;
  firstDiagnosticsMs: number;
  idleRssKb?: number;
  small: EditMeasurements;
  big: EditMeasurements;
  completion: { p50: number; p95: number; labels: string[] };
  openMany: { allDiagnosedMs: number; rssKb?: number; wrongFiles: number };
  /** Things seen that a reader of the figures should know (extra diagnostics, stale publications). */
  notes: string[];
}

export interface EditMeasurements {
  p50: number;
  p95: number;
  /** Publications whose content was not what that version should show. */
  unexpected: number;
  /** What the server said about the typo (first time), to show both really report it. */
  typoMessage: string;
}

/** Runs every LSP scenario against one server. `workDir` holds the documents (written to disk too). */
export async function measureServer(server: ServerUnderTest, workDir: string, counts: LspCounts, log: (line: string) => void): Promise<LspMeasurements> {
  const rootUri = pathToFileURL(workDir).href;
  const notes = new Set<string>();
  const note = (text: string) => notes.add(text);

  log(`${server.label}: ${counts.starts} starts`);
  const starts = await measureStarts(server, workDir, counts.starts, note);

  const { client } = await startServer(server, rootUri);
  try {
    log(`${server.label}: ${counts.edits} edits on the 20-line file`);
    const small = await editLoop(client, server, writeDocument(workDir, 'edit-small', providerFile()), counts.edits, note);
    log(`${server.label}: ${counts.edits} edits on the ${counts.bigItems}-item file`);
    const big = await editLoop(client, server, writeDocument(workDir, 'edit-big', providerFile({ mappings: counts.bigItems })), counts.edits, note);
    log(`${server.label}: ${counts.completions} completions`);
    const completion = await completionLoop(client, server, workDir, counts.completions);
    await client.stop();

    const runs = [];
    for (let i = 0; i < counts.openRepeats; i++) {
      log(`${server.label}: ${counts.openFiles} files opened at once (${i + 1}/${counts.openRepeats})`);
      runs.push(await openManyFiles(server, workDir, rootUri, counts.openFiles, note));
    }
    const rss = runs.map((r) => r.rssKb).filter((kb): kb is number => kb !== undefined);
    const openMany = {
      allDiagnosedMs: median(runs.map((r) => r.allDiagnosedMs)),
      rssKb: rss.length ? median(rss) : undefined,
      wrongFiles: runs.reduce((sum, r) => sum + r.wrongFiles, 0),
    };
    return {
      ...starts,
      small,
      big,
      completion,
      openMany,
      notes: [...notes],
    };
  } finally {
    await client.stop();
  }
}

/**
 * Starts the server `count` times: spawn to `initialize` result, then `didOpen` of a valid 20-line file
 * to its first diagnostics, and the resident memory then. Medians.
 */
export async function measureStarts(server: ServerUnderTest, workDir: string, count: number, note: (text: string) => void = () => undefined) {
  const rootUri = pathToFileURL(workDir).href;
  const startTimes: number[] = [];
  const firstDiagnostics: number[] = [];
  const idleRss: number[] = [];
  for (let i = 0; i < count; i++) {
    const { client, initializeMs } = await startServer(server, rootUri);
    try {
      startTimes.push(initializeMs);
      const doc = writeDocument(workDir, `start-${i}`, providerFile());
      const sent = performance.now();
      const first = await openDocument(client, server, doc);
      firstDiagnostics.push(client.receivedAt(first) - sent);
      if (first.diagnostics.length > 0) note(`reports on the valid 20-line file: ${describe(first.diagnostics)}`);
      const rss = client.residentKb();
      if (rss !== undefined) idleRss.push(rss);
    } finally {
      await client.stop();
    }
  }
  return {
    startMs: median(startTimes),
    firstDiagnosticsMs: median(firstDiagnostics),
    idleRssKb: idleRss.length ? median(idleRss) : undefined,
  };
}

interface BenchDocument {
  uri: string;
  text: string;
}

function writeDocument(workDir: string, name: string, text: string): BenchDocument {
  const file = path.join(workDir, `${name}.oauth2provider.yaml`);
  fs.writeFileSync(file, text);
  return { uri: pathToFileURL(file).href, text };
}

/** didOpen, then the first diagnostics for the document (yaml-language-server sends no version to match). */
async function openDocument(client: LspClient, server: ServerUnderTest, doc: BenchDocument): Promise<Publication> {
  const first = client.waitForDiagnostics(doc.uri, () => true, TIMEOUT_MS);
  await client.didOpen(doc.uri, doc.text, { languageId: server.languageId });
  return first;
}

/** True when the diagnostics are what a file with (or without) the typo must show. */
function showsTypo(diagnostics: Diagnostic[], typoLine: number): boolean {
  return diagnostics.some((d) => d.range.start.line === typoLine);
}

/**
 * Alternates the `client_type` value between the typo and the valid value, timing didChange to the
 * diagnostics for that version. A server that sends versions is matched by version; one that does not
 * (yaml-language-server) by the first publication showing what this version must show, and every
 * publication in between that shows something else is counted as unexpected.
 */
async function editLoop(client: LspClient, server: ServerUnderTest, doc: BenchDocument, edits: number, note: (text: string) => void): Promise<EditMeasurements> {
  const typoLine = clientTypeValueRange(doc.text).line;
  const opened = await openDocument(client, server, doc);
  if (opened.diagnostics.length > 0) note(`reports on a valid file when opened: ${describe(opened.diagnostics)}`);

  let text = doc.text;
  let unexpected = 0;
  let typoMessage = '';
  const samples: number[] = [];
  for (let i = 1; i <= edits; i++) {
    const version = i + 1;
    const wantTypo = i % 2 === 1;
    const next = setClientType(text, wantTypo ? TYPO : VALID_CLIENT_TYPE);
    const matches = (p: Publication) => (wantTypo ? showsTypo(p.diagnostics, typoLine) : p.diagnostics.length === 0);
    const arrived = client.waitForDiagnostics(
      doc.uri,
      (p) => {
        if (p.version !== undefined) {
          if (p.version !== version) return false;
          if (!matches(p)) {
            unexpected++;
            note(`version ${version} (${wantTypo ? 'typo' : 'valid'}): ${describe(p.diagnostics)}`);
          }
          return true;
        }
        if (matches(p)) return true;
        unexpected++;
        return false;
      },
      TIMEOUT_MS,
    );
    const sent = performance.now();
    await client.edit(doc.uri, version, next.edit, next.text);
    const publication = await arrived;
    samples.push(client.receivedAt(publication) - sent);
    if (wantTypo && !typoMessage) typoMessage = describe(publication.diagnostics.filter((d) => d.range.start.line === typoLine));
    text = next.text;
  }
  await client.close(doc.uri);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), unexpected, typoMessage };
}

/** Completion right after `client_type: `; every answer must offer both values. */
async function completionLoop(client: LspClient, server: ServerUnderTest, workDir: string, count: number) {
  const { text, position } = completionFile();
  const doc = writeDocument(workDir, 'completion', text);
  await openDocument(client, server, doc);
  const samples: number[] = [];
  let labels: string[] = [];
  for (let i = 0; i < count; i++) {
    const sent = performance.now();
    const items = await client.complete(doc.uri, position);
    samples.push(performance.now() - sent);
    labels = items.map((item) => item.label);
    for (const wanted of ['confidential', 'public']) {
      if (!labels.includes(wanted)) throw new Error(`${server.label}: completion at "client_type: " lacks "${wanted}" (got ${labels.join(', ') || 'nothing'})`);
    }
  }
  await client.close(doc.uri);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), labels };
}

/** A fresh server gets `count` didOpen at once (every fifth file has the typo); times until all are diagnosed. */
async function openManyFiles(server: ServerUnderTest, workDir: string, rootUri: string, count: number, note: (text: string) => void) {
  const { client } = await startServer(server, rootUri);
  try {
    const docs = Array.from({ length: count }, (_, i) => {
      const typo = i % 5 === 4;
      return { typo, ...writeDocument(workDir, `many-${i}`, providerFile({ name: `Provider ${i}`, clientType: typo ? TYPO : VALID_CLIENT_TYPE })) };
    });
    const typoLine = clientTypeValueRange(docs[0].text).line;
    const arrivals = docs.map((doc) => client.waitForDiagnostics(doc.uri, () => true, TIMEOUT_MS * 2));
    const sent = performance.now();
    for (const doc of docs) await client.didOpen(doc.uri, doc.text, { languageId: server.languageId });
    const publications = await Promise.all(arrivals);
    const allDiagnosedMs = Math.max(...publications.map((p) => client.receivedAt(p))) - sent;
    const rssKb = client.residentKb();
    let wrongFiles = 0;
    publications.forEach((p, i) => {
      const ok = docs[i].typo ? showsTypo(p.diagnostics, typoLine) : p.diagnostics.length === 0;
      if (!ok) {
        wrongFiles++;
        note(`${count} files: ${path.basename(new URL(p.uri).pathname)} shows ${describe(p.diagnostics)}`);
      }
    });
    return { allDiagnosedMs, rssKb, wrongFiles };
  } finally {
    await client.stop();
  }
}

function describe(diagnostics: Diagnostic[]): string {
  if (diagnostics.length === 0) return 'no diagnostics';
  return diagnostics
    .slice(0, 3)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message.split('\n')[0]}`)
    .join('; ');
}
