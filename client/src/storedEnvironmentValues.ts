import type * as vscode from 'vscode';
import { environmentValueKey, StoredIndex, storedEntries, withoutStored, withStored } from './environmentValues';

/** The names of the kept values per origin (never the values): SecretStorage cannot list its keys. */
const INDEX_KEY = 'authentik.storedEnvironmentValues';

/** `!env` values the user chose to keep, in SecretStorage, one per server origin and variable name. */
export class StoredEnvironmentValues {
  constructor(private readonly context: vscode.ExtensionContext) {}

  get(origin: string, name: string): Thenable<string | undefined> {
    return this.context.secrets.get(environmentValueKey(origin, name));
  }

  async store(origin: string, name: string, value: string): Promise<void> {
    await this.context.secrets.store(environmentValueKey(origin, name), value);
    await this.context.globalState.update(INDEX_KEY, withStored(this.index(), origin, name));
  }

  async forget(origin: string, name: string): Promise<void> {
    await this.context.secrets.delete(environmentValueKey(origin, name));
    await this.context.globalState.update(INDEX_KEY, withoutStored(this.index(), origin, name));
  }

  entries(): { origin: string; name: string }[] {
    return storedEntries(this.index());
  }

  private index(): StoredIndex {
    const index = this.context.globalState.get<unknown>(INDEX_KEY);
    return typeof index === 'object' && index !== null && !Array.isArray(index) ? (index as StoredIndex) : {};
  }
}
