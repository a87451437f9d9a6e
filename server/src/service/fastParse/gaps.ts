/**
 * Comments and blank lines between nodes, turned into the node properties the yaml library's
 * composer derives from them. A gap is a run of whole lines, each empty or a comment starting in
 * column 0; each function follows one of the composer's three ways of reading such a run.
 */

interface GapLine {
  /** The comment text after `#` (a lone `#` reads as a space), or undefined for an empty line. */
  comment: string | undefined;
  /** The line break ending the line: `\n`, `\r\n`, or '' on the last line of the text. */
  newline: string;
}

function* gapLines(text: string, from: number, to: number): Generator<GapLine> {
  let p = from;
  while (p < to) {
    let eol = text.indexOf('\n', p);
    if (eol === -1 || eol > to) eol = to;
    const contentEnd = eol > p && text.charCodeAt(eol - 1) === 0x0d ? eol - 1 : eol;
    const newline = eol < text.length ? text.slice(contentEnd, eol + 1) : text.slice(contentEnd, eol);
    yield { comment: text.charCodeAt(p) === 0x23 ? text.slice(p + 1, contentEnd) || ' ' : undefined, newline };
    p = eol + 1;
  }
}

/**
 * Lines between two top-level pairs: they become the next key's `spaceBefore` and `commentBefore`.
 * The same reading gives an empty value the lines after it (from its line break, `atLineStart` false).
 */
export function gapProps(text: string, from: number, to: number, atLineStart = true): { spaceBefore: boolean; comment: string } {
  let spaceBefore = false;
  let atNewline = atLineStart;
  let comment = '';
  let separator = '';
  for (const line of gapLines(text, from, to)) {
    if (line.comment !== undefined) {
      comment = comment ? comment + separator + line.comment : line.comment;
      separator = '';
      atNewline = false;
    }
    if (!line.newline) continue;
    if (atNewline) {
      if (comment) comment += line.newline;
      else spaceBefore = true;
    } else {
      separator += line.newline;
    }
    atNewline = true;
  }
  return { spaceBefore, comment };
}

/** Lines before the first key: a comment right above it belongs to the key, one set apart by an empty line to the document. */
export function preludeComment(text: string, from: number, to: number): { comment: string; afterEmptyLine: boolean } {
  let comment = '';
  let atComment = false;
  let afterEmptyLine = false;
  for (const line of gapLines(text, from, to)) {
    if (line.comment !== undefined) {
      comment += (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') + line.comment;
      atComment = true;
      afterEmptyLine = false;
    }
    if (!line.newline) continue;
    if (!atComment) afterEmptyLine = true;
    atComment = false;
  }
  return { comment, afterEmptyLine };
}

/** Lines after the last value: their comments become the document's trailing comment. */
export function trailingComment(text: string, from: number, to: number): string {
  let comment = '';
  let separator = '';
  for (const line of gapLines(text, from, to)) {
    if (line.comment !== undefined) {
      comment = comment ? comment + separator + line.comment : line.comment;
      separator = '';
    }
    if (comment) separator += line.newline;
  }
  return comment;
}
