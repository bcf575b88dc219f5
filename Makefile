# The two commands a fresh machine needs. All real work lives in tasks.py.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
# npm writes this file on every install: it is newer than package-lock.json after one.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: build test
build: $(STAMP)
	$(VENV)/bin/invoke build

# The test tools in package.json (axe-core, the Nu HTML Checker, ...) come from npm.
test: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/invoke test

# Rebuilt only when the venv is missing or the pins changed.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $(STAMP)

# Reinstalled only when node_modules/ is missing or older than the pins. No install
# scripts: vnu-jar's would fetch a JDK from outside when no Java is found.
$(NODE_STAMP): package-lock.json package.json
	@command -v npm >/dev/null 2>&1 || { echo "make test needs npm, which comes with Node.js 20.19 or later (apt-get install nodejs npm, or https://nodejs.org/): npm was not found" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $(NODE_STAMP)
