import { TextDocument } from 'vscode-languageserver-textdocument';
import { AuthentikSettings } from '../../common/settings';
import { TestService } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';
import { withinMs } from './timing';

/**
 * Asks for every editor feature on `document` at `offsets` (default: start, middle, end), each within
 * `limitMs`: what a user opening a hostile file triggers. Throws on the first failure or freeze.
 */
export function useEveryFeature(service: TestService, document: TextDocument, limitMs: number, settings: AuthentikSettings = new SettingsBuilder().withAllRules().withInlayHints().build(), offsets?: number[]): void {
  const length = document.getText().length;
  const whole = { start: document.positionAt(0), end: document.positionAt(length) };
  for (const offset of offsets ?? [0, Math.floor(length / 2), length]) {
    const position = document.positionAt(offset);
    withinMs(limitMs, `completion at ${offset}`, () => service.complete(document, position, { snippetSupport: true }, settings));
    withinMs(limitMs, `hover at ${offset}`, () => service.hover(document, position, settings));
    withinMs(limitMs, `code actions at ${offset}`, () => service.codeActions(document, { start: position, end: position }, settings));
  }
  withinMs(limitMs, 'code actions over the whole file', () => service.codeActions(document, whole, settings));
  withinMs(limitMs, 'document symbols', () => service.documentSymbols(document, settings));
  withinMs(limitMs, 'folding ranges', () => service.foldingRanges(document, settings));
  withinMs(limitMs, 'inlay hints', () => service.inlayHints(document, whole, settings));
}
