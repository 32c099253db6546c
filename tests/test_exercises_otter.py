"""Alıştırmalar otter-grader'ın kendisiyle: ``otter assign`` çıktısı, boş öğrenci defterleri
baştan sona; notlandırma (make grade'in yolu) ve otter run ile aynı puanlar. Öğrenci defterleri
otter'sız çalışır ve her denetimin yanıtı baştan sona Türkçedir (denetim/gosterim.py).

Üretim (tools/exercises.py build) modül başına bir kez yapılır; her ``otter run`` ve her
defter yürütmesi ayrı bir süreçtir, bu yüzden sayıları az tutulur.
"""
import ast
import json
import pathlib
import re
import shutil
import sys

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
import exercises as ex  # noqa: E402
import launch  # noqa: E402
from grader.defter import defteri_oku  # noqa: E402

STEMS = [p.stem for p in ex.master_notebooks()]
# Öğrencinin denetim yanıtında hiç görmemesi gerekenler: otter'ın İngilizce çerçevesi, yığın izi
# ve satır numaraları, denetim paketinin iç adları
FORBIDDEN = ['results', 'Test case failed', 'Error at line', 'Traceback', 'line ', 'passed',
             'failed', 'otter', '_acik', '_gizli', 'denetim.', 'yargila', 'yokla', 'denetle(',
             'Soru.', 'Hata:']


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
            if q['manual']:   # elle notlandırılan açık uçlu yanıt: Türkçe yer tutucu, denetim yok
                assert nb.cells[i].cell_type == 'markdown'
                assert nb.cells[i].source == ex.PLACEHOLDER[1]
                assert 'grader.check' not in nb.cells[i + 1].source
                continue
            assert 'raise NotImplementedError' in nb.cells[i].source
            assert 'SOLUTION' not in nb.cells[i].source and 'PROMPT' not in nb.cells[i].source
            assert nb.cells[i + 1].source.strip() == f'grader.check("{q["name"]}")'
        # ilk kod hücresi Colab'ın kurulumu (başka her yerde hiçbir şey yapmaz); ikincisi
        # otter'sız, Türkçe denetleyiciyi kurar, puanlar ana defterden
        code = [c.source for c in nb.cells if c.cell_type == 'code']
        assert not any('otter' in src for src in code)
        (first,) = [c for c in nb.cells if c.cell_type == 'code'][:1]
        assert first.source == launch.colab_setup_source('exercise')
        assert launch.find_setup_cell(nb) == nb.cells.index(first)
        assert 'remove-cell' in first.metadata['tags']   # sitede gizli
        call = ast.parse(code[1]).body[-1].value
        assert ast.unparse(call.func) == 'denetim.Defter'
        assert ast.literal_eval(call.args[0]) == stem
        given = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        points = {False: {}, True: {}}
        for q in master['questions']:
            points[q['manual']][q['name']] = q['points']
        assert given == {'puanlar': points[False], **({'elle': points[True]} if points[True] else {})}
        assert code[-1] == 'grader.check_all()'   # sondaki özet
        prose = ''.join(c.source for c in nb.cells if c.cell_type == 'markdown')
        assert '✅' not in prose and '❌' not in prose   # emoji değil, denetimin işaretleri
        assert 'Type your answer' not in prose
        tests = nb.metadata['otter']['tests']
        assert set(tests) == {q['name'] for q in master['questions'] if not q['manual']}
        assert not any('hidden=True' in t for t in tests.values()), 'gizli sınama sızmış'
        assert (built / 'otograder' / f'{stem}.zip').exists()


def _outputs(cell):
    """Bir hücrenin bütün çıktılarının metni (düz metin, HTML, akışlar, hatalar)."""
    parts = []
    for o in cell.outputs:
        parts += [o.get('text', ''), o.get('ename', ''), o.get('evalue', '')]
        parts += o.get('traceback', [])
        parts += [str(v) for v in o.get('data', {}).values()]
    return '\n'.join(parts)


def _turkish_only(cell):
    """Denetim hücresinin yanıtı: hata yok, İngilizce çerçeve ve iç adlar yok."""
    text = _outputs(cell)
    assert not any(o.output_type == 'error' for o in cell.outputs), text
    found = [w for w in FORBIDDEN if w in text]
    assert not found, f'{cell.source}: yanıtta {found}:\n{text}'
    return text


def _plain(cell):
    return '\n'.join(o.get('data', {}).get('text/plain', '') for o in cell.outputs)


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
    checks = [c for c in cells if c.source.startswith('grader.check(')]
    assert checks
    for c in checks:
        _turkish_only(c)
        text = _plain(c)
        name = ast.literal_eval(ast.parse(c.source).body[0].value.args[0])
        assert text.startswith(f'✗ Soru {name}: EKSİK — '), text
        assert 'henüz yazılmadı' in text, f'{c.source}: {text}'
    (summary,) = [c for c in cells if c.source == 'grader.check_all()']
    _turkish_only(summary)
    text = _plain(summary)
    assert text.startswith(f'Özet: {stem}') and f'TAMAM: 0 / {len(checks)} soru' in text, text
    master = ex.parse_master(ex.MASTERS / f'{stem}.ipynb')['questions']
    total = sum(q['points'] for q in master if not q['manual'])
    assert f'Açık denetimlere göre 0 / {total:g} puan.' in text, text
    manual = [q for q in master if q['manual']]
    if manual:   # elle notlandırılanlar yalnızca sayılır
        assert f'Açık uçlu {len(manual)} yanıt (' in text, text


def _solved_student_notebook(built, stem):
    """Öğrenci defteri, yanıt hücreleri ana defterin çözümleriyle dolu (öğrencinin yazdığı gibi)."""
    nb = nbformat.read(built / 'ogrenci' / f'{stem}.ipynb', as_version=4)
    solved = nbformat.read(built / 'otter' / stem / 'autograder' / f'{stem}.ipynb', as_version=4)
    questions = ex.parse_master(ex.MASTERS / f'{stem}.ipynb')['questions']
    for i, q in zip(_answer_cells(nb), questions, strict=True):
        if q['manual']:
            continue
        define = re.compile(rf'^\s*(def|class)\s+{re.escape(q["name"])}\b', re.M)
        (cell,) = [c for c in solved.cells if c.cell_type == 'code' and define.search(c.source)]
        nb.cells[i].source = cell.source
    return nb


def test_wrong_student_notebook_feedback_is_turkish(built, tmp_path):
    """Yanlış yanıtlı bir öğrenci defteri, öğrencinin çekirdeğinde baştan sona: her denetim ve
    özet Türkçe; yanlış adıyla söylenir, hata veren yanıt yığın izi olmadan, doğrular TAMAM."""
    stem = '03-rnn-modeli'
    nb = _solved_student_notebook(built, stem)
    (rnn,) = [c for c in nb.cells if ex.MISTAKE[0] in c.source]
    rnn.source = rnn.source.replace(*ex.MISTAKE)   # tanh eksik
    (state,) = [c for c in nb.cells if c.source.startswith('def init_rnn_state')]
    state.source = ('def init_rnn_state(batch_size, num_hiddens, device):\n'
                    '    raise ValueError("bozuk durum")\n')   # öğrencinin kodu hata veriyor
    folder = tmp_path / 'defter'
    shutil.copytree(built / 'ogrenci' / 'denetim', folder / 'denetim')
    NotebookClient(nb, timeout=120, kernel_name='python3', allow_errors=True,
                   resources={'metadata': {'path': str(folder)}}).execute()
    checks = {ast.literal_eval(ast.parse(c.source).body[0].value.args[0]): c
              for c in nb.cells if c.source.startswith('grader.check(')}
    for c in checks.values():
        _turkish_only(c)
    assert _plain(checks['init_rnn_state']).startswith('✗ Soru init_rnn_state: EKSİK — ')
    assert 'çalışırken hata verdi: ValueError: bozuk durum' in _plain(checks['init_rnn_state'])
    assert _plain(checks['rnn']).startswith('✗ Soru rnn: EKSİK — Olası hata: tanh eksik.')
    assert _plain(checks['RNNModelScratch']) == '✓ Soru RNNModelScratch: TAMAM'
    assert _plain(checks['rnn_shapes']) == '✓ Soru rnn_shapes: TAMAM'
    html = checks['rnn'].outputs[0]['data']['text/html']
    assert 'EKSİK' in html and 'tanh eksik' in html and '✗' in html
    (summary,) = [c for c in nb.cells if c.source == 'grader.check_all()']
    _turkish_only(summary)
    text = _plain(summary)
    assert 'TAMAM: 2 / 4 soru' in text and 'Açık denetimlere göre 4 / 8 puan' in text, text
    assert '✗ rnn' in text and 'tanh eksik' in text and '✓ RNNModelScratch' in text, text


def test_grading_example(built, tmp_path, capsys):
    """README'nin örneği make grade'in yolundan (kum havuzu): çözüm tam puan, boş sıfır, tek
    yanlış kısmi puan; iletiler ve geri bildirim yanlışı adıyla söyler."""
    subs = ex.example_submissions(tmp_path / 'teslimler', built)   # çözüm, tek yanlış, boş
    out = tmp_path / 'puanlar'
    from grader import kum   # bubblewrap'sız makinede yalıtımsız yol açıkça istenir
    yalitim = None if kum.bwrap_var() else 'rlimit'
    results = {pathlib.Path(r['teslim']).stem: r
               for r in ex.grade([subs], out, yalitim=yalitim)}
    ex.print_table(results.values(), out)
    assert results['ayse']['puan'] == results['ayse']['en_yuksek'] == 8
    assert results['can']['puan'] == 0
    assert results['burak']['puan'] == 6
    assert results['burak']['sorular']['rnn']['puan'] == 0
    assert 'tanh eksik' in results['burak']['sorular']['rnn']['neden']
    assert 'tanh eksik' in (out / 'geri_bildirim' / 'burak.md').read_text(encoding='utf-8')
    assert (out / 'puanlar.csv').read_text(encoding='utf-8').count('\n') == 13
    assert 'ayse' in capsys.readouterr().out


def test_grader_never_runs_the_colab_cell(built, tmp_path):
    """Notlandırıcı Colab'ın kurulum hücresini (pip, git) kum havuzuna hiç göndermez: etiketi
    silinmiş ya da satır listesi olarak kaydedilmiş olsa da tanır; öğrencinin kodu kalır."""
    setup = launch.colab_setup_source('exercise')
    for stem in STEMS:
        nb = nbformat.read(built / 'ogrenci' / f'{stem}.ipynb', as_version=4)
        _, code, _, _ = defteri_oku(built / 'ogrenci' / f'{stem}.ipynb')
        assert code and not any('pip' in c or 'D2LMINI_' in c for c in code), stem
        assert any('NotImplementedError' in c for c in code)   # yanıt hücreleri kaldı
    nb.cells[launch.find_setup_cell(nb)].metadata['tags'] = []
    untagged = tmp_path / f'{stem}.ipynb'
    nbformat.write(nb, untagged)
    assert not any('pip' in c for c in defteri_oku(untagged)[1])
    # ayırt edici ad hücrenin kaynağından: biri değişirse öteki de değişmeli
    from grader import defter
    assert defter.KURULUM.search(setup) and defter.KURULUM_ETIKETI == launch.COLAB_TAG


def test_otter_run_agrees_on_the_example(built, tmp_path):
    """Karşılaştırmanın ölçtüğü otter run aynı teslimlere aynı puanları verir (bench-grade)."""
    subs = ex.example_submissions(tmp_path / 'teslimler', built)
    got = {p.stem: ex.otter_run_one(p, tmp_path / 'otter', built / 'otograder')
           for p in sorted(subs.glob('*.ipynb'))}
    assert got == {'ayse': 8, 'burak': 6, 'can': 0}


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
