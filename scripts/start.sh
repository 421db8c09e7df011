#!/usr/bin/env bash
# The start command: sets the machine up, then runs the local API server, the playground's own server
# and the playground (vite) together. The API keeps its predictions in a data directory, so the
# history survives a restart. Ctrl+C stops all three; so does any one of them stopping by itself.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh || exit 1

SERVER_PORT="${PREDICTKIT_SERVER_PORT:-8787}"
PLAYGROUND_PORT="${PREDICTKIT_PLAYGROUND_PORT:-5173}"
APP_PORT="${PREDICTKIT_APP_PORT:-8788}"
DATA_DIR="${PREDICTKIT_DATA_DIR:-$PWD/.predictkit-data}"

# The API's data directory, unless the arguments choose one or make the server a proxy (which keeps none).
server_args=("$@")
keeps_data=1
for arg in "$@"; do
  case "$arg" in
  --data-dir | --data-dir=* | --upstream | --upstream=* | --replicate-upstream | --replicate-upstream=*) keeps_data=0 ;;
  esac
done
if [ "$keeps_data" = 1 ]; then server_args+=(--data-dir "$DATA_DIR"); fi

pids=()
names=()
stopping=0
cleanup() {
  trap - INT TERM EXIT
  stopping=1
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

(cd packages/server && exec ../../node_modules/.bin/tsx --conditions=@predictkit/source src/node/cli.ts \
  --port "$SERVER_PORT" "${server_args[@]}") &
pids+=($!)
names+=("the API server (port $SERVER_PORT)")
# the playground's own server: the proxies that log predictions and feedback to Weave, and evaluations
(cd apps/playground && PREDICTKIT_SERVER_URL="http://127.0.0.1:$SERVER_PORT" PREDICTKIT_APP_PORT="$APP_PORT" \
  exec ../../node_modules/.bin/tsx --conditions=@predictkit/source server/main.ts) &
pids+=($!)
names+=("the playground's server (port $APP_PORT)")
(cd apps/playground && PREDICTKIT_SERVER_URL="http://127.0.0.1:$SERVER_PORT" PREDICTKIT_APP_URL="http://127.0.0.1:$APP_PORT" \
  exec ../../node_modules/.bin/vite --host 127.0.0.1 --port "$PLAYGROUND_PORT" --strictPort --clearScreen false) &
pids+=($!)
names+=("the playground (vite, port $PLAYGROUND_PORT)")

answers() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))' "$1"
}
alive() {
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done
}

# Wait for all three to answer (or one to stop), then say where they are: the last thing printed.
ready=0
for _ in $(seq 1 300); do
  alive || break
  if answers "http://127.0.0.1:$SERVER_PORT/v1/models" && answers "http://127.0.0.1:$APP_PORT/" &&
    answers "http://127.0.0.1:$PLAYGROUND_PORT/"; then
    ready=1
    break
  fi
  sleep 0.2
done
if [ "$ready" = 1 ]; then
  data="kept in $DATA_DIR"
  [ "$keeps_data" = 1 ] || data="as the arguments say"
  printf '\n\033[1mPredictKit playground: http://127.0.0.1:%s\033[0m\n' "$PLAYGROUND_PORT"
  printf '  API: http://127.0.0.1:%s/v1 (predictions %s)\n' "$SERVER_PORT" "$data"
  printf '  the playground'"'"'s server: http://127.0.0.1:%s/app\n' "$APP_PORT"
  printf '  Ctrl+C stops all three.\n\n'
fi

# Any one stopping stops the rest: a playground without its API would only show errors.
wait -n "${pids[@]}"
status=$?
if [ "$stopping" = 0 ]; then
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      printf '\n\033[1m%s stopped (exit status %s); stopping the others.\033[0m\n' "${names[$i]}" "$status" >&2
      break
    fi
  done
fi
exit $((status == 0 ? 1 : status))
