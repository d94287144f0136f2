# Cultivar: `make run` scores the bundled sample, `make test` runs every test.
SWIFT ?= swift
BIN := .build/debug/cultivar
VENV := .venv
PYTHON := $(VENV)/bin/python

.PHONY: help deps build run test test-swift test-crosscheck sample fixtures clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

deps: ## Install what the build and tests need when missing: Lua 5.4, SQLite, libxml2, tmux
	@missing=""; \
	pkg-config --exists lua5.4 2>/dev/null || missing="$$missing liblua5.4-dev pkg-config"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	ldconfig -p 2>/dev/null | grep -q libxml2.so.2 || missing="$$missing libxml2"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps ## Build cultivar (debug)
	$(SWIFT) build

run: build ## Score the bundled sample survey
	$(BIN) score surveys/learning-culture.yaml --responses surveys/sample-responses.csv

sample: ## Regenerate surveys/sample-responses.csv (deterministic)
	python3 scripts/generate_sample.py surveys/sample-responses.csv

fixtures: ## Regenerate the survey-tool export fixtures in Tests/ImportersTests/Fixtures (deterministic)
	python3 scripts/generate_exports.py Tests/ImportersTests/Fixtures

test: build test-swift test-crosscheck ## Run all tests

test-swift: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q pandas

test-crosscheck: build $(PYTHON) ## Check scores against an independent pandas implementation
	$(PYTHON) Tests/crosscheck/check_scores.py --cultivar $(BIN)

clean: ## Remove build products
	rm -rf .build $(VENV)
