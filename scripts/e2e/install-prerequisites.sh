#!/usr/bin/env bash
# Installs what the end-to-end tests need and prints the code-server binary's path on its last line.
# Only the npm registry and Debian's packages are reachable here, so VS Code itself comes as code-server
# (the real workbench and Node extension host) and the browser is Debian's Chromium.
# Everything is skipped when already present; code-server is cached in $E2E_HOME between runs.
# --without-browser: skip Chromium and its fonts (the demo, `npm start`, is opened in the user's own browser).
set -euo pipefail

WITH_BROWSER=1
for arg in "$@"; do
  case "$arg" in
    --without-browser) WITH_BROWSER= ;;
    *) echo "usage: $0 [--without-browser]" >&2; exit 2 ;;
  esac
done

CODE_SERVER_VERSION=4.100.3
# The argon2 that code-server 4.100.3's shrinkwrap pins (its install script builds the native module).
ARGON2_VERSION=0.31.2
# @vscode/ripgrep as pinned by code-server 4.100.3 (lib/vscode) and the rg release it downloads.
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

E2E_HOME=${E2E_HOME:-$HOME/.cache/authentik-oauth2-e2e}
INSTALL_DIR=$E2E_HOME/code-server
CODE_SERVER=$INSTALL_DIR/node_modules/.bin/code-server

log() { echo "[e2e-install] $*" >&2; }

# 1. Debian packages: Chromium (the window), ripgrep (see 3), fonts for readable screenshots, and the
#    toolchain for code-server's native modules (kerberos, node-pty, spdlog, native-keymap...).
APT_PACKAGES=(ripgrep build-essential python3 pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev ca-certificates)
[ -n "$WITH_BROWSER" ] && APT_PACKAGES+=(chromium fonts-dejavu-core)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  apt_log=$(mktemp)
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } > "$apt_log" 2>&1; then
    tail -40 "$apt_log" >&2
    exit 1
  fi
  rm -f "$apt_log"
fi

# 2. code-server, in a scratch folder of its own so the project's package.json and lock stay untouched.
# The first run on a machine prints "Wrote default config file …" before the version line: read the version line.
installed_version() { "$CODE_SERVER" --version 2>/dev/null | grep -m1 -oE '^[0-9]+\.[0-9]+\.[0-9]+' ; }
# What `code-server --version` printed and its exit status, for a failed check.
describe_version_check() {
  local output status=0
  if [ ! -x "$CODE_SERVER" ]; then echo "$CODE_SERVER does not exist"; return; fi
  output=$("$CODE_SERVER" --version 2>&1) || status=$?
  echo "\`code-server --version\` exited with $status and printed:"
  printf '%s\n' "${output:-(nothing)}" | tail -20 | sed 's/^/    /'
}
install_code_server() {
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  # 3. @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable, unless the archive is
  #    already in its cache under $TMPDIR: seed the cache with Debian's rg (the same 13.0.0 release).
  local install_tmp=$INSTALL_DIR/tmp
  mkdir -p "$install_tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION" "$install_tmp/rg-stage"
  cp "$(command -v rg)" "$install_tmp/rg-stage/rg"
  tar czf "$install_tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION/$RIPGREP_ASSET" -C "$install_tmp/rg-stage" rg
  # allowScripts: the install scripts this install runs, approved by exact version (npm 11 warns about
  # any it was not told about). code-server's postinstall builds VS Code's own dependencies with
  # `npm install` in its lib/vscode, under that package's policy, not this one.
  cat > "$INSTALL_DIR/package.json" <<JSON
{
  "name": "authentik-oauth2-e2e-code-server",
  "private": true,
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2@$ARGON2_VERSION": true }
}
JSON
  # unsafe_perm: code-server's postinstall refuses to run as root otherwise.
  # yes: node-pty's postinstall runs `npx node-gyp`, which would wait for a confirmation.
  if ! (cd "$INSTALL_DIR" && TMPDIR=$install_tmp npm_config_unsafe_perm=true npm_config_yes=true \
      npm install "code-server@$CODE_SERVER_VERSION" --no-audit --no-fund --no-save --foreground-scripts \
      > "$INSTALL_DIR/npm-install.log" 2>&1); then
    tail -40 "$INSTALL_DIR/npm-install.log" >&2
    log "code-server install failed; full log: $INSTALL_DIR/npm-install.log"
    return 1
  fi
  rm -rf "$install_tmp"
}
if [ "$(installed_version || true)" != "$CODE_SERVER_VERSION" ]; then
  for attempt in 1 2; do
    log "installing code-server $CODE_SERVER_VERSION into $INSTALL_DIR (about a minute)"
    if install_code_server && [ "$(installed_version || true)" = "$CODE_SERVER_VERSION" ]; then break; fi
    log "code-server $CODE_SERVER_VERSION does not start after install; $(describe_version_check)"
    [ "$attempt" = 2 ] && { log "giving up after a second install; npm's log: $INSTALL_DIR/npm-install.log"; exit 1; }
    log "installing it once more"
  done
fi
echo "$CODE_SERVER"
