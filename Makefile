# Veerkracht: the README's commands.
#   make run      the main job: the built-in EUR 700k portfolios against the baseline
#                 (20 paired replicates each, the whole city because one portfolio screens
#                 lettings, 10 years; about 20 minutes on two cores; writes results/compare/)
#                 and the council report (results/compare/report/: html, pdf, pptx)
#   make test     the whole test suite
#   make install  only the environment (.venv/ from requirements.lock)
SHELL := /bin/bash
VENV := .venv
STAMP := $(VENV)/.installed
PY := $(VENV)/bin/python

.PHONY: install run test lint bench lock clean

install: $(STAMP)

# The environment is rebuilt when the lock file or the package metadata change.
$(STAMP): requirements.lock pyproject.toml
	@set -e; base="$$(bash .ci/find_python)"; \
	echo "Using $$base ($$($$base --version))"; \
	rm -rf $(VENV); "$$base" -m venv $(VENV); \
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock; \
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .; \
	touch $(STAMP)

PORTFOLIOS := debt-first network-and-meeting trust-from-within integrated-mix

run: $(STAMP)
	$(VENV)/bin/veerkracht compare $(PORTFOLIOS) --replicates 20 --out results/compare
	$(VENV)/bin/veerkracht report results/compare

# The browser test of the app needs Chromium: installed here if missing (or one line
# says how), so `make test` alone works on a fresh machine.
test: $(STAMP)
	@bash .ci/install_browser
	$(PY) -m pytest -n 2 -q

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) benchmarks/bench_model.py
	$(PY) benchmarks/bench_ensemble.py
	$(PY) benchmarks/bench_app.py

# Re-resolve the pinned dependencies (needs uv; only when changing dependencies).
lock:
	"$${UV:-uv}" pip compile pyproject.toml --extra dev --python-version 3.12 --universal \
	  --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) results .pytest_cache
