import { AuthentikSettings, DEFAULT_SETTINGS, RuleId, RuleSettings } from '../../common/settings';

const ALL_RULES_OFF = Object.fromEntries(Object.keys(DEFAULT_SETTINGS.rules).map((id) => [id, false])) as unknown as RuleSettings;

/** The release the test documents written in the 2024.8 shape (one-string redirect_uris) are for. */
export const LEGACY_VERSION = '2024.8.4';

/**
 * Settings for a unit test: every authentik rule and the inlay hints start off, and a test turns on
 * only what it is about, so a finding from another rule never shows up in its assertions.
 * The schema checks (types, required keys, enums) and the YAML checks always run. Documents
 * without a version comment are checked for 2024.8.4, the shape most test documents are written
 * in (as `authentik.serverVersion` would say); `withServerVersion('auto')` gives the default.
 */
export class SettingsBuilder {
  private settings: AuthentikSettings = { ...DEFAULT_SETTINGS, inlayHints: false, serverVersion: LEGACY_VERSION, rules: { ...ALL_RULES_OFF } };

  withRules(...ids: RuleId[]): this {
    for (const id of ids) this.settings.rules[id] = true;
    return this;
  }

  withAllRules(): this {
    return this.withRules(...(Object.keys(DEFAULT_SETTINGS.rules) as RuleId[]));
  }

  withInlayHints(): this {
    this.settings.inlayHints = true;
    return this;
  }

  withServerVersion(version: string): this {
    this.settings.serverVersion = version;
    return this;
  }

  withMaxFileSize(bytes: number): this {
    this.settings.maxFileSize = bytes;
    return this;
  }

  build(): AuthentikSettings {
    return { ...this.settings, rules: { ...this.settings.rules } };
  }
}

/** Settings with only these rules on. */
export function rulesOn(...ids: RuleId[]): AuthentikSettings {
  return new SettingsBuilder().withRules(...ids).build();
}

/** Settings with no authentik rule on: schema and YAML checks only. */
export function noRules(): AuthentikSettings {
  return new SettingsBuilder().build();
}
