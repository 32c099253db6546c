"""Binder (repo2docker) yapılandırması: kurulum planı.

`jupyter-repo2docker --no-build` Docker'a hiç bağlanmadan Binder'ın kuracağı Dockerfile'ı yazar.
Bu sınamalar o planı okur: torch'un yalnız-CPU derlemesi, projenin depodan (pyproject.toml'dan)
deponun dosyaları kopyalandıktan sonra kurulması, tek bağımlılık listesi ve Python sürümü.
"""
import itertools
import os
import pathlib
import re
import shutil
import string
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = '3.11'
CPU_INDEX = 'https://download.pytorch.org/whl/cpu'
# repo2docker'ın tanıdığı yapılandırma dosyaları; environment.yml dışındakiler bilerek yok
OTHER_CONFIG = ['binder', '.binder', 'environment.yaml', 'requirements.txt', 'requirements3.txt',
                'Pipfile', 'Pipfile.lock', 'setup.py', 'runtime.txt', 'postBuild', 'apt.txt',
                'install.R', 'Project.toml', 'REQUIRE', 'default.nix', 'Dockerfile']


def _repo2docker():
    """jupyter-repo2docker komutu: önce bu Python'un ortamında, sonra PATH'te."""
    local = pathlib.Path(sys.executable).with_name('jupyter-repo2docker')
    return str(local) if local.exists() else shutil.which('jupyter-repo2docker')


@pytest.fixture(scope='module')
def plan():
    """(Dockerfile, günlük): Binder'ın kullanıcısıyla (jovyan, 1000) üretilen kurulum planı."""
    exe = _repo2docker()
    if exe is None:
        reason = 'jupyter-repo2docker kurulu değil (pip install -e ".[dev]")'
        if os.environ.get('CI'):
            pytest.fail(f'CI ortamında Binder sınaması atlanamaz: {reason}')
        pytest.skip(f'Binder sınaması atlandı: {reason}')
    cmd = [exe, '--no-build', '--debug', '--user-id', '1000', '--user-name', 'jovyan', '.']
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, f'repo2docker planı yazamadı:\n{result.stderr}'
    return result.stdout, result.stderr


@pytest.fixture(scope='module')
def environment(plan):
    """Planın kurduğu ortam dosyası (yol, içerik); dosyanın adı planın kendisinden okunur."""
    from ruamel.yaml import YAML  # repo2docker'ın bağımlılığı

    found = re.findall(r'env update -p \$\{NB_PYTHON_PREFIX\} --file "([^"]+)"', plan[0])
    assert len(found) == 1, 'Binder planı ortamı tam bir kez bir environment dosyasından kurmalı'
    path = ROOT / found[0]
    return path, YAML(typ='safe').load(path.read_text())


def _pip_lines(env):
    """environment dosyasının pip: bölümü."""
    lists = [d['pip'] for d in env['dependencies'] if isinstance(d, dict) and 'pip' in d]
    assert len(lists) == 1, 'environment.yml tek bir pip: bölümü içermeli'
    return [line.strip() for line in lists[0]]


def _project_dependencies():
    project = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
    reqs = [*project['dependencies'], *itertools.chain(*project.get('optional-dependencies', {}).values())]
    return project, {Requirement(r).name.lower() for r in reqs}


def test_environment_file_is_the_only_binder_config(environment):
    path, _ = environment
    assert path == ROOT / 'environment.yml', 'Binder kökteki environment.yml ile kurulmalı'
    present = [name for name in OTHER_CONFIG if (ROOT / name).exists()]
    assert not present, f'ikinci bir Binder/conda yapılandırması var: {present}'


def test_python_version(plan, environment):
    dockerfile, log = plan
    _, env = environment
    assert f'Building conda environment for python={PYTHON}' in log, f'Binder Python {PYTHON} kurmalı'
    from escapism import escape  # repo2docker'ın bağımlılığı: betik dosyalarını böyle adlandırır

    lock = escape(f'environment.py-{PYTHON}-', safe=set(string.ascii_letters + string.digits),
                  escape_char='-').lower()
    assert 'build_script_files/' in dockerfile and lock in dockerfile, \
        f'Binder Python {PYTHON} temel ortamıyla (kilit dosyasıyla) başlamalı'
    pins = [d for d in env['dependencies'] if isinstance(d, str) and d.startswith('python')]
    assert pins == [f'python={PYTHON}'], \
        f'environment.yml Python sürümünü python={PYTHON} diye sabitlemeli'
    project, _ = _project_dependencies()
    assert PYTHON in SpecifierSet(project['requires-python']), \
        f'Binder\'ın Python {PYTHON} sürümü pyproject.toml\'daki requires-python\'a uymalı'


def test_project_installed_from_repository_after_copy(plan, environment):
    lines = plan[0].splitlines()
    copy = [i for i, line in enumerate(lines)
            if re.fullmatch(r'COPY --chown=\S+ src/ \$\{REPO_DIR\}/', line)]
    install = [i for i, line in enumerate(lines) if 'env update' in line]
    assert copy and install, 'planda deponun kopyalanması ve ortamın kurulması görünmeli'
    assert install[0] > copy[0], 'ortam (ve proje) deponun dosyaları kopyalandıktan sonra kurulmalı'
    pip = _pip_lines(environment[1])
    assert '-e .' in pip or '.' in pip, 'proje depodan (pyproject.toml) kurulmalı: pip: bölümünde "-e ."'


def test_torch_comes_from_cpu_index(environment):
    pip = _pip_lines(environment[1])
    options = [line for line in pip if line.startswith('-') and not line.startswith('-e')]
    assert any(re.fullmatch(rf'--(extra-)?index-url[ =]{re.escape(CPU_INDEX)}/?', o) for o in options), \
        f'torch PyTorch\'un yalnız-CPU dizininden ({CPU_INDEX}) gelmeli'
    assert not any(re.search(r'/whl/(cu|rocm)', o) for o in options), \
        'Binder CUDA/ROCm derlemesi indirmemeli'


def test_single_dependency_list(environment):
    _, env = environment
    _, names = _project_dependencies()
    conda = [d for d in env['dependencies'] if isinstance(d, str)]
    conda_names = {re.split(r'[<>=!~ \[]', d, maxsplit=1)[0].lower() for d in conda}
    assert conda_names <= {'python', 'pip'}, f'environment.yml yalnız python ve pip içermeli: {conda}'
    pip = [line for line in _pip_lines(env) if not line.startswith('-') and line != '.']
    assert not pip, \
        f'bağımlılıklar yalnız pyproject.toml\'da listelenmeli, environment.yml\'de değil: {pip}'
    text = (ROOT / 'environment.yml').read_text().lower()
    repeated = sorted(n for n in names if re.search(rf'^\s*-\s*{re.escape(n)}\b', text, re.MULTILINE))
    assert not repeated, \
        f'pyproject.toml\'daki bağımlılıklar environment.yml\'de tekrarlanmış: {repeated}'
