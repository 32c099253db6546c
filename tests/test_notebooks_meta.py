"""Kayıtlı çıktıların kaynağı: her defter, çalıştığı makinenin kaydını taşır.

``make notebooks`` (tools/run_notebooks.py) her defterin üst verisine
``metadata["d2lmini"]["run"]`` yazar ve hücre başına zaman damgalarını atar.
"""
import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.ipynb'))
FIELDS = {'cpu', 'threads', 'gpu', 'torch', 'python', 'date'}


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_name_their_machine(path):
    nb = json.loads(path.read_text(encoding='utf-8'))
    run = nb['metadata'].get('d2lmini', {}).get('run')
    assert run, (f'{path.name}: metadata["d2lmini"]["run"] yok; kayıtlı çıktıları '
                 '`make notebooks` ile yenileyin')
    missing = FIELDS - set(run)
    assert not missing, f'{path.name}: kayıtta eksik alanlar: {sorted(missing)}'
    assert run['torch'] and run['date'] and (run['gpu'] or run['cpu'])


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem)
def test_no_per_cell_timestamps_and_counts_in_order(path):
    nb = json.loads(path.read_text(encoding='utf-8'))
    code = [c for c in nb['cells'] if c['cell_type'] == 'code']
    stamped = [i for i, c in enumerate(nb['cells']) if 'execution' in c.get('metadata', {})]
    assert not stamped, f'{path.name}: hücre zaman damgaları kalmış (hücreler {stamped})'
    counts = [c.get('execution_count') for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f'{path.name}: yürütme numaraları 1..{len(code)} değil: temiz bir çekirdekte '
        'baştan sona çalıştırılmamış')
