# Reading the Readouts: the two commands are `make lab` and `make test`.
# Both create a virtual environment in .venv (with Python 3.11 or newer) the first
# time and bring it up to date whenever a requirements file changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8888

.PHONY: lab test validate lessons handouts bench clean help app classroom lock student-release nbgrader

help:
	@echo "make lab       set up and open the lessons in JupyterLab"
	@echo "make test      set up and run the whole test suite"
	@echo "make validate  check the data folder"
	@echo "make lessons   rebuild the student notebooks from notebooks/solutions/"
	@echo "make handouts  render every lesson, executed, to HTML in handouts/"
	@echo "make bench     report load, filter and notebook timings (not part of the tests)"
	@echo "make app       serve the explorer as an app (Voilà): no code shown"
	@echo "make classroom replay Binder's install and run a real JupyterHub with three students"
	@echo "make lock      regenerate binder/requirements.txt (the pinned lock) from requirements.txt"
	@echo "make student-release OUT=folder  a student-only copy (no solutions) to share with a class"
	@echo "make nbgrader COURSE=folder      nbgrader source assignments from the solutions edition"

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

# The explorer as an app: Voilà runs the notebook and shows only its outputs. Run from the
# project folder so that voila.py applies (a closed page shuts its kernel down).
APP_PORT ?= 8866
app: $(VENV)/.lab-installed
	$(BIN)/voila notebooks/explorer.ipynb --port=$(APP_PORT) $(APP_FLAGS)

# The slow hosting tests (about 10 minutes on 2 cores): repo2docker's installs replayed in fresh
# venvs, and a real JupyterHub (configurable-http-proxy from npm) where three students pull the lessons.
CHP := $(VENV)/hub/node_modules/.bin/configurable-http-proxy
$(CHP):
	npm install --prefix $(VENV)/hub --no-audit --no-fund configurable-http-proxy@5

classroom: $(VENV)/.dev-installed $(CHP)
	READOUTS_CLASSROOM=1 $(BIN)/python -m pytest tests/test_hosting.py tests/test_hub.py

# The lock (binder/requirements.txt): every package pinned, for Binder and a hub's image.
# Keeps existing pins that still fit; `make lock LOCK_FLAGS=--upgrade` moves them all.
lock: $(VENV)/.dev-installed
	$(BIN)/uv pip compile requirements.txt --universal --python-version 3.11 \
		--custom-compile-command "make lock" $(LOCK_FLAGS) -o binder/requirements.txt

# A student-only copy of the collection, for a class: make student-release OUT=../readouts-students
student-release: $(VENV)/.lab-installed
	@test -n "$(OUT)" || { echo "say where: make student-release OUT=path/to/new/folder"; exit 1; }
	$(BIN)/python -m helpers student-release "$(OUT)"

# nbgrader source assignments in a course folder: make nbgrader COURSE=../readouts-course
# (nbgrader calls alembic by name: the environment's bin/ goes on PATH).
nbgrader: $(VENV)/.dev-installed
	@test -n "$(COURSE)" || { echo "say where: make nbgrader COURSE=path/to/course/folder"; exit 1; }
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m helpers nbgrader "$(COURSE)"

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
