"""Sınama katmanlarının kendisi: hızlı kopyalar, etiketler, süre sınırı, ortamdan bağımsızlık."""
import os
import pathlib
import subprocess
import sys

import nbformat
import pytest

from conftest import QUICK_LIMIT_S, quick_notebook_times, too_slow

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
import quick_notebooks as qn  # noqa: E402

NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.ipynb'))


def _read(path):
    return nbformat.read(path, as_version=4)


def test_quick_overrides_name_existing_parameters():
    assert qn.check_overrides(qn.load_quick()) == []


def test_every_training_notebook_has_quick_values():
    quick = qn.load_quick()
    training = qn.training_notebooks()
    assert {'06-egitim', '07-rastgele-ornekleme', '09-alistirmalar'} <= set(training)
    missing = [n for n in training if n not in quick]
    assert not missing, ('eğiten ama notebooks/quick.yml\'da olmayan defterler (kısa '
                         f'sürüyorsa "{{}}" yazın): {missing}')


def test_full_only_cells_are_in_notebooks_with_quick_values():
    """full-only yalnızca hızlı değerleri olan bir defterde anlamlıdır (orada atlanır)."""
    quick = qn.load_quick()
    for path in NOTEBOOKS:
        if any(qn.FULL_ONLY in c.metadata.get('tags', []) for c in _read(path).cells):
            assert quick.get(path.stem), f'{path.name}: full-only hücresi var, hızlı değeri yok'


def test_check_overrides_catches_mistakes(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('num_epochs = 500  # dönem\nnum_hiddens = 512')
    cell.metadata['tags'] = ['parameters']
    nb.cells = [cell]
    nbformat.write(nb, tmp_path / 'a.ipynb')
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / 'b.ipynb')
    problems = qn.check_overrides({'a': {'num_epochs': 5, 'num_epoch': 5}, 'b': {'x': 1},
                                   'c': {}}, tmp_path)
    assert len(problems) == 4 and any('num_epoch"' in p for p in problems)
    assert qn.check_overrides({'a': {'num_epochs': 5, 'num_hiddens': 8}, 'b': {}},
                              tmp_path) == []


def test_quick_copy_tags(tmp_path):
    src = ROOT / 'notebooks' / '06-egitim.ipynb'
    qn.quick_copy(src, tmp_path / src.name, {'num_epochs': 3})
    nb = _read(tmp_path / src.name)
    code = [c for c in nb.cells if c.cell_type == 'code']
    injected = [c for c in code if 'injected-parameters' in c.metadata.get('tags', [])]
    assert len(injected) == 1 and 'num_epochs = 3' in injected[0].source
    assert all('nbval-ignore-output' in c.metadata['tags'] for c in code)
    full_only = [c for c in code if qn.FULL_ONLY in c.metadata['tags']]
    assert full_only and all('nbval-skip' in c.metadata['tags'] for c in full_only)
    assert not any('nbval-skip' in c.metadata['tags'] for c in code if c not in full_only)


def test_slow_quick_notebook_fails_the_session():
    reports = [('build/quick/06-egitim.ipynb::Cell 0', 50.0),
               ('build/quick/06-egitim.ipynb::Cell 5', 45.0),
               ('build/quick/01-bire-bir-kodlama.ipynb::Cell 0', 5.0),
               ('notebooks/06-egitim.ipynb::Cell 5', 400.0),      # tam katman: sınır yok
               ('tests/test_train.py::test_x', 100.0)]
    times = quick_notebook_times(reports)
    assert times == {'build/quick/06-egitim.ipynb': 95.0,
                     'build/quick/01-bire-bir-kodlama.ipynb': 5.0}
    (message,) = too_slow(times)
    assert '06-egitim' in message and '95 sn' in message and f'{QUICK_LIMIT_S:.0f} sn' in message


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_plumbing_is_in_tags(path):
    """Öğrencinin okuduğu kaynakta nbval işareti yok; çizim arka ucunu defter kendisi seçer."""
    nb = _read(path)
    # Colab'ın kurulum hücresi (tools/launch.py) hariç ilk kod hücresi
    code = [c for c in nb.cells if c.cell_type == 'code'
            and 'colab-kurulum' not in c.metadata.get('tags', [])]
    assert '%matplotlib inline' in code[0].source.splitlines()
    marked = [i for i, c in enumerate(nb.cells) if 'NBVAL_' in c.source]
    assert not marked, f'{path.name}: kaynakta NBVAL işareti (etikete taşıyın): {marked}'


def test_figure_notebook_under_any_environment(tmp_path):
    """Kabuğun MPLBACKEND'i, OMP_* ayarları ve yereli ne olursa olsun şekiller saklanır."""
    path = ROOT / 'notebooks' / '01-bire-bir-kodlama.ipynb'
    figures = sum('image/png' in o.get('data', {}) for c in _read(path).cells
                  if c.cell_type == 'code' for o in c.outputs)
    assert figures >= 3   # nbval çıktı sayısını karşılaştırır: eksik şekil yakalanır
    env = dict(os.environ, MPLBACKEND='Agg', OMP_NUM_THREADS='3', OMP_DYNAMIC='true',
               OMP_WAIT_POLICY='PASSIVE', LC_ALL='tr_TR.UTF-8', LANG='C',
               MPLCONFIGDIR=str(tmp_path / 'mpl'))
    cmd = [sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-p', 'no:xdist',
           '-o', 'addopts=', '--nbval', '--nbval-current-env',
           '--nbval-sanitize-with=notebooks/sanitize.cfg', str(path)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
