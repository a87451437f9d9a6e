import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMarkdown } from '../../server/src/cli/markdownReport';
import { markdownCode, markdownText } from '../../server/src/cli/markdownText';
import { FileReport } from '../../server/src/cli/validateFiles';
import { LineCounter } from 'yaml';
import { Finding } from '../../server/src/service/findings';
import { runCli } from '../helpers/cli';
import { tempTree, validProvider } from './tempTree';

/** Lines of 100 characters each, so a finding at (line, character) has the offset line * 100 + character. */
const LINE_LENGTH = 100;
const lines = new LineCounter();
for (let line = 0; line < 1000; line++) lines.addNewLine(line * LINE_LENGTH);
const at = (line: number, character: number) => ({ start: line * LINE_LENGTH + character, end: line * LINE_LENGTH + character + 1 });
type Row = Omit<Finding, 'start' | 'end' | 'code'> & { code: string; range: { start: number; end: number } };
/** A file's report from findings given by (line, character). */
const report = (path: string, rows: Row[]): FileReport => ({
  path,
  lines,
  findings: rows.map(({ range, ...f }) => ({ ...f, ...range }) as Finding),
});

describe('cli: --format markdown', () => {
  it('a heading, the summary line, then a table per file with findings (severity, 1-based line, code, message)', () => {
    const reports: FileReport[] = [
      report('providers/grafana.oauth2provider.yaml', [
        { severity: 'error', code: 'invalid-enum', message: '"secret" is not a valid choice for "client_type".', range: at(1, 13) },
        { severity: 'warning', code: 'unknown-key', message: 'Unknown key "redirect_uri": the server silently ignores it.', range: at(4, 0) },
      ]),
      report('providers/clean.oauth2provider.yaml', []),
      report('providers\\windows.oauth2provider.yml', [{ severity: 'information', code: 'x', message: 'Note.', range: at(0, 0) }]),
    ];
    assert.equal(
      formatMarkdown(reports),
      [
        '### authentik OAuth2 providers',
        '',
        '3 files checked: 1 error, 1 warning.',
        '',
        '#### `providers/grafana.oauth2provider.yaml`',
        '',
        '| Severity | Line | Code | Message |',
        '| --- | ---: | --- | --- |',
        '| error | 2 | `invalid-enum` | "secret" is not a valid choice for "client\\_type". |',
        '| warning | 5 | `unknown-key` | Unknown key "redirect\\_uri": the server silently ignores it. |',
        '',
        '#### `providers/windows.oauth2provider.yml`',
        '',
        '| Severity | Line | Code | Message |',
        '| --- | ---: | --- | --- |',
        '| information | 1 | `x` | Note. |',
        '',
      ].join('\n'),
    );
  });

  it('no findings: the heading and the summary line only', () => {
    assert.equal(formatMarkdown([report('a.oauth2provider.yaml', [])]), '### authentik OAuth2 providers\n\n1 file checked: 0 errors, 0 warnings.\n');
  });

  it('text from files cannot become markup, HTML, a link, a mention or a new table cell', () => {
    assert.equal(markdownText('a|b'), 'a\\|b');
    assert.equal(markdownText('<img src=x onerror=alert(1)> &amp;'), '\\<img src=x onerror=alert(1)\\> \\&amp;');
    assert.equal(markdownText('[click](https://evil.example/x) ![i](y)'), '\\[click\\](https\\://evil.example/x) !\\[i\\](y)');
    assert.equal(markdownText('www.evil.example'), 'www\\.evil.example');
    assert.equal(markdownText('*bold* _it_ ~~gone~~ `code` $x$ \\'), '\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\$x\\$ \\\\');
    assert.equal(markdownText('cc @admin, mail root@example.com, see #12 :rocket:'), 'cc @&#8203;admin, mail root@&#8203;example.com, see #&#8203;12 :&#8203;rocket:');
    assert.equal(markdownText('line one\nline two\r\nthree\u2028four\tfive\u0000\u001b[31m'), 'line one line two three four five\uFFFD\uFFFD\\[31m');
  });

  it('code spans outlast the backticks inside them and keep | from ending the cell', () => {
    assert.equal(markdownCode('plain'), '`plain`');
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x`'), '`` `x` ``');
    assert.equal(markdownCode('a|b', true), '`a\\|b`');
    assert.equal(markdownCode('a|b'), '`a|b`');
    assert.equal(markdownCode(' padded '), '`  padded  `');
    assert.equal(markdownCode('two\nlines'), '`two lines`');
  });

  it('a hostile file name and message stay text', () => {
    const out = formatMarkdown([report('x`|<b>@me.oauth2provider.yaml', [{ severity: 'error', code: 'unknown-key', message: 'Unknown key "a|b <script>": [x](javascript:alert(1))', range: at(2, 0) }])]);
    assert.ok(out.includes('\n#### ``x`|<b>@me.oauth2provider.yaml``\n'), out);
    assert.ok(out.includes('| error | 3 | `unknown-key` | Unknown key "a\\|b \\<script\\>": \\[x\\](javascript:&#8203;alert(1)) |\n'), out);
  });

  it('stays within its budget and says how many findings it left out', () => {
    const many: FileReport[] = Array.from({ length: 3 }, (_, f) =>
      report(`f${f}.oauth2provider.yaml`, Array.from({ length: 10 }, (_, i) => ({ severity: 'warning' as const, code: 'unknown-key', message: `Unknown key "k${i}".`, range: at(i, 0) }))),
    );
    const out = formatMarkdown(many, 1000);
    assert.ok(out.length <= 1000 + 200, `${out.length} characters`);
    const rows = out.split('\n').filter((l) => l.startsWith('| warning |')).length;
    assert.ok(rows > 0 && rows < 30, `${rows} rows`);
    assert.ok(out.startsWith('### authentik OAuth2 providers\n\n3 files checked: 0 errors, 30 warnings.\n'), out);
    assert.ok(out.endsWith(`\n_${30 - rows} more findings not shown, to keep this short: the annotations and the SARIF report have every one._\n`), out);
  });

  it('the CLI prints it and exits 1 on errors', async () => {
    const dir = tempTree({
      'good.oauth2provider.yaml': validProvider('good'),
      'bad.oauth2provider.yaml': `${validProvider('bad')}client_type: "<b>@admin</b>"\n`,
    });
    const result = await runCli(['validate', '--format', 'markdown', '.'], { cwd: dir });
    assert.equal(result.code, 1, result.stderr);
    assert.equal(
      result.stdout,
      [
        '### authentik OAuth2 providers',
        '',
        '2 files checked: 1 error, 0 warnings.',
        '',
        '#### `bad.oauth2provider.yaml`',
        '',
        '| Severity | Line | Code | Message |',
        '| --- | ---: | --- | --- |',
        '| error | 7 | `invalid-enum` | "\\<b\\>@&#8203;admin\\</b\\>" is not a valid choice for "client\\_type". Valid choices: confidential, public. |',
        '',
      ].join('\n'),
    );
  });
});
