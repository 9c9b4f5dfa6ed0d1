#!/usr/bin/env bash
# Mutation testing (make mutate): gremlins makes one small deliberate bug at
# a time in a package (a flipped condition, a moved boundary, + for -), runs
# that package's tests, and counts the bug KILLED when a test fails, LIVED
# when every test still passes. Only lines the tests cover are mutated.
#
# Usage: bench/mutate.sh [--report] [PACKAGE...]   (default: all eleven below)
#   --report         print the table from the last run's logs, run nothing
#   MUTATE_TIMEOUT   wall-clock bound per package (default 90m; timeout(1) syntax)
#   MUTATE_WORKERS   parallel mutants (default: gremlins' own, one per CPU)
#   MUTATE_EXCLUDE   one more regexp of files (relative to the package) not to
#                    mutate, to spend a bounded run on the security checks
#   MUTATE_TIMEOUT_COEFFICIENT  a mutant times out after this many times the
#                    unmutated test run (default 5: the machine is shared)
# Results: bin/mutate/<package>.txt (every mutant and its fate) and a table of
# the kill rate per package: KILLED / (KILLED + LIVED). TIMED OUT mutants
# (the tests hung or ran 3x longer than unmutated) and NOT VIABLE ones (did
# not compile) are shown but not in the rate. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

GREMLINS_VERSION=v0.6.0
tools=$PWD/bin/tools
gremlins=$tools/gremlins-$GREMLINS_VERSION
if [ ! -x "$gremlins" ]; then
	mkdir -p "$tools"
	GOBIN=$tools go install "github.com/go-gremlins/gremlins/cmd/gremlins@$GREMLINS_VERSION"
	mv "$tools/gremlins" "$gremlins"
fi

# Per package: the flags that keep the run to that package's own code.
# The reviewer is mutated without its real-engine tests (-tags noengine):
# they need a Docker engine and minutes per run.
flags_for() {
	case "$1" in
	catalog) printf '%s\n' -E '^catalogtest/' ;;
	verify) printf '%s\n' -E '^verifytest/' ;;
	reviewer) printf '%s\n' --tags noengine -E '^proxy/' -E '^testdata/' ;;
	reviewer/proxy | internal/sanitize | internal/machinekey | internal/simplesigning | verify/internal/sigkeys | verify/internal/cosignsig | verify/internal/sgbundle | verify/internal/pbjson) ;;
	*) echo "bench/mutate.sh: unknown package $1" >&2; return 2 ;;
	esac
}

report_only=
if [ "${1:-}" = --report ]; then
	report_only=1
	shift
fi
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(internal/sanitize reviewer/proxy internal/machinekey internal/simplesigning verify/internal/sigkeys verify/internal/cosignsig verify/internal/sgbundle verify/internal/pbjson verify catalog reviewer)
for pkg in "${pkgs[@]}"; do flags_for "$pkg" >/dev/null || exit 2; done
out=$PWD/bin/mutate
mkdir -p "$out"
workers=()
# -count=1: a cached coverage run would time gremlins' baseline at ~0 s and
# every mutant would time out.
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-count=1"
[ -z "${MUTATE_WORKERS:-}" ] || workers=(--workers "$MUTATE_WORKERS")

for pkg in "${pkgs[@]}"; do
	[ -z "$report_only" ] || break
	mapfile -t flags < <(flags_for "$pkg")
	[ -z "${MUTATE_EXCLUDE:-}" ] || flags+=(-E "$MUTATE_EXCLUDE")
	log=$out/$(echo "$pkg" | tr / _).txt
	echo "mutating $pkg (log: ${log#"$PWD"/})" >&2
	(cd "$pkg" && NO_COLOR=1 timeout "${MUTATE_TIMEOUT:-90m}" "$gremlins" unleash "${flags[@]}" "${workers[@]}" \
		--timeout-coefficient "${MUTATE_TIMEOUT_COEFFICIENT:-5}" -S lctkvs) >"$log" 2>&1 ||
		echo "  $pkg: gremlins stopped early (exit $?); its counts are missing or partial" >&2
done

printf '\n%-18s %7s %7s %9s %10s %12s %10s\n' package killed lived "timed out" "not viable" "not covered" "kill rate"
for pkg in "${pkgs[@]}"; do
	log=$out/$(echo "$pkg" | tr / _).txt
	if [ ! -f "$log" ]; then
		printf '%-18s (no log: not run)\n' "$pkg"
		continue
	fi
	killed=$(grep -c '^ *KILLED ' "$log" || true)
	lived=$(grep -c '^ *LIVED ' "$log" || true)
	timedout=$(grep -c '^ *TIMED OUT ' "$log" || true)
	notviable=$(grep -c '^ *NOT VIABLE ' "$log" || true)
	notcovered=$(grep -c '^ *NOT COVERED ' "$log" || true)
	rate=n/a
	[ $((killed + lived)) -eq 0 ] || rate=$(awk -v k="$killed" -v l="$lived" 'BEGIN { printf "%.1f%%", 100 * k / (k + l) }')
	done=$(grep -q 'Mutation testing completed' "$log" && echo "" || echo " (partial)")
	printf '%-18s %7d %7d %9d %10d %12d %10s%s\n' "$pkg" "$killed" "$lived" "$timedout" "$notviable" "$notcovered" "$rate" "$done"
done
echo
echo "Survivors (LIVED: no test failed with that bug in place):"
for pkg in "${pkgs[@]}"; do
	grep -s '^ *LIVED ' "$out/$(echo "$pkg" | tr / _).txt" | sed "s|^ *LIVED |  $pkg: |" || true
done
