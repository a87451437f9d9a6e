#!/usr/bin/env bash
# Debian packages the tests run: pre-commit (test/distribution/preCommit.test.ts) and neovim
# (test/distribution/neovim.test.ts). Installs only what is missing, so a second run does nothing.
set -euo pipefail
missing=()
command -v git >/dev/null || missing+=(git)
command -v pre-commit >/dev/null || missing+=(pre-commit)
command -v nvim >/dev/null || missing+=(neovim)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "Installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
