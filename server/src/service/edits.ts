/** A text replacement in offsets; it becomes an LSP TextEdit at the edge that knows the line table. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Text as literal snippet text (LSP snippet syntax): `$`, `}`, `\\`, and inside choices `,` and `|`, escaped. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\,|]/g, (c) => '\\' + c);
}
