import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InlayHint, MarkupContent } from 'vscode-languageserver-types';
import { escapeMarkdown, markdownCode, MAX_SHOWN_CHARACTERS, oneLine } from '../../server/src/service/markdown';
import { StaticReferenceSource } from '../../server/src/service/references';
import { documentWithCursor, FLOW_EXPLICIT, service } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';

interface MarkdownRenderer {
  render(source: string): string;
}
// A CommonMark renderer at its most permissive: raw HTML passed through, and GFM-style autolinks of bare URLs.
const MarkdownIt = require('markdown-it') as new (options: Record<string, unknown>) => MarkdownRenderer;
const renderer = new MarkdownIt({ html: true, linkify: true });

/** The HTML tags a rendering holds, by name. */
const tagsOf = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase());
/** The text a rendering shows. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\n$/, '');

/** Text a hostile repository or server could put in a key, a value or an object's name. */
const HOSTILE = [
  '![x](http://evil/)',
  '[a](javascript:alert(1))',
  '[a]( javascript:alert(1) "title")',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<https://evil.example/>',
  'https://evil.example/path',
  'see www.evil.example now',
  'mail evil@evil.example',
  'mailto:evil@evil.example and xmpp:evil@evil.example',
  'bare evil.com and //evil.com',
  'Mapping: OpenID! ![x]: (y)',
  '`code` and ``double ` tick``',
  '` ``` `',
  '*em* _em_ **strong** __strong__ ~~gone~~ ~sub~',
  '&lt;img src=x&gt; &#60;b&#62; &amp;',
  '\\![x](http://evil/) \\\\[a](http://evil/)',
  'trailing backslash \\',
  '[ref]: http://evil.example/',
  'a | b | c',
  'line one\n\n# heading\n![x](http://evil/)',
  'cr\ronly and crlf\r\n- item',
  'line\u2028separator\u0085next',
  '$x^2$ {braces} ^caret^',
  'client_type',
  '_leading and trailing_ __init__ a_b_c',
  'emoji 😀 and 𝒳',
];

describe('markdown: text from a repository or a server shows as itself', () => {
  for (const hostile of HOSTILE) {
    it(`inline: ${JSON.stringify(hostile)}`, () => {
      const html = renderer.render(`**${escapeMarkdown(hostile)}** · field`);
      assert.deepEqual(tagsOf(html), ['p', 'strong', 'strong', 'p'], html);
      assert.equal(textOf(html), `${oneLine(hostile)} · field`);
    });

    it(`code span: ${JSON.stringify(hostile)}`, () => {
      const html = renderer.render(`${markdownCode(hostile)} = **1 hour**`);
      assert.deepEqual(tagsOf(html), ['p', 'code', 'code', 'strong', 'strong', 'p'], html);
      const code = /<code>([\s\S]*)<\/code>/.exec(html)![1];
      assert.equal(textOf(code), oneLine(hostile));
    });
  }

  it('names keep their plain punctuation readable in the Markdown source', () => {
    assert.equal(escapeMarkdown('Authorize Application (default-provider-authorization-explicit-consent)'), 'Authorize Application (default-provider-authorization-explicit-consent)');
    assert.equal(escapeMarkdown('client_type'), 'client_type');
    assert.equal(escapeMarkdown("authentik default OAuth Mapping: OpenID 'email' (email)"), "authentik default OAuth Mapping: OpenID 'email' (email)");
    assert.equal(escapeMarkdown('Welcome to authentik!'), 'Welcome to authentik!');
    assert.equal(markdownCode('hours=1'), '`hours=1`');
  });

  it('control characters show as their pictures, on one line', () => {
    assert.equal(oneLine('a\nb\tc\u0000d\u007f'), 'a\u240ab\u2409c\u2400d\u2421');
  });

  it(`long text is cut at ${MAX_SHOWN_CHARACTERS} characters, never inside a surrogate pair`, () => {
    assert.equal(escapeMarkdown('k'.repeat(100_000)), 'k'.repeat(MAX_SHOWN_CHARACTERS) + '…');
    const cut = markdownCode('x'.repeat(MAX_SHOWN_CHARACTERS - 1) + '😀😀');
    assert.equal(cut, '`' + 'x'.repeat(MAX_SHOWN_CHARACTERS - 1) + '…`');
  });
});

const NAME = '![pixel](http://evil.example/track.png) [login](javascript:alert(1)) <img src=x onerror=alert(1)> https://evil.example';
const SLUG = 'a`b` <img src=y>';
const HOSTILE_SERVER = new StaticReferenceSource({ flow: [{ pk: FLOW_EXPLICIT, name: NAME, slug: SLUG, designation: 'authorization' }] });

/** Renders what the service put into Markdown and checks it shows no link, image or HTML of its own. */
function assertInert(markdown: string, ...shown: string[]): void {
  const html = renderer.render(markdown);
  for (const tag of tagsOf(html)) assert.ok(['p', 'strong', 'code', 'hr'].includes(tag), `<${tag}> in ${html}`);
  for (const text of shown) assert.ok(textOf(html).includes(text), `${JSON.stringify(text)} not shown in ${html}`);
}

describe('markdown: hovers, inlay hint tooltips and completion documentation escape what they quote', () => {
  it('a hover on a hostile key', () => {
    for (const key of HOSTILE) {
      const { document } = documentWithCursor(`name: x\n${JSON.stringify(key)}: 1\n`);
      const hover = service().hover(document, document.positionAt(document.getText().indexOf('"', 8) + 1));
      assert.ok(hover, key);
      assertInert((hover.contents as MarkupContent).value, oneLine(key).slice(0, MAX_SHOWN_CHARACTERS));
    }
  });

  it('a hover on a duration whose value breaks out of a code span', () => {
    const value = 'hours=1;a=`;<img src=x>;b=`';
    const { document } = documentWithCursor(`name: x\naccess_token_validity: "${value}"\n`);
    const hover = service().hover(document, document.positionAt(document.getText().indexOf('hours') + 1));
    const markdown = (hover!.contents as MarkupContent).value;
    assert.ok(markdown.includes('= **1 hour**'), markdown);
    assertInert(markdown, value);
  });

  it("a hover on a reference the server names with links, images and HTML", () => {
    const { document } = documentWithCursor(`name: x\nauthorization_flow: ${FLOW_EXPLICIT}\n`);
    const designation = 'authentication](http://evil.example/) <b>';
    const references = new StaticReferenceSource({ flow: [{ pk: FLOW_EXPLICIT, name: NAME, slug: SLUG, designation }] });
    const hover = service(references).hover(document, document.positionAt(document.getText().indexOf(FLOW_EXPLICIT) + 1));
    const markdown = (hover!.contents as MarkupContent).value;
    assertInert(markdown, `${NAME} (${SLUG})`, `designation: ${designation}`);
  });

  it("an inlay hint: its label is plain text on one line, its tooltip Markdown with the name escaped", () => {
    const { document } = documentWithCursor(`name: x\nauthorization_flow: ${FLOW_EXPLICIT}\n`);
    const settings = new SettingsBuilder().withInlayHints().build();
    const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
    const [hint] = service(HOSTILE_SERVER).inlayHints(document, whole, settings) as InlayHint[];
    assert.equal(hint.label, ` ${NAME} (${SLUG})`);
    const tooltip = hint.tooltip as MarkupContent;
    assert.equal(tooltip.kind, 'markdown');
    assertInert(tooltip.value, NAME, `slug ${SLUG}`);
  });

  it('an inlay hint label with a line break stays on one line', () => {
    const { document } = documentWithCursor(`name: x\nauthorization_flow: ${FLOW_EXPLICIT}\n`);
    const references = new StaticReferenceSource({ flow: [{ pk: FLOW_EXPLICIT, name: 'two\nlines' }] });
    const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
    const [hint] = service(references).inlayHints(document, whole, new SettingsBuilder().withInlayHints().build());
    assert.equal(hint.label, ' two\u240alines');
  });

  it("completion documentation of the server's objects", () => {
    const { document, position } = documentWithCursor('name: x\nauthorization_flow: $0\n');
    const items = service(HOSTILE_SERVER).complete(document, position, { snippetSupport: false }).items.filter((i) => i.documentation);
    const flow = items.find((i) => (i.documentation as MarkupContent).value.includes('UUID'));
    assert.ok(flow, JSON.stringify(items.map((i) => i.label)));
    assertInert((flow.documentation as MarkupContent).value, NAME, SLUG, FLOW_EXPLICIT);
  });
});
