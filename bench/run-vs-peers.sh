#!/usr/bin/env bash
# Inkwell's collaboration server side by side with Hocuspocus and y-websocket, using the shared
# harness in ../shared/bench (see its README.md). Builds a frozen copy of the server first, so
# edits made meanwhile do not change what is measured, and gives every run a fresh data dir.
#
#   bench/run-vs-peers.sh                                   # fanout preset, 3 repeats
#   bench/run-vs-peers.sh --scenarios coldload,connections --repeat 2 --label cold
#   SKIP_BUILD=1 bench/run-vs-peers.sh ...                  # reuse apps/server/dist-bench/main.js
#   INKWELL_AB_ENV='COMPACT_AFTER_UPDATES=1000000000' bench/run-vs-peers.sh ...
#       # adds a second target "inkwell-ab": the same build started with these extra variables
#
# Every argument is passed to the harness (run.sh); defaults below apply when not given.
# Results: bench/results/<label>-<date>.json and bench/results/<label>.md (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared_bench="${BENCH_HARNESS_DIR:-$root/../shared/bench}"
server_dir="$root/apps/server"
server_js="$server_dir/dist-bench/main.js"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$server_dir" && node build.mjs dist-bench/main.js)
fi
commit="$(git -C "$root" log -1 --format=%h 2>/dev/null || echo unknown)"
dirty="$(git -C "$root" status --porcelain -- apps/server packages 2>/dev/null | wc -l)"
echo "measuring $server_js (commit $commit; $dirty uncommitted paths under apps/server, packages)" >&2

# Run the harness from a private writable copy: run.sh only copies itself when its folder is
# not writable, and as root `[ -w ]` is always true, so it would `pnpm install` into shared/.
# one copy per checkout, so runs from two worktrees at once do not overwrite each other's copy
copy="${BENCH_HARNESS_COPY:-${TMPDIR:-/tmp}/inkwell-bench-harness-$(printf %s "$root" | md5sum | cut -c1-8)}"
mkdir -p "$copy"
(cd "$shared_bench" && tar --exclude=./node_modules --exclude=./results -cf - .) | (cd "$copy" && tar -xf -)
chmod -R u+w "$copy"
export INKWELL_TRACE="${INKWELL_TRACE:-$(cd "$shared_bench/../data" && pwd)/editing-trace-paper.json.gz}"
harness="$copy/run.sh"

# One parent dir for this invocation's data dirs; removed at the end.
data_root="$(mktemp -d "${TMPDIR:-/tmp}/inkwell-bench-data.XXXXXX")"
trap 'rm -rf "$data_root"' EXIT

args=("$@")
has() { for a in "${args[@]}"; do [ "$a" = "$1" ] && return 0; done; return 1; }
defaults=()
has --scenarios || defaults+=(--scenarios fanout)
has --repeat || defaults+=(--repeat 3)
has --label || defaults+=(--label inkwell-vs-peers)
has --out || defaults+=(--out "$here/results")

# PORT and HOST are exported by the harness for the launched command; {port} is its free port.
targets=(
  --target 'inkwell=yws:ws://127.0.0.1:{port}/ws/doc/{doc}'
  --target-opt "inkwell.launch=env INKWELL_BENCH_COMMIT=$commit+${dirty}dirty DATA_DIR=\$(mktemp -d $data_root/run.XXXXXX) LOG_LEVEL=warn node $server_js"
  --target-opt "inkwell.prestep=$here/inkwell-prestep.mjs"
)
if [ -n "${INKWELL_AB_ENV:-}" ]; then
  targets+=(
    --target 'inkwell-ab=yws:ws://127.0.0.1:{port}/ws/doc/{doc}'
    --target-opt "inkwell-ab.launch=env INKWELL_BENCH_COMMIT=$commit+${dirty}dirty $INKWELL_AB_ENV DATA_DIR=\$(mktemp -d $data_root/run.XXXXXX) LOG_LEVEL=warn node $server_js"
    --target-opt "inkwell-ab.prestep=$here/inkwell-prestep.mjs"
  )
fi
"$harness" "${defaults[@]}" "${targets[@]}" "$@"
