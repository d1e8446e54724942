# Everyday commands. `make help` lists them.
PY ?= .venv/bin/python

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

setup:  ## create .venv and install policylens with test tools
	python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]"

build:  ## build tables, figures and the Excel summary from data/raw/
	.venv/bin/policylens build

test:  ## run the test suite (on every core, as CI does)
	$(PY) -m pytest -n auto --dist loadscope

lint:  ## ruff lint and format check
	.venv/bin/ruff check . && .venv/bin/ruff format --check policylens tests benchmarks

bench:  ## speed benchmarks (see benchmarks/README.md)
	$(PY) benchmarks/build_speed.py && $(PY) benchmarks/extract_speed.py --mb 50

lab:  ## open the notebooks in JupyterLab
	.venv/bin/jupyter lab notebooks/

.PHONY: help setup build test lint bench lab
