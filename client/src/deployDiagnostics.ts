import * as vscode from 'vscode';
import { TextDocument as LspTextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../../server/src/service/findings';

/** Shows the server's 400 messages on the YAML lines, in their own collection (cleared on edit or a later success). */
export function showServerErrors(collection: vscode.DiagnosticCollection, document: vscode.TextDocument, findings: Finding[]): void {
  const lines = LspTextDocument.create(document.uri.toString(), document.languageId, document.version, document.getText());
  collection.set(
    document.uri,
    findings.map((f) => {
      const start = lines.positionAt(f.start);
      const end = lines.positionAt(f.end);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), f.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'authentik server';
      diagnostic.code = f.code;
      return diagnostic;
    }),
  );
}
