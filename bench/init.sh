#!/usr/bin/env bash
# Start cost of the mcptrust program (issue 11, goal 1), in one run:
#  1. package initialisation from GODEBUG=inittrace=1 over RUNS starts of
#     `mcptrust version`: the total per start (median, minimum) and the sum
#     over packages of each package's median, which a busy machine's
#     preemptions (landing in a random package's init) do not inflate; the
#     budget (<= 10 ms) is checked on that sum; the ten costliest packages;
#  2. wall time of `mcptrust version` against `crane version` built from the
#     go-containerregistry version in go.mod (budget: ratio of medians <= 1.5),
#     with hyperfine when installed, else a bounded loop timed by bash;
#  3. for both programs, the pages a start touches (minor faults), its peak
#     RSS and the binary's size: most of a start that is not init is the
#     kernel faulting in pages.
#
# With BASE (a git ref, e.g. main), the program built from BASE is measured
# in the same run, for a before/after ratio.
#
# Usage: bench/init.sh [RUNS] [BASE]   (default 31 runs, no base)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-31}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

CGO_ENABLED=0 go build -o "$out/mcptrust" ./cli-plugin
CGO_ENABLED=0 go build -o "$out/crane" github.com/google/go-containerregistry/cmd/crane
base=${2:-}
if [[ -n $base ]]; then
	mkdir "$out/base-src"
	git archive "$base" | tar -x -C "$out/base-src"
	(cd "$out/base-src" && CGO_ENABLED=0 go build -o "$out/mcptrust-base" ./cli-plugin)
fi

# inittotal BIN: sum of one start's package init times, in ms.
inittotal() { GODEBUG=inittrace=1 "$1" version 2>&1 >/dev/null | awk '/^init /{t += $5} END {printf "%.3f\n", t}'; }
echo "crane $("$out/crane" version) (go-containerregistry from go.mod)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# 1. Package init.
for ((i = 0; i < runs; i++)); do
	GODEBUG=inittrace=1 "$out/mcptrust" version 2>"$out/trace.$i" >/dev/null
	awk '/^init /{t += $5} END {printf "%.3f\n", t}' "$out/trace.$i" >>"$out/init.ms"
done
tot_med=$(median <"$out/init.ms")
tot_min=$(sort -n "$out/init.ms" | head -1)
cat "$out"/trace.* | awk '/^init /{print $2, $5}' |
	sort -k1,1 -k2,2n | awk '{v[$1] = v[$1] " " $2; n[$1]++} END {for (p in v) {split(substr(v[p], 2), a, " "); print a[int((n[p]+1)/2)], p}}' |
	sort -rn >"$out/per-package"
init_med=$(awk '{t += $1} END {printf "%.3f", t}' "$out/per-package")
echo
echo "package init of mcptrust version, $runs runs ($(wc -l <"$out/per-package") packages):"
echo "  sum of per-package medians ${init_med} ms (budget 10 ms); total per start: median ${tot_med} ms, min ${tot_min} ms"
echo "  init-time GC cycles in one start: $(GODEBUG=gctrace=1 "$out/mcptrust" version 2>&1 >/dev/null | grep -c '^gc ' || true)"
echo "costliest packages (median ms over the runs):"
head -10 "$out/per-package" | sed 's/^/  /'

# 2. Wall time against crane.
echo
if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 5 --runs "$runs" --export-csv "$out/wall.csv" \
		-n crane "$out/crane version" -n mcptrust "$out/mcptrust version" >/dev/null
	# command,mean,stddev,median,user,system,min,max (seconds)
	crane_us=$(awk -F, '$1 == "crane" {printf "%d", $4 * 1e6}' "$out/wall.csv")
	mcp_us=$(awk -F, '$1 == "mcptrust" {printf "%d", $4 * 1e6}' "$out/wall.csv")
	how="hyperfine -N, $runs runs after 5 warm-up"
else
	sample() { local s e; s=$EPOCHREALTIME; "$@" >/dev/null; e=$EPOCHREALTIME; echo $((${e/./} - ${s/./})); }
	for ((i = 0; i < 5; i++)); do sample "$out/crane" version >/dev/null; sample "$out/mcptrust" version >/dev/null; done
	for ((i = 0; i < runs; i++)); do
		sample "$out/crane" version >>"$out/crane.us"
		sample "$out/mcptrust" version >>"$out/mcptrust.us"
	done
	crane_us=$(median <"$out/crane.us")
	mcp_us=$(median <"$out/mcptrust.us")
	how="bash loop, $runs alternating runs"
fi
ratio=$(awk -v a="$mcp_us" -v b="$crane_us" 'BEGIN {printf "%.2f", a / b}')

# Where a start's time goes besides init: pages touched (minor faults) and
# peak RSS, from GNU time when installed (median over a few runs).
if [[ -x /usr/bin/time ]]; then
	for bin in crane mcptrust; do
		mb=$(du -m "$out/$bin" | cut -f1)
		for ((i = 0; i < 9; i++)); do
			/usr/bin/time -f '%R %M' "$out/$bin" version 2>&1 >/dev/null | tail -1
		done | sort -n | awk -v b="$bin" -v mb="$mb" '{f[NR] = $1; m[NR] = $2}
			END {printf "%-10s minor faults %5d  peak RSS %6d KB  binary %d MB\n", b, f[5], m[5], mb}'
	done
fi
printf '%-22s %10s %7s   (%s)\n' command median_us ratio "$how"
printf '%-22s %10d %7s\n' "crane version" "$crane_us" 1.00
printf '%-22s %10d %7s\n' "mcptrust version" "$mcp_us" "$ratio"

if [[ -n $base ]]; then
	for ((i = 0; i < runs; i++)); do
		inittotal "$out/mcptrust-base" >>"$out/base.ms"
		inittotal "$out/mcptrust" >>"$out/head.ms"
	done
	bm=$(median <"$out/base.ms")
	hm=$(median <"$out/head.ms")
	echo
	echo "package init total per start, $base vs this tree, $runs interleaved runs: median $bm ms vs $hm ms, ratio $(awk -v a="$hm" -v b="$bm" 'BEGIN {printf "%.2f", a / b}')"
	hyperfine -N --warmup 5 --runs "$runs" --export-csv "$out/base.csv" \
		-n base "$out/mcptrust-base version" -n head "$out/mcptrust version" >/dev/null 2>&1 &&
		awk -F, '$1 == "base" {b = $4} $1 == "head" {h = $4} END {printf "mcptrust version wall, median: %s %.0f us, this tree %.0f us, ratio %.2f\n", base, b * 1e6, h * 1e6, h / b}' base="$base" "$out/base.csv"
fi

fail=0
if awk -v m="$init_med" 'BEGIN {exit !(m <= 10)}'; then echo "package init within budget"; else echo "package init OVER budget (> 10 ms)"; fail=1; fi
if awk -v r="$ratio" 'BEGIN {exit !(r <= 1.5)}'; then echo "start within budget (<= 1.5x crane)"; else echo "start OVER budget (> 1.5x crane)"; fail=1; fi
exit $fail
