# mcptrust: `make demo` runs the main job offline on the built-in demo data;
# `make test` runs every test (what CI runs).
GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta.Version=$(VERSION)
BIN       := bin
PLUGINDIR ?= $(or $(DOCKER_CONFIG),$(HOME)/.docker)/cli-plugins

.PHONY: all build install demo test test-race vet fmt-check fuzz bench mutate clean docs release

all: build

build:
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/mcptrust ./cli-plugin
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/docker-mcptrust ./cli-plugin/launcher

# The launcher (docker-mcptrust) and the program it runs (mcptrust) go side by
# side into the Docker CLI plugin directory.
install: build
	mkdir -p $(PLUGINDIR)
	install -m 0755 $(BIN)/mcptrust $(PLUGINDIR)/mcptrust
	install -m 0755 $(BIN)/docker-mcptrust $(PLUGINDIR)/docker-mcptrust

demo: build
	$(BIN)/docker-mcptrust demo

test: vet fmt-check
	$(GO) test -count=1 -timeout 20m ./...
	$(MAKE) --no-print-directory test-race

# The packages whose tests drive concurrency run a second time under the race
# detector: verify (one Verifier, many goroutines), the TUI (its verify and
# review jobs), the reviewer (extraction racing a swapped link, the pre-scan)
# and the reviewer proxy. The reviewer's real-engine tests are left out of
# this build (-tags noengine): the plain run above has them, and they spend
# their time in Docker, not in our goroutines. TestPeakRSS measures memory,
# which -race multiplies: the plain run has it. -race needs cgo (gcc).
RACE_PKGS := ./verify ./tui ./reviewer ./reviewer/proxy

test-race:
	CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 20m -tags noengine -skip '^TestPeakRSS$$' $(RACE_PKGS)

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# The reference pages (docs/reference/*.md) and man pages (docs/man/*.1),
# regenerated from the command tree; TestDocsAreCurrent fails when stale.
docs:
	$(GO) run ./cli-plugin/docgen -out docs

# Release builds: both programs for every platform, static (CGO_ENABLED=0),
# stamped with VERSION, and reproducible: no paths (-trimpath), no VCS or
# build IDs, fixed microarchitecture levels and a flag set the environment
# cannot change (GOFLAGS is overridden). Each platform gets a folder with
# mcptrust and docker-mcptrust side by side (what the plugin dir needs), a
# .tar.gz of that folder (sorted, owner 0, mtime 0, gzip without a name or
# time), and dist/SHA256SUMS covers every file. bench/reproducible.sh
# checks that two builds of one platform are byte-identical.
DIST      ?= dist
PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
RELEASE_ENV   := CGO_ENABLED=0 GOFLAGS=-mod=readonly GOAMD64=v1 GOARM64=v8.0
RELEASE_FLAGS := -trimpath -buildvcs=false -ldflags "-s -w -buildid= $(LDFLAGS)"

release:
	rm -rf $(DIST)
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		name=mcptrust-$(VERSION)-$$os-$$arch; dir=$(DIST)/$$name; \
		echo "release $$name"; \
		$(RELEASE_ENV) GOOS=$$os GOARCH=$$arch $(GO) build $(RELEASE_FLAGS) -o $$dir/mcptrust$$ext ./cli-plugin; \
		$(RELEASE_ENV) GOOS=$$os GOARCH=$$arch $(GO) build $(RELEASE_FLAGS) -o $$dir/docker-mcptrust$$ext ./cli-plugin/launcher; \
		chmod 0755 $$dir/*; \
		tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rwX,go=rX --format=gnu \
			-C $(DIST) -cf - $$name | gzip -9n > $(DIST)/$$name.tar.gz; \
	done
	cd $(DIST) && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS
	@echo "wrote $(DIST)/ and $(DIST)/SHA256SUMS"

fuzz:
	$(GO) test ./internal/sanitize -run '^$$' -fuzz FuzzLine -fuzztime 30s
	$(GO) test ./internal/sanitize -run '^$$' -fuzz FuzzJSON -fuzztime 30s
	$(GO) test ./catalog -run '^$$' -fuzz FuzzParseServer -fuzztime 30s
	$(GO) test ./tui/render -run '^$$' -fuzz FuzzMarkdownOnlySGR -fuzztime 30s
	$(GO) test ./verify/internal/sigkeys -run '^$$' -fuzz FuzzLogKeysFromTrustedRoot -fuzztime 30s
	$(GO) test ./verify/internal/cosignsig -run '^$$' -fuzz FuzzRekorBody -fuzztime 30s
	$(GO) test ./verify/internal/sgbundle -run '^$$' -fuzz FuzzVerify -fuzztime 30s
	$(GO) test ./verify/internal/pbjson -run '^$$' -fuzz FuzzParse -fuzztime 30s
	$(GO) test ./internal/imageref -run '^$$' -fuzz FuzzParseMatchesName -fuzztime 30s

# Mutation testing of the security-critical packages; prints the kill rate
# per package (README: Development). Slow: not part of `make test`.
mutate:
	bench/mutate.sh

bench:
	bench/startup.sh
	bench/catalog-load.sh
	bench/prescan.sh

clean:
	rm -rf $(BIN) $(DIST)
