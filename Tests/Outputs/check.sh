#!/usr/bin/env bash
# Checks that the headless commands print what they printed when expected/ was recorded: the guard
# for restructuring work that must change no number. Text must be identical and numbers agree to a
# relative 1e-10 (compare.py: OpenBLAS picks its kernels by CPU, so the last digit of a printed double
# differs between machines).
#
#   Tests/Outputs/check.sh [--record] [BINARY]
#
# BINARY defaults to .build/debug/layermap. Each line of cases.txt is NAME<TAB>ARGUMENTS, run from
# the repository root; standard output and the exit status are compared with expected/NAME.out.
# `-o OUT.EXT` in the arguments is replaced by a temporary file that is compared too: a .npy by its
# header and values (printed by numpy), any other file by its SHA-256.
# --record writes expected/ anew (only when a change of output is intended: say so in the commit).
set -uo pipefail
cd "$(dirname "$0")/../.."
record=0
if [ "${1:-}" = "--record" ]; then record=1; shift; fi
bin="${1:-.build/debug/layermap}"
[ -x "$bin" ] || { echo "check.sh: no binary at $bin (build first)" >&2; exit 2; }
expected=Tests/Outputs/expected
mkdir -p "$expected"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
failed=0; passed=0
while IFS=$'\t' read -r name args; do
  case "$name" in ''|'#'*) continue ;; esac
  out="$tmp/$name.out"; file=""
  if [[ "$args" =~ -o\ OUT\.([a-z]+) ]]; then
    file="$tmp/$name.${BASH_REMATCH[1]}"
    args="${args/OUT.${BASH_REMATCH[1]}/$file}"
  fi
  # shellcheck disable=SC2086
  "$bin" $args >"$out" 2>/dev/null </dev/null
  echo "exit status $?" >>"$out"
  if [ -n "$file" ]; then
    if [ ! -f "$file" ]; then echo "file missing" >>"$out"
    elif [[ "$file" == *.npy ]]; then
      python3 -c 'import sys, numpy; a = numpy.load(sys.argv[1]); print("file npy", a.dtype, "x".join(map(str, a.shape)))
for v in a.ravel(): print(repr(float(v)))' "$file" >>"$out"
    else echo "file sha256 $(sha256sum "$file" | cut -d' ' -f1)" >>"$out"; fi
  fi
  if [ $record = 1 ]; then cp "$out" "$expected/$name.out"; passed=$((passed + 1)); continue; fi
  if [ ! -f "$expected/$name.out" ]; then echo "FAIL $name: no expected/$name.out (record it)"; failed=$((failed + 1))
  elif cmp -s "$out" "$expected/$name.out"; then passed=$((passed + 1))
  elif report="$(python3 Tests/Outputs/compare.py "$expected/$name.out" "$out")"; then passed=$((passed + 1))
  else
    echo "FAIL $name: layermap $args"
    echo "$report"
    failed=$((failed + 1))
  fi
done < Tests/Outputs/cases.txt
if [ $record = 1 ]; then echo "recorded $passed cases in $expected"; exit 0; fi
echo "outputs: $passed passed, $failed failed"
[ $failed = 0 ]
