import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, documentWithCursor, service, summarize } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';
import { useEveryFeature } from './everyFeature';

/** Hostile input meets every rule and feature. */
const EVERYTHING = new SettingsBuilder().withAllRules().withInlayHints().build();

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';

// The editor never sees bytes: a NUL or a lone surrogate arrives as a character (the CLI reports such files as binary or invalid UTF-8).
describe('limits: control characters and broken UTF-16 in the editor', () => {
  it('NUL characters inside values and keys: no failure, later positions exact', () => {
    const { document, diagnostics } = diagnose(`name: a\u0000b\nauthorization_flow: ${FLOW}\n\u0000x: 1\nredirect_uris: https://a\\.b/c\nsub_mode: user_mail\n`, { settings: EVERYTHING });
    // The server refuses NUL in a string ("Null characters are not allowed."): flagged on that value.
    assert.deepEqual(summarize(document, diagnostics), ['null-character@0:6-0:9 "a\\u0000b"', 'unknown-key@2:0-2:2 "\\u0000x"', 'invalid-enum@4:10-4:19 "user_mail"']);
    useEveryFeature(service(undefined, EVERYTHING), document, 2_000);
  });

  it('lone surrogates and other control characters: no failure, later positions exact', () => {
    const { document, diagnostics } = diagnose(`name: \uD800\u001b[31m\uDFFF\nauthorization_flow: ${FLOW}\nredirect_uris: https://a\\.b/c\nsub_mode: user_mail\n`, { settings: EVERYTHING });
    // The server refuses lone surrogates in a string: flagged on that value; the escape sequence is data.
    assert.deepEqual(summarize(document, diagnostics), ['surrogate-character@0:6-0:13 "\\ud800\\u001b[31m\\udfff"', 'invalid-enum@3:10-3:19 "user_mail"']);
    useEveryFeature(service(undefined, EVERYTHING), document, 2_000);
  });

  it('a document made only of NULs', () => {
    const { document } = documentWithCursor('\u0000'.repeat(10_000));
    const diagnostics = service(undefined, EVERYTHING).validate(document);
    assert.deepEqual(summarize(document, diagnostics), [`not-a-mapping@0:0-0:10000 ${JSON.stringify('\u0000'.repeat(10_000))}`]);
    assert.equal(diagnostics[0].message, 'Expected a mapping of provider fields (name: ..., authorization_flow: ...), found a single value.');
    useEveryFeature(service(undefined, EVERYTHING), document, 2_000);
  });
});
