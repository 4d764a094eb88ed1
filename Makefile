# Thin verbs; each is a line or two. `make help` lists them.
# The bootstrap is plain POSIX sh below (no script of its own): check the interpreter, rebuild a
# .venv made by another Python, install what the verb needs, one timed line per step.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
LOCK   := generator/requirements.lock
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check -c $(LOCK)
DEV    := .[mock,dev]
HAND_WRITTEN := auth_plugin mock_exchange generator tests bench
# "3.11.7 1": the interpreter's version and whether it is new enough (empty if it cannot run).
# Stamps carry the version, so a different python3 re-runs the bootstrap (which rebuilds .venv).
PY_FOUND := $(shell $(PYTHON) -c 'import sys; print("%d.%d.%d %d" % (sys.version_info[:3] + (sys.version_info >= (3, 11),)))' 2>/dev/null)
PY_VERSION := $(word 1,$(PY_FOUND))
DEMO_STAMP  := $(VENV)/.demo-installed-$(PY_VERSION)
STAMP       := $(VENV)/.installed-$(PY_VERSION)
BENCH_STAMP := $(VENV)/.bench-installed-$(PY_VERSION)
DIST_STAMP  := $(VENV)/.dist-installed-$(PY_VERSION)
# `make dist` needs only the build backend and the checker (the same pins as the dev extra)
DIST_TOOLS  := build==1.6.1 hatchling==1.27.0 twine==7.0.0

# $(call timed,WHAT,COMMAND): run COMMAND; print WHAT and the seconds it took on one line.
timed = t0=$$(date +%s.%N); $(2) || exit $$?; \
	awk -v a="$$t0" -v b="$$(date +%s.%N)" 'BEGIN { printf "%-72s %6.1f s\n", "$(1)", b - a }'

.DEFAULT_GOAL := help
.PHONY: help python venv demo dist generate check-generated lint test bench soak

help:  ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

python:  ## refuse a python3 older than 3.11 (PYTHON=... to pick another), before anything is installed
	@if [ -z "$(PY_VERSION)" ]; then \
	  echo "make: cannot run '$(PYTHON)'. Install Python 3.11 or newer, then run 'make $(or $(MAKECMDGOALS),demo) PYTHON=python3.11'." >&2; exit 1; \
	elif [ "$(word 2,$(PY_FOUND))" != 1 ]; then \
	  echo "make: htx-swap-sdk needs Python 3.11 or newer; '$(PYTHON)' is Python $(PY_VERSION). Nothing was installed. Install 3.11+ and run 'make $(or $(MAKECMDGOALS),demo) PYTHON=python3.11' (or put it first on PATH)." >&2; exit 1; \
	fi

# A .venv whose python is missing or another version is removed and made again, never reused.
define fresh_venv
	@found=$$($(PY) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null); \
	if [ -e $(VENV) ] && [ "$$found" != "$(PY_VERSION)" ]; then \
	  echo "$(VENV) was made by Python $${found:-(gone)}, $(PYTHON) is $(PY_VERSION): rebuilding it"; rm -rf $(VENV); fi
	@test -x $(PY) || { $(call timed,create $(VENV) with Python $(PY_VERSION),$(PYTHON) -m venv $(VENV)); }
endef

$(DEMO_STAMP): pyproject.toml $(LOCK) | python
	$(fresh_venv)
	@$(call timed,install htx-swap-sdk[mock] (editable; pinned by $(LOCK)),$(PIP) -e '.[mock]')
	@touch $@

$(STAMP): pyproject.toml $(LOCK) | python
	$(fresh_venv)
	@$(call timed,install htx-swap-sdk[mock+dev] and $(LOCK),$(PIP) -r $(LOCK) -e '$(DEV)')
	@touch $@ $(DEMO_STAMP) $(DIST_STAMP)

$(DIST_STAMP): pyproject.toml $(LOCK) | python
	$(fresh_venv)
	@$(call timed,install the build backend and twine ($(DIST_TOOLS)),$(PIP) $(DIST_TOOLS))
	@touch $@

venv: $(STAMP)  ## bootstrap .venv with the dev tools (pins: generator/requirements.lock + pyproject extras)

demo: $(DEMO_STAMP)  ## the main job: signed cancels through the SDK against the bundled local exchange
	@$(call timed,demo,$(PY) -m htx_swap_mock.demo)

dist: $(DIST_STAMP)  ## build sdist + wheel into dist/ (hatchling from .venv, no dev tools) and twine-check them
	@rm -rf dist
	@$(call timed,build sdist and wheel into dist/,$(PY) -m build --quiet --no-isolation --outdir dist .)
	@$(call timed,twine check dist/*,$(VENV)/bin/twine check --strict dist/*)

generate: venv  ## regenerate generated_sdk/ from openapi.yaml (never edit it by hand)
	$(PY) generator/generate.py

check-generated: venv  ## fail with a diff if generated_sdk/ differs from a fresh generation
	$(PY) generator/generate.py --check

lint: venv  ## ruff check, ruff format --check, mypy --strict
	$(VENV)/bin/ruff check $(HAND_WRITTEN)
	$(VENV)/bin/ruff format --check $(HAND_WRITTEN)
	$(VENV)/bin/mypy --strict auth_plugin/htx_swap mock_exchange/htx_swap_mock generated_sdk/htx_swap_client generator tests bench

# `make test` runs pytest on this many workers (pytest-xdist, a test file per worker; 0: in one
# process). Most tests wait on sockets, timers and subprocesses, so more workers than cores pays.
TEST_WORKERS ?= 4
test: lint check-generated  ## lint + check-generated + every test (on TEST_WORKERS=4 pytest-xdist workers)
	@$(call timed,pytest -n $(TEST_WORKERS),$(PY) -m pytest -n $(TEST_WORKERS))

bench: $(BENCH_STAMP)  ## htx_swap vs ccxt and bare httpx: one table of ratios and targets (~2 min)
	$(PY) -m bench

soak: venv  ## 10,000 cancels with faults against the local exchange: req/s, p50/p99, fds, RSS, 0 lost
	$(PY) bench/soak.py

# The bench extra (ccxt) goes into .venv only for `make bench`: never a runtime or dev dependency.
$(BENCH_STAMP): $(STAMP)
	$(PIP) -e '.[dev,bench]'
	touch $@
