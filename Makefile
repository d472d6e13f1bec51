# orglint — build, run, test.
#   make run    check a bundled example
#   make test   the whole test suite (what CI runs), the browser check included
#   make reports  the HTML and Markdown reports of the bundled examples, in docs/reports/
PREFIX ?= /usr/local
SWIFT ?= swift
EXAMPLE ?= examples/norrbotten-2021-with-mistakes
BIN := .build/release/orglint
# On Linux the release binary carries the Swift runtime and Foundation
# inside it: it starts in about two thirds of the time (no shared
# libraries to load and relocate) and, once installed, runs on a machine
# without the Swift toolchain (it needs only libyaml and the C/C++ runtime).
RELEASE_FLAGS := -c release $(if $(filter Linux,$(shell uname -s)),--static-swift-stdlib)

.PHONY: all deps build release run test validate-sarif install uninstall generate docs schemas validate-schemas format lint clean \
  fuzz sanitize bench chromium browser-test reports

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
	$(SWIFT) build $(RELEASE_FLAGS) --product orglint

# Checks the bundled example with its typical mistakes; exit status 1 there
# means "findings", which is the point of the example.
run: release
	@$(BIN) check $(EXAMPLE) || [ $$? -eq 1 ]

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) run orglint rules test
	@$(MAKE) --no-print-directory validate-schemas
	$(MAKE) browser-test

# Writes the SARIF report of every bundled example (.build/sarif/) and
# validates each against the official SARIF 2.1.0 JSON schema, with python3's
# jsonschema module, or check-jsonschema (installed with pip) when that is
# missing. The schema is not in this repository: download it from OASIS
# (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) and give its path with
# SARIF_SCHEMA. Status 1 of a check is its findings; 2 would be a failure.
validate-sarif: deps
	@test -n "$(SARIF_SCHEMA)" && test -f "$(SARIF_SCHEMA)" || { echo "give the official schema: make validate-sarif SARIF_SCHEMA=path/to/sarif-schema-2.1.0.json" >&2; exit 2; }
	$(SWIFT) build --product orglint
	@rm -rf .build/sarif && mkdir -p .build/sarif
	@bin=$$($(SWIFT) build --show-bin-path)/orglint; \
	for example in examples/*/; do \
	  name=$$(basename $$example); \
	  $$bin check $$example --format sarif --output .build/sarif/$$name.sarif; status=$$?; \
	  if [ $$status -gt 1 ]; then echo "orglint check $$example: exit status $$status" >&2; exit 1; fi; \
	done
	@if python3 -c 'import jsonschema' 2>/dev/null; then \
	  python3 scripts/validate-sarif.py "$(SARIF_SCHEMA)" .build/sarif/*.sarif; \
	else \
	  python3 -m check_jsonschema --version >/dev/null 2>&1 || python3 -m pip install --quiet check-jsonschema || exit 2; \
	  python3 -m check_jsonschema --schemafile "$(SARIF_SCHEMA)" .build/sarif/*.sarif; \
	fi

# Headless Chromium (Debian's package) for the browser check and the
# screenshot. Installed when missing and we are root; otherwise say exactly
# what to install.
CHROMIUM ?= chromium
chromium:
	@if ! command -v $(CHROMIUM) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "chromium is missing: installing it"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "the browser check needs Chromium: run 'sudo apt-get install chromium' (Debian)" >&2; \
	    echo "or 'sudo apt-get install chromium-browser' (Ubuntu), then run make again." >&2; \
	    exit 2; \
	  fi; \
	fi

# The HTML report of every bundled example, opened in headless Chromium:
# no script errors, filtering works (the report's own #selftest), and a
# screenshot of the largest one is not blank (scripts/browser-test.py).
browser-test: deps chromium
	$(SWIFT) build --product orglint
	python3 scripts/browser-test.py --orglint "$$($(SWIFT) build --show-bin-path)/orglint"

# The reports of the bundled examples, linked from the README: HTML and
# Markdown for each, a Swedish HTML report, a Mermaid graph, and the
# screenshot. The tests fail when the committed reports are stale.
REPORTS := docs/reports
SCREENSHOT_OF := norrbotten-2021-with-mistakes
reports: deps chromium
	$(SWIFT) build --product orglint
	@mkdir -p $(REPORTS)
	@bin="$$($(SWIFT) build --show-bin-path)/orglint"; \
	for example in $$(ls examples); do \
	  [ -d examples/$$example ] || continue; \
	  for format in html markdown; do \
	    output=$(REPORTS)/$$example.$$( [ $$format = html ] && echo html || echo md ); \
	    "$$bin" check examples/$$example --no-config --lang en --format $$format --output $$output \
	      || [ $$? -eq 1 ] || exit 2; \
	  done; \
	done; \
	"$$bin" check examples/$(SCREENSHOT_OF) --no-config --lang sv --format html --output $(REPORTS)/$(SCREENSHOT_OF).sv.html; \
	{ echo '```mermaid'; "$$bin" graph examples/$(SCREENSHOT_OF) --no-config --lang en --format mermaid; echo '```'; } \
	  > $(REPORTS)/$(SCREENSHOT_OF).graph.md; \
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1500 \
	  --screenshot=$(REPORTS)/$(SCREENSHOT_OF).png "file://$(CURDIR)/$(REPORTS)/$(SCREENSHOT_OF).html" 2>/dev/null
	@ls -l $(REPORTS)

# The benchmark (Benchmarks/bench.py): orglint against the libyaml parse
# floor on synthetic organisations of 10k, 100k and 1M units, and on 1M units
# in 16 files. BENCH_SIZES, BENCH_RUNS and BENCH_SPLIT change the cases.
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product orglint
	$(SWIFT) build $(RELEASE_FLAGS) --product generate-organisation
	@mkdir -p .build/bench
	$(CC) -O2 -o .build/bench/floor Benchmarks/floor.c $$(pkg-config --cflags --libs yaml-0.1)
	python3 Benchmarks/bench.py

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
	$(SWIFT) run orglint rules --no-config --format markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

# Writes the JSON Schemas for editors into schemas/ (`orglint schema --all`);
# a test fails when the committed copies differ from what orglint generates.
schemas:
	$(SWIFT) run orglint schema --all schemas

# Cross-checks the schemas with Python's jsonschema, an independent
# validator: each is a valid draft-07 schema, every example and rule file is
# accepted, every broken document is rejected for the reason it names.
validate-schemas:
	@if python3 -c 'import jsonschema, yaml' 2>/dev/null; then \
	  python3 scripts/validate-schemas.py; \
	else \
	  echo "validate-schemas: skipped, python3 with jsonschema and PyYAML is needed (pip install jsonschema pyyaml)"; \
	fi

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build

# Fuzzing with libFuzzer and AddressSanitizer: each target runs FUZZ_TIME
# seconds from a seed corpus made of the examples and the rules. Findings
# land in .build-fuzz/artifacts/; a clean run prints its executions. Leak
# detection is off: the rules compiled once into a global read as leaks.
FUZZ_TIME ?= 60
FUZZ_TARGETS := fuzz-yaml fuzz-model fuzz-proposal fuzz-rules fuzz-expression
FUZZ_DIR := .build-fuzz

fuzz: deps
	@for target in $(FUZZ_TARGETS); do \
	  $(SWIFT) build -c debug --product $$target --scratch-path $(FUZZ_DIR) \
	    --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address || exit 2; \
	done
	@scripts/fuzz-corpus.sh $(FUZZ_DIR)/corpus
	@mkdir -p $(FUZZ_DIR)/artifacts
	@for target in $(FUZZ_TARGETS); do \
	  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $(FUZZ_DIR)/debug/$$target -max_total_time=$(FUZZ_TIME) -timeout=10 -detect_leaks=0 \
	    -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_DIR)/artifacts/$$target- $(FUZZ_DIR)/corpus/$$target \
	    > $(FUZZ_DIR)/$$target.log 2>&1; status=$$?; \
	  runs=$$(grep -o 'Done [0-9]* runs' $(FUZZ_DIR)/$$target.log | grep -o '[0-9]*'); \
	  if [ $$status -ne 0 ]; then echo "$$target: FAILED, see $(FUZZ_DIR)/$$target.log"; exit 1; fi; \
	  echo "$$target: $$runs executions in $(FUZZ_TIME) s, nothing found"; \
	done

# The whole test suite under AddressSanitizer (the CLI tests run the
# instrumented orglint binary built beside them). UndefinedBehaviorSanitizer
# is not offered by swiftc for Linux; Swift's own overflow and bounds checks,
# on in every build, trap where UBSan would report. Leak detection is off:
# rules compiled once into globals read as leaks, and a leak report would
# change the exit statuses the CLI tests check.
sanitize: deps
	$(SWIFT) build --build-tests --scratch-path .build-address --sanitize=address
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 \
	  $(SWIFT) test --skip-build --scratch-path .build-address --sanitize=address
