import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { Position, Range } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, StartOptions } from '../helpers/lspClient';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

/** A fixture file's text, exactly as stored. */
export function fixtureText(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES, relativePath), 'utf8');
}

let counter = 0;
/** A fresh uri per test, so tests sharing one server never see each other's diagnostics. */
export function uniqueUri(name: string): string {
  return `file:///workspace/${++counter}/${name}.oauth2provider.yaml`;
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

export function position(line: number, character: number): Position {
  return { line, character };
}

/** Applies edits the way a client does and returns the new text. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);
}

/** One server for a describe block: started before its tests, ended after them. */
export function useServer(options: StartOptions = {}): () => LspClient {
  let client: LspClient | undefined;
  before(async () => {
    client = (await LspClient.start(options)).client;
  });
  after(async () => {
    await client?.dispose();
  });
  return () => {
    if (!client) throw new Error('the server did not start');
    return client;
  };
}

/** Every test waits for messages; this only turns a hang into a failure. */
export const TEST_TIMEOUT = { timeout: 20_000 };
