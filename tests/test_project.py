"""Depo düzeni: defterlerle paket arasında tek doğruluk kaynağı, küçük modüller,
okunur satırlar."""
import importlib
import inspect
import pathlib
import pkgutil
import re
import sys

import nbformat
import pytest

import d2lmini as d2l

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.ipynb'))
sys.path.insert(0, str(ROOT / 'tools'))
import sync_notebooks as sync  # noqa: E402

TAUGHT = re.compile(r'Defter: (\d\d-[a-z-]+)')


def _modules():
    return [importlib.import_module(f'd2lmini.{m.name}')
            for m in pkgutil.iter_modules(d2l.__path__)]


def _taught():
    """Paketin öğretilen tanımları: (modül adı, ad, defter) — belgelerinde
    'Defter: NN-ad' yazanlar."""
    for module in _modules():
        for name, obj in vars(module).items():
            if getattr(obj, '__module__', None) != module.__name__:
                continue
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            m = TAUGHT.search(inspect.getdoc(obj) or '')
            if m:
                yield module.__name__.split('.')[-1], name, m.group(1)


def _marked_cells():
    """(defter, hücre no, modül, tanımlanan adlar) her işaretli hücre için."""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            module = sync.marker(cell)
            if module is not None:
                yield path, i, module, sync.definitions(cell.source)


def test_public_api_is_exported():
    names = ['DATA_HUB', 'DATA_URL', 'download', 'read_time_machine', 'tokenize', 'Vocab',
             'load_corpus_time_machine', 'seq_data_iter_random', 'seq_data_iter_sequential',
             'SeqDataLoader', 'load_data_time_machine', 'Timer', 'Accumulator', 'try_gpu',
             'try_all_gpus', 'sgd', 'set_seed', 'Animator', 'get_params', 'init_rnn_state', 'rnn',
             'RNNModelScratch', 'predict_ch8', 'grad_clipping', 'train_epoch_ch8', 'train_ch8',
             'RNNModelFast', 'RNNModelTorch', 'sample_ch8', 'save_model', 'load_model',
             'load_data_text']
    assert not [n for n in names if not hasattr(d2l, n)]


def test_marked_cells_equal_package_source():
    """İşaretli her hücre paketteki kaynağın birebir kopyası (yazan araç:
    tools/sync_notebooks.py)."""
    assert sync.main(['--check']) == 0


def test_every_taught_definition_has_a_marked_cell_in_its_notebook():
    taught = list(_taught())
    assert len(taught) >= 10, 'öğretilen tanımlar bulunamadı: belgelerde "Defter: NN-ad" olmalı'
    marked = {(path.stem, module, name) for path, _, module, names in _marked_cells()
              for name in names}
    missing = [f'{module}.{name} ({nb})' for module, name, nb in taught
               if (nb, module, name) not in marked]
    assert not missing, f'defterinde işaretli hücresi olmayan öğretilen tanımlar: {missing}'
    known_notebooks = {p.stem for p in NOTEBOOKS}
    assert {nb for *_, nb in taught} <= known_notebooks


def test_marked_definitions_say_which_notebook_teaches_them():
    taught = {(module, name): nb for module, name, nb in _taught()}
    wrong = [f'{path.name} hücre {i}: {module}.{name}'
             for path, i, module, names in _marked_cells() for name in names
             if taught.get((module, name)) != path.stem]
    assert not wrong, f'belgesi bu defteri göstermeyen işaretli tanımlar: {wrong}'


def test_unmarked_cells_do_not_redefine_package_names():
    """Paketin dışa aktardığı bir adı tanımlayan hücre işaretli olmalı: yoksa
    defterdeki kopya paketten sessizce ayrılabilir."""
    exported = {n for n in dir(d2l) if not n.startswith('_')}
    found = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != 'code' or sync.marker(cell) is not None:
                continue
            for m in re.finditer(r'^(?:def|class) (\w+)', cell.source, re.M):
                if m.group(1) in exported:
                    found.append(f'{path.name} hücre {i}: {m.group(1)}')
    assert not found, f'işaretsiz kopyalar: {found}'


def _notebook(tmp_path, source):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(source))
    path = tmp_path / 'x.ipynb'
    nbformat.write(nb, path)
    return path


def test_sync_check_detects_and_repairs_a_difference(tmp_path):
    src = inspect.getsource(d2l.rnn).replace('torch.tanh', 'torch.relu')
    path = _notebook(tmp_path, '# d2lmini/rnn.py\n' + src)
    assert sync.main(['--check', str(path)]) == 1
    assert sync.main([str(path)]) == 0        # yeniden yazar
    assert sync.main(['--check', str(path)]) == 0
    cell = nbformat.read(path, as_version=4).cells[0]
    assert cell.source == '# d2lmini/rnn.py\n' + inspect.getsource(d2l.rnn).rstrip()


@pytest.mark.parametrize('source, why', [
    ('# d2lmini/rnn.py\ndef no_such_thing():\n    pass\n', 'tanımlı değil'),
    ('# d2lmini/rnn.py\nx = 1\n', 'yalnızca def/class'),
    ('# d2lmini/rnn.py\n', 'hiçbir tanım'),
    ('# d2lmini/train.py\n' + inspect.getsource(d2l.rnn), 'tanımlı değil'),
])
def test_marked_cell_that_matches_nothing_fails(tmp_path, capsys, source, why):
    path = _notebook(tmp_path, source)
    assert sync.main(['--check', str(path)]) == 1
    assert why in capsys.readouterr().err


def test_modules_are_small():
    sizes = {m.__name__: len(inspect.getsource(m).splitlines()) for m in _modules()}
    big = {n: s for n, s in sizes.items() if s > 250}
    assert not big, f'250 satırı aşan modüller: {big}'


def test_package_lines_fit_79_columns():
    long = [f'{p.name}:{i}' for p in sorted((ROOT / 'd2lmini').glob('*.py'))
            for i, line in enumerate(p.read_text().splitlines(), 1) if len(line) > 79]
    assert not long, f'79 karakteri aşan satırlar: {long[:20]} ({len(long)})'


def test_notebook_code_lines_fit_79_columns():
    long = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == 'code':
                long += [f'{path.name} hücre {i}' for line in cell.source.splitlines()
                         if len(line) > 79]
    assert not long, f'79 karakteri aşan kod satırları: {sorted(set(long))}'
