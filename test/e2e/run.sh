#!/usr/bin/env bash
# End-to-end tests in a real VS Code: code-server (VS Code 1.100.3's workbench and Node extension host)
# driven by headless Chromium through playwright-core. Runs the mocha suite of test/e2e/suite inside the
# extension host, then a UI scenario, and ends with the line `N passed, N failed`; exits 0 only if all passed.
# The extension is connected to the authentik test server (test/authentik-server), started here for the run.
#
# Environment (all optional):
#   E2E_HOME         cache for code-server (default ~/.cache/authentik-oauth2-e2e)
#   E2E_SCREENSHOTS=1  write the screenshots over the README's pictures in test/e2e/screenshots
#                    (by default they go to out/e2e/screenshots, ignored by git)
#   E2E_KEEP=1       keep the throwaway profile and logs (path printed at the end)
#   E2E_VERBOSE=1    print the workbench's console as it comes
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"
STARTED_AT_MS=$(date +%s%3N)
elapsed() { echo "$(( $(date +%s%3N) - STARTED_AT_MS )) ms"; }
say() { echo "[e2e] $*"; }
# Setup failures still end with the closing line, so CI sees a failed run rather than none.
give_up() { echo "[e2e] $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# 1. Prerequisites (apt packages, code-server) and builds.
CODE_SERVER=$(bash scripts/e2e/install-prerequisites.sh | tail -n 1) || give_up "could not install the prerequisites"
say "prerequisites ready after $(elapsed): $("$CODE_SERVER" --version | head -n 1)"
# Also rebuilt when a source is newer than the bundle: testing a stale build would prove nothing.
if [ ! -f dist/extension.js ] || [ ! -f dist/languageClient.js ] || [ ! -f dist/server.js ] ||
  [ -n "$(find client/src common server/src schemas package.json -newer dist/extension.js -print -quit)" ]; then
  say "dist/ is missing or older than the sources: building the extension"
  npm run --silent build || give_up "npm run build failed"
fi
node scripts/e2e/build-suite.mjs || give_up "building the suite failed"

# 2. A throwaway profile: home, config, temp files, user data, extensions and a copy of the workspace
#    (tests may edit files; the repository's fixtures stay untouched).
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/authentik-e2e.XXXXXX")
rm -rf out/e2e/artifacts # what a failing run leaves for inspection
PROCESS_GROUPS=()
# Every process this script started, children included (extension hosts of closed tabs, the language
# server, Chromium, which Playwright puts in a session of its own): walk the tree down from this shell.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null || true); do
    echo "$child"
    descendants "$child"
  done
}
stop_everything() {
  local pids group pid
  pids=$(descendants $$)
  for group in "${PROCESS_GROUPS[@]}"; do kill -TERM -- "-$group" 2>/dev/null || true; done
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=0
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
    for group in "${PROCESS_GROUPS[@]}"; do kill -0 -- "-$group" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0 # a bare `return` in a trap would return the script's failing status
    sleep 0.1
  done
  for group in "${PROCESS_GROUPS[@]}"; do kill -KILL -- "-$group" 2>/dev/null || true; done
  for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
}
cleanup() {
  local status=$?
  set +e # clean up as much as possible, whatever fails
  stop_everything
  if [ "$status" != 0 ] && [ -d "$RUN_DIR" ]; then
    mkdir -p out/e2e/artifacts
    cp "$RUN_DIR/code-server.log" "$RUN_DIR/authentik-server.log" "$RUN_DIR/authentik-server-2026.log" out/e2e/artifacts/ 2>/dev/null || true
    cp -r "$RUN_DIR/user-data/logs" out/e2e/artifacts/vscode-logs 2>/dev/null || true
  fi
  if [ -n "${E2E_KEEP:-}" ]; then echo "[e2e] kept $RUN_DIR" >&2; else rm -rf "$RUN_DIR"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cp -r test/e2e/workspace "$RUN_DIR/workspace"
mkdir -p "$RUN_DIR/home/.config" "$RUN_DIR/tmp" "$RUN_DIR/user-data/User" "$RUN_DIR/extensions"

# 3. The authentik test server (seeded, fresh for every run), in its own process group. The token is
#    random and never printed; it reaches the extension host and the driver through their environment.
AUTHENTIK_TOKEN=$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')
# Starts one test server (the token is shared) and sets SERVER_URL to the URL it prints.
# $1: its log file, $2: what messages call it, the rest: more options for it.
# The log exists before the server starts: the background shell may open it after the first look below.
start_test_server() {
  local log=$1 label=$2 pid
  shift 2
  : > "$log"
  setsid node --import tsx test/authentik-server/main.ts --port 0 --token "$AUTHENTIK_TOKEN" "$@" > "$log" 2>&1 &
  pid=$!
  PROCESS_GROUPS+=("$pid")
  SERVER_URL=
  for _ in $(seq 300); do
    SERVER_URL=$(sed -n 's/^authentik test server listening on \(http:[^ ]*\)$/\1/p' "$log")
    [ -n "$SERVER_URL" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; give_up "the $label exited"; }
    sleep 0.1
  done
  [ -n "$SERVER_URL" ] || give_up "the $label printed no URL within 30 s"
  say "$label listening on $SERVER_URL after $(elapsed)"
}

start_test_server "$RUN_DIR/authentik-server.log" "authentik test server"
AUTHENTIK_URL=$SERVER_URL
export AUTHENTIK_URL AUTHENTIK_TOKEN

# A second one that behaves like authentik 2026.5 (same token), for the tests of the current request
# shape; the extension is pointed at it only while those tests run (AUTHENTIK_URL_2026).
start_test_server "$RUN_DIR/authentik-server-2026.log" "authentik 2026.5 test server" --version 2026.5
AUTHENTIK_URL_2026=$SERVER_URL
export AUTHENTIK_URL_2026

# Telemetry off, no start page, no tips, no autosave (see the file), and the test server as the user's
# authentik.serverUrl: a user setting, so the token goes there without the workspace-origin confirmation.
node -e '
  const [from, to, url] = process.argv.slice(1);
  const settings = JSON.parse(require("fs").readFileSync(from, "utf8"));
  require("fs").writeFileSync(to, JSON.stringify({ ...settings, "authentik.serverUrl": url }, null, 2));
' test/e2e/user-settings.json "$RUN_DIR/user-data/User/settings.json" "$AUTHENTIK_URL"
PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
BASE_URL="http://127.0.0.1:$PORT"
# A command (not a function: `$!` must be the started process itself, whose group setsid creates).
ISOLATED=(env HOME="$RUN_DIR/home" XDG_CONFIG_HOME="$RUN_DIR/home/.config" TMPDIR="$RUN_DIR/tmp")

# 4. code-server, in its own process group. The results file reaches the suite through the environment
#    the extension host inherits, as do AUTHENTIK_URL and AUTHENTIK_TOKEN (exported above).
AUTHENTIK_E2E_RESULTS="$RUN_DIR/results.json" "${ISOLATED[@]}" setsid "$CODE_SERVER" \
  --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-getting-started-override --ignore-last-opened \
  --user-data-dir "$RUN_DIR/user-data" --extensions-dir "$RUN_DIR/extensions" \
  "$RUN_DIR/workspace" > "$RUN_DIR/code-server.log" 2>&1 &
PROCESS_GROUPS+=("$!")
CODE_SERVER_PID=$!
for _ in $(seq 300); do
  curl -sf -o /dev/null "$BASE_URL/healthz" && break
  kill -0 "$CODE_SERVER_PID" 2>/dev/null || { cat "$RUN_DIR/code-server.log" >&2; give_up "code-server exited"; }
  sleep 0.1
done
curl -sf -o /dev/null "$BASE_URL/healthz" || give_up "code-server did not answer on $BASE_URL within 30 s"
say "code-server listening on $BASE_URL after $(elapsed)"

# 5. The tests, driven from Node through headless Chromium (also in a process group of its own).
#    It prints the closing `N passed, N failed` line: nothing is printed after it.
E2E_STARTED_AT_MS=$STARTED_AT_MS E2E_CODE_SERVER_URL=$BASE_URL E2E_WORKSPACE="$RUN_DIR/workspace" AUTHENTIK_E2E_RESULTS="$RUN_DIR/results.json" \
  "${ISOLATED[@]}" setsid node test/e2e/driver/main.js &
PROCESS_GROUPS+=("$!")
status=0
wait "$!" || status=$?
exit "$status"
