import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clampSetting, DEFAULT_SETTINGS, NUMERIC_SETTING_BOUNDS, normalizeSettings, NumericSetting } from '../../common/settings';

const NUMERIC = Object.keys(NUMERIC_SETTING_BOUNDS) as NumericSetting[];

describe('settings: numbers are clamped to their declared range', () => {
  for (const key of NUMERIC) {
    const { minimum, maximum } = NUMERIC_SETTING_BOUNDS[key];
    it(`${key}: ${minimum} to ${maximum}`, () => {
      assert.equal(clampSetting(key, minimum), minimum);
      assert.equal(clampSetting(key, maximum), maximum);
      assert.equal(clampSetting(key, (minimum + maximum) / 2), (minimum + maximum) / 2);
      for (const below of [minimum - 0.5, 0, -1, -1e300, Number.MIN_VALUE]) assert.equal(clampSetting(key, below), minimum, String(below));
      for (const above of [maximum + 1, 1e12, Number.MAX_VALUE]) assert.equal(clampSetting(key, above), maximum, String(above));
      // Not a number at all: the default, not an end of the range.
      for (const junk of [NaN, Infinity, -Infinity, '600', null, undefined, true, {}, [5]]) assert.equal(clampSetting(key, junk), DEFAULT_SETTINGS[key], String(junk));
    });
  }

  it('a workspace asking for a reference TTL of 1 ms gets the minimum, and the other settings their defaults', () => {
    const settings = normalizeSettings({ referencesTtlSeconds: 0.001, deployTimeoutSeconds: 1e9, maxFileSize: 0 });
    assert.deepEqual(
      { ttl: settings.referencesTtlSeconds, timeout: settings.deployTimeoutSeconds, size: settings.maxFileSize },
      { ttl: NUMERIC_SETTING_BOUNDS.referencesTtlSeconds.minimum, timeout: NUMERIC_SETTING_BOUNDS.deployTimeoutSeconds.maximum, size: NUMERIC_SETTING_BOUNDS.maxFileSize.minimum },
    );
    assert.deepEqual(normalizeSettings({}), DEFAULT_SETTINGS);
  });

  it('the deploy timeout, at its highest, stays under what a Node timer can wait', () => {
    assert.ok(NUMERIC_SETTING_BOUNDS.deployTimeoutSeconds.maximum * 1000 <= 2 ** 31 - 1);
    assert.ok(NUMERIC_SETTING_BOUNDS.referencesTtlSeconds.maximum * 1000 <= 2 ** 31 - 1);
  });

  it('every default lies in its range', () => {
    for (const key of NUMERIC) assert.equal(clampSetting(key, DEFAULT_SETTINGS[key]), DEFAULT_SETTINGS[key], key);
  });
});
