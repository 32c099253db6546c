"""tools/threads.py: iş parçacığı ayarlarının ölçümü çalışır ve makineyi kaydeder."""
import importlib.util
import json
import pathlib

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parent.parent / 'tools' / 'threads.py'


@pytest.mark.slow
def test_thread_matrix_smoke(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location('threads_cli', SCRIPT)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    out = tmp_path / 'threads.json'
    tool.main(['--threads', '1', '--epochs', '1', '--repeats', '1',
               '--budget', '1', '--json', str(out)])
    report = json.loads(out.read_text())
    cells = {(c['policy'], c['threads'], c['processes']): c
             for c in report['cells']}
    # iki bekleme ayarı x sakin/meşgul; meşgulde iki sürecin ikisi de ölçülür
    assert set(cells) == {(p, 1, n) for p in ('varsayılan', 'PASSIVE')
                          for n in (1, 2)}
    assert all(c['tokens_per_s_each'] > 0 for c in cells.values())
    assert all(len(c['all']) == c['processes'] for c in cells.values())
    assert report['machine']['cpu'] and report['machine']['cpu_count'] >= 1
    assert 'sakin' in capsys.readouterr().out
