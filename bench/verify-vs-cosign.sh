#!/usr/bin/env bash
# shellcheck disable=SC2317  # functions run by trap or through "$@" look unreachable to it
# mcptrust verify against the manual recipe it replaces, on the same loopback
# registry at 0 ms and at 20 ms round trip per request (verifytest.Delay:
# every HTTP request waits RTT before it is served, so one request = one
# round trip); each RTT in its own fresh namespace and registry, in one run.
#
# The recipe is what a user checking an mcp/* image by hand runs, one after
# the other (plain HTTP flags because the registry is a loopback one; the
# Rekor key variable because the log is a test one, see "No network"):
#   crane digest --insecure HOST/mcp/NAME
#   COSIGN_REPOSITORY=HOST/mcp/signatures SIGSTORE_REKOR_PUBLIC_KEY=rekor.pub \
#     cosign verify --key key.pub --allow-http-registry HOST/mcp/NAME@DIGEST
#   crane config --insecure HOST/mcp/NAME@DIGEST
# and then compares the signed org.opencontainers.image.revision and the image
# label with the catalog's pin (grep, no jq). mcptrust does all of that in
#   mcptrust verify --catalog catalog.yaml --key key.pub --rekor-key rekor.pub NAME
#
# (crane digest first, so that cosign and crane check the same manifest, as
# the seed's recipe did.)
# Goals (issue 11, goal 2): mcptrust <= 0.3x the recipe's wall time for one
# image at each RTT, and at 20 ms
# `verify --all --concurrency 16` of 300 servers <= 3 s. Medians of RUNS runs,
# the recipe and mcptrust interleaved. For information it also times cosign
# with --new-bundle-format=false, which skips cosign v3's probe for a
# new-format bundle (2 of its 7 requests here): the fastest cosign can check
# these classic signatures, but not what a user types.
#
# Usage: bench/verify-vs-cosign.sh [RUNS]   (default 5; N=300 servers;
#        RTTS="0ms 20ms" by default)
#        HUB=1 bench/verify-vs-cosign.sh [RUNS]   Docker Hub-shaped world
#        BASE=REV bench/verify-vs-cosign.sh [RUNS]  also times mcptrust built
#        at git revision REV, interleaved, for a before/after ratio
#
# HUB=1 serves bench/hubworld instead (verifyworld -hub): a TLS registry
# named index.docker.io whose bearer challenge names auth.docker.io, blob
# GETs redirected to production.cloudflare.docker.com, RTT on every TCP
# connect, TLS handshake and request. All three tools reach those names only
# through verifyworld's HTTP CONNECT proxy on 127.0.0.1 (HTTPS_PROXY; no name
# is resolved) and trust the world's CA through SSL_CERT_FILE. Its request
# counts include the token service and the CDN; its round-trip column counts
# request waves only (connects and handshakes are in the times, not there).
#
# Exit status: 0 both goals met; 1 a goal was MISSED (printed as MISSED, like
# bench/startup.sh's OVER budget); 2 no fair comparison could be made (no
# network namespace, or the recipe or mcptrust did not verify).
#
# No network. cosign, crane and mcptrust are built/installed first (go build,
# and `go install` from the Go module proxy into bench/out/bin, git-ignored;
# skipped when the right version is already there). Then the script re-runs
# itself inside a fresh network namespace with only loopback
# (`unshare --net`), so nothing it starts can reach anything but 127.0.0.1;
# without that namespace it refuses to run cosign at all. cosign verifies
# fully offline: the key is a file, SIGSTORE_REKOR_PUBLIC_KEY names the test
# Rekor key (so cosign neither fetches Sigstore's TUF trusted root nor asks
# Rekor: the Rekor bundle's SET is checked offline), TUF_ROOT points into the
# scratch directory and DOCKER_CONFIG at an empty one (no credential helpers,
# for all three tools). When strace is installed, each tool's connect(2) calls
# are audited once and any non-loopback attempt aborts the run.
set -euo pipefail
export LC_ALL=C # EPOCHREALTIME with a '.'

root=$(cd "$(dirname "$0")/.." && pwd)
self=$root/bench/$(basename "$0")
bin=$root/bench/out/bin
runs=${1:-5}
n=${N:-300}
rtt=${RTT:-20ms}
cosign_version=v3.1.3
crane_version=v0.22.1

# modversion BIN: the main module version a Go binary was built from, with
# "-cgo" appended unless it was built static (CGO_ENABLED=0).
modversion() {
	go version -m "$1" 2>/dev/null | awk '$1 == "mod" {v = $3} $1 == "build" && $2 == "CGO_ENABLED=0" {s = 1} END {print v (s ? "" : "-cgo")}'
}

# ---- outside the namespace: build and install (needs the module proxy) ----
if [[ ${MCPTRUST_BENCH_NETNS:-} != 1 ]]; then
	[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [RUNS]" >&2; exit 2; }
	cd "$root"
	mkdir -p "$bin"
	# Every program is built static, as `make build` and the cosign and crane
	# releases are: a dynamic Go binary starts ~2 ms later here.
	export CGO_ENABLED=0
	go build -o "$bin/mcptrust" ./cli-plugin
	go build -o "$bin/verifyworld" ./bench/verifyworld
	if [[ -n ${BASE:-} ]]; then
		rm -rf "$bin/base-src" && mkdir -p "$bin/base-src"
		git archive "$BASE" | tar -x -C "$bin/base-src" || { echo "BASE=$BASE: not a revision here" >&2; exit 2; }
		(cd "$bin/base-src" && go build -o "$bin/mcptrust-base" ./cli-plugin)
		rm -rf "$bin/base-src"
	fi
	if [[ $(modversion "$bin/cosign") != "$cosign_version" ]]; then
		echo "installing cosign $cosign_version into $bin" >&2
		GOBIN=$bin go install "github.com/sigstore/cosign/v3/cmd/cosign@$cosign_version"
	fi
	if [[ $(modversion "$bin/crane") != "$crane_version" ]]; then
		echo "installing crane $crane_version into $bin" >&2
		GOBIN=$bin go install "github.com/google/go-containerregistry/cmd/crane@$crane_version"
	fi
	why=""
	if ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then
		why="unshare or ip is not installed"
	elif ! out=$(unshare --net --fork -- ip link set lo up 2>&1); then
		why="cannot create a network namespace: $out"
	fi
	if [[ -n $why ]]; then
		echo "REFUSED: $why." >&2
		echo "cosign is only run inside a loopback-only network namespace, so that it can" >&2
		echo "never reach Sigstore's TUF repository, Rekor or Fulcio. Run as root (or with" >&2
		echo "CAP_SYS_ADMIN); for mcptrust's figures alone: go test ./bench/verify -run '^\$' -bench ." >&2
		exit 2
	fi
	status=0
	for r in ${RTTS:-0ms 20ms}; do
		[[ $r =~ ^[0-9]+ms$ ]] || { echo "bad RTT $r: want e.g. 20ms" >&2; exit 2; }
		st=0
		unshare --net --fork -- env MCPTRUST_BENCH_NETNS=1 RTT="$r" bash "$self" "$runs" || st=$?
		((st > status)) && status=$st
	done
	exit "$status"
fi

# ---- inside the namespace: loopback only ----
ip link set lo up
links=$(ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -vx lo || true)
if [[ -n $links ]]; then
	echo "REFUSED: the namespace has interfaces besides lo: $links" >&2
	exit 2
fi

mkdir -p "$root/bench/out"
work=$(mktemp -d "$root/bench/out/verify-vs-cosign.XXXXXX")
world_pid=""
cleanup() {
	exec 3>&- # end of file on its stdin stops verifyworld
	if [[ -n $world_pid ]]; then
		kill "$world_pid" 2>/dev/null || true
		wait "$world_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/docker" "$work/tuf"
export DOCKER_CONFIG=$work/docker TUF_ROOT=$work/tuf

# verifyworld serves until its stdin (this fifo, held open on fd 3) closes.
mkfifo "$work/hold"
"$bin/verifyworld" -dir "$work" -n "$n" -rtt "$rtt" -log "$work/requests" ${HUB:+-hub} <"$work/hold" &
world_pid=$!
exec 3>"$work/hold"
for ((i = 0; i < 1200; i++)); do
	[[ -f $work/ready ]] && break
	kill -0 "$world_pid" 2>/dev/null || { echo "verifyworld died" >&2; exit 2; }
	sleep 0.1
done
[[ -f $work/ready ]] || { echo "verifyworld not ready after 120 s" >&2; exit 2; }
host=$(<"$work/host")
if [[ -n ${HUB:-} ]]; then # every tool reaches the world through its proxy
	HTTPS_PROXY=$(<"$work/proxy")
	export HTTPS_PROXY SSL_CERT_FILE=$work/ca.pem NO_PROXY= no_proxy=
fi
read -r name pin <"$work/servers"
image=$host/mcp/$name
digest="" # set by crane_digest, before cosign and crane config run
# cosign's environment, set for cosign only (mcptrust also honours
# COSIGN_REPOSITORY, but finds mcp/signatures beside mcp/NAME by itself).
sigrepo=$host/mcp/signatures
rekorpub=$work/rekor.pub

# us START END: microseconds between two EPOCHREALTIME readings (read in
# this shell, not in a $(...) subshell, so no fork is timed).
us() { echo $((${2/./} - ${1/./})); }

# revision: the org.opencontainers.image.revision value in JSON on stdin.
revision() { grep -o '"org.opencontainers.image.revision":"[0-9a-f]*"' | cut -d'"' -f4; }

cosign_verify() {
	COSIGN_REPOSITORY=$sigrepo SIGSTORE_REKOR_PUBLIC_KEY=$rekorpub \
		"$bin/cosign" verify --key "$work/key.pub" --allow-http-registry "$image@$digest" 2>/dev/null
}
# cosign_tuned skips cosign v3's OCI-referrers probe for a new-format bundle
# (2 requests); not what the recipe says, shown for information only.
cosign_tuned() {
	COSIGN_REPOSITORY=$sigrepo SIGSTORE_REKOR_PUBLIC_KEY=$rekorpub \
		"$bin/cosign" verify --key "$work/key.pub" --allow-http-registry --new-bundle-format=false "$image@$digest" >/dev/null 2>&1
}
crane_digest() { "$bin/crane" digest --insecure "$image"; }
crane_config() { "$bin/crane" config --insecure "$image@$digest"; }
mcptrust_one() {
	"$bin/mcptrust" verify --catalog "$work/catalog.yaml" --key "$work/key.pub" \
		--rekor-key "$work/rekor.pub" "$name" >"$work/one.out" 2>&1
}
mcptrust_base_one() {
	"$bin/mcptrust-base" verify --catalog "$work/catalog.yaml" --key "$work/key.pub" \
		--rekor-key "$work/rekor.pub" "$name" >"$work/base.out" 2>&1
}
mcptrust_all() {
	"$bin/mcptrust" verify --catalog "$work/catalog.yaml" --key "$work/key.pub" \
		--rekor-key "$work/rekor.pub" --all --concurrency 16 >"$work/all.out" 2>"$work/all.err"
}

# recipe: the manual check, timed as a whole and per step (us appended to
# recipe.us, digest.us, cosign.us, crane.us). Fails unless the signature
# verifies and both revisions equal the pin.
recipe() {
	local t0 td t1 t2 t3 sig cfg
	t0=$EPOCHREALTIME
	digest=$(crane_digest) || { echo "crane digest failed" >&2; return 1; }
	td=$EPOCHREALTIME
	sig=$(cosign_verify) || { echo "cosign verify failed" >&2; return 1; }
	t1=$EPOCHREALTIME
	cfg=$(crane_config) || { echo "crane config failed" >&2; return 1; }
	t2=$EPOCHREALTIME
	if [[ $(revision <<<"$sig") != "$pin" || $(revision <<<"$cfg") != "$pin" ]]; then
		echo "revision mismatch: signed $(revision <<<"$sig"), label $(revision <<<"$cfg"), pin $pin" >&2
		return 1
	fi
	t3=$EPOCHREALTIME
	us "$t0" "$t3" >>"$work/recipe.us"
	us "$t0" "$td" >>"$work/digest.us"
	us "$td" "$t1" >>"$work/cosign.us"
	us "$t1" "$t2" >>"$work/crane.us"
}

# timed FILE CMD...: run CMD, append its wall time in us to FILE.
timed() {
	local f=$1 s e
	shift
	s=$EPOCHREALTIME
	"$@" || return 1
	e=$EPOCHREALTIME
	us "$s" "$e" >>"$work/$f"
}

# requests CMD...: "COUNT DEPTH": how many registry requests CMD makes, and
# in how many sequential round trips (a request arriving more than half a
# round trip after the first of the current wave starts a new wave; the log
# lines are "METHOD PATH UNIX_MICROS" on arrival).
requests() {
	local before
	before=$(wc -l <"$work/requests")
	"$@" >/dev/null || return 1
	tail -n +$((before + 1)) "$work/requests" | awk -v half="${rtt%ms}" '
		half == 0 { n++; next } # no delay: waves cannot be told apart
		END { if (half == 0) { print n, "-"; exit } }
		{ t = $3 / 1000; n++ }
		n == 1 || t - start > half / 2 { start = t; d++ }
		END { print n, d }'
}

fail() { echo "NO FAIR COMPARISON: $*" >&2; exit 2; }

# Warm up (page cache), check every path verifies, count requests.
digest=$(crane_digest) || fail "crane digest $image failed"
req_digest=$(requests crane_digest) || fail "crane digest $image failed"
req_cosign=$(requests cosign_verify) || fail "cosign verify does not verify $image offline"
req_tuned=$(requests cosign_tuned) || fail "cosign verify --new-bundle-format=false does not verify $image offline"
req_crane=$(requests crane_config) || fail "crane config $image failed"
recipe || fail "the recipe does not verify $image"
req_one=$(requests mcptrust_one) || fail "mcptrust verify $name: $(cat "$work/one.out")"
grep -q 'verdict: VERIFIED' "$work/one.out" || fail "mcptrust verify $name: $(cat "$work/one.out")"
: >"$work/recipe.us"
: >"$work/digest.us"
: >"$work/warm.us"
: >"$work/cosign.us"
: >"$work/crane.us"

# audit LABEL CMD...: run CMD under strace; fail if any connect(2) goes
# anywhere but loopback (the namespace would drop it, but an attempt would
# also make the tool slower than it is).
audit() {
	local label=$1 total outside
	shift
	strace -f -qq -e trace=connect -o "$work/strace" "$@" >/dev/null 2>&1 || fail "$label failed under strace"
	total=$(grep -c 'connect(' "$work/strace" || true)
	outside=$(grep 'connect(' "$work/strace" | grep -v -e 'inet_addr("127\.' -e '"::1"' -e 'AF_UNIX' || true)
	[[ -z $outside ]] || fail "$label tried to reach beyond loopback: $outside"
	printf 'audit: %-16s %2d connect(2) calls, all to 127.0.0.1\n' "$label" "$total"
}
if command -v strace >/dev/null; then
	audit "cosign verify" env "COSIGN_REPOSITORY=$sigrepo" "SIGSTORE_REKOR_PUBLIC_KEY=$rekorpub" "$bin/cosign" verify --key "$work/key.pub" --allow-http-registry "$image@$digest"
	audit "crane digest" "$bin/crane" digest --insecure "$image"
	audit "crane config" "$bin/crane" config --insecure "$image@$digest"
	audit "mcptrust verify" "$bin/mcptrust" verify --catalog "$work/catalog.yaml" --key "$work/key.pub" \
		--rekor-key "$work/rekor.pub" "$name"
else
	echo "audit: strace not installed; relying on the namespace alone"
fi

# mcptrust keeps verified results under DOCKER_CONFIG (README, "verdict
# cache"); the recipe has no cache, so every timed mcptrust run starts with
# an empty one (emptied outside the timing). The warm run right after, a
# cache hit, is shown for information only.
no_verdicts() { rm -rf "$DOCKER_CONFIG/mcptrust/verdicts"; }
for ((i = 0; i < runs; i++)); do
	recipe || fail "the recipe failed on run $((i + 1))"
	no_verdicts
	timed one.us mcptrust_one || fail "mcptrust verify $name failed on run $((i + 1))"
	grep -q 'verdict from the cache' "$work/one.out" && fail "mcptrust verify $name: a cold run came from the cache"
	timed warm.us mcptrust_one || fail "mcptrust verify $name (warm) failed on run $((i + 1))"
	timed tuned.us cosign_tuned || fail "cosign --new-bundle-format=false failed on run $((i + 1))"
	if [[ -n ${BASE:-} ]]; then
		no_verdicts
		timed base.us mcptrust_base_one || fail "mcptrust at $BASE failed on run $((i + 1)): $(cat "$work/base.out")"
	fi
done
for ((i = 0; i < runs; i++)); do
	no_verdicts
	timed all.us mcptrust_all || fail "mcptrust verify --all failed on run $((i + 1)): $(tail -n 5 "$work/all.out" "$work/all.err")"
	verified=$(grep -c 'verdict: VERIFIED' "$work/all.out" || true)
	[[ $verified == "$n" ]] || fail "mcptrust verify --all verified $verified of $n"
done

median() { sort -n "$work/$1" | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)] / 1000}'; }
recipe_ms=$(median recipe.us)
one_ms=$(median one.us)
all_ms=$(median all.us)
ratio=$(awk -v a="$one_ms" -v b="$recipe_ms" 'BEGIN {printf "%.2f", a / b}')
tuned_ms=$(median tuned.us)
tuned_ratio=$(awk -v a="$one_ms" -v b="$tuned_ms" -v c="$(median crane.us)" -v d="$(median digest.us)" 'BEGIN {printf "%.2f", a / (b + c + d)}')
all_ratio=$(awk -v a="$all_ms" 'BEGIN {printf "%.2f", a / 3000}')

echo
echo "$(<"$work/ready"); medians of $runs runs (ms)"
echo "cosign $cosign_version, crane $crane_version; $(nproc) cores; $(date -u +%Y-%m-%d)"
row() { printf '%-56s %9s %8s %11s\n' "$@"; }
row what median_ms requests round_trips
sum_depth=-
[[ ${req_cosign#* } == - ]] || sum_depth=$((${req_digest#* } + ${req_cosign#* } + ${req_crane#* }))
row "recipe: crane digest, cosign verify, crane config, grep" "$recipe_ms" \
	$((${req_digest% *} + ${req_cosign% *} + ${req_crane% *})) "$sum_depth"
row "  crane digest" "$(median digest.us)" "${req_digest% *}" "${req_digest#* }"
row "  cosign verify" "$(median cosign.us)" "${req_cosign% *}" "${req_cosign#* }"
row "  crane config" "$(median crane.us)" "${req_crane% *}" "${req_crane#* }"
row "  (cosign verify --new-bundle-format=false)" "$tuned_ms" "${req_tuned% *}" "${req_tuned#* }"
row "mcptrust verify NAME (empty verdict cache)" "$one_ms" "${req_one% *}" "${req_one#* }"
row "  (mcptrust verify NAME, cache hit)" "$(median warm.us)" - -
row "mcptrust verify --all --concurrency 16 ($n), empty cache" "$all_ms" - -
[[ -z ${BASE:-} ]] || row "  (mcptrust at $BASE, verify NAME, empty cache)" "$(median base.us)" - -
echo
[[ -z ${BASE:-} ]] || echo "this tree / $BASE, one verify: $(awk -v a="$one_ms" -v b="$(median base.us)" 'BEGIN {printf "%.2f", a / b}')x"

echo "for information: mcptrust / (crane digest + cosign --new-bundle-format=false + crane config) = ${tuned_ratio}x"
status=0
if awk -v a="$one_ms" -v b="$recipe_ms" 'BEGIN {exit !(a <= 0.3 * b)}'; then
	echo "one image at $rtt: mcptrust / recipe = ${ratio}x (goal <= 0.3x): met"
else
	echo "one image at $rtt: mcptrust / recipe = ${ratio}x (goal <= 0.3x): MISSED"
	status=1
fi
if awk -v a="$all_ms" 'BEGIN {exit !(a <= 3000)}'; then
	echo "--all $n: ${all_ms} ms = ${all_ratio}x the 3 s budget: met"
else
	echo "--all $n: ${all_ms} ms = ${all_ratio}x the 3 s budget: MISSED"
	status=1
fi
exit "$status"
