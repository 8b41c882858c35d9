#!/usr/bin/env bash
# Installs the toolchain of the real-editor tests: code-server (a real VS Code server and
# workbench, VS Code 1.100.3 on Node 20), Debian's chromium as the headless browser, and
# playwright-core to drive it. Everything lands in .vscode-test/tools (git-ignored); the only
# sources are Debian's package archive and the npm registry, so it works on offline CI machines.
#
# Idempotent: once everything is in place a re-run only checks and exits (well under a second).
# Exit codes: 0 ready; 3 cannot install here (not root and packages missing, or no apt-get);
# anything else: an installation step failed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"   # last release whose engines.node is 20 (VS Code 1.100.3)
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"
TOOLS="${VSCODE_TEST_TOOLS:-$ROOT/.vscode-test/tools}"
# @vscode/ripgrep as pinned by code-server 4.100.3 (lib/vscode/npm-shrinkwrap.json) and the
# ripgrep-prebuilt release it asks GitHub for. Re-check both when bumping code-server.
RIPGREP_NPM_VERSION=1.15.11
RIPGREP_TAG=v13.0.0-10

say() { printf '[vscode-setup] %s\n' "$*"; }

# 1. Debian packages: the browser, ripgrep (stands in for the download of @vscode/ripgrep) and
#    what node-gyp needs to build code-server's native modules (node-pty, kerberos, spdlog, ...).
packages=(chromium ripgrep build-essential python3 pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null 2>&1; then
    say "cannot install ${missing[*]}: apt-get is not available on this machine"
    exit 3
  fi
  if [ "$(id -u)" -ne 0 ]; then
    say "cannot install ${missing[*]}: installing Debian packages needs root (running as $(id -un))"
    exit 3
  fi
  say "installing Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# 2. code-server and playwright-core in a private npm project. Any run of code-server writes to
#    ~/.config, so readiness is recorded in a marker file instead of asking `code-server --version`.
marker="$TOOLS/.ready-code-server-$CODE_SERVER_VERSION-playwright-core-$PLAYWRIGHT_VERSION"
if [ ! -f "$marker" ]; then
  mkdir -p "$TOOLS"
  cd "$TOOLS"
  [ -f package.json ] || printf '{ "name": "vscode-test-tools", "private": true }\n' > package.json

  # @vscode/ripgrep's postinstall would download rg from GitHub; it first looks in its download
  # cache, so put Debian's rg (the same ripgrep 13 release) there under the expected asset name.
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64) rg_target=aarch64-unknown-linux-musl ;;
    *) say "unsupported architecture $(uname -m)"; exit 1 ;;
  esac
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_NPM_VERSION"
  mkdir -p "$rg_cache"
  tar czf "$rg_cache/ripgrep-$RIPGREP_TAG-$rg_target.tar.gz" -C "$(dirname "$(command -v rg)")" rg

  # unsafe_perm: code-server's postinstall refuses to run as root without it (read from the env).
  # yes: node-pty's install runs `npx node-gyp`, which a `yes=false` npmrc would cancel.
  # nodedir: node-gyp uses the installed Node headers instead of downloading them.
  nodedir="$(node -p 'require("path").resolve(process.execPath, "..", "..")')"
  say "installing code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_VERSION into $TOOLS (about a minute)"
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir="$nodedir" \
    npm install --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"

  vscode_modules="$TOOLS/node_modules/code-server/lib/vscode/node_modules"
  test -x "$vscode_modules/@vscode/ripgrep/bin/rg" || { say "ripgrep did not install"; exit 1; }
  test -f "$vscode_modules/node-pty/build/Release/pty.node" || { say "node-pty did not build"; exit 1; }
  touch "$marker"
fi

say "ready: code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_VERSION, $(chromium --version 2>/dev/null || echo 'chromium')"
