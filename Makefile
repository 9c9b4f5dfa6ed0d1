# mcptrust: `make demo` runs the main job offline on the built-in demo data;
# `make test` runs every test (what CI runs).
GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X github.com/mcp-trust/mcp-trust/cli-plugin/pluginmeta.Version=$(VERSION)
BIN       := bin
PLUGINDIR ?= $(or $(DOCKER_CONFIG),$(HOME)/.docker)/cli-plugins

.PHONY: all build install demo test vet fmt-check fuzz bench clean docs

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

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# The reference pages (docs/reference/*.md) and man pages (docs/man/*.1),
# regenerated from the command tree; TestDocsAreCurrent fails when stale.
docs:
	$(GO) run ./cli-plugin/docgen -out docs

fuzz:
	$(GO) test ./internal/sanitize -run '^$$' -fuzz FuzzLine -fuzztime 30s
	$(GO) test ./internal/sanitize -run '^$$' -fuzz FuzzJSON -fuzztime 30s
	$(GO) test ./catalog -run '^$$' -fuzz FuzzParseServer -fuzztime 30s
	$(GO) test ./tui/render -run '^$$' -fuzz FuzzMarkdownOnlySGR -fuzztime 30s

bench:
	bench/startup.sh
	bench/catalog-load.sh
	bench/prescan.sh

clean:
	rm -rf $(BIN)
