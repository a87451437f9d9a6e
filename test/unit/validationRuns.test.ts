import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { QUICK_VALIDATION_MS, ValidationRuns, ValidationSteps } from '../../server/src/lsp/validationRuns';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Validation runs over documents kept here, with steps that take as long as told on a fake clock
 * (the clock moves only when a step runs), and every event in order.
 */
function harness(cost: { parse: number; findings: number; perFinding?: number; count?: number }) {
  let clock = 0;
  const events: string[] = [];
  const documents = new Map<string, TextDocument>();
  const published: PublishDiagnosticsParams[] = [];
  let serving = true;
  const steps: ValidationSteps<number> = {
    parse(document) {
      events.push(`parse ${document.version}`);
      clock += cost.parse;
    },
    findings(document) {
      events.push(`findings ${document.version}`);
      clock += cost.findings;
      return Array.from({ length: cost.count ?? 1 }, (_, i) => i);
    },
    toDiagnostic(_document, finding): Diagnostic {
      clock += cost.perFinding ?? 0;
      return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: String(finding) };
    },
  };
  const runs = new ValidationRuns<number>({
    document: (uri) => documents.get(uri),
    settingsFor: async () => DEFAULT_SETTINGS,
    steps: () => steps,
    publish: (params) => {
      events.push(`publish ${params.version}`);
      published.push(params);
    },
    serving: () => serving,
    onError: (error) => events.push(`error ${String(error)}`),
    now: () => clock,
  });
  const uri = 'file:///w/a.oauth2provider.yaml';
  return {
    uri,
    runs,
    events,
    published,
    open(version = 1) {
      documents.set(uri, TextDocument.create(uri, 'x', version, 'name: x\n'));
      runs.schedule(uri);
    },
    edit(version: number) {
      const document = documents.get(uri)!;
      TextDocument.update(document, [{ text: `name: ${version}\n` }], version);
      runs.schedule(uri);
    },
    close() {
      documents.delete(uri);
      runs.cancel(uri);
    },
    shutDown() {
      serving = false;
    },
  };
}

/** Waits until the runs have nothing left to do (each step yields at most once). */
async function settled(ms = 0): Promise<void> {
  if (ms) await sleep(ms);
  for (let i = 0; i < 20; i++) await turn();
}

describe('validation runs', () => {
  it('a quick document is validated on the next turn, once for edits that came together, and published', async () => {
    const h = harness({ parse: 1, findings: 1 });
    h.open();
    h.edit(2);
    h.edit(3);
    await settled();
    assert.deepEqual(h.events, ['parse 3', 'findings 3', 'publish 3']);
  });

  it('a slow run pauses between its steps, so other work runs in between', async () => {
    const h = harness({ parse: 40, findings: 40, perFinding: 0.1, count: 2000 });
    h.open();
    await turn();
    // Work that arrives once the run started (a hover, a keystroke) is done before the run ends.
    setImmediate(() => h.events.push('other work'));
    await settled();
    assert.deepEqual(h.events, ['parse 1', 'other work', 'findings 1', 'publish 1']);
    assert.equal(h.published[0].diagnostics.length, 2000);
  });

  it('steps shorter than a slice add up: many quick chunks of findings still pause', async () => {
    const h = harness({ parse: 1, findings: 1, perFinding: 0.01, count: 5000 });
    h.open();
    await turn();
    setImmediate(() => h.events.push('other work'));
    await settled();
    assert.deepEqual(h.events, ['parse 1', 'findings 1', 'other work', 'publish 1']);
  });

  it('a run whose document changed stops at its next pause, and only the newest version is published', async () => {
    const h = harness({ parse: 30, findings: 30 });
    h.open();
    await turn();
    await turn(); // parse 1 done; the run is paused
    h.edit(2);
    await settled(QUICK_VALIDATION_MS * 3);
    assert.deepEqual(h.events.filter((e) => e.startsWith('publish')), ['publish 2']);
    assert.ok(!h.events.includes('findings 1'), h.events.join(', '));
  });

  it(`edits that overtake a validation over ${QUICK_VALIDATION_MS} ms wait for a pause as long as it took`, async () => {
    const h = harness({ parse: 100, findings: 50 });
    h.open();
    await settled();
    assert.deepEqual(h.events, ['parse 1', 'findings 1', 'publish 1']);
    h.events.length = 0;
    h.edit(2);
    await turn();
    await turn(); // the run of version 2 has parsed and is paused
    // Edits every 30 ms, faster than the 150 ms the last validation took: nothing more runs meanwhile.
    for (let version = 3; version <= 7; version++) {
      h.edit(version);
      await sleep(30);
      assert.deepEqual(h.events, ['parse 2'], `after the edit to version ${version}`);
    }
    await settled(200);
    assert.deepEqual(h.events, ['parse 2', 'parse 7', 'findings 7', 'publish 7']);
  });

  it('edits that come one at a time, each after the last diagnostics, are each validated at once', async () => {
    const h = harness({ parse: 100, findings: 50 });
    h.open();
    await settled();
    for (let version = 2; version <= 4; version++) {
      h.edit(version);
      await settled();
      assert.equal(h.published.at(-1)?.version, version, 'published without waiting');
    }
  });

  it('a closed document and a shut-down server publish nothing more', async () => {
    const closed = harness({ parse: 30, findings: 30 });
    closed.open();
    await turn();
    await turn();
    closed.close();
    await settled();
    assert.deepEqual(closed.published, []);

    const shut = harness({ parse: 30, findings: 30 });
    shut.open();
    await turn();
    await turn();
    shut.shutDown();
    shut.edit(2);
    await settled(100);
    assert.deepEqual(shut.published, []);
  });
});
