#!/bin/sh
# Measure catalog.Load on a generated 50,000-entry published catalog and on
# the 328-entry registry snapshot. Each load runs in a fresh process (peak
# RSS is per process); each is repeated RUNS times (default 5) and the best
# and median wall times and the worst peak RSS are kept.
#
# The 50k catalog is loaded three ways: as a file (a full parse), and as a
# URL download through the cache (the fetcher reads the file; nothing goes
# on the network): cold (empty cache: parse, then write the download and
# its compact parsed form) and warm (fresh cache: the download is checked
# against its SHA-256 and the compact form read instead of the YAML).
#
#   bench/catalog-load.sh [SNAPSHOT_DIR]
#
# Targets (issue 11): warm 50k load <= 300 ms wall and <= 150 MB peak RSS;
# the older file-load targets stay: <= 1000 ms wall, <= 300 MB.
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
		if [ "${2:-}" = cold ]; then rm -rf "$work/cache"; fi
		if [ -n "${2:-}" ]; then
			"$work/catalogload" -load "$1" -cache "$work/cache"
		else
			"$work/catalogload" -load "$1"
		fi
		i=$((i + 1))
	done >"$work/runs"
	median=$(sed 's/.*wall_ms=\([0-9.]*\).*/\1/' "$work/runs" | sort -n | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }')
	awk -v median="$median" '{
		for (f = 1; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
		if (wall == "" || v["wall_ms"] + 0 < wall + 0) { wall = v["wall_ms"]; cpu = v["cpu_ms"] }
		if (v["maxrss_mb"] + 0 > rss + 0) rss = v["maxrss_mb"]
		n = v["entries"]; b = v["bytes"]; fc = v["from_cache"]
	} END { printf "entries=%s bytes=%s wall_ms=%s median_ms=%s cpu_ms=%s maxrss_mb=%s from_cache=%s\n", n, b, wall, median, cpu, rss, fc }' "$work/runs"
}

gen=$(best "$work/catalog-50k.yaml")
echo "generated: $gen"
cold=$(best "$work/catalog-50k.yaml" cold)
echo "url cold:  $cold"
warm=$(best "$work/catalog-50k.yaml" warm)
echo "url warm:  $warm"
if [ -d "$snapshot" ]; then
	snap=$(best "$snapshot")
	echo "snapshot:  $snap"
else
	snap=""
	echo "snapshot:  $snapshot not present, skipped"
fi

printf '%s\n%s\n%s\n%s\n' "$gen" "$snap" "$cold" "$warm" | awk '
	function get(line, key,   f, kv) { for (f = 1; f <= split(line, a, " "); f++) { split(a[f], kv, "="); if (kv[1] == key) return kv[2] } }
	NR == 1 { gn = get($0, "entries"); gw = get($0, "wall_ms"); gm = get($0, "median_ms"); gr = get($0, "maxrss_mb"); gb = get($0, "bytes") }
	NR == 2 && $0 != "" { sn = get($0, "entries"); sw = get($0, "wall_ms") }
	NR == 3 { cw = get($0, "wall_ms"); cm = get($0, "median_ms"); cc = get($0, "cpu_ms"); cr = get($0, "maxrss_mb") }
	NR == 4 { ww = get($0, "wall_ms"); wm = get($0, "median_ms"); wc = get($0, "cpu_ms"); wr = get($0, "maxrss_mb"); wf = get($0, "from_cache") }
	END {
		printf "50k url cold: %.0f ms wall (median %.0f, cpu %.0f), %.0f MB peak RSS\n", cw, cm, cc, cr
		printf "50k url warm: %.0f ms wall (median %.0f, cpu %.0f), %.0f MB peak RSS, from cache %s\n", ww, wm, wc, wr, wf
		if (sw > 0) printf "ratio to the 328-entry snapshot load: file %.1fx, cold %.1fx, warm %.1fx\n", gw / sw, cw / sw, ww / sw
		printf "warm targets: wall <= 300 ms %s, RSS <= 150 MB %s\n", (ww <= 300 ? "met" : "MISSED"), (wr <= 150 ? "met" : "MISSED")
		printf "50k: %d entries, %.1f MB of YAML, %.0f ms wall (median %.0f), %.0f MB peak RSS\n", gn, gb / 1048576, gw, gm, gr
		if (sn > 0) {
			printf "328: %.1f ms wall\n", sw
			printf "ratio: 50k/328 wall = %.0fx for %.0fx the entries (%.1f us/entry vs %.1f us/entry)\n", gw / sw, gn / sn, gw * 1000 / gn, sw * 1000 / sn
		}
		printf "targets: wall <= 1000 ms %s, RSS <= 300 MB %s\n", (gw <= 1000 ? "met" : "MISSED"), (gr <= 300 ? "met" : "MISSED")
	}'
