# Reading the Readouts: the two commands are `make lab` and `make test`.
# Both create a virtual environment in .venv (with Python 3.11 or newer) the first
# time and bring it up to date whenever a requirements file changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8888

.PHONY: lab test validate lessons handouts bench clean help

help:
	@echo "make lab       set up and open the lessons in JupyterLab"
	@echo "make test      set up and run the whole test suite"
	@echo "make validate  check the data folder"
	@echo "make lessons   rebuild the student notebooks from notebooks/solutions/"
	@echo "make handouts  render every lesson, executed, to HTML in handouts/"
	@echo "make bench     report load, filter and notebook timings (not part of the tests)"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.lab-installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Jupyter refuses to run as root unless told; containers and CI often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab --port=$(PORT) $(ROOT_FLAG) $(LAB_FLAGS) notebooks/00_start_here.ipynb

test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

validate: $(VENV)/.lab-installed
	$(BIN)/python -m helpers validate

lessons: $(VENV)/.lab-installed
	$(BIN)/python -m helpers lessons

handouts: $(VENV)/.lab-installed
	$(BIN)/python -m helpers handouts

bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
