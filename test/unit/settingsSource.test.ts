import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthentikSettings, DEFAULT_SETTINGS } from '../../common/settings';
import { SettingsSource } from '../../server/src/lsp/settingsSource';

interface Asked {
  uris: readonly string[];
  answer(values: unknown): void;
  fail(): void;
}

/** A settings source whose client answers only when the test says so. */
function harness(timeoutMs = 50) {
  const asked: Asked[] = [];
  const logs: string[] = [];
  const late: string[][] = [];
  const source = new SettingsSource({
    canAsk: () => true,
    ask: (uris) =>
      new Promise((resolve, reject) => {
        asked.push({ uris, answer: resolve, fail: () => reject(new Error('no')) });
      }),
    onLateAnswer: (uris) => late.push([...uris]),
    log: (message) => logs.push(message),
    timeoutMs,
  });
  return { source, asked, logs, late };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const durations = (settings: AuthentikSettings) => settings.rules.durations;

describe('settings source: workspace/configuration', () => {
  it('files asked for together go in one request, and each gets its own answer, cached', async () => {
    const h = harness();
    const a = h.source.settingsFor('file:///a');
    const b = h.source.settingsFor('file:///b');
    await turn();
    assert.deepEqual(h.asked.map((x) => x.uris), [['file:///a', 'file:///b']]);
    h.asked[0].answer([{ rules: { durations: false } }, null]);
    assert.deepEqual([durations(await a), durations(await b)], [false, true]);
    assert.equal(h.source.settingsFor('file:///a'), h.source.settingsFor('file:///a'));
    await turn();
    assert.equal(h.asked.length, 1, 'cached');
  });

  it('no answer within the timeout: the defaults, said once in the log however many requests go unanswered', async () => {
    const h = harness(30);
    const first = h.source.settingsFor('file:///a');
    assert.equal(await first, DEFAULT_SETTINGS);
    const second = h.source.settingsFor('file:///b');
    assert.equal(await second, DEFAULT_SETTINGS);
    assert.equal(h.asked.length, 2);
    assert.deepEqual(h.logs, ['The client did not answer workspace/configuration within 0.03 s: using the default settings until it does.']);
  });

  it('an answer after the timeout is used from then on, and the files are named for validating again', async () => {
    const h = harness(30);
    assert.equal(durations(await h.source.settingsFor('file:///a')), true);
    h.asked[0].answer([{ rules: { durations: false } }]);
    await turn();
    assert.deepEqual(h.late, [['file:///a']]);
    assert.equal(durations(await h.source.settingsFor('file:///a')), false);
  });

  it('an answer to a request made before a change of configuration is dropped; its waiters get the newer answer', async () => {
    const h = harness(1000);
    const old = h.source.settingsFor('file:///a');
    await turn();
    h.source.changed();
    const fresh = h.source.settingsFor('file:///a');
    await turn();
    assert.equal(h.asked.length, 2);
    h.asked[1].answer([{ rules: { durations: false } }]);
    assert.equal(durations(await fresh), false);
    // The old request's answer arrives last, with the old value: nobody sees it.
    h.asked[0].answer([{ rules: { durations: true } }]);
    assert.equal(durations(await old), false);
    assert.equal(durations(await h.source.settingsFor('file:///a')), false);
  });

  it('a late answer from before a change of configuration is dropped too', async () => {
    const h = harness(20);
    await h.source.settingsFor('file:///a');
    h.source.changed({ rules: { durations: false } });
    h.asked[0].answer([{ rules: { durations: true } }]);
    await turn();
    assert.deepEqual(h.late, []);
    assert.equal(h.source.global.rules.durations, false);
  });

  it('a failed request gives the current global settings', async () => {
    const h = harness(1000);
    h.source.changed({ rules: { durations: false } });
    const settings = h.source.settingsFor('file:///a');
    await turn();
    h.asked[0].fail();
    assert.equal(durations(await settings), false);
    await sleep(5);
    assert.deepEqual(h.logs, []);
  });

  it('a client that cannot answer is never asked', async () => {
    const source = new SettingsSource({ canAsk: () => false, ask: () => assert.fail('asked'), onLateAnswer: () => undefined, log: () => undefined });
    assert.equal(await source.settingsFor('file:///a'), DEFAULT_SETTINGS);
  });
});
