# Cultivar: `make run` scores the bundled sample, `make test` runs every test.
SWIFT ?= swift
BIN := .build/debug/cultivar
VENV := .venv
PYTHON := $(VENV)/bin/python
CHROMIUM ?= chromium

FUZZ_TARGETS := csv survey-yaml plugin-contract xlsx
# make fuzz: seconds per target and the seed (a new one each run unless given).
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= $(shell date +%s)
# make test: the fixed seed of the short fuzz pass and the differential test.
TEST_SEED ?= 20261130
# The PostgreSQL cases of the store tests run in test-store-pg, against a throw-away cluster
# (scripts/pg-test-cluster.sh sets the real address); the other test runs leave them out.
export CULTIVAR_TEST_PG_URL ?= skip
# The store suites (Tests/StoreTests and the CLI tests that use a store).
STORE_SUITES := StoreTests\.|ImportCommandTests|StoreCopyCommandTests|StoreScoringCommandTests|StoreMigrationCommandTests|StoreTLSCommandTests|StoredCommentsCommandTests|ServeCommandTests|SharedStoreTests|KillDuringImportTests|TakeCommandTests

.PHONY: check-swift check-fixtures lint format test-release test-store-pg test-shared-serve bench-store link-order golden test-golden fuzz test-fuzz test-csv-differential help deps build run compare check test test-swift test-plugins test-index-rules test-types test-crosscheck test-crosscheck-compare test-crosscheck-drivers chromium test-html docs sample fixtures bench bench-org bench-scale clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

deps: ## Install what the build and tests need when missing: Lua 5.4, SQLite, libxml2, tmux, binutils (the link order check)
	@missing=""; \
	pkg-config --exists lua5.4 2>/dev/null || missing="$$missing liblua5.4-dev pkg-config"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	ldconfig -p 2>/dev/null | grep -q libxml2.so.2 || missing="$$missing libxml2"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	command -v readelf >/dev/null 2>&1 && command -v nm >/dev/null 2>&1 || missing="$$missing binutils"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps ## Build cultivar (debug)
	$(SWIFT) build

run: build ## Score the bundled sample survey
	$(BIN) score surveys/learning-culture.yaml --responses surveys/sample-responses.csv

compare: build ## Compare the bundled sample's teams (terminal table, and HTML in .build/compare.html)
	$(BIN) compare surveys/learning-culture.yaml --responses surveys/sample-responses.csv
	$(BIN) compare surveys/learning-culture.yaml --responses surveys/sample-responses.csv --format html --out .build/compare.html

sample: ## Regenerate surveys/sample-responses.csv and surveys/samples/ (deterministic)
	python3 scripts/generate_sample.py surveys/sample-responses.csv
	python3 scripts/generate_framework_samples.py

fixtures: ## Regenerate the survey-tool export fixtures in Tests/ImportersTests/Fixtures (deterministic)
	python3 scripts/generate_exports.py Tests/ImportersTests/Fixtures

# The property tests that attack 1,000 generated organisations each (or a random seed), and the
# two stress tests that kill an import mid-way and run a large import beside the web form: make
# test runs them, make check leaves them out.
LONG_PROPERTIES := Thousand|RandomSeed|FixedSeed
LONG_STRESS := aKilledImportLeavesAllOrNothing|anImportDoesNotHoldUpTheForm

check: ## Fast offline loop for every edit: Swift tests (but the 1,000-organisation attacks and two stress tests), plugin fixtures and goldens side by side (no apt, no pip; run `make deps` once)
	$(SWIFT) build --build-tests
	@$(MAKE) --no-print-directory -j2 --output-sync=target check-swift check-fixtures

# The two halves of make check; each prints its output as a whole when it ends.
check-swift:
	$(SWIFT) test --skip-build --skip '$(LONG_PROPERTIES)|$(LONG_STRESS)'

check-fixtures:
	python3 Tests/plugin-fixtures/expected_scores.py
	$(BIN) plugins test
	python3 Tests/golden/goldens.py --cultivar $(BIN)
	python3 Tests/golden/check_readme.py --cultivar $(BIN)

golden: build ## Re-record the golden outputs (Tests/golden/outputs) after an intended change; review the diff
	python3 Tests/golden/goldens.py --cultivar $(BIN) --update

test-golden: build ## Golden outputs byte for byte, and the README's example outputs against the binary
	python3 Tests/golden/goldens.py --cultivar $(BIN)
	python3 Tests/golden/check_readme.py --cultivar $(BIN)

test: lint build test-swift test-golden test-fuzz test-csv-differential test-plugins test-index-rules test-types test-crosscheck test-crosscheck-compare test-crosscheck-drivers test-html test-store-pg test-shared-serve ## Run all tests

test-store-pg: deps ## The store tests against PostgreSQL: installs it when missing, runs a throw-away cluster on loopback
	$(SWIFT) build --build-tests
	scripts/pg-test-cluster.sh $(SWIFT) test --skip-build --filter '$(STORE_SUITES)'

test-shared-serve: build ## Three serve processes sharing one PostgreSQL store, 64 clients, one server killed with SIGKILL
	scripts/pg-test-cluster.sh python3 scripts/shared-serve-test.py

bench-store: deps ## Store benchmark: import rows/s (100k, 1M), score --wave vs CSV, submissions/s at 1/8/64 clients, SQLite and PostgreSQL
	$(SWIFT) build -c release --product cultivar
	$(SWIFT) build -c release --product cultivar-net
	scripts/pg-test-cluster.sh python3 scripts/bench-store.py --cultivar .build/release/cultivar

test-release: deps ## The Swift tests against the release build (-Ounchecked hot paths as shipped; the CLI tests run the release binary)
	$(SWIFT) build -c release --build-tests -Xswiftc -enable-testing
	python3 link/check_order.py .build/release/cultivar
	CULTIVAR_TEST_PG_URL=skip $(SWIFT) test -c release --skip-build -Xswiftc -enable-testing

lint: ## Check the Swift sources against .swift-format (swift format ships with the toolchain), and that raw pointers stay in LuaBridge and Scoring's kernel
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Sources Tests bench Package.swift
	@if grep -rn 'Unsafe[A-Za-z]*Pointer' Sources/PluginHost Sources/CultivarKit Sources/CultivarCommands Sources/CultivarNet Sources/cultivar Sources/cultivar-net; then \
	  echo "error: raw pointers (above) belong in LuaBridge or Scoring's kernel"; exit 1; fi

format: ## Reformat the Swift sources in place with .swift-format
	$(SWIFT) format format --in-place --recursive --configuration .swift-format Sources Tests bench Package.swift

test-swift: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

fuzz: deps ## Fuzz each input reader (CSV, survey YAML, plugin contract, .xlsx) for FUZZ_SECONDS; findings in .build/fuzz-findings
	$(SWIFT) build -c release --product cultivar-fuzz
	@status=0; for t in $(FUZZ_TARGETS); do \
	  .build/release/cultivar-fuzz run $$t --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) || status=1; \
	done; exit $$status

test-fuzz: build ## Replay the fuzz regression inputs (Tests/fuzz-regressions) and run a short seeded pass of each target
	@status=0; for t in $(FUZZ_TARGETS); do \
	  files=$$(ls Tests/fuzz-regressions/$$t/* 2>/dev/null); \
	  if [ -n "$$files" ]; then .build/debug/cultivar-fuzz replay $$t $$files || status=1; fi; \
	  .build/debug/cultivar-fuzz run $$t --runs 150 --seconds 60 --seed $(TEST_SEED) || status=1; \
	done; exit $$status

test-csv-differential: build ## Compare the CSV tokenizer with Python's csv module on 5,000 generated files
	python3 Tests/csv-differential/check_csv.py --fuzz .build/debug/cultivar-fuzz --count 5000 --seed $(TEST_SEED)

test-plugins: build ## Run every plugin's fixtures (plugins/*/tests), checked independently first
	python3 Tests/plugin-fixtures/expected_scores.py
	$(BIN) plugins test

test-index-rules: build $(PYTHON) ## Check the index-rule example fixtures (eNPS, % positive, pooled, weighted) against pandas
	$(PYTHON) Tests/plugin-fixtures/index_rules.py
	$(PYTHON) Tests/plugin-fixtures/multi_counts.py

test-types: build ## Check with luac that the generated LuaLS definitions are valid Lua (installs lua5.4 when missing)
	@if ! command -v luac5.4 >/dev/null 2>&1; then \
	  echo "installing lua5.4 (for luac5.4)"; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends lua5.4; \
	fi
	@tmp=$$(mktemp -d) && $(BIN) plugins types --out $$tmp >/dev/null && luac5.4 -p $$tmp/types/cultivar.d.lua \
	  && echo "ok: generated types/cultivar.d.lua is valid Lua 5.4" ; status=$$?; rm -rf $$tmp; exit $$status

docs: build ## Rewrite the generated API reference in docs/ from the host registry
	$(BIN) plugins docs --update docs/plugins.md --update docs/writing-a-framework.md

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q pandas

bench: deps $(PYTHON) ## Benchmark against polars and DuckDB at 10k, 100k and 1M responses
	$(SWIFT) build -c release
	$(PYTHON) -m pip install -q polars duckdb
	$(PYTHON) bench/run.py --cultivar .build/release/cultivar --python $(PYTHON)
	$(MAKE) bench-org

link-order: deps $(PYTHON) ## Rewrite link/function-order.txt: the functions common jobs run, in first-run order, for the release link
	$(SWIFT) build -c release --product cultivar
	$(PYTHON) link/function_order.py --cultivar .build/release/cultivar --python $(PYTHON)

bench-scale: deps $(PYTHON) ## How cost grows: `score` at 250k-2M rows, 100-200,000 teams, 4-16 dimensions of 5-10 items (docs/performance.md)
	$(SWIFT) build -c release --product cultivar
	$(PYTHON) bench/scaling.py --cultivar .build/release/cultivar

ORG_ROWS ?= 1000000
ORG_LEAVES ?= 50000
bench-org: deps $(PYTHON) ## The organisation's cuts at 1M responses over 4 levels (about 50,000 teams) and 3 attributes: time and peak memory per cut
	$(SWIFT) build -c release
	$(PYTHON) bench/org_cuts.py --cultivar .build/release/cultivar --rows $(ORG_ROWS) --leaves $(ORG_LEAVES)

test-crosscheck: build $(PYTHON) ## Check scores against an independent pandas implementation
	$(PYTHON) Tests/crosscheck/check_scores.py --cultivar $(BIN)
	$(PYTHON) Tests/crosscheck/check_units.py --cultivar $(BIN)
	$(PYTHON) Tests/crosscheck/check_selections.py --cultivar $(BIN)
	$(PYTHON) Tests/crosscheck/check_cuts.py --cultivar $(BIN)
	$(PYTHON) Tests/crosscheck/check_trend_cuts.py --cultivar $(BIN)
	$(PYTHON) Tests/crosscheck/check_multi_count.py --cultivar $(BIN)

# pingouin brings scipy and statsmodels; the stamp records that they are installed.
$(VENV)/.compare-deps: $(PYTHON)
	$(PYTHON) -m pip install -q pingouin scipy statsmodels
	touch $@

test-crosscheck-compare: build $(VENV)/.compare-deps ## Check compare's statistics against pingouin, scipy and statsmodels
	$(PYTHON) Tests/crosscheck/check_compare.py --cultivar $(BIN)

test-crosscheck-drivers: build $(VENV)/.compare-deps ## Check drivers (correlations, relative weights, bootstrap) against numpy, scipy and statsmodels
	$(PYTHON) Tests/crosscheck/check_drivers.py --cultivar $(BIN)

chromium: ## Install Debian's Chromium when missing (for the browser render check)
	@if ! command -v $(CHROMIUM) >/dev/null 2>&1; then \
	  echo "installing chromium"; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	fi

test-html: build chromium $(VENV)/.compare-deps ## Render the HTML reports in headless Chromium (DOM, screenshots, no overflow over 16 shapes), check the report --per-unit pack (numbers against pandas, nothing withheld), and answer the bilingual web form in it
	$(PYTHON) Tests/html/check_render.py --cultivar $(BIN) --chromium $(CHROMIUM) --out .build/html-check
	$(PYTHON) Tests/html/check_layout.py --cultivar $(BIN) --chromium $(CHROMIUM) --out .build/html-layout
	$(PYTHON) Tests/html/check_form_languages.py --cultivar $(BIN) --chromium $(CHROMIUM) --out .build/form-languages
	$(PYTHON) Tests/html/check_report_language.py --cultivar $(BIN) --chromium $(CHROMIUM) --out .build/report-language
	$(PYTHON) Tests/html/check_pack.py --cultivar $(BIN) --chromium $(CHROMIUM) --out .build/pack-check

clean: ## Remove build products
	rm -rf .build $(VENV)
