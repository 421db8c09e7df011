#!/usr/bin/env bash
# The start command: sets the machine up, then runs the local API server and the playground
# together. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh || exit 1

SERVER_PORT="${PREDICTKIT_SERVER_PORT:-8787}"
PLAYGROUND_PORT="${PREDICTKIT_PLAYGROUND_PORT:-5173}"
APP_PORT="${PREDICTKIT_APP_PORT:-8788}"
pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

(cd packages/server && exec ../../node_modules/.bin/tsx --conditions=@predictkit/source src/node/cli.ts \
  --port "$SERVER_PORT" "$@") &
pids+=($!)
# the playground's own server: the proxies that log predictions and feedback to Weave, and evaluations
(cd apps/playground && PREDICTKIT_SERVER_URL="http://127.0.0.1:$SERVER_PORT" PREDICTKIT_APP_PORT="$APP_PORT" \
  exec ../../node_modules/.bin/tsx --conditions=@predictkit/source server/main.ts) &
pids+=($!)
(cd apps/playground && PREDICTKIT_SERVER_URL="http://127.0.0.1:$SERVER_PORT" PREDICTKIT_APP_URL="http://127.0.0.1:$APP_PORT" \
  exec ../../node_modules/.bin/vite --host 127.0.0.1 --port "$PLAYGROUND_PORT" --strictPort --clearScreen false) &
pids+=($!)

# wait for the playground to answer, then say where it is
for _ in $(seq 1 100); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$PLAYGROUND_PORT/"; then break; fi
  sleep 0.2
done
printf '\n\033[1mPredictKit playground: http://127.0.0.1:%s\033[0m  (API: http://127.0.0.1:%s/v1; its server: http://127.0.0.1:%s/app; Ctrl+C stops them)\n\n' \
  "$PLAYGROUND_PORT" "$SERVER_PORT" "$APP_PORT"
wait -n "${pids[@]}"
