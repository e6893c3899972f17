# Two entry points (see README): `make app` runs the app, `make test` runs the tests.
# Both create the virtual environment on first use; CPU torch comes from constraints.txt.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INDEX ?= index
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup app index test lint bench eval clean

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
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
