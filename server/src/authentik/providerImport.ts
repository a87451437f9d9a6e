import { AuthentikApi } from '../../../common/authentik/apiClient';
import { serverText } from '../../../common/authentik/serverAnswers';
import { Profile } from '../../../common/profiles';
import { ExportProviderResult, ListProvidersResult, ProviderSummary } from '../../../common/protocol';
import { distinctExportNames, exportProvider, PortableLists, textHoldsSecret } from '../service/portable';
import { listServerProviders } from './serverProviders';

/**
 * The editor's import: the server's OAuth2 providers for a quick pick, and one of them as a file.
 * Each call lists the server afresh; nothing of a provider but its file ever leaves this process.
 */

/** Names and client ids only: the client secret is never part of the answer. */
export async function listImportable(api: AuthentikApi): Promise<ListProvidersResult> {
  const listed = await listServerProviders(api);
  if (!listed.ok) return { kind: 'unavailable', message: listed.failure.message };
  const providers = listed.value.providers.map((row): ProviderSummary => ({
    pk: row.pk,
    name: row.name,
    clientId: typeof row.record.client_id === 'string' ? row.record.client_id : '',
  }));
  return { kind: 'providers', providers };
}

export interface ImportTarget {
  /** The server's profile: its request fields and defaults. */
  profile: Profile;
  release: string;
  /** The server's objects, fetched for this import. */
  lists: PortableLists;
}

/**
 * The file for provider `pk`, named as `authentik-oauth2 export` names it (distinct from the other
 * providers' files), or why there is none. The notes are one line each, for a message.
 */
export async function exportForImport(api: AuthentikApi, pk: number, target: ImportTarget): Promise<ExportProviderResult> {
  const listed = await listServerProviders(api);
  if (!listed.ok) return { kind: 'unavailable', message: listed.failure.message };
  const { providers, otherTypes } = listed.value;
  const row = providers.find((p) => p.pk === pk);
  if (!row) {
    const other = otherTypes.some((p) => p.pk === pk);
    return { kind: 'unavailable', message: other ? `Provider pk ${pk} is not an OAuth2 provider (the OAuth2 list shows it because its type is built on OAuth2 providers).` : `The server has no OAuth2 provider pk ${pk} (any more).` };
  }
  const names = distinctExportNames(providers).get(pk)!;
  const exported = exportProvider(row.record, { ...target, secretVariable: names.secretVariable });
  if (textHoldsSecret(exported.text, row.record)) {
    return { kind: 'unavailable', message: `Another field of "${serverText(row.name)}" holds the text of its client secret, which a file must never contain: nothing was written.` };
  }
  const notes = exported.notes.map((note) => serverText(note.message, 300));
  if (names.sharedFileName) notes.push(`Another provider's name also gives ${names.sharedFileName}: this one is ${names.fileName}.`);
  if (names.sharedSecretVariable && exported.text.includes(`!env ${names.secretVariable}`)) notes.push(`Another provider's name also gives ${names.sharedSecretVariable}: this file reads ${names.secretVariable}.`);
  return { kind: 'exported', fileName: names.fileName, text: exported.text, notes };
}
