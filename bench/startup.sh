#!/usr/bin/env bash
# Start time of `docker-mcptrust docker-cli-plugin-metadata`, which docker runs
# on every `docker --help` and before every `docker mcptrust ...`, against a
# minimal plugin that imports only docker/cli's plugin package, side by side in
# one run. Also shows the full mcptrust program's own start time, so a change
# that moves work onto the launcher or bloats the engine is visible.
#
# Usage: bench/startup.sh [RUNS]   (default 51; the goal is launcher <= 2x minimal)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-51}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

go build -o "$out/docker-mcptrust" ./cli-plugin/launcher
go build -o "$out/mcptrust" ./cli-plugin
go build -o "$out/docker-minimal" ./bench/minimalplugin

# One sample: wall time in microseconds of one metadata call (bash's
# EPOCHREALTIME, so no extra process is timed).
sample() {
	local s e
	s=$EPOCHREALTIME
	"$1" docker-cli-plugin-metadata >/dev/null
	e=$EPOCHREALTIME
	echo $(( (${e/./} - ${s/./}) ))
}

names=(minimal launcher engine)
bins=("$out/docker-minimal" "$out/docker-mcptrust" "$out/mcptrust")
for b in "${bins[@]}"; do sample "$b" >/dev/null; done   # warm the page cache
for ((i = 0; i < runs; i++)); do
	for j in 0 1 2; do sample "${bins[$j]}" >>"$out/${names[$j]}.us"; done
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(median "$out/minimal.us")
printf '%-10s %10s %8s\n' binary median_us ratio
for n in "${names[@]}"; do
	m=$(median "$out/$n.us")
	printf '%-10s %10d %8.2f\n' "$n" "$m" "$(awk -v a="$m" -v b="$base" 'BEGIN {print a/b}')"
done
l=$(median "$out/launcher.us")
if awk -v a="$l" -v b="$base" 'BEGIN {exit !(a <= 2*b)}'; then
	echo "launcher within budget (<= 2x minimal plugin)"
else
	echo "launcher OVER budget (> 2x minimal plugin)"; exit 1
fi
