/** A text replacement in offsets; it becomes an LSP TextEdit at the edge that knows the line table. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}
