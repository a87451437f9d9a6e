import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ScopedConnection } from '../../common/protocol';
import type { LiveReferenceSource } from '../../server/src/authentik/liveReferences';
import { ScopedReferences, SourceEvents } from '../../server/src/authentik/scopedReferences';
import { ReferenceKind, ReferenceSource } from '../../server/src/service/references';

/** A server's reference lists as a live source would hold them once fetched. */
class FakeSource {
  refreshes = 0;
  constructor(
    readonly serverUrl: string,
    readonly events: SourceEvents,
  ) {}
  list(kind: ReferenceKind) {
    return kind === 'flow' ? { objects: [{ pk: 'f1', name: `flow of ${this.serverUrl}` }] } : undefined;
  }
  snapshot(): ReferenceSource {
    return { list: (kind) => (kind === 'flow' ? { objects: [{ pk: 'f1', name: `flow of ${this.serverUrl}` }], stale: true } : undefined) };
  }
  async refresh() {
    this.refreshes++;
    return { ok: true, message: `Loaded from ${this.serverUrl}.` };
  }
}

function setUp() {
  const sources: FakeSource[] = [];
  const statuses: string[] = [];
  let changes = 0;
  const references = new ScopedReferences({
    createSource: (connection, events) => {
      const source = new FakeSource(connection.serverUrl, events);
      sources.push(source);
      return source as unknown as LiveReferenceSource;
    },
    onChange: () => changes++,
    onStatus: (state, message) => statuses.push(`${state}: ${message}`),
  });
  const flowOf = (uri: string) => {
    const list = references.sourceFor(uri)?.list('flow');
    return list ? `${list.objects[0].name}${list.stale ? ' (cached)' : ''}` : 'none';
  };
  return { references, sources, statuses, flowOf, changes: () => changes };
}

const connection = (scopeUri: string | null, serverUrl: string, token = 't'): ScopedConnection => ({ scopeUri, serverUrl, token, allowInsecureHttp: false });

describe('reference sources per workspace folder', () => {
  it('a file uses its innermost folder’s server, else the one for files in no folder', () => {
    const { references, flowOf } = setUp();
    references.set([connection('file:///w/a', 'https://a'), connection('file:///w/a/inner', 'https://inner'), connection(null, 'https://default')]);
    assert.equal(flowOf('file:///w/a/x.oauth2provider.yaml'), 'flow of https://a');
    assert.equal(flowOf('file:///w/a/inner/deep/x.oauth2provider.yaml'), 'flow of https://inner');
    assert.equal(flowOf('file:///w/ab/x.oauth2provider.yaml'), 'flow of https://default');
    assert.equal(flowOf('untitled:Untitled-1'), 'flow of https://default');
  });

  it('shares one source between folders with the same server and token, and keeps it across updates', () => {
    const { references, sources } = setUp();
    references.set([connection('file:///w/a', 'https://s'), connection('file:///w/b', 'https://s'), connection('file:///w/c', 'https://s', 'other token')]);
    assert.equal(sources.length, 2);
    assert.deepEqual(sources.map((s) => s.refreshes), [1, 1]);
    references.set([connection('file:///w/a', 'https://s'), connection('file:///w/b', 'https://s')]);
    assert.equal(sources.length, 2, 'nothing new was started');
    assert.deepEqual(sources.map((s) => s.refreshes), [1, 1]);
  });

  it('a folder that loses its server keeps its last lists, marked cached; the others stay live', () => {
    const { references, flowOf, statuses } = setUp();
    references.set([connection('file:///w/a', 'https://a'), connection('file:///w/b', 'https://b')]);
    references.set([connection('file:///w/a', ''), connection('file:///w/b', 'https://b')]);
    assert.equal(flowOf('file:///w/a/x.yaml'), 'flow of https://a (cached)');
    assert.equal(flowOf('file:///w/b/x.yaml'), 'flow of https://b');
    assert.deepEqual(statuses, ['unconfigured: authentik references: no server connection now; completion uses the last list fetched.']);
    references.set([connection('file:///w/a', ''), connection('file:///w/b', 'https://b')]);
    assert.equal(flowOf('file:///w/a/x.yaml'), 'flow of https://a (cached)');
    assert.equal(statuses.length, 1, 'said once');
    references.set([connection('file:///w/b', 'https://b')]);
    assert.equal(flowOf('file:///w/a/x.yaml'), 'none', 'a folder closed in the editor keeps nothing');
  });

  it('passes on events only from current sources', () => {
    const { references, sources, changes, statuses } = setUp();
    references.set([connection(null, 'https://old')]);
    references.set([connection(null, 'https://new')]);
    sources[0].events.onChange();
    sources[0].events.onStatus('offline', 'old server down');
    assert.equal(changes(), 0);
    sources[1].events.onChange();
    sources[1].events.onStatus('offline', 'new server down');
    assert.equal(changes(), 1);
    assert.deepEqual(statuses.slice(-1), ['offline: new server down']);
  });

  it('refreshes the source of one file, or of every server', async () => {
    const { references, sources } = setUp();
    references.set([connection('file:///w/a', 'https://a'), connection('file:///w/b', 'https://b'), connection('file:///w/none', '')]);
    assert.deepEqual(await references.refresh('file:///w/a/x.yaml'), { ok: true, message: 'Loaded from https://a.' });
    assert.deepEqual(sources.map((s) => s.refreshes), [2, 1]);
    assert.deepEqual(await references.refresh(), { ok: true, message: 'Loaded from https://a. Loaded from https://b.' });
    assert.deepEqual(await references.refresh('file:///w/none/x.yaml'), { ok: false, message: 'No authentik server is configured (authentik.serverUrl).' });
  });
});
