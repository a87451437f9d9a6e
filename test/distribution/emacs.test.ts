import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertTarball, BAD_PROVIDER, emptyProject, Project, REPO, run, runToEnd } from './packedPackage';

/**
 * The README's Emacs snippet, extracted from README.md, as a user's init.el, with the language server
 * from the npm package installed globally (into a temporary prefix on PATH). Emacs runs in batch mode:
 * it activates the installed packages first, as an interactive start does before init.el, opens a
 * file with mistakes and writes what flymake got from eglot to a JSON file. eglot connects from
 * `post-command-hook` and flymake reports when it is started, neither of which happens by itself
 * without a user, so the driver runs them while it waits. Needs Debian's emacs-nox, elpa-eglot and
 * elpa-yaml-mode (scripts/ci/install-system-packages.sh).
 */
const DRIVER = `
(find-file (getenv "PROVIDER_FILE"))
(let ((deadline (+ (float-time) 20)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (run-hooks 'post-command-hook)
    (when (bound-and-true-p flymake-mode) (flymake-start))
    (accept-process-output nil 0.1)))
(defun authentik-test-position (pos)
  (save-excursion
    (goto-char pos)
    (list (1- (line-number-at-pos)) (- (point) (line-beginning-position)))))
(defun authentik-test-diagnostic (d)
  (list (cons 'start (authentik-test-position (flymake-diagnostic-beg d)))
        (cons 'end (authentik-test-position (flymake-diagnostic-end d)))
        (cons 'type (symbol-name (flymake-diagnostic-type d)))
        (cons 'text (flymake-diagnostic-text d))))
;; Computed in the provider file's buffer: with-temp-file makes another buffer current.
(let* ((sorted (sort (flymake-diagnostics)
                     (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
       (json (json-encode
              (list (cons 'mode (symbol-name major-mode))
                    (cons 'managed (if (bound-and-true-p eglot--managed-mode) t :json-false))
                    (cons 'diagnostics (vconcat (mapcar #'authentik-test-diagnostic sorted)))))))
  (with-temp-file (getenv "EMACS_RESULT") (insert json)))
(kill-emacs 0)
`;

interface EmacsResult {
  mode: string;
  managed: boolean;
  diagnostics: { start: [number, number]; end: [number, number]; type: string; text: string }[];
}

function readmeEmacsSnippet(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.split(/^### Emacs \(eglot\)$/m)[1]?.split(/^#{2,3} /m)[0];
  assert.ok(section, 'README.md has no "### Emacs (eglot)" section');
  const block = /^```elisp\n([\s\S]*?)^```$/m.exec(section);
  assert.ok(block, 'the Emacs section has no elisp block');
  return block[1];
}

describe('distribution: the README\'s Emacs snippet, with eglot', () => {
  let project: Project;
  let prefix: string;

  before(async () => {
    const version = await runToEnd('emacs', ['--batch', '--eval', '(progn (package-activate-all) (require (quote eglot)) (require (quote yaml-mode)))'], { cwd: REPO }).catch(() => undefined);
    assert.ok(version?.code === 0, `Emacs with eglot and yaml-mode is not installed: run scripts/ci/install-system-packages.sh (Debian: apt-get install emacs-nox elpa-eglot elpa-yaml-mode)\n${version?.stderr ?? ''}`);
    project = emptyProject('authentik-emacs-');
    prefix = path.join(project.dir, '.global');
    await run('npm', ['install', '--global', '--prefix', prefix, assertTarball()], { cwd: project.dir, env: project.env });
    project.write({ 'providers/wiki.oauth2provider.yaml': BAD_PROVIDER });
    // eglot asks the user for the project's root unless the folder is a project (a git repository here).
    await run('git', ['init', '-q'], { cwd: project.dir });
  });
  after(() => project?.remove());

  async function openInEmacs(initEl: string): Promise<EmacsResult> {
    const home = path.join(project.dir, '.emacs-home');
    fs.mkdirSync(home, { recursive: true });
    const init = path.join(home, 'init.el');
    const driver = path.join(home, 'driver.el');
    const result = path.join(home, 'result.json');
    fs.writeFileSync(init, initEl);
    fs.writeFileSync(driver, DRIVER);
    fs.rmSync(result, { force: true });
    const env = { ...process.env, HOME: home, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`, PROVIDER_FILE: 'providers/wiki.oauth2provider.yaml', EMACS_RESULT: result };
    const emacs = await runToEnd('emacs', ['--batch', '--eval', '(package-activate-all)', '-l', init, '-l', driver], { cwd: project.dir, env, timeoutMs: 60_000 });
    assert.equal(emacs.code, 0, emacs.stdout + emacs.stderr);
    assert.ok(fs.existsSync(result), `Emacs wrote no result: ${emacs.stderr}`);
    return JSON.parse(fs.readFileSync(result, 'utf8')) as EmacsResult;
  }

  it('opens the file in its mode, eglot starts the server, flymake shows the diagnostics at the right place', async () => {
    const got = await openInEmacs(readmeEmacsSnippet());
    assert.equal(got.mode, "authentik-oauth2provider-mode", JSON.stringify(got));
    assert.equal(got.managed, true);
    assert.deepEqual(
      got.diagnostics.map((d) => [d.type, d.start, d.end]),
      [
        ['eglot-error', [3, 13], [3, 25]],
        ['eglot-warning', [4, 0], [4, 12]],
      ],
    );
    assert.match(got.diagnostics[0].text, /\[invalid-enum\]: "confidentail" is not a valid choice for "client_type"\./);
    assert.match(got.diagnostics[1].text, /\[unknown-key\]: Unknown key "redirect_uri": the server silently ignores it\./);
  });

  it('eglot-workspace-configuration reaches the server: with :unknownKeys :json-false the warning goes', async () => {
    const snippet = readmeEmacsSnippet();
    assert.ok(snippet.includes(':unknownKeys t'));
    const got = await openInEmacs(snippet.replace(':unknownKeys t', ':unknownKeys :json-false'));
    assert.deepEqual(got.diagnostics.map((d) => d.type), ['eglot-error']);
  });
});
