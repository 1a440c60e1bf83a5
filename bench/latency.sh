#!/usr/bin/env bash
# Key-to-frame latency of the explorer while it computes a grid.
#
#   bench/latency.sh LAYERMAP OUT_JSON MODEL [MODEL...]
#
# Starts `LAYERMAP --no-cache MODEL...` in a detached 120×40 tmux session on a server of its
# own (-L), waits for start-up, types a few hundred navigation keys (h j k l, arrows, H J K L,
# Tab, Shift-Tab, m, PgUp/PgDn, g G 0 $) with short random pauses while the grid is being
# computed, then q. The explorer measures, for each key, the time from reading it to
# presenting the frame that shows it, and on exit writes the summary to OUT_JSON
# (LAYERMAP_LATENCY_FILE), one JSON object:
#
#   {"count":300,"max_ms":4.1,"p50_ms":0.9,"p90_ms":1.8,"p99_ms":3.2}
#
# Prints `p50 … ms  p99 … ms` and exits 0 once OUT_JSON is written; exits 1 when the explorer
# failed or the file did not appear in time. The tmux server is always killed.
#
# Environment (all optional):
#   LATENCY_KEYS=300          keys to send
#   LATENCY_PAUSE_MS="20 50"  pause between keys: uniform in [min, max] milliseconds
#   LATENCY_STARTUP_S=1       wait before the first key
#   LATENCY_TIMEOUT_S=60      wait for OUT_JSON after q
#   LATENCY_SEED=1            seed of the key and pause sequence (same seed, same keys)
#   LATENCY_OVERVIEW=1        open the overview of every model pair (o) first and move in it
#                             (h j k l, arrows) while it fills in: the grids are computed one
#                             after the other behind it. Use --no-cache models (the default here).
set -euo pipefail

usage() { echo "usage: $0 LAYERMAP OUT_JSON MODEL [MODEL...]" >&2; exit 2; }
[ $# -ge 3 ] || usage
binary=$1 out=$2
shift 2
[ -x "$binary" ] || { echo "latency: $binary is not an executable" >&2; exit 2; }
for m in "$@"; do [ -e "$m" ] || { echo "latency: model $m not found" >&2; exit 2; }; done
command -v tmux >/dev/null || { echo "latency: tmux is not installed" >&2; exit 2; }

keys_total=${LATENCY_KEYS:-300}
read -r pause_min pause_max <<<"${LATENCY_PAUSE_MS:-20 50}"
startup=${LATENCY_STARTUP_S:-1}
timeout=${LATENCY_TIMEOUT_S:-60}
RANDOM=${LATENCY_SEED:-1}

abspath() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
binary=$(abspath "$binary")
out=$(abspath "$out")
models=()
for m in "$@"; do models+=("$(abspath "$m")"); done

work=$(mktemp -d "${TMPDIR:-/tmp}/layermap-latency.XXXXXX")
socket="layermap-latency-$$"
tmx() { env -u TMUX tmux -L "$socket" "$@"; }
socket_path=""
cleanup() {
    tmx kill-server 2>/dev/null || true
    [ -n "$socket_path" ] && rm -f "$socket_path"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -f "$out"
# The pane's shell records the explorer's exit status; its stderr goes to a file (shown on failure).
cmd="LAYERMAP_LATENCY_FILE=$(printf '%q' "$out") $(printf '%q' "$binary") --no-cache"
for m in "${models[@]}"; do cmd+=" $(printf '%q' "$m")"; done
cmd+=" 2>$(printf '%q' "$work/stderr"); echo \$? >$(printf '%q' "$work/status")"
TERM=xterm-256color tmx -f /dev/null new-session -d -x 120 -y 40 -s latency "$cmd"
socket_path=$(tmx display -p '#{socket_path}' 2>/dev/null || true)

alive() { [ ! -e "$work/status" ] && tmx has-session -t latency 2>/dev/null; }
failed() {
    echo "latency: the explorer $1" >&2
    [ -s "$work/status" ] && echo "latency: exit status $(cat "$work/status")" >&2
    [ -s "$work/stderr" ] && sed 's/^/  /' "$work/stderr" >&2
    exit 1
}

sleep "$startup"
alive || failed "ended before the first key"

# Mostly single steps, some jumps, pair and metric changes (each starts another grid).
choices=(j j j l l l k k h h Down Right Up Left J L K H Tab BTab m NPage PPage g G 0 '$')
if [ "${LATENCY_OVERVIEW:-0}" = 1 ]; then
    choices=(j j l l k h Down Right Up Left)
    tmx send-keys -t latency o
    sleep 0.3
fi
for ((i = 0; i < keys_total; i++)); do
    alive || failed "ended after $i keys"
    tmx send-keys -t latency "${choices[RANDOM % ${#choices[@]}]}"
    ms=$((pause_min + RANDOM % (pause_max - pause_min + 1)))
    sleep "$(printf '0.%03d' "$ms")"
done

# q quits; it is sent again every few seconds in case one was taken by a question.
tmx send-keys -t latency q 2>/dev/null || true
deadline=$((SECONDS + timeout))
next_q=$((SECONDS + 5))
while [ ! -s "$out" ]; do
    if [ -e "$work/status" ] && [ ! -s "$out" ]; then
        sleep 0.2
        [ -s "$out" ] || failed "exited without writing $out"
        break
    fi
    [ $SECONDS -lt $deadline ] || failed "did not write $out within ${timeout}s of q"
    if [ $SECONDS -ge $next_q ]; then
        tmx send-keys -t latency q 2>/dev/null || true
        next_q=$((SECONDS + 5))
    fi
    sleep 0.1
done

field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" "$out"; }
echo "p50 $(field p50_ms) ms  p99 $(field p99_ms) ms  (p90 $(field p90_ms) ms, max $(field max_ms) ms, $(field count) keys)"
