"""Colab'ın ilk hücresi gerçek bir Python'da: paket varken hiçbir şey yapmaz, yokken kurar.

İkinci dal için boş bir sanal ortam kurulur (Colab'daki gibi: d2lmini yok). İnternete
gidilmez: hücrenin kurulum kaynağı ``D2LMINI_INSTALL_SOURCE`` ile deponun yerel bir
tekerleğine, alıştırmaların öğrenci dalı ``D2LMINI_STUDENT_REPO`` ile yerel bir git deposuna
yöneltilir; pip'e dizin ve bağımlılık yasaktır (``PIP_NO_INDEX``, ``PIP_NO_DEPS``).
"""
import os
import pathlib
import shutil
import subprocess
import sys
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
import launch  # noqa: E402

S = launch.settings(repository='ders/rnn-kursu')


def _run(python, source, cwd, **env):
    script = cwd / 'hucre.py'
    script.write_text(source + "\nprint('CWD=' + os.getcwd())\n", encoding='utf-8')
    clean = {k: v for k, v in os.environ.items() if not k.startswith(('PIP_', 'D2LMINI_'))}
    clean.update(env, PYTHONDONTWRITEBYTECODE='1', PIP_DISABLE_PIP_VERSION_CHECK='1')
    return subprocess.run([str(python), str(script)], cwd=cwd, env=clean, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize('kind', ['notebook', 'exercise'])
def test_does_nothing_where_the_package_is_installed(tmp_path, kind):
    # kaynak var olmayan bir yol: pip çağrılsaydı hata verirdi
    result = _run(sys.executable, launch.colab_setup_source(kind, S), tmp_path,
                  D2LMINI_INSTALL_SOURCE=str(tmp_path / 'yok.whl'),
                  D2LMINI_STUDENT_REPO=str(tmp_path / 'yok.git'))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f'CWD={tmp_path}', result.stdout   # hiçbir şey yazmadı
    assert result.stderr == ''


@pytest.fixture(scope='module')
def fresh_venv(tmp_path_factory):
    """d2lmini'siz, pip'li boş bir sanal ortam ve deponun tekerleği."""
    base = tmp_path_factory.mktemp('colab')
    venv.EnvBuilder(with_pip=True, clear=True).create(base / 'venv')
    python = base / 'venv' / 'bin' / 'python'
    probe = subprocess.run([str(python), '-c', 'import d2lmini'], capture_output=True)
    assert probe.returncode != 0   # gerçekten boş
    wheels = base / 'wheels'
    subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--quiet', '--no-deps',
                    '--no-build-isolation', '--wheel-dir', str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=300,
                   env=dict(os.environ, PIP_NO_INDEX='1'))
    (wheel,) = wheels.glob('d2lmini-*.whl')
    return python, wheel


def test_installs_the_package_where_it_is_missing(fresh_venv, tmp_path):
    python, wheel = fresh_venv
    result = _run(python, launch.colab_setup_source('notebook', S), tmp_path,
                  D2LMINI_INSTALL_SOURCE=str(wheel), PIP_NO_INDEX='1', PIP_NO_DEPS='1')
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f'd2lmini kuruluyor: pip install {wheel}'
    assert lines[-1] == f'CWD={tmp_path}'
    # kuruldu: sürümü deponunki (torch'suz ortamda içe aktarmadan bakılır)
    show = subprocess.run([str(python), '-m', 'pip', 'show', 'd2lmini'], capture_output=True,
                          text=True, env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK='1'))
    assert f"Version: {S['version']}" in show.stdout, show.stdout + show.stderr
    assert wheel.name.startswith(f"d2lmini-{S['version']}-")


def test_exercise_cell_also_fetches_the_student_branch(fresh_venv, tmp_path):
    python, wheel = fresh_venv
    if shutil.which('git') is None:
        pytest.skip('git yok')
    # öğrenci dalı: kökte defterler ve denetim/ (pages iş akışının yayımladığı gibi)
    origin = tmp_path / 'origin'
    (origin / 'denetim').mkdir(parents=True)
    (origin / 'denetim' / '__init__.py').write_text('SURUM = 1\n')
    (origin / '03-rnn-modeli.ipynb').write_text('{}\n')
    git = ['git', '-c', 'user.name=s', '-c', 'user.email=s@s', '-c', 'init.defaultBranch=main']
    subprocess.run([*git, 'init', '-q', str(origin)], check=True)
    subprocess.run([*git, '-C', str(origin), 'checkout', '-q', '-b', 'ogrenci'], check=True)
    subprocess.run([*git, '-C', str(origin), 'add', '.'], check=True)
    subprocess.run([*git, '-C', str(origin), 'commit', '-q', '-m', 'ogrenci'], check=True)
    work = tmp_path / 'content'
    work.mkdir()
    result = _run(python, launch.colab_setup_source('exercise', S), work,
                  D2LMINI_INSTALL_SOURCE=str(wheel), D2LMINI_STUDENT_REPO=str(origin),
                  PIP_NO_INDEX='1', PIP_NO_DEPS='1')
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [f'd2lmini kuruluyor: pip install {wheel}',
                         f'alıştırmalar indiriliyor: git clone {origin}']
    target = work / launch.EXERCISE_FOLDER
    assert lines[-1] == f'CWD={target}'   # otter defteri ve denetim/ orada bulur
    assert (target / 'denetim' / '__init__.py').read_text() == 'SURUM = 1\n'
