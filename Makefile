# Every set-up step lives here: `make demo`, `make test`, `make bench` work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BASE_STAMP := $(VENV)/.installed-base
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: setup system demo test bench lint figures serve lab clean

setup: $(STAMP)

# Everything: the frameworks, the web app, the notebooks, the test and benchmark tools.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e '.[all]'
	touch $(STAMP) $(BASE_STAMP)

# The lean base install: what the CLI and the library need, nothing more.
$(BASE_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $(BASE_STAMP)

# System packages the tests need (PostgreSQL server, Chromium and its driver), if missing.
system:
	bash scripts/system-packages.sh

demo: $(BASE_STAMP)
	$(VENV)/bin/calcml diff "x^2 + 2x + 2" --steps

test: setup system
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	MPLBACKEND=Agg $(PY) -m pytest -q -n 2

bench: setup
	MPLBACKEND=Agg $(PY) -m benchmarks

figures: setup
	MPLBACKEND=Agg $(PY) -m docs.make_figures

serve: setup
	$(VENV)/bin/calcml serve

# JupyterLab on the lesson notebooks; it refuses to run as root (a container) unless told.
lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --no-browser \
		$(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache
