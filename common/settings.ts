import { checkBaseUrl } from './authentik/connection';

/**
 * The extension's settings, one typed object shared by the client, the language server and the CLI.
 * Every key lives under the `authentik.` prefix in VS Code's configuration.
 */
export interface RuleSettings {
  /** Durations parsed as the server parses them. */
  durations: boolean;
  /** Redirect URI pitfalls: regex characters, wildcards, empty list, plain http. */
  redirectUris: boolean;
  /** Client secrets on public clients and literal secrets in the file. */
  clientSecret: boolean;
  /** Keys the server does not know (it ignores them silently). */
  unknownKeys: boolean;
  /** Response-only keys such as `pk` (ignored by the server in a request). */
  readOnlyKeys: boolean;
  /** UUIDs that refer to no object on the server, or to one of the wrong kind. */
  references: boolean;
}

/** One entry of `authentik.environments`: a server the files can be deployed to, by a name of the user's. */
export interface EnvironmentSetting {
  /** `dev`, `staging`, `prod`: unique (ignoring letter case) in the list. */
  name: string;
  /** The environment's server, as `authentik.serverUrl` would give it. */
  serverUrl: string;
}

export interface AuthentikSettings {
  /** Base URL of the authentik server, e.g. https://auth.example.com */
  serverUrl: string;
  /** Named servers to deploy to (dev, staging, prod); empty: only serverUrl. Entries that do not pass the checks are left out. */
  environments: EnvironmentSetting[];
  /** Allow sending the token over plain http to a host that is not loopback. */
  allowInsecureHttp: boolean;
  /** Deploy request timeout in seconds. */
  deployTimeoutSeconds: number;
  /** Files larger than this many bytes are not validated. */
  maxFileSize: number;
  /** How long looked-up references stay fresh, in seconds. */
  referencesTtlSeconds: number;
  /** Show inlay hints naming the object a UUID refers to. */
  inlayHints: boolean;
  /**
   * The authentik release files are checked for when they have no `# authentik-version:` comment:
   * `auto` (the connected server's release, else the newest known one) or a version (`2026.2`, `2024.8.4`).
   */
  serverVersion: string;
  rules: RuleSettings;
}

export const DEFAULT_SETTINGS: AuthentikSettings = {
  serverUrl: '',
  environments: [],
  allowInsecureHttp: false,
  deployTimeoutSeconds: 30,
  // 256 KiB: far above any real provider body (5,000 property mappings are 215 KB), and small enough that
  // parsing a file on every keystroke leaves hover and completion quick (bench/README.md, figure 9).
  maxFileSize: 256 * 1024,
  referencesTtlSeconds: 300,
  inlayHints: true,
  serverVersion: 'auto',
  rules: {
    durations: true,
    redirectUris: true,
    clientSecret: true,
    unknownKeys: true,
    readOnlyKeys: true,
    references: true,
  },
};

export type RuleId = keyof RuleSettings;

export type NumericSetting = 'deployTimeoutSeconds' | 'maxFileSize' | 'referencesTtlSeconds';

/**
 * The range of every numeric setting. The manifest (package.json, contributes.configuration) declares
 * the same `minimum` and `maximum` for the settings editor; a test holds the two together. A value from
 * any source (user, workspace, folder, initialization options) is clamped into this range, because a
 * repository's own settings are as untrusted as its files.
 */
export const NUMERIC_SETTING_BOUNDS: Readonly<Record<NumericSetting, { minimum: number; maximum: number }>> = {
  // A deploy is one small HTTP request; an hour is far beyond any real wait, and well under Node's timer limit.
  deployTimeoutSeconds: { minimum: 1, maximum: 3600 },
  // Up to 4 MiB: a larger provider body is not a real one, and parsing it would stall the editor's requests.
  maxFileSize: { minimum: 1024, maximum: 4 * 1024 * 1024 },
  referencesTtlSeconds: { minimum: 5, maximum: 86_400 },
};

/**
 * The range of `deployTimeoutSeconds` (and of the CLI's `--timeout`), as the manifest declares it.
 * Node's timers fire at once beyond about 24.8 days, so an unbounded value would not wait at all.
 */
export const DEPLOY_TIMEOUT_RANGE = NUMERIC_SETTING_BOUNDS.deployTimeoutSeconds;

/** A number in [minimum, maximum]; anything that is not a finite number gives the fallback. */
export function clampToRange(value: unknown, range: { minimum: number; maximum: number }, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(value, range.minimum), range.maximum);
}

/** A finite number is clamped into the setting's range; anything else gives the default. */
export function clampSetting(key: NumericSetting, value: unknown): number {
  return clampToRange(value, NUMERIC_SETTING_BOUNDS[key], DEFAULT_SETTINGS[key]);
}

/** Fills in defaults for anything missing or of the wrong type in a (possibly partial) settings object, and clamps numbers. */
export function normalizeSettings(input: unknown): AuthentikSettings {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const rawRules = (raw.rules && typeof raw.rules === 'object' ? raw.rules : {}) as Record<string, unknown>;
  const pick = <T>(value: unknown, fallback: T): T => (typeof value === typeof fallback ? (value as T) : fallback);
  const rules = { ...DEFAULT_SETTINGS.rules };
  for (const id of Object.keys(rules) as RuleId[]) rules[id] = pick(rawRules[id], rules[id]);
  const allowInsecureHttp = pick(raw.allowInsecureHttp, DEFAULT_SETTINGS.allowInsecureHttp);
  return {
    serverUrl: pick(raw.serverUrl, DEFAULT_SETTINGS.serverUrl).trim(),
    environments: normalizeEnvironments(raw.environments, allowInsecureHttp).environments,
    allowInsecureHttp,
    deployTimeoutSeconds: clampSetting('deployTimeoutSeconds', raw.deployTimeoutSeconds),
    maxFileSize: clampSetting('maxFileSize', raw.maxFileSize),
    referencesTtlSeconds: clampSetting('referencesTtlSeconds', raw.referencesTtlSeconds),
    inlayHints: pick(raw.inlayHints, DEFAULT_SETTINGS.inlayHints),
    serverVersion: pick(raw.serverVersion, DEFAULT_SETTINGS.serverVersion).trim() || DEFAULT_SETTINGS.serverVersion,
    rules,
  };
}

/** The longest environment name kept: it is shown in the status bar and in dialogs. */
export const MAX_ENVIRONMENT_NAME_LENGTH = 64;

/**
 * `authentik.environments` as the extension uses it, and why each entry left out was left out: an
 * entry needs a non-empty name no other entry has (ignoring letter case), and a server URL that
 * passes the checks `authentik.serverUrl` passes. A bad entry is dropped, never guessed at.
 */
export function normalizeEnvironments(input: unknown, allowInsecureHttp: boolean): { environments: EnvironmentSetting[]; problems: string[] } {
  const environments: EnvironmentSetting[] = [];
  const problems: string[] = [];
  if (input === undefined || input === null) return { environments, problems };
  if (!Array.isArray(input)) return { environments, problems: ['authentik.environments must be a list of { "name", "serverUrl" } entries; it was ignored.'] };
  const seen = new Set<string>();
  input.forEach((entry: unknown, index) => {
    const at = `authentik.environments[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at} is not an object with "name" and "serverUrl"; it was left out.`);
      return;
    }
    const { name, serverUrl } = entry as Record<string, unknown>;
    const trimmedName = typeof name === 'string' ? name.trim() : '';
    if (!trimmedName) {
      problems.push(`${at} has no name; it was left out.`);
      return;
    }
    // Names come from settings a repository can ship: quoted as JSON in messages, never as markup.
    const quoted = JSON.stringify(trimmedName.slice(0, MAX_ENVIRONMENT_NAME_LENGTH));
    if (trimmedName.length > MAX_ENVIRONMENT_NAME_LENGTH) {
      problems.push(`${at}: the name ${quoted}... is longer than ${MAX_ENVIRONMENT_NAME_LENGTH} characters; it was left out.`);
      return;
    }
    if (seen.has(trimmedName.toLowerCase())) {
      problems.push(`${at}: another environment is already named ${quoted}; it was left out.`);
      return;
    }
    if (typeof serverUrl !== 'string') {
      problems.push(`${at} (${quoted}) has no serverUrl; it was left out.`);
      return;
    }
    const check = checkBaseUrl(serverUrl, allowInsecureHttp);
    if (!check.ok) {
      problems.push(`${at} (${quoted}): ${check.message} It was left out.`);
      return;
    }
    seen.add(trimmedName.toLowerCase());
    environments.push({ name: trimmedName, serverUrl: serverUrl.trim() });
  });
  return { environments, problems };
}
