# Thin verbs; each is a line or two. `make help` lists them.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HAND_WRITTEN := auth_plugin mock_exchange generator tests bench
BENCH_STAMP := $(VENV)/.bench-installed

.DEFAULT_GOAL := help
.PHONY: help venv demo generate check-generated lint test bench soak

help:  ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

venv: $(STAMP)  ## bootstrap .venv from the pins (generator/requirements.lock + pyproject extras)

$(STAMP): pyproject.toml generator/requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r generator/requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -c generator/requirements.lock -e '.[dev]'
	touch $@

demo: venv  ## the main job: signed cancels through the SDK against the bundled local exchange
	$(PY) -m htx_swap_mock.demo

generate: venv  ## regenerate generated_sdk/ from openapi.yaml (never edit it by hand)
	$(PY) generator/generate.py

check-generated: venv  ## fail with a diff if generated_sdk/ differs from a fresh generation
	$(PY) generator/generate.py --check

lint: venv  ## ruff check, ruff format --check, mypy --strict
	$(VENV)/bin/ruff check $(HAND_WRITTEN)
	$(VENV)/bin/ruff format --check $(HAND_WRITTEN)
	$(VENV)/bin/mypy --strict auth_plugin/htx_swap mock_exchange/htx_swap_mock generated_sdk/htx_swap_client generator tests bench

test: lint check-generated  ## lint + check-generated + every test
	$(PY) -m pytest

bench: $(BENCH_STAMP)  ## htx_swap vs ccxt and bare httpx: one table of ratios and targets (~2 min)
	$(PY) -m bench

soak: venv  ## 10,000 cancels with faults against the local exchange: req/s, p50/p99, fds, RSS, 0 lost
	$(PY) bench/soak.py

# The bench extra (ccxt) goes into .venv only for `make bench`: never a runtime or dev dependency.
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c generator/requirements.lock -e '.[dev,bench]'
	touch $@
