# orglint — build, run, test.
#   make run    check a bundled example
#   make test   the whole test suite (what CI runs)
PREFIX ?= /usr/local
SWIFT ?= swift
EXAMPLE ?= examples/norrbotten-2021-with-mistakes
BIN := .build/release/orglint

.PHONY: all deps build release run test rules-test install uninstall generate docs format lint clean

all: build

# libyaml is the one system dependency. Install it when missing and we are
# root; otherwise say exactly what to install.
deps:
	@if ! pkg-config --exists yaml-0.1 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "libyaml-dev is missing: installing it"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libyaml-dev pkg-config; \
	  else \
	    echo "orglint needs libyaml: run 'sudo apt-get install libyaml-dev pkg-config' (Debian/Ubuntu)" >&2; \
	    echo "or 'brew install libyaml pkg-config' (macOS), then run make again." >&2; \
	    exit 2; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Checks the bundled example with its typical mistakes; exit status 1 there
# means "findings", which is the point of the example.
run: release
	@$(BIN) check $(EXAMPLE) || [ $$? -eq 1 ]

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) run orglint rules test

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/orglint

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/orglint

# Regenerates the embedded built-in rules after a change in rules/.
generate:
	$(SWIFT) run generate-builtin-rules

# Regenerates docs/rules.md from rules/.
docs: generate
	$(SWIFT) run orglint rules --format markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build
