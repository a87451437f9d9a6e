/**
 * Text from files and servers, made safe for GitHub-flavoured Markdown (a job summary, a pull request
 * comment): it renders as the same characters, never as markup, HTML, a link, a mention or a table cell break.
 */

/** Line breaks would end a table row; other control characters are invisible or garbled on the page. */
function flatten(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029\t]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

const ZERO_WIDTH_SPACE = '&#8203;';

/**
 * Plain text inside a line (a table cell). Backslash-escaped, so rendered as themselves: the characters
 * that start inline markup (`\\` `` ` `` `*` `_` `~` `[` `]` `<` `>` `&` `$`), `|` (it would end the cell), `:` of
 * `scheme://` and `.` of `www.` (GitHub would make a link). GitHub finds `@user`, `a@b.c`, `#123` and
 * `:emoji:` in the rendered text, after escapes are gone: a zero-width space after the sign keeps
 * them from becoming a mention, a mail link, an issue link or a picture.
 */
export function markdownText(text: string): string {
  return flatten(text)
    .replace(/[\\`*_~[\]<>&$|]|:(?=\/\/)|(?<=www)\./gi, (c) => `\\${c}`)
    .replace(/@|#(?=[A-Za-z0-9])|:(?=[A-Za-z0-9_+-])/g, (c) => `${c}${ZERO_WIDTH_SPACE}`);
}

/**
 * A code span: shown literally (no markup, links or mentions inside), delimited by more backticks than
 * the longest run within. Inside a table cell `|` still splits the row, so it is escaped; GitHub
 * removes that backslash before the span is read.
 */
export function markdownCode(text: string, inTable = false): string {
  let value = flatten(text);
  if (inTable) value = value.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A space on each side lets a value start or end with a backtick; CommonMark strips one of each.
  const padded = value.startsWith('`') || value.endsWith('`') || (value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') ? ` ${value} ` : value;
  return value === '' ? '` `' : `${fence}${padded}${fence}`;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
