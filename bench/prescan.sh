#!/usr/bin/env bash
# Pre-scan throughput: prescan.BenchmarkPrescan10k scans a generated
# 10,000-file differential change set (about 560,000 added lines, 56 MB of
# diff) with the default rules. The goal is at most 2 s per scan.
#
# Usage: bench/prescan.sh [COUNT]   (default 5 runs of 3 iterations each)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
go test ./reviewer/prescan -run '^$' -bench 'BenchmarkPrescan10k$' -benchtime 3x -count "$count" -benchmem
