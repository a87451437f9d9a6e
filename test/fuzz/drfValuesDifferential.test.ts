import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { askPythonOracle, FUZZ_SEED_OF_RUN, SeededRandom } from './pythonOracle';
import { pythonNumberText, pythonStrip, pythonUuid } from '../../server/src/service/drf/pythonValues';

/**
 * How the editor reads request values as the server's Python does (UUIDs as Django's UUIDField
 * reads them, str() of a number sent as JSON, str.strip()), against the machine's python3 on
 * generated values. A bounded run by default; `FUZZ_RUNS=N` (as `npm run fuzz` sets) runs N of
 * each. `FUZZ_SEED` replays a run.
 */
const runsSetting = Number(process.env.FUZZ_RUNS);
const RUNS = Number.isInteger(runsSetting) && runsSetting > 0 ? runsSetting : 2000;
const SEED = FUZZ_SEED_OF_RUN;
const ORACLE = path.join(__dirname, 'drfValuesOracle.py');

function askPython(requests: object[]): { uuid?: string | null; text?: string }[] {
  return askPythonOracle(ORACLE, requests, { maxBuffer: 1 << 28, timeoutMs: 300_000 });
}

const HEX = '0123456789abcdefABCDEF';
// What uuid.UUID(hex=...) and int(_, 16) treat specially, and what they refuse.
const ODD = ['-', '-', '{', '}', 'urn:', 'uuid:', 'URN:', 'urn', ':', ' ', '\t', '\u3000', '\u00a0', '\u200b', '+', '_', '0x', '0X', 'g', 'é', '٣', '０', '𝟙', '\n', '\ud800'];

function uuidCandidate(random: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => random.pick([...HEX])).join('');
  switch (random.int(4)) {
    case 0: // the canonical layout, maybe with case and wrappers changed
      return `${random.pick(['', '', 'urn:uuid:', '{', 'uuid:', '{urn:uuid:'])}${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}${random.pick(['', '', '}', '}}'])}`;
    default: {
      // 32 hex digits with a few odd pieces put in, taken out or swapped for digits
      const chars = [...hex];
      for (let n = random.int(4); n > 0; n--) {
        const at = random.int(chars.length + 1);
        const action = random.int(3);
        if (action === 0) chars.splice(at, 0, random.pick(ODD));
        else if (action === 1) chars.splice(at, 1);
        else chars.splice(at, 1, random.pick(ODD));
      }
      return chars.join('');
    }
  }
}

function numberCandidate(random: SeededRandom): number {
  switch (random.int(5)) {
    case 0:
      return random.int(100000) - 50000;
    case 1:
      return (random.next() - 0.5) * 10 ** (random.int(60) - 30);
    case 2:
      return Number((random.next() * 1000).toFixed(random.int(6)));
    case 3:
      return 2 ** random.int(1100) * (random.next() < 0.5 ? -1 : 1);
    default:
      return random.pick([0, -0, 1e16, 1e15, 1e21, 1e-5, 1e-4, 0.1, 5e-324, Number.MAX_VALUE, 2 ** 53, 2 ** 53 + 2, 123456789012345680000]);
  }
}

const SPACE_OR_NOT = [' ', '\t', '\n', '\r', '\x0b', '\x0c', '\x1c', '\x1f', '\x85', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\x00', 'a', 'é', '😀'];

function stripCandidate(random: SeededRandom): string {
  return Array.from({ length: random.int(8) }, () => random.pick(SPACE_OR_NOT)).join('');
}

describe(`DRF value readers against python3 (seed ${SEED}, ${RUNS} of each)`, () => {
  it('UUIDs: strings of every form, integers and floats, read as Django does', () => {
    const random = new SeededRandom(SEED);
    const values: unknown[] = [];
    for (let i = 0; i < RUNS; i++) values.push(random.int(10) === 0 ? numberCandidate(random) : uuidCandidate(random));
    const sendable = values.filter((v) => typeof v !== 'number' || Number.isFinite(v));
    const answers = askPython(sendable.map((uuid) => ({ uuid })));
    let accepted = 0;
    const disagreements = sendable
      .map((value, i) => ({ value, ours: pythonUuid(value) ?? null, python: answers[i].uuid ?? null }))
      .filter((c) => {
        if (c.python) accepted++;
        return c.ours !== c.python;
      });
    assert.deepEqual(disagreements.slice(0, 10), [], `seed ${SEED}`);
    // The generator must reach both answers often, or the comparison says little.
    assert.ok(accepted > sendable.length / 10 && accepted < sendable.length * 0.9, `${accepted} of ${sendable.length} accepted`);
  });

  it('numbers sent as JSON: str() of what Python reads', () => {
    const random = new SeededRandom(SEED + 1);
    const numbers = Array.from({ length: RUNS }, () => numberCandidate(random)).filter(Number.isFinite);
    const answers = askPython(numbers.map((number) => ({ number })));
    const disagreements = numbers.map((n, i) => ({ n, ours: pythonNumberText(n), python: answers[i].text })).filter((c) => c.ours !== c.python);
    assert.deepEqual(disagreements.slice(0, 10), [], `seed ${SEED}`);
  });

  it('str.strip() with Python\'s whitespace', () => {
    const random = new SeededRandom(SEED + 2);
    const texts = Array.from({ length: RUNS }, () => stripCandidate(random));
    const answers = askPython(texts.map((strip) => ({ strip })));
    const disagreements = texts.map((t, i) => ({ t, ours: pythonStrip(t).text, python: answers[i].text })).filter((c) => c.ours !== c.python);
    assert.deepEqual(disagreements.slice(0, 10), [], `seed ${SEED}`);
  });
});
