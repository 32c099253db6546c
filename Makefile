# d2lmini — iki komut yeter: `make lab` ve `make test`.
PYTHON     ?= python3
VENV       ?= .venv
TORCH_SPEC ?= torch
BIN        := $(VENV)/bin
# root olarak çalışırken (ör. CI) jupyter --allow-root ister
ROOT_FLAG  := $(if $(filter 0,$(shell id -u)),--allow-root)
NOTEBOOKS  := $(sort $(wildcard notebooks/*.ipynb))
# Boşta kalan OpenMP iş parçacıkları dönüp beklemesin: çekirdekler başka işlerle paylaşılırken
# (ör. iki defter, ya da eğitim + tarayıcı) varsayılan "aktif bekleme" eğitimi 10 kattan fazla yavaşlatır
export OMP_WAIT_POLICY ?= PASSIVE

.PHONY: lab test notebooks bench install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# torch önce ve TORCH_SPEC ile kurulur: yalnız CPU'lu makine kendi derlemesini seçebilir
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install "$(TORCH_SPEC)"
	$(BIN)/python -m pip install -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# JupyterLab yalnızca bu makineden (127.0.0.1) ve belirteçle (token) erişilebilir
lab: $(VENV)/.installed
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(ROOT_FLAG)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest tests --nbval notebooks

# Bütün defterleri temiz bir çekirdekte baştan sona yeniden çalıştırır, çıktıları yeniler
notebooks: $(VENV)/.installed-dev
	@for nb in $(NOTEBOOKS); do \
	  echo "== $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=1800 --ExecutePreprocessor.kernel_name=python3 "$$nb" || exit 1; \
	done

bench: $(VENV)/.installed-dev
	$(BIN)/python tools/bench.py

clean:
	rm -rf $(VENV) .pytest_cache
