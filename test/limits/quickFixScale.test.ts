import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FIXES_PER_REQUEST, quickFixes } from '../../server/src/service/codeActions';
import { parseText } from '../../server/src/service/parsedDocument';
import { validate } from '../../server/src/service/validation';
import { documentWithCursor, service, VALID } from '../helpers/service';
import { profileForVersion } from '../../common/profiles';
import { LEGACY_VERSION, SettingsBuilder } from '../helpers/settings';
import { withinMs } from './timing';

/** The size limit raised to 1 MiB (the default is 256 KiB) to let these files in. */
const SETTINGS = new SettingsBuilder().withRules('unknownKeys').withMaxFileSize(1024 * 1024).build();

/** The release VALID is written for (the settings builder's default too). */
const lookup = profileForVersion(LEGACY_VERSION);
if ('error' in lookup) throw new Error(lookup.error);
const { profile } = lookup;

/** VALID followed by `count` unknown keys, one a line. */
function unknownKeys(count: number): string {
  return VALID + Array.from({ length: count }, (_, i) => `unknown_key_${i}: value\n`).join('');
}

describe('limits: quick fixes over a whole file of thousands of findings', () => {
  it('take time linear in the findings: 20,000 unknown keys each get their fix at once (was 12.6 s)', () => {
    const text = unknownKeys(20_000);
    const parsed = parseText(text, { maxFileSize: SETTINGS.maxFileSize });
    const findings = validate(parsed, { rules: SETTINGS.rules, maxFileSize: SETTINGS.maxFileSize, profile, release: profile.releases.from });
    assert.equal(findings.filter((f) => f.code === 'unknown-key').length, 20_000);
    const fixes = withinMs(300, 'fixes for 20,000 unknown keys', () => quickFixes(parsed, findings, 0, text.length, { profile }, Infinity));
    const removals = fixes.filter((f) => f.title.startsWith('Remove "unknown_key_'));
    assert.equal(removals.length, 20_000);
    // The last one still removes exactly its own line.
    const last = removals.at(-1)!;
    assert.equal(text.slice(last.edits[0].start, last.edits[0].end), 'unknown_key_19999: value\n');
  });

  it(`answer at most ${MAX_FIXES_PER_REQUEST} fixes for one request, the first ones in the file, on a 1 MB file of 40,000 unknown keys`, () => {
    const text = unknownKeys(40_000);
    assert.ok(Buffer.byteLength(text) < SETTINGS.maxFileSize, 'under the size limit');
    const { document } = documentWithCursor(text);
    const s = service(undefined, SETTINGS);
    s.validate(document);
    const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
    const actions = withinMs(300, 'code actions over the whole file', () => s.codeActions(document, whole));
    assert.equal(actions.length, MAX_FIXES_PER_REQUEST);
    assert.equal(actions[0].title, 'Remove "unknown_key_0"');
    assert.equal(actions.at(-1)!.title, `Remove "unknown_key_${MAX_FIXES_PER_REQUEST - 1}"`);
    // A cursor further down gets the fixes of its own line, whatever comes before it.
    const line = document.positionAt(text.indexOf('unknown_key_39999'));
    assert.deepEqual(s.codeActions(document, { start: line, end: line }).map((a) => a.title), ['Remove "unknown_key_39999"']);
  });
});
