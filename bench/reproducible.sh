#!/usr/bin/env bash
# Reproducibility of `make release`: builds one platform twice, from two
# copies of the source at different paths, the second with an empty Go build
# cache, and compares the SHA256SUMS of the two dist/ trees (both binaries,
# the folder and its .tar.gz). Any difference fails, and the differing files
# are named. One platform only: a cold build of mcptrust takes minutes.
#
# Usage: bench/reproducible.sh [OS/ARCH]   (default linux/amd64)
#        REPRO_WARM=1 bench/reproducible.sh   (reuse the build cache: faster,
#        checks path independence only)
set -euo pipefail
cd "$(dirname "$0")/.."
platform=${1:-linux/amd64}
version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# copy puts the tracked files (as they are in the work tree) under $1.
copy() {
	mkdir -p "$1"
	git ls-files -z | xargs -0 cp --parents -t "$1"
}

build() { # src dist [env...]
	local src=$1 dist=$2
	shift 2
	local start=$EPOCHREALTIME
	env "$@" make -s -C "$src" release PLATFORMS="$platform" VERSION="$version" DIST="$dist" >/dev/null
	local end=$EPOCHREALTIME
	echo "  $(( (${end/./} - ${start/./}) / 1000 )) ms"
}

copy "$work/src-a"
copy "$work/deeper/path/src-b"
echo "build 1 of $platform ($version), source at $work/src-a:"
build "$work/src-a" "$work/dist-a"
cache=$(go env GOCACHE)
[ "${REPRO_WARM:-}" = 1 ] || cache=$work/gocache
echo "build 2, source at $work/deeper/path/src-b, GOCACHE=$cache:"
build "$work/deeper/path/src-b" "$work/dist-b" GOCACHE="$cache"

if diff -u "$work/dist-a/SHA256SUMS" "$work/dist-b/SHA256SUMS"; then
	echo "reproducible: $(wc -l <"$work/dist-a/SHA256SUMS") files identical"
	cat "$work/dist-a/SHA256SUMS"
else
	echo "NOT reproducible: the files above differ" >&2
	exit 1
fi
