import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { environmentValueKey, gatherValues, storedEntries, valueSourceLines, withoutStored, withStored } from '../../client/src/environmentValues';
import { StoredEnvironmentValues } from '../../client/src/storedEnvironmentValues';

function inputs(processEnv: Record<string, string | undefined>, stored: Record<string, string>, answers: Record<string, { value: string; keep: boolean } | undefined>) {
  const asked: string[] = [];
  const kept: Record<string, string> = {};
  return {
    asked,
    kept,
    inputs: {
      processEnv,
      stored: async (name: string) => (Object.hasOwn(stored, name) ? stored[name] : undefined),
      ask: async (name: string) => {
        asked.push(name);
        return answers[name];
      },
      store: async (name: string, value: string) => {
        kept[name] = value;
      },
    },
  };
}

describe("an editor deploy's !env values", () => {
  it("the extension host's environment first, then a stored value, then the user", async () => {
    const run = inputs({ A: 'from-env', EMPTY: '' }, { A: 'stored-a', B: 'stored-b' }, { C: { value: 'typed-c', keep: true }, D: { value: 'typed-d', keep: false } });
    const result = await gatherValues(['A', 'EMPTY', 'B', 'C', 'D'], run.inputs);
    assert.deepEqual(result, {
      ok: true,
      values: { A: 'from-env', EMPTY: '', B: 'stored-b', C: 'typed-c', D: 'typed-d' },
      sources: { A: 'environment', EMPTY: 'environment', B: 'stored', C: 'entered and kept', D: 'entered' },
    });
    assert.deepEqual(run.asked, ['C', 'D']);
    assert.deepEqual(run.kept, { C: 'typed-c' }, 'only what the user asked to keep is stored');
  });

  it('stops at the first variable the user does not give', async () => {
    const run = inputs({}, {}, { A: undefined, B: { value: 'b', keep: false } });
    assert.deepEqual(await gatherValues(['A', 'B'], run.inputs), { ok: false, cancelled: 'A' });
    assert.deepEqual(run.asked, ['A']);
  });

  it('an inherited property name is no variable, and `__proto__` is a name like any other', async () => {
    const run = inputs({}, {}, { toString: { value: 'typed', keep: false } });
    assert.deepEqual(await gatherValues(['toString'], run.inputs), { ok: true, values: { toString: 'typed' }, sources: { toString: 'entered' } });
    const proto = await gatherValues(['__proto__'], inputs(JSON.parse('{"__proto__": "from-env"}'), {}, {}).inputs);
    assert.ok(proto.ok);
    assert.deepEqual(Object.entries(proto.values), [['__proto__', 'from-env']]);
  });

  it('values are kept per origin and variable name', () => {
    assert.equal(environmentValueKey('https://auth.example.com', 'GRAFANA_CLIENT_SECRET'), 'authentik.env:GRAFANA_CLIENT_SECRET@https://auth.example.com');
    assert.notEqual(environmentValueKey('https://a.example', 'X'), environmentValueKey('https://b.example', 'X'));
    let index = withStored({}, 'https://b.example', 'Y');
    index = withStored(index, 'https://a.example', 'X');
    index = withStored(index, 'https://a.example', 'X');
    assert.deepEqual(storedEntries(index), [
      { origin: 'https://a.example', name: 'X' },
      { origin: 'https://b.example', name: 'Y' },
    ]);
    assert.deepEqual(withoutStored(index, 'https://a.example', 'X'), { 'https://b.example': ['Y'] });
    assert.deepEqual(storedEntries({ 'https://a.example': 'junk' as unknown as string[] }), []);
  });

  it('the confirmation says where each value came from, never what it is', () => {
    const lines = valueSourceLines({ A: 'environment', B: 'stored', C: 'entered', D: 'entered and kept' }, 'https://auth.example.com');
    assert.deepEqual(lines, [
      "A: from the editor's environment",
      'B: the value stored for https://auth.example.com (forget it with "authentik: Forget Stored Environment Values")',
      'C: entered now, for this deploy only',
      'D: entered now, and stored for https://auth.example.com',
    ]);
  });
});

describe('kept !env values in SecretStorage', () => {
  it('one per origin and name; the index lists names only, and forgetting removes both', async () => {
    const secrets = new Map<string, string>();
    const state = new Map<string, unknown>();
    const context = {
      secrets: { get: async (k: string) => secrets.get(k), store: async (k: string, v: string) => void secrets.set(k, v), delete: async (k: string) => void secrets.delete(k) },
      globalState: { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v) },
    } as unknown as import('vscode').ExtensionContext;
    const stored = new StoredEnvironmentValues(context);
    await stored.store('https://a.example', 'SECRET', 'value-a');
    await stored.store('https://b.example', 'SECRET', 'value-b');
    assert.equal(await stored.get('https://a.example', 'SECRET'), 'value-a');
    assert.equal(await stored.get('https://b.example', 'SECRET'), 'value-b');
    assert.equal(await stored.get('https://c.example', 'SECRET'), undefined);
    assert.deepEqual(stored.entries(), [
      { origin: 'https://a.example', name: 'SECRET' },
      { origin: 'https://b.example', name: 'SECRET' },
    ]);
    assert.ok(!JSON.stringify([...state.values()]).includes('value-'), 'no value outside SecretStorage');
    await stored.forget('https://a.example', 'SECRET');
    assert.equal(await stored.get('https://a.example', 'SECRET'), undefined);
    assert.deepEqual(stored.entries(), [{ origin: 'https://b.example', name: 'SECRET' }]);
    assert.deepEqual([...secrets.keys()], ['authentik.env:SECRET@https://b.example']);
  });
});
