#!/usr/bin/env bash
# The script of the mcptrust GitHub Action (action.yml at the repository
# root). It reads only environment variables: the INPUT_* values action.yml
# passes (never interpolated into script text, so an input cannot inject
# shell) and what GitHub sets (RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP,
# GITHUB_OUTPUT, GITHUB_PATH, GITHUB_ACTION_REF).
#
#   run.sh install   download the release for this runner, check it against
#                    SHA256SUMS, unpack it and put it on GITHUB_PATH
#   run.sh run       run the command; write exit-code (and sarif-file) to
#                    GITHUB_OUTPUT and exit 0, so the SARIF upload can follow
#
# Network: install fetches two files from MCPTRUST_RELEASE_URL (default
# https://github.com/mcp-trust/mcp-trust/releases/download); the commands
# reach what they document (verify: registries; review: the agent's API).
set -euo pipefail

die() {
	echo "::error title=mcptrust action::$1"
	exit 2
}

# put writes one name=value line to GITHUB_OUTPUT; values are ours, one line.
put() {
	printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
}

platform() {
	local os arch
	case "${RUNNER_OS:-}" in
	Linux) os=linux ;; macOS) os=darwin ;; Windows) os=windows ;;
	*) die "unsupported RUNNER_OS '${RUNNER_OS:-}'" ;;
	esac
	case "${RUNNER_ARCH:-}" in
	X64) arch=amd64 ;; ARM64) arch=arm64 ;;
	*) die "unsupported RUNNER_ARCH '${RUNNER_ARCH:-}'" ;;
	esac
	echo "$os-$arch"
}

sha256() {
	if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d' ' -f1
}

install() {
	local version=${INPUT_VERSION:-${GITHUB_ACTION_REF:-}}
	[[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-.][0-9A-Za-z.-]+)?$ ]] ||
		die "version '$version' is not a release tag like v1.2.3 (set the version input, or use the action at a tag)"
	local base=${MCPTRUST_RELEASE_URL:-https://github.com/mcp-trust/mcp-trust/releases/download}
	local name="mcptrust-$version-$(platform)"
	local dir="${RUNNER_TEMP:?RUNNER_TEMP is not set}/mcptrust-action"
	rm -rf "$dir" && mkdir -p "$dir"
	curl -fsSL --proto '=https,http' --retry 3 -o "$dir/SHA256SUMS" "$base/$version/SHA256SUMS" ||
		die "could not download SHA256SUMS of $version"
	curl -fsSL --proto '=https,http' --retry 3 -o "$dir/$name.tar.gz" "$base/$version/$name.tar.gz" ||
		die "could not download $name.tar.gz"
	local want got
	want=$(awk -v f="$name.tar.gz" '$2 == f { print $1 }' "$dir/SHA256SUMS")
	got=$(sha256 "$dir/$name.tar.gz")
	if [[ -z $want || $want != "$got" ]]; then
		rm -f "$dir/$name.tar.gz"
		die "$name.tar.gz does not match SHA256SUMS (want '${want:-none}', got $got)"
	fi
	tar -xzf "$dir/$name.tar.gz" -C "$dir"
	echo "$dir/$name" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
	echo "installed mcptrust $version ($name)"
}

# command_args sets ARGV, the mcptrust arguments, from the inputs. Extra
# args are split on white space only (no globbing, no expansion) and come
# after "--", so they cannot be flags.
command_args() {
	local -a extra=()
	read -r -d '' -a extra <<<"${INPUT_ARGS:-}" || true
	local format=${INPUT_FORMAT:-table}
	[[ $format =~ ^(table|json|sarif|github)$ ]] || die "format '$format' is not table, json, sarif or github"
	local shard=${INPUT_SHARD:-} shards=${INPUT_SHARDS:-}
	case "${INPUT_COMMAND:-}" in
	lint) ARGV=(lint) ;;
	review)
		local agent=${INPUT_AGENT:-prescan}
		[[ $agent =~ ^(prescan|claude|codex)$ ]] || die "agent '$agent' is not prescan, claude or codex"
		ARGV=(review --agent "$agent")
		local c
		for c in head base; do
			local v="INPUT_${c^^}"
			[[ -z ${!v:-} ]] && continue
			[[ ${!v} =~ ^[0-9a-f]{40}$ ]] || die "$c '${!v}' is not a 40-hex commit"
			ARGV+=("--$c" "${!v}")
		done ;;
	verify)
		ARGV=(verify)
		if [[ -n $shard || -n $shards ]]; then
			[[ $shard =~ ^[1-9][0-9]{0,5}$ && $shards =~ ^[1-9][0-9]{0,5}$ ]] && ((shard <= shards)) ||
				die "shard '$shard' of shards '$shards': want 1 <= shard <= shards"
			((${#extra[@]} == 0)) || die "give servers in args, or shard and shards, not both"
			ARGV+=(--all --shard "$shard/$shards")
		fi ;;
	*) die "command '${INPUT_COMMAND:-}' is not lint, review or verify" ;;
	esac
	[[ -z ${INPUT_CATALOG:-} || ${INPUT_COMMAND} == lint ]] || ARGV+=(--catalog "$INPUT_CATALOG")
	ARGV+=(--format "$format")
	((${#extra[@]} == 0)) || ARGV+=(-- "${extra[@]}")
}

run() {
	local -a ARGV=()
	command_args
	local format=${INPUT_FORMAT:-table}
	local out="${RUNNER_TEMP:?RUNNER_TEMP is not set}/mcptrust-output"
	[[ $format != sarif ]] || out="$RUNNER_TEMP/mcptrust.sarif"
	echo "mcptrust ${ARGV[*]}"
	local code=0
	if [[ $format == table ]]; then
		mcptrust "${ARGV[@]}" || code=$?
	else
		mcptrust "${ARGV[@]}" >"$out" || code=$?
		[[ $format == sarif ]] || cat "$out"
	fi
	put exit-code "$code"
	if [[ $format == sarif && -s $out ]]; then
		put sarif-file "$out"
	fi
}

case "${1:-}" in
install) install ;;
run) run ;;
*) die "usage: run.sh install|run" ;;
esac
