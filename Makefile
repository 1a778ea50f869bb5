# The course's commands, for Linux and macOS. `make help` lists them.
# Windows has no make: the README gives the same steps by hand.

.DEFAULT_GOAL := help
.PHONY: help install test serve lint model docs screenshot benchmark benchmark-slow-clients scale-test load-test lock clean
.PHONY: exercise check progress

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000

# The newest Python 3.11+ on PATH; `make test PYTHON=/path/to/python3.12` picks another.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)

help: ## List the commands
	@echo "Usage: make <command>"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.11 or newer is needed and none was found on PATH."; \
		echo "Install it from https://www.python.org/downloads/ (or your package manager),"; \
		echo "then run this command again, or point at it: make $(MAKECMDGOALS) PYTHON=/path/to/python3"; \
		exit 1; fi
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
		echo "$(VENV) was made with Python older than 3.11. Remove it (make clean) and run this again."; \
		exit 1; fi
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
		echo "$(VENV) has no pip (an earlier attempt failed half-way); making it again."; \
		rm -rf $(VENV); fi
	@[ -x $(BIN)/python ] || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		echo "Could not create a virtual environment. On Debian or Ubuntu install it first:"; \
		echo "  sudo apt install python3-venv"; exit 1; }; }
	@echo "Installing the pinned packages into $(VENV) (a few minutes the first time)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	@touch $@

install: $(STAMP) ## Create .venv and install the pinned packages and the course
	@echo "Installed. Activate it with: source $(VENV)/bin/activate"

# One worker per core; each test file stays in one worker, and the tests marked serial (load,
# nginx, containers) run one after another (tests/conftest.py, parallel_group).
test: $(STAMP) ## Run every test (lessons, model, final app, site), ending with the summary
	$(BIN)/python -m pytest -n auto --dist loadgroup --no-loadscope-reorder

serve: $(STAMP) ## Serve final_app with granian on http://127.0.0.1:5000 (PORT=8000 to change)
	@echo "Serving final_app on http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	@SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -m final_app.local_secret)}" \
	APP_ENV=production SESSION_COOKIE_SECURE=0 PORT=$(PORT) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-2} \
	$(BIN)/python -m final_app.serve

exercise: $(STAMP) ## Copy lesson LESSON into workspace/ to do its exercises (LESSON=03)
	@$(BIN)/python -m course exercise $(LESSON)

check: $(STAMP) ## Check your exercises of lesson LESSON in workspace/ (LESSON=03, VERBOSE=1)
	@$(BIN)/python -m course check $(LESSON) $(if $(VERBOSE),--verbose)

progress: $(STAMP) ## Show which exercises of the course pass in workspace/
	@$(BIN)/python -m course progress

model: $(STAMP) ## Retrain the model: run the notebook headlessly, rewrite models/ and its outputs
	$(BIN)/python -m sentiment_model.notebook_runner

screenshot: $(STAMP) ## Retake the site's picture of final_app (needs Chromium)
	$(BIN)/python -m tests.final_app.take_screenshot docs/assets/final_app.png

docs: $(STAMP) ## Serve the course site on http://127.0.0.1:8000, rebuilt on every change
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

benchmark: $(STAMP) ## Measure the model and the servers side by side (about 25 minutes; needs wrk)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-benchmark.txt
	$(BIN)/python -m benchmarks.run_benchmarks

benchmark-slow-clients: $(STAMP) ## What 50 slow clients do to latency, with and without nginx (needs nginx, wrk)
	$(BIN)/python -m benchmarks.slow_clients

scale-test: $(STAMP) ## Two replicas behind nginx: a kill and a rolling restart under load (needs Podman, nginx, TEST_DATABASE_URL)
	$(BIN)/python -m benchmarks.scale

load-test: $(STAMP) ## The 60-second load test (64 connections; needs wrk)
	LOAD_TEST_SECONDS=60 $(BIN)/python -m pytest tests/production -k bounded_load

lint: $(STAMP) ## Check the code with ruff
	$(BIN)/ruff check .

lock: ## Re-resolve requirements*.txt from requirements*.in (maintainers; needs uv)
	uv pip compile --quiet --universal --python-version 3.11 requirements.in -o requirements.txt
	uv pip compile --quiet --universal --python-version 3.11 requirements-learn.in -o requirements-learn.txt
	uv pip compile --quiet --universal --python-version 3.11 requirements-benchmark.in -o requirements-benchmark.txt
	uv pip compile --quiet --universal --python-version 3.11 requirements-runtime.in -o requirements-runtime.txt

clean: ## Remove .venv, caches and build output
	rm -rf $(VENV) site .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
