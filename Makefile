# The two commands of the README: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install browser axe run test lint bench lock clean

install: $(STAMP)

# torch first and pinned: an unpinned torch pulled in by sentence-transformers is a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $(STAMP)

# The UI tests drive Debian's chromium (no browser download is possible here).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  echo "installing Debian's chromium for the browser tests"; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

# axe-core, which the browser tests inject to check accessibility (pinned in package-lock.json).
# Only run when missing or older than the lock file; npm's cache serves it again when offline.
AXE := node_modules/axe-core/axe.min.js
axe: $(AXE)

$(AXE): package.json package-lock.json
	npm ci --prefer-offline --no-audit --no-fund --loglevel=error
	@touch $(AXE)

run: install
	$(BIN)/clusterkb serve

lint: install
	$(BIN)/ruff check kb ingest clusterkb api ui tests bench
	$(BIN)/ruff format --check kb ingest clusterkb api ui tests bench
	$(BIN)/mypy kb ingest clusterkb api ui
	$(BIN)/lint-imports

test: lint browser axe
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/build.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/qa.py
	$(BIN)/python bench/backends.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/scale.py --edges 20000 --json

lock: install
	{ head -2 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | sed "s/^torch==2.13.0+cpu/torch==2.13.0/"; } > constraints.tmp && mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) node_modules
