# Two entry points for a fresh clone: `make demo` and `make test`. Both set everything up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_OUT := build/demo

.PHONY: install demo test bench clean

install: $(STAMP)

# torch==2.13.0 first: argostranslate -> stanza -> torch, and an unpinned torch would pull
# gigabytes of CUDA wheels. With the CPU build already present, the pin is satisfied.
# (python3 -m venv needs Debian's python3-venv; fall back to virtualenv from PyPI without it.)
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV); }
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p $(DEMO_OUT)
	$(BIN)/normalizer convert samples/pages -o $(DEMO_OUT)/articles.jsonl; test $$? -le 1
	$(BIN)/normalizer merge $(DEMO_OUT)/articles.jsonl -o $(DEMO_OUT)/stories.jsonl; test $$? -le 1
	$(BIN)/normalizer summary $(DEMO_OUT)/articles.jsonl $(DEMO_OUT)/stories.jsonl

test: $(STAMP)
	$(BIN)/ruff check normalizer tests benchmarks scripts
	$(BIN)/python -m pytest

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build .pytest_cache
