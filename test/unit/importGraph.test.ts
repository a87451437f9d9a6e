import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';

/** The part of madge's API used here (madge ships no type declarations). */
interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
  warnings(): { skipped: string[] };
}
type Madge = (paths: string[], config: Record<string, unknown>) => Promise<MadgeResult>;
const madge = require('madge') as Madge;

const repo = path.resolve(__dirname, '../..');

/**
 * The import graph of the three programs' sources, type-only imports included: one file per node,
 * with npm packages as their resolved files under node_modules/.
 */
describe('import graph of client/, server/ and common/', () => {
  let graph: MadgeResult;
  before(async () => {
    graph = await madge(['client/src', 'server/src', 'common'], {
      baseDir: repo,
      fileExtensions: ['ts'],
      includeNpm: true,
      detectiveOptions: { ts: { skipTypeImports: false } },
    });
  });

  const importsOf = (prefix: string) =>
    Object.entries(graph.obj())
      .filter(([file]) => file.startsWith(prefix))
      .flatMap(([file, imports]) => imports.map((imported) => `${file} -> ${imported}`));

  it('resolves every import', () => {
    assert.deepEqual(graph.warnings().skipped, []);
    assert.ok(Object.keys(graph.obj()).length > 50, 'the graph holds the sources');
  });

  it('has no import circle', () => {
    assert.deepEqual(graph.circular(), []);
  });

  it('the extension imports nothing of the language server’s sources', () => {
    assert.deepEqual(importsOf('client/').filter((edge) => edge.includes('-> server/')), []);
  });

  it('the shared core imports nothing of the programs that use it, nor VS Code', () => {
    assert.deepEqual(importsOf('common/').filter((edge) => /-> (client|server)\/|@types\/vscode/.test(edge)), []);
  });

  it('the language server and the CLI import nothing of the extension, nor VS Code', () => {
    assert.deepEqual(importsOf('server/').filter((edge) => /-> client\/|@types\/vscode/.test(edge)), []);
  });
});
