"""Depo düzeni: bağımlılık listelerinin uyumu, defterlerle paket arasında tek doğruluk kaynağı."""
import ast
import inspect
import json
import pathlib
import re
import tomllib

import pytest

import d2lmini as d2l

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.ipynb'))


def _name(requirement):
    return re.split(r'[<>=!~ \[]', requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
    wanted = project['dependencies'] + project['optional-dependencies']['dev']
    text = (ROOT / 'environment.yml').read_text()
    listed = [line.strip()[2:] for line in text.splitlines()
              if line.strip().startswith('- ') and not line.strip().startswith('- -e')]
    pip_part = listed[listed.index('pip:') + 1:] if 'pip:' in listed else listed
    assert sorted(pip_part) == sorted(wanted), 'environment.yml ile pyproject.toml aynı bağımlılıkları listelemeli'
    assert project['requires-python'] == '>=3.10' and 'python>=3.10' in text


def test_public_api_is_exported():
    names = ['DATA_HUB', 'DATA_URL', 'download', 'read_time_machine', 'tokenize', 'Vocab',
             'load_corpus_time_machine', 'seq_data_iter_random', 'seq_data_iter_sequential',
             'SeqDataLoader', 'load_data_time_machine', 'Timer', 'Accumulator', 'try_gpu',
             'try_all_gpus', 'sgd', 'set_seed', 'Animator', 'get_params', 'init_rnn_state', 'rnn',
             'RNNModelScratch', 'predict_ch8', 'grad_clipping', 'train_epoch_ch8', 'train_ch8']
    missing = [n for n in names if not hasattr(d2l, n)]
    assert not missing


def _definitions(nb_path):
    """Defterin kod hücrelerindeki üst düzey def/class tanımları: (ad, kaynak metni, hücre no)."""
    nb = json.loads(nb_path.read_text(encoding='utf-8'))
    for i, cell in enumerate(nb['cells']):
        if cell['cell_type'] != 'code':
            continue
        src = ''.join(cell['source'])
        # IPython büyüleri (%config, !komut) Python sözdizimi değildir: ayrıştırmadan önce at
        py = '\n'.join('' if line.lstrip().startswith(('%', '!')) else line for line in src.splitlines())
        for node in ast.parse(py).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                text = '\n'.join(py.splitlines()[start - 1:node.end_lineno])
                yield node.name, text, i


def test_notebook_definitions_match_package_source():
    """Bir defter d2lmini'nin de dışa aktardığı bir şeyi tanımlıyorsa, metin paketteki kaynakla aynıdır."""
    checked, mismatches = 0, []
    for nb in NOTEBOOKS:
        for name, text, cell in _definitions(nb):
            obj = getattr(d2l, name, None)
            if obj is None or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            checked += 1
            if text.rstrip() != inspect.getsource(obj).rstrip():
                mismatches.append(f'{nb.name} hücre {cell}: {name} d2lmini kaynağından farklı')
    assert not mismatches, '\n'.join(mismatches)
    if NOTEBOOKS:
        assert checked > 0, 'hiçbir defter paketin bir fonksiyonunu tanımlamıyor: sınama boşa çalışıyor'


def test_sync_check_detects_a_difference(tmp_path):
    """Eşitleme sınamasının kendisi: değiştirilmiş bir tanımı yakalar."""
    src = inspect.getsource(d2l.rnn).replace('torch.tanh', 'torch.relu')
    nb = {'cells': [{'cell_type': 'code', 'source': src}], 'metadata': {}, 'nbformat': 4}
    path = tmp_path / 'x.ipynb'
    path.write_text(json.dumps(nb))
    (name, text, _), = list(_definitions(path))
    assert name == 'rnn' and text.rstrip() != inspect.getsource(d2l.rnn).rstrip()
