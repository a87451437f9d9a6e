import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuthentikApi } from '../../../common/authentik/apiClient';
import { HttpClient, NodeHttpClient } from '../../../common/authentik/http';
import { ProviderRow, serverText } from '../../../common/authentik/serverAnswers';
import { listServerProviders } from '../authentik/serverProviders';
import { distinctExportNames, exportProvider, textHoldsSecret } from '../service/portable';
import { CONNECTION_OPTIONS, connectionFromOptions } from './connectionOptions';
import { linePath, visible } from './escape';
import { describeFsError } from './files';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, parseCommandLine, usageError } from './io';
import { serverContext, serverLists } from './serverContext';

/** export: some files existed and were kept as they were (the others were written). */
export const EXIT_KEPT = 3;

export const EXPORT_OPTIONS_HELP = `export options:
  --url URL                         The server (or AUTHENTIK_URL); the token comes from AUTHENTIK_TOKEN
  --out DIR                         Where the files go (created if missing)
  --name NAME                       Export only this provider (repeatable; default: every OAuth2 provider)
  --overwrite                       Replace files that exist (default: keep them and say so)
  --timeout SECONDS                 How long one request may take
  --allow-insecure-http             Allow plain http to a host other than this machine`;

/**
 * `authentik-oauth2 export --url <base> [--name <name>]... --out <dir>`: writes each OAuth2 provider of
 * the server as `<slug>.oauth2provider.yaml`, with references by slug or name and the client secret
 * as `!env`. Never prompts, never writes a secret, and never replaces a file without --overwrite.
 */
export async function runExport(argv: string[], io: CliIo, http: HttpClient = new NodeHttpClient()): Promise<number> {
  const parsed = parseCommandLine(io, 'export', argv, {
    ...CONNECTION_OPTIONS,
    out: { type: 'string' },
    name: { type: 'string', multiple: true },
    overwrite: { type: 'boolean', default: false },
  });
  if (!parsed) return EXIT_USAGE;
  const { values, positionals } = parsed;
  if (positionals.length > 0) return usageError(io, 'export', `export takes no paths (got "${visible(positionals[0])}"); the folder is given with --out`);
  if (values.out === undefined || values.out === '') return usageError(io, 'export', 'give the folder to write to, e.g. export --url https://auth.example.com --out providers');
  const connection = connectionFromOptions(io, 'export', values);
  if (typeof connection === 'number') return connection;

  const context = await serverContext(connection, http, io);
  if (!context.profile) return fail(io, 'export', "the server's release is not known, so the fields a file holds are not known either; nothing was written.");

  const api = new AuthentikApi(connection, http);
  // Every answer's secrets are remembered by the redactor: whatever is printed goes through it.
  const { redactor } = api;
  const say = (line: string) => io.stdout.write(`${redactor.text(line)}\n`);
  const warn = (line: string) => io.stderr.write(`authentik-oauth2 export: ${redactor.text(line)}\n`);
  const listed = await listServerProviders(api);
  if (!listed.ok) {
    const kind = listed.failure.kind;
    return fail(io, 'export', visible(listed.failure.message), kind === 'forbidden' || kind === 'not-found' ? EXIT_FINDINGS : EXIT_USAGE);
  }
  const { providers, otherTypes } = listed.value;
  // After the providers, so that a token the server refuses is said as such (exit 1).
  if (!context.references) return fail(io, 'export', "the server's flows, key pairs, mappings and sources could not be listed, so a file could not name them by slug or name; nothing was written.");
  const lists = serverLists(context);

  const wanted = values.name ?? [];
  const selected = wanted.length === 0 ? providers : providers.filter((row) => wanted.includes(row.name));
  const problems = wanted.filter((name) => !providers.some((row) => row.name === name)).map((name) => missingName(name, otherTypes));
  if (problems.length > 0) {
    for (const problem of problems) warn(problem);
    return fail(io, 'export', 'nothing was written.', EXIT_FINDINGS);
  }
  if (wanted.length === 0) for (const row of otherTypes) warn(`skipped "${label(row)}" (pk ${row.pk}): ${otherType(row)}.`);

  const out = path.resolve(io.cwd, values.out);
  try {
    fs.mkdirSync(out, { recursive: true });
    if (!fs.statSync(out).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    return fail(io, 'export', `--out ${visible(values.out)}: ${visible(describeFsError(error))}; nothing was written.`);
  }

  // Names come from the whole list, so a provider's file is the same whichever are exported.
  const names = distinctExportNames(providers);
  let written = 0;
  const kept: string[] = [];
  let failed = 0;
  for (const row of selected) {
    const own = names.get(row.pk)!;
    const exported = exportProvider(row.record, { profile: context.profile, lists, release: context.release ?? '', secretVariable: own.secretVariable });
    const shown = linePath(path.join(values.out, own.fileName));
    if (textHoldsSecret(exported.text, row.record)) {
      warn(`${shown}: not written: another field of "${label(row)}" (pk ${row.pk}) holds the text of its client secret, which a file must never contain.`);
      failed++;
      continue;
    }
    const outcome = writeFile(path.join(out, own.fileName), exported.text, values.overwrite === true);
    if (outcome === 'kept') {
      kept.push(shown);
      warn(`kept ${shown} as it is: the file exists (--overwrite replaces it). "${label(row)}" (pk ${row.pk}) was not written.`);
      continue;
    }
    if (outcome !== 'written') {
      warn(`${shown}: could not be written: ${visible(outcome.error)}.`);
      failed++;
      continue;
    }
    written++;
    const secretNote = exported.text.includes(`!env ${own.secretVariable}`) ? `; client secret from $${own.secretVariable}` : '';
    say(`wrote ${shown} ("${label(row)}", pk ${row.pk}${secretNote})`);
    if (own.sharedFileName) say(`  note: another provider's name also gives ${own.sharedFileName}: this one is written as ${own.fileName}.`);
    if (own.sharedSecretVariable && secretNote) say(`  note: another provider's name also gives $${own.sharedSecretVariable}: this one reads $${own.secretVariable}.`);
    for (const note of exported.notes) say(`  note: ${visible(note.message)}`);
  }
  const what = wanted.length === 0 ? `${selected.length} OAuth2 provider(s)` : `${selected.length} named OAuth2 provider(s)`;
  const keptText = kept.length > 0 ? `; ${kept.length} file(s) existed and were kept` : '';
  const failedText = failed > 0 ? `; ${failed} could not be written` : '';
  say(`Exported ${written} of ${what} from ${visible(api.baseUrl)} to ${linePath(values.out)}${keptText}${failedText}.`);
  if (failed > 0) return EXIT_USAGE;
  return kept.length > 0 ? EXIT_KEPT : EXIT_OK;
}

/** A server's provider name for a line of output: on one line, cut, and with every unsafe character shown. */
const label = (row: ProviderRow) => visible(serverText(row.name));

function otherType(row: ProviderRow): string {
  const type = serverText(row.verboseName ?? '') || 'a provider of another type';
  return `it is ${/^an? /i.test(type) ? type : `a ${visible(type)}`}, which the OAuth2 provider list shows too because that type is built on OAuth2 providers`;
}

function missingName(name: string, otherTypes: readonly ProviderRow[]): string {
  const other = otherTypes.find((row) => row.name === name);
  const shown = visible(serverText(name, 200));
  return other ? `--name "${shown}": not an OAuth2 provider: ${otherType(other)}.` : `--name "${shown}": the server has no OAuth2 provider of that name.`;
}

/**
 * Writes the file, or keeps one that exists. Without `overwrite` the file is created exclusively, so
 * nothing that exists (a file, a link) is ever replaced. With it, a new file is renamed over the old
 * one: a symbolic link there is replaced, never followed out of the folder.
 */
function writeFile(file: string, text: string, overwrite: boolean): 'written' | 'kept' | { error: string } {
  try {
    if (!overwrite) {
      fs.writeFileSync(file, text, { encoding: 'utf8', flag: 'wx' });
      return 'written';
    }
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory()) return { error: 'a folder of that name exists' };
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(temporary, text, { encoding: 'utf8', flag: 'wx' });
    try {
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
    return 'written';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && !overwrite) return 'kept';
    return { error: describeFsError(error) };
  }
}
