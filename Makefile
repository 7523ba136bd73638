# Two commands do everything on a machine that has only python3:
#   make run   - create the environment if needed, install, start the app
#   make test  - create the environment if needed, install test tools (and, as root, Debian's
#                postgresql package when it is missing), lint, run every test but the
#                wall-clock ones (marked `perf`; .ci/run runs those on their own)
# Both are idempotent: the install step reruns only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint format bench clean browser

# The browser test drives Debian's headless Chromium through Debian's chromedriver (nothing
# is downloaded at test time). Installed once with apt-get when root; quick when present.
CHROMEDRIVER := /usr/bin/chromedriver

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/mi-trainer

browser:
	@test -x $(CHROMEDRIVER) -a -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	      chromium chromium-driver) >/dev/null; \
	  else echo "make: the browser test needs: sudo apt-get install chromium chromium-driver"; fi; }

test: $(STAMP) browser
	@$(BIN)/python benchmarks/pg_cluster.py install  # PostgreSQL for the storage tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not perf"

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build *.egg-info
