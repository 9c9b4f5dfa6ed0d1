# mcptrust: `make demo` runs the main job offline on the built-in demo data;
# `make test` runs every test (what CI runs).
GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta.Version=$(VERSION)
BIN       := bin
PLUGINDIR ?= $(or $(DOCKER_CONFIG),$(HOME)/.docker)/cli-plugins

.PHONY: all build install demo test test-race vet fmt-check fuzz bench mutate clean

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

fuzz:
	$(GO) test ./internal/sanitize -run '^$$' -fuzz FuzzLine -fuzztime 30s
	$(GO) test ./internal/sanitize -run '^$$' -fuzz FuzzJSON -fuzztime 30s
	$(GO) test ./catalog -run '^$$' -fuzz FuzzParseServer -fuzztime 30s
	$(GO) test ./tui/render -run '^$$' -fuzz FuzzMarkdownOnlySGR -fuzztime 30s

# Mutation testing of the security-critical packages; prints the kill rate
# per package (README: Development). Slow: not part of `make test`.
mutate:
	bench/mutate.sh

bench:
	bench/startup.sh
	bench/catalog-load.sh
	bench/prescan.sh

clean:
	rm -rf $(BIN)
