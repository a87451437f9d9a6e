import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { migrate, migrationTarget } from '../service/migration';
import { applyEdits } from '../service/pairEdits';
import { parseText } from '../service/parsedDocument';
import { visible } from './escape';
import { collectFiles, describeFsError } from './files';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCommandLine, usageError } from './io';
import { unifiedDiff } from './unifiedDiff';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `authentik-oauth2 migrate <paths> --to <version>`: prints what rewriting the files for that release
 * would change, as a unified diff, and changes nothing; `--write` rewrites them. Exit 0 when nothing
 * needs changing (or everything was written), 1 when a file needs changes, 2 when one cannot be migrated.
 */
export function runMigrate(argv: string[], io: CliIo): number {
  const parsed = parseCommandLine(io, 'migrate', argv, {
    to: { type: 'string' },
    write: { type: 'boolean', default: false },
    'invalidation-flow': { type: 'string' },
  });
  if (!parsed) return EXIT_USAGE;
  const { values, positionals } = parsed;
  if (values.to === undefined) return usageError(io, 'migrate', 'give the release to migrate to, e.g. --to 2026.5');
  const target = migrationTarget(values.to);
  if ('error' in target) return usageError(io, 'migrate', `--to: ${target.error}`);
  const invalidationFlow = values['invalidation-flow'];
  if (invalidationFlow !== undefined && !UUID.test(invalidationFlow)) return usageError(io, 'migrate', '--invalidation-flow takes the UUID of a flow');

  const { files: found, notes } = collectFiles(positionals.length ? positionals : ['.'], io.cwd);
  const problems = notes.filter((n) => n.level === 'error');
  if (found.length === 0 && problems.length === 0) problems.push({ level: 'error', path: positionals.join(' ') || '.', message: 'no *.oauth2provider.yaml files found' });
  let failed = problems.length > 0;
  let needChanges = 0;
  let written = 0;
  for (const note of notes.filter((n) => n.level === 'warning')) io.stderr.write(`authentik-oauth2: warning: ${visible(note.path)}: ${visible(note.message)}\n`);
  for (const problem of problems) io.stderr.write(`authentik-oauth2: ${visible(problem.path)}: ${visible(problem.message)}\n`);
  for (const { path: file, real: absolute } of found) {
    let raw: string;
    try {
      const { size } = fs.statSync(absolute);
      if (size > DEFAULT_SETTINGS.maxFileSize) throw new Error(`larger than ${DEFAULT_SETTINGS.maxFileSize} bytes`);
      raw = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      io.stderr.write(`authentik-oauth2: ${visible(file)}: ${error instanceof Error && !('code' in error) ? error.message : describeFsError(error)}\n`);
      failed = true;
      continue;
    }
    // The byte order mark is kept as it was; the YAML is read without it.
    const bom = raw.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
    const text = raw.slice(bom.length);
    const result = migrate(parseText(text, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }), target, { invalidationFlow });
    if (!result.ok) {
      io.stderr.write(`authentik-oauth2: ${visible(file)}: cannot migrate to authentik ${target.version}: ${visible(result.reason)}\n`);
      failed = true;
      continue;
    }
    if (result.edits.length === 0) continue;
    const after = applyEdits(text, result.edits);
    const name = visible(file.split(path.sep).join("/"));
    if (values.write) {
      try {
        fs.writeFileSync(absolute, bom + after, 'utf8');
      } catch (error) {
        io.stderr.write(`authentik-oauth2: ${visible(file)}: ${visible(describeFsError(error))}\n`);
        failed = true;
        continue;
      }
      written++;
      io.stdout.write(`${name}: ${result.changes.join('; ')}\n`);
    } else {
      needChanges++;
      io.stdout.write(unifiedDiff(text, after, `a/${name}`, `b/${name}`));
    }
  }
  const checked = found.length;
  if (values.write) io.stderr.write(`Rewrote ${written} of ${checked} file${checked === 1 ? '' : 's'} for authentik ${target.version}.\n`);
  else io.stderr.write(`${needChanges} of ${checked} file${checked === 1 ? '' : 's'} need${needChanges === 1 ? 's' : ''} changes for authentik ${target.version}${needChanges ? ' (run again with --write to apply them)' : ''}.\n`);
  if (failed) return EXIT_USAGE;
  return needChanges > 0 ? EXIT_FINDINGS : EXIT_OK;
}
