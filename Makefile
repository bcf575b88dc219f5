# The two commands a fresh machine needs. All real work lives in tasks.py.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: build test
build: $(STAMP)
	$(VENV)/bin/invoke build

test: $(STAMP)
	$(VENV)/bin/invoke test

# Rebuilt only when the venv is missing or the pins changed.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $(STAMP)
