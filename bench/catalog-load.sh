#!/bin/sh
# Measure catalog.Load on a generated 50,000-entry published catalog and on
# the 328-entry registry snapshot. Each load runs in a fresh process (peak
# RSS is per process); each is repeated RUNS times (default 5) and the best
# and median wall times and the worst peak RSS are kept.
#
#   bench/catalog-load.sh [SNAPSHOT_DIR]
#
# Targets: 50k load + index <= 1000 ms wall, peak RSS <= 300 MB.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
snapshot=${1:-$root/../shared/mcp-registry/servers}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
go build -o "$work/catalogload" ./bench/catalogload
"$work/catalogload" -gen "$work/catalog-50k.yaml" -n 50000

best() { # best and median wall, worst peak RSS over $runs fresh processes
	i=0
	while [ "$i" -lt "$runs" ]; do
		"$work/catalogload" -load "$1"
		i=$((i + 1))
	done >"$work/runs"
	median=$(sed 's/.*wall_ms=\([0-9.]*\).*/\1/' "$work/runs" | sort -n | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }')
	awk -v median="$median" '{
		for (f = 1; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
		if (wall == "" || v["wall_ms"] + 0 < wall + 0) { wall = v["wall_ms"]; cpu = v["cpu_ms"] }
		if (v["maxrss_mb"] + 0 > rss + 0) rss = v["maxrss_mb"]
		n = v["entries"]; b = v["bytes"]
	} END { printf "entries=%s bytes=%s wall_ms=%s median_ms=%s cpu_ms=%s maxrss_mb=%s\n", n, b, wall, median, cpu, rss }' "$work/runs"
}

gen=$(best "$work/catalog-50k.yaml")
echo "generated: $gen"
if [ -d "$snapshot" ]; then
	snap=$(best "$snapshot")
	echo "snapshot:  $snap"
else
	snap=""
	echo "snapshot:  $snapshot not present, skipped"
fi

printf '%s\n%s\n' "$gen" "$snap" | awk '
	function get(line, key,   f, kv) { for (f = 1; f <= split(line, a, " "); f++) { split(a[f], kv, "="); if (kv[1] == key) return kv[2] } }
	NR == 1 { gn = get($0, "entries"); gw = get($0, "wall_ms"); gm = get($0, "median_ms"); gr = get($0, "maxrss_mb"); gb = get($0, "bytes") }
	NR == 2 && $0 != "" { sn = get($0, "entries"); sw = get($0, "wall_ms") }
	END {
		printf "50k: %d entries, %.1f MB of YAML, %.0f ms wall (median %.0f), %.0f MB peak RSS\n", gn, gb / 1048576, gw, gm, gr
		if (sn > 0) {
			printf "328: %.1f ms wall\n", sw
			printf "ratio: 50k/328 wall = %.0fx for %.0fx the entries (%.1f us/entry vs %.1f us/entry)\n", gw / sw, gn / sn, gw * 1000 / gn, sw * 1000 / sn
		}
		printf "targets: wall <= 1000 ms %s, RSS <= 300 MB %s\n", (gw <= 1000 ? "met" : "MISSED"), (gr <= 300 ? "met" : "MISSED")
	}'
