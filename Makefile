# Two entry points (see README): `make app` runs the app, `make test` runs the tests.
# Both create the virtual environment on first use. torch (version in constraints.txt) is
# installed first, alone, with the CPU-only index beside PyPI: from PyPI alone, Linux gets
# the CUDA build (gigabytes). Offline, pip warns that the index cannot be reached and takes
# a wheel it finds locally; `make TORCH_INDEX=` leaves the index out.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INDEX ?= index
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup app index test lint bench eval clean

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt --no-deps $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX)) torch
	$(BIN)/pip install --quiet -c constraints.txt -e '.[app,eval,dev]'
	touch $@

setup: $(BIN)/.installed

index: setup
	$(BIN)/dsrqa build --index $(INDEX) --if-needed

app: index
	$(BIN)/python -m dsrqa.serve --index $(INDEX) --server.headless true

test: setup
	$(BIN)/ruff check src tests scripts app_streamlit.py
	$(BIN)/mypy
	$(BIN)/pytest -q

eval: index
	$(BIN)/dsrqa eval --index $(INDEX) --out eval/results

bench: index
	$(BIN)/dsrqa bench --index $(INDEX)

clean:
	rm -rf $(VENV) $(INDEX)/*.json $(INDEX)/*.npy $(INDEX)/*.faiss $(INDEX)/bm25 $(INDEX)/model
