#!/usr/bin/env bash
# FerretDB 1.24 (SQLite backend) as a MongoDB-wire-compatible server for CI.
#   bash .ci/ferretdb.sh build   # build binary into the cache dir if missing; prints its path
#   bash .ci/ferretdb.sh start   # start on 127.0.0.1:$FERRETDB_PORT; prints mongodb://127.0.0.1:<port>/
#   bash .ci/ferretdb.sh stop    # stop the instance started by `start`
set -euo pipefail

VERSION=v1.24.2
BIN="${LATCHKEY_CACHE_DIR:-$HOME/.cache/latchkey}/ferretdb-$VERSION/ferretdb"
PORT="${FERRETDB_PORT:-27018}"
PID_LINK=/tmp/latchkey-ferretdb.pid # symlink to <statedir>/ferretdb.pid of the running instance
GO="$(command -v go || echo /usr/local/go/bin/go)"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

build() {
  if [[ -x "$BIN" ]]; then echo "$BIN"; return; fi
  local src
  tmp="$(mktemp -d)" # global, so the EXIT trap can still see it
  trap 'rm -rf "$tmp"' EXIT
  {
    echo "Building FerretDB $VERSION into $BIN ..."
    # Fetch the module source via the Go module proxy, copy it out of the read-only module cache.
    src="$("$GO" mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$src" ]] || { echo "go mod download gave no Dir" >&2; exit 1; }
    cp -r "$src" "$tmp/src" && chmod -R u+w "$tmp/src"
    # build/version embeds *.txt; version.txt is required (must start with "v").
    echo "$VERSION" >"$tmp/src/build/version/version.txt"
    echo "latchkey-ci" >"$tmp/src/build/version/package.txt"
    mkdir -p "$(dirname "$BIN")"
    # Non-debug production-style build (no tags); SQLite backend is pure Go, so no cgo needed.
    (cd "$tmp/src" && CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-buildvcs=false "$GO" build -o "$BIN.tmp" ./cmd/ferretdb)
    mv "$BIN.tmp" "$BIN"
  } >&2
  echo "$BIN"
}

start() {
  build >/dev/null
  if [[ -L "$PID_LINK" ]]; then stop; fi # stop a previous instance
  if port_open; then echo "port $PORT is already in use" >&2; exit 1; fi

  local dir pid
  dir="$(mktemp -d /tmp/latchkey-ferretdb.XXXXXX)"
  mkdir -p "$dir/sqlite"
  # Daemon output goes to the log file so that $(...) in the caller returns.
  "$BIN" --handler=sqlite --sqlite-url="file:$dir/sqlite/" --state-dir="$dir" \
    --listen-addr="127.0.0.1:$PORT" --debug-addr=- --telemetry=disable \
    </dev/null >"$dir/ferretdb.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/ferretdb.pid"
  ln -sfn "$dir/ferretdb.pid" "$PID_LINK"

  # Wait up to ~30 s for the port; bail out early if the process dies.
  for _ in $(seq 1 60); do
    if port_open; then echo "mongodb://127.0.0.1:$PORT/"; return; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "FerretDB failed to start on port $PORT; log tail ($dir/ferretdb.log):" >&2
  tail -n 40 "$dir/ferretdb.log" >&2 || true
  stop
  exit 1
}

stop() {
  [[ -L "$PID_LINK" ]] || { echo "FerretDB not running (no $PID_LINK)" >&2; return 0; }
  local pid
  pid="$(cat "$PID_LINK" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_LINK"
}

case "${1:-}" in
  build | start | stop) "$1" ;;
  *) echo "usage: $0 {build|start|stop}" >&2; exit 2 ;;
esac
