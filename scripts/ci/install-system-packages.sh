#!/usr/bin/env bash
# Debian packages the tests run: pre-commit (test/distribution/preCommit.test.ts), neovim
# (test/distribution/neovim.test.ts), Emacs with eglot and yaml-mode (test/distribution/emacs.test.ts).
# Installs only what is missing, so a second run does nothing.
set -euo pipefail
packages=(git pre-commit neovim emacs-nox elpa-eglot elpa-yaml-mode)
if ! command -v dpkg >/dev/null; then
  echo "Not a Debian system: install ${packages[*]} (or your system's equivalents) yourself." >&2
  exit 0
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "Installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
