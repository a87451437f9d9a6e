/**
 * Text that a repository (keys, values) or a server (object names) controls, put into Markdown that an
 * editor renders (hovers, inlay hint tooltips, completion documentation). It must show as the text it
 * is: no emphasis, heading, list, link, image, autolink, HTML or entity, and no second line or block.
 */

/** Longer text is cut, with "…": a hover is not the place for a 100,000-character key. */
export const MAX_SHOWN_CHARACTERS = 200;

/** ASCII punctuation (CommonMark lets a backslash escape each one, and only these). */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * Punctuation that means nothing inside a line of Markdown, left as is so names stay readable
 * (`Welcome (default-flow)!`; `!` makes an image only before `[`, which is escaped). The rest is
 * escaped: `*` `_` `~` emphasis, `[` `]` links and images, `<` `>` `&` HTML, autolinks and entities,
 * `:` `@` `.` the links found in plain text (`https://x`, `mailto:x`, `a@b.c`, `www.x`, `evil.com`),
 * `` ` `` code, and `#` `+` `|` `$` `{` `}` `^` and the backslash for the extensions.
 */
const HARMLESS_INLINE = new Set(['-', '(', ')', "'", '"', ',', '/', '?', '%', ';', '=', '!']);

const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/**
 * Control characters (line breaks included) as their visible Unicode pictures (U+2400...), C1 controls
 * and the line and paragraph separators as U+FFFD: the text stays on one line and shows what it holds.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\uFFFD';
  });
}

function shortened(text: string): string {
  if (text.length <= MAX_SHOWN_CHARACTERS) return text;
  // Not in the middle of a surrogate pair.
  let end = MAX_SHOWN_CHARACTERS;
  if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return text.slice(0, end) + '…';
}

/**
 * `text` as literal Markdown text within a line (after other text, as in `**name**`: the line-start
 * forms such as `- ` or `1) ` lists are not escaped).
 */
export function escapeMarkdown(text: string): string {
  const line = oneLine(shortened(text));
  return line.replace(ASCII_PUNCTUATION, (ch, at: number) => {
    if (HARMLESS_INLINE.has(ch)) return ch;
    // A colon before a space ends a phrase ("Mapping: OpenID"); before anything else it may end a scheme.
    if (ch === ':' && (at + 1 === line.length || line[at + 1] === ' ')) return ch;
    // An underscore between letters or digits never starts or ends emphasis (`client_type`).
    if (ch === '_' && ALPHANUMERIC.test(line[at - 1] ?? '') && ALPHANUMERIC.test(line[at + 1] ?? '')) return ch;
    return '\\' + ch;
  });
}

/**
 * `text` as a Markdown code span. Inside one nothing is Markdown (backslashes are literal too), so the
 * fence is one backtick longer than the longest run of backticks in the text, and the text is padded
 * with a space where it starts or ends with a backtick (or a space, which the span would strip).
 */
export function markdownCode(text: string): string {
  const content = oneLine(shortened(text));
  if (content === '') return '';
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(content) && content.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}
