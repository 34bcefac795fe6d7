# Quality gates and entry points. Every target that needs tools depends on `setup`, which
# is idempotent and installs only what is missing (see scripts/setup).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
# tmpfs makes cluster start and template clones several times faster; any writable path works.
PG_EMBED_ROOT ?= $(if $(wildcard /dev/shm),/dev/shm/wildside-pg-$(shell id -u),)
export PG_EMBED_ROOT
export PG_VERSION_REQ ?= =17.10.0
MARKDOWNLINT := node_modules/.bin/markdownlint-cli2
CARGO_TARGET_DIR ?= target

.PHONY: help setup demo fmt check-fmt lint clippy doc markdownlint test migrate-check ci \
	bench-db-clone bench-example-data bench-seed bench-http er-snapshots er-snapshots-check \
	bench-er-snapshots er-review

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

setup: ## Install what is missing (PostgreSQL binaries, pg_worker as root, markdownlint)
	@bash scripts/setup

# As root, PostgreSQL runs as `nobody`; when it cannot enter this checkout (a clone under
# /root or in a 0700 temporary directory), the demo keeps its data under /var/tmp instead.
DEMO_DATA_DIR = $(shell if [ "$$(id -u)" = 0 ] && ! runuser -u nobody -- test -x "$(CURDIR)" 2>/dev/null; \
	then echo "/var/tmp/wildside-demo-$$(printf %s '$(CURDIR)' | cksum | cut -d' ' -f1)/pg-data"; \
	else echo .wildside/pg-data; fi)

demo: setup ## Build and start the server on an embedded PostgreSQL (.wildside/pg-data) with the registry's first seed
	$(CARGO) build --quiet -p backend --bin backend
	@printf '\ndemo: starting the backend on http://%s:%s (data kept in %s; Ctrl-C stops it)\n' \
		"$${HOST:-127.0.0.1}" "$${PORT:-8080}" "$${BACKEND_DATA_DIR:-$(DEMO_DATA_DIR)}"
	@printf 'demo: open http://%s:%s/api/v1/users?limit=5 and http://%s:%s/api-docs/openapi.json\n\n' \
		"$${HOST:-127.0.0.1}" "$${PORT:-8080}" "$${HOST:-127.0.0.1}" "$${PORT:-8080}"
	BACKEND_DATA_DIR="$${BACKEND_DATA_DIR:-$(DEMO_DATA_DIR)}" EXAMPLE_DATA_IS_ENABLED=true \
		exec $(CARGO_TARGET_DIR)/debug/backend

fmt: ## Format Rust code and Markdown
	$(CARGO) fmt --all
	@if [ -x $(MARKDOWNLINT) ]; then $(MARKDOWNLINT) --fix >/dev/null || true; fi

check-fmt: ## Fail when Rust code is not formatted
	$(CARGO) fmt --all -- --check

lint: clippy doc er-snapshots-check ## Clippy (-D warnings), rustdoc, ER snapshot drift

clippy: setup
	$(CARGO) clippy --workspace --all-targets -- -D warnings

doc: setup
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --quiet

markdownlint: setup ## Lint README.md and docs/ with markdownlint-cli2
	$(MARKDOWNLINT)

test: setup ## Run every test in the workspace against a real embedded PostgreSQL
	$(CARGO) test --workspace

er-snapshots: setup ## Regenerate the ER diagrams in docs/diagrams/er from the migrations
	$(CARGO) run --quiet -p backend --bin er-snapshots

er-snapshots-check: setup ## Fail with a diff when docs/diagrams/er no longer matches the migrations
	$(CARGO) run --quiet -p backend --bin er-snapshots -- --check

BASE ?= main
er-review: setup ## Markdown report of the schema change since BASE (default main); OUTPUT=file optional
	$(CARGO) run --quiet -p backend --bin er-snapshots -- review --base "$(BASE)" \
		$(if $(OUTPUT),--output "$(OUTPUT)",)

bench-er-snapshots: setup ## Median time of er-snapshots as a whole and per phase (cold and warm)
	$(CARGO) bench -p backend --bench er_snapshots --profile dev

migrate-check: setup ## Apply the migrations to a throwaway embedded cluster; print the tables
	$(CARGO) run --quiet -p backend --bin migrate-check

bench-db-clone: setup ## Median time to clone the migrated template (per-test database)
	$(CARGO) bench -p backend --bench db_clone --profile dev

bench-seed: setup ## Seeding rows per second against psql \copy of the same rows (100,000 users)
	$(CARGO) bench -p backend --bench seed --profile dev

bench-example-data: ## Users generated per second (criterion)
	$(CARGO) bench -p example-data --bench generate

ci: check-fmt lint test markdownlint ## Everything CI runs

bench-http: setup ## Requests/s and p99 of GET /api/v1/users?limit=20 next to GET /health/live (wrk, release)
	@bash scripts/bench-http
