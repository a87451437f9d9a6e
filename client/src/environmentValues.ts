/**
 * The values of a file's `!env` variables for an editor deploy: the extension host's environment
 * first, then a value kept for the server's origin, then the user, who may keep what they type.
 * Pure: the environment, the secret storage and the prompts are passed in.
 */

/** Where one variable's value came from (shown in the confirmation; the value itself never is). */
export type ValueSource = 'environment' | 'stored' | 'entered' | 'entered and kept';

export interface ValueInputs {
  /** The extension host's `process.env`. */
  processEnv: Readonly<Record<string, string | undefined>>;
  /** The value kept for this origin, if any. */
  stored(name: string): Promise<string | undefined>;
  /** Asks the user; undefined when they cancelled. `keep`: they asked to keep it for this origin. */
  ask(name: string): Promise<{ value: string; keep: boolean } | undefined>;
  /** Keeps a value for this origin. */
  store(name: string, value: string): Promise<void>;
}

export type GatheredValues =
  | { ok: true; values: Record<string, string>; sources: Record<string, ValueSource> }
  | { ok: false; cancelled: string };

/** Each variable's value, asked in the order given; stops at the first the user does not give. */
export async function gatherValues(variables: readonly string[], inputs: ValueInputs): Promise<GatheredValues> {
  // Maps, made objects at the end: a variable may be named `__proto__`.
  const values = new Map<string, string>();
  const sources = new Map<string, ValueSource>();
  const done = () => ({ ok: true as const, values: Object.fromEntries(values), sources: Object.fromEntries(sources) });
  for (const name of variables) {
    const fromEnvironment = Object.prototype.hasOwnProperty.call(inputs.processEnv, name) ? inputs.processEnv[name] : undefined;
    if (fromEnvironment !== undefined) {
      values.set(name, fromEnvironment);
      sources.set(name, 'environment');
      continue;
    }
    const stored = await inputs.stored(name);
    if (stored !== undefined) {
      values.set(name, stored);
      sources.set(name, 'stored');
      continue;
    }
    const answer = await inputs.ask(name);
    if (!answer) return { ok: false, cancelled: name };
    values.set(name, answer.value);
    sources.set(name, answer.keep ? 'entered and kept' : 'entered');
    if (answer.keep) await inputs.store(name, answer.value);
  }
  return done();
}

/** The SecretStorage key of a variable's value for one server: one value per origin and name. */
export function environmentValueKey(origin: string, name: string): string {
  // A variable name has no `@`, and an origin none either (credentials in a URL are refused).
  return `authentik.env:${name}@${origin}`;
}

/** The lines the confirmation shows about the values: where each came from, never what it is. */
export function valueSourceLines(sources: Readonly<Record<string, ValueSource>>, origin: string): string[] {
  return Object.entries(sources).map(([name, source]) => {
    switch (source) {
      case 'environment':
        return `${name}: from the editor's environment`;
      case 'stored':
        return `${name}: the value stored for ${origin} (forget it with "authentik: Forget Stored Environment Values")`;
      case 'entered':
        return `${name}: entered now, for this deploy only`;
      case 'entered and kept':
        return `${name}: entered now, and stored for ${origin}`;
    }
  });
}

/** The index of kept values (names only, per origin): SecretStorage cannot list its keys. */
export type StoredIndex = Readonly<Record<string, readonly string[]>>;

export function withStored(index: StoredIndex, origin: string, name: string): StoredIndex {
  const names = index[origin] ?? [];
  return names.includes(name) ? index : { ...index, [origin]: [...names, name].sort() };
}

export function withoutStored(index: StoredIndex, origin: string, name: string): StoredIndex {
  const names = (index[origin] ?? []).filter((n) => n !== name);
  const next: Record<string, readonly string[]> = { ...index };
  if (names.length > 0) next[origin] = names;
  else delete next[origin];
  return next;
}

/** Every kept value as (origin, name), for the "Forget" command's list. */
export function storedEntries(index: StoredIndex): { origin: string; name: string }[] {
  return Object.keys(index)
    .sort()
    .flatMap((origin) => (Array.isArray(index[origin]) ? index[origin].filter((n) => typeof n === 'string').map((name) => ({ origin, name })) : []));
}
