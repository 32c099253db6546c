"""Alıştırmalar otter-grader'ın kendisiyle: ``otter assign`` çıktısı, boş öğrenci defterleri
baştan sona; notlandırma (make grade'in yolu) ve otter run ile aynı puanlar.

Üretim (tools/exercises.py build) modül başına bir kez yapılır; her ``otter run`` ve her
defter yürütmesi ayrı bir süreçtir, bu yüzden sayıları az tutulur.
"""
import json
import pathlib
import sys

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
import exercises as ex  # noqa: E402

STEMS = [p.stem for p in ex.master_notebooks()]


@pytest.fixture(scope='module')
def built(tmp_path_factory):
    return ex.build(tmp_path_factory.mktemp('alistirmalar'), quiet=True)


def _answer_cells(nb):
    return [i for i, c in enumerate(nb.cells) if 'otter_answer_cell' in c.metadata.get('tags', [])]


def test_student_versions_have_checks_and_no_solutions(built):
    for stem in STEMS:
        nb = nbformat.read(built / 'ogrenci' / f'{stem}.ipynb', as_version=4)
        master = ex.parse_master(ex.MASTERS / f'{stem}.ipynb')
        answers = _answer_cells(nb)
        assert len(answers) == len(master['questions'])
        for i, q in zip(answers, master['questions']):
            assert 'raise NotImplementedError' in nb.cells[i].source
            assert 'SOLUTION' not in nb.cells[i].source and 'PROMPT' not in nb.cells[i].source
            assert nb.cells[i + 1].source.strip() == f'grader.check("{q["name"]}")'
        tests = nb.metadata['otter']['tests']
        assert set(tests) == {q['name'] for q in master['questions']}
        assert not any('hidden=True' in t for t in tests.values()), 'gizli sınama sızmış'
        assert (built / 'otograder' / f'{stem}.zip').exists()


def _execute_all(folder, stems):
    """Her boş defter baştan sona, temiz bir ad alanında (%reset -f), tek bir çekirdekte:
    torch'u ve otter'ı her defter için yeniden içe aktarmak defter başına saniyeler sürerdi."""
    nb = nbformat.v4.new_notebook()
    owner = []
    for stem in stems:
        part = nbformat.read(folder / f'{stem}.ipynb', as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell('%reset -f'))
        owner.append(stem)
        for cell in part.cells:
            nb.cells.append(cell)
            owner.append(stem)
    NotebookClient(nb, timeout=120, kernel_name='python3', allow_errors=True,
                   resources={'metadata': {'path': str(folder)}}).execute()
    return list(zip(owner, nb.cells))


@pytest.fixture(scope='module')
def blank_runs(built):
    return _execute_all(built / 'ogrenci', STEMS)


@pytest.mark.parametrize('stem', STEMS, ids=lambda s: s[:2])
def test_blank_student_notebook_runs_and_says_not_written(blank_runs, stem):
    """Boş defter baştan sona: her denetim 'henüz yazılmadı' der, hiçbir hücre hata vermez."""
    cells = [c for s, c in blank_runs if s == stem and c.cell_type == 'code']
    errors = [c.source for c in cells for o in c.outputs if o.output_type == 'error']
    assert not errors, f'hata veren hücreler: {errors}'
    checks = [c for c in cells if 'grader.check(' in c.source]
    assert checks
    for c in checks:
        text = '\n'.join(o.get('data', {}).get('text/plain', '') for o in c.outputs)
        assert 'henüz yazılmadı' in text, f'{c.source}: {text}'


def test_grading_example(built, tmp_path, capsys):
    """README'nin örneği make grade'in yolundan (kum havuzu): çözüm tam puan, boş sıfır, tek
    yanlış kısmi puan; iletiler ve geri bildirim yanlışı adıyla söyler."""
    subs = ex.example_submissions(tmp_path / 'teslimler', built)   # çözüm, tek yanlış, boş
    out = tmp_path / 'puanlar'
    results = {pathlib.Path(r['teslim']).stem: r for r in ex.grade([subs], out)}
    ex.print_table(results.values(), out)
    assert results['ayse']['puan'] == results['ayse']['en_yuksek'] == 6
    assert results['can']['puan'] == 0
    assert results['burak']['puan'] == 4
    assert results['burak']['sorular']['rnn']['puan'] == 0
    assert 'tanh eksik' in results['burak']['sorular']['rnn']['neden']
    assert 'tanh eksik' in (out / 'geri_bildirim' / 'burak.md').read_text(encoding='utf-8')
    assert (out / 'puanlar.csv').read_text(encoding='utf-8').count('\n') == 10
    assert 'ayse' in capsys.readouterr().out


def test_otter_run_agrees_on_the_example(built, tmp_path):
    """Karşılaştırmanın ölçtüğü otter run aynı teslimlere aynı puanları verir (bench-grade)."""
    subs = ex.example_submissions(tmp_path / 'teslimler', built)
    got = {p.stem: ex.otter_run_one(p, tmp_path / 'otter', built / 'otograder')
           for p in sorted(subs.glob('*.ipynb'))}
    assert got == {'ayse': 6, 'burak': 4, 'can': 0}


def test_workspace_keeps_student_work(built, tmp_path):
    dst = tmp_path / 'calisma'
    ex.workspace(dst, tmp_path / 'uretim')
    nb = dst / '04-tahmin.ipynb'
    nb.write_text(nb.read_text(encoding='utf-8').replace('raise NotImplementedError',
                                                         'return "benim"'), encoding='utf-8')
    (dst / '01-bire-bir-kodlama.ipynb').unlink()
    ex.workspace(dst, tmp_path / 'uretim')
    assert 'return "benim"' in nb.read_text(encoding='utf-8')
    assert (dst / '01-bire-bir-kodlama.ipynb').exists() and (dst / 'denetim').is_dir()
    assert not list((dst / 'denetim').glob('gizli*')), 'gizli vakalar öğrenciye gitmemeli'
