"""Alıştırma defterleri: çözümler, denetimler ve adlandırılmış yanlışlar (kernel'siz, hızlı).

Ana defterlerin (exercises/*.ipynb) çözüm ve sınama hücreleri doğrudan okunur ve bu süreçte
çalıştırılır: her sorunun çözümü açık ve gizli bütün denetimleri geçer; çözüme tek bir yanlış
sokulunca (mutasyon) açık bir denetim o yanlışı adıyla söyleyen bir iletiyle düşer.
otter'ın kendisiyle yapılan sınamalar tests/test_exercises_otter.py'de.
"""
import os
import pathlib
import sys
import time

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
os.environ.setdefault('D2LMINI_GIZLI_TOHUM', 'sinamalarin-tohumu')
sys.path.insert(0, str(ROOT / 'tools'))
sys.path.insert(0, str(ROOT / 'exercises'))
import denetim  # noqa: E402
import exercises as ex  # noqa: E402
from grader import sinif  # noqa: E402

MASTERS = {p.stem: ex.parse_master(p) for p in ex.master_notebooks()}
QUESTIONS = [(stem, q['name']) for stem, m in MASTERS.items() for q in m['questions']
             if not q['manual']]   # elle notlandırılanların denetimi yok

# Okuma defteri -> alıştırma defteri (her biri 01-07 için en az bir soru)
READING = {
    '01-bire-bir-kodlama': '01-bire-bir-kodlama',
    '02-model-parametreleri': '02-model-parametreleri',
    '03-rnn-modeli': '03-rnn-modeli',
    '04-tahmin': '04-tahmin',
    '05-gradyan-kirpma': '05-gradyan-kirpma',
    '06-egitim': '06-egitim',
    '07-rastgele-ornekleme': '07-rastgele-ornekleme',
}


def _question(stem, name):
    return next(q for q in MASTERS[stem]['questions'] if q['name'] == name)


def _env(stem, upto=None, replace=None):
    """Ana defterin kurulum ve çözüm hücreleri çalıştırılmış bir ad alanı.

    ``replace``: (soru adı, eski, yeni): o sorunun çözümünde tek bir değişiklik (mutasyon).
    """
    env = {}
    for src in MASTERS[stem]['setup']:
        exec(src, env)
    for q in MASTERS[stem]['questions']:
        for src in q['solution']:
            if replace and q['name'] == replace[0]:
                assert replace[1] in src, f'mutasyon bulunamadı: {replace[1]!r}'
                src = src.replace(replace[1], replace[2])
            exec(src, env)
    return env


def _run_tests(stem, name, env, hidden=None):
    for src, is_hidden in _question(stem, name)['tests']:
        if hidden is None or is_hidden == hidden:
            ex.test_function(src)(env)


@pytest.mark.parametrize('stem,name', QUESTIONS, ids=[f'{s[:2]}-{n}' for s, n in QUESTIONS])
def test_reference_passes_public_and_hidden(stem, name):
    q = _question(stem, name)
    assert any(h for _, h in q['tests']) and any(not h for _, h in q['tests']), \
        f'{name}: en az bir açık ve bir gizli sınama olmalı'
    env = _env(stem)
    _run_tests(stem, name, env)
    # süre, sürecin ilk kullanımdaki ısınması (ör. torch.optim'in ilk içe aktarımı) dışında;
    # işlemci süresi: yüklü bir makinede duvar saati beklemeyi de sayardı
    start = time.process_time()
    _run_tests(stem, name, env)
    assert time.process_time() - start < 2.0


@pytest.mark.parametrize('stem,name', QUESTIONS, ids=[f'{s[:2]}-{n}' for s, n in QUESTIONS])
def test_unwritten_says_not_yet_written(stem, name):
    """İskelet (yalnızca raise NotImplementedError) 'henüz yazılmadı' der, başka bir şey değil."""
    env = _env(stem)
    student = {}
    for src in MASTERS[stem]['setup']:
        exec(src, student)
    nb = nbformat.v4.new_notebook()
    for src in _question(stem, name)['solution']:
        nb.cells.append(nbformat.v4.new_code_cell(src))
    # otter'ın öğrenci sürümüyle aynı dönüşüm: çözüm satırları atılır, ipucu kalır
    from otter.assign.solutions import replace_solutions
    for src in _question(stem, name)['solution']:
        exec('\n'.join(replace_solutions(src.split('\n'), 'python')), student)
    env.update({k: v for k, v in student.items() if k in env})
    with pytest.raises(AssertionError, match='henüz yazılmadı'):
        _run_tests(stem, name, env, hidden=False)


# (defter, soru, eski, yeni, yanlışın anahtarı): tools/grader/sinif.py (bench-grade de kullanır)
MUTATIONS = sinif.MUTASYONLAR
# Konunun istediği yanlışların her biri en az bir mutasyonla sınanır
REQUIRED = {'devrik_eksik', 'yanlis_genislik', 'gradyan_yok', 'ilkleme_olcegi',
            'durum_demet_degil', 'tanh_eksik', 'tanh_ciktida', 'yanlis_eksen',
            'isinma_tahmin', 'isinma_kayik', 'onek_eksik', 'parametre_basina_kirpma',
            'yon_degisti', 'koparma_yok', 'sirali_yeniden_ilkleme', 'rastgele_tasima',
            'kayip_toplam'}


def test_every_named_mistake_has_a_mutation():
    assert REQUIRED <= set(denetim.HATALAR)
    assert set(denetim.HATALAR) <= {m[4] for m in MUTATIONS}


@pytest.mark.parametrize('stem,name,old,new,key', MUTATIONS,
                         ids=[f'{m[0][:2]}-{m[1]}-{m[4]}-{i}' for i, m in enumerate(MUTATIONS)])
def test_mutation_is_named_by_public_test(stem, name, old, new, key):
    env = _env(stem, replace=(name, old, new))
    with pytest.raises(AssertionError) as info:
        _run_tests(stem, name, env, hidden=False)
    message = str(info.value)
    assert denetim.baslik(key) in message, message


def test_retain_graph_without_detach_is_named():
    """Koparmadan retain_graph=True: hata vermez ama çizge minigruptan minigruba büyür."""
    stem, name = '06-egitim', 'train_epoch_ch8'
    env = _env(stem)
    code = '\n'.join(_question(stem, name)['solution'])
    for old, new in [('state = tuple(s.detach() for s in state)', 'pass'),
                     ('l.backward()', 'l.backward(retain_graph=True)')]:
        assert old in code
        code = code.replace(old, new)
    exec(code, env)
    with pytest.raises(AssertionError, match=denetim.baslik('koparma_yok')):
        _run_tests(stem, name, env, hidden=False)


def test_masters_are_complete():
    """Her ana defter: adı dosya adı, denetim/ paketini taşır, okuma defterini gösterir."""
    assert set(READING.values()) <= set(MASTERS)
    for path in ex.master_notebooks():
        nb = nbformat.read(path, as_version=4)
        config = nb.cells[0].source
        assert config.startswith('# ASSIGNMENT CONFIG') and f'name: {path.stem}' in config
        assert '  - denetim\n' in config and 'ok_format: false' in config
        assert 'notebooks/' in nb.cells[1].source   # okuma defterine gösterge
        for q in MASTERS[path.stem]['questions']:
            if q['manual']:   # açık uçlu: yanıt hücresi ve ölçüt (markdown)
                continue
            code = '\n'.join(q['solution'])
            assert '# BEGIN PROMPT' in code and 'raise NotImplementedError' in code


@pytest.mark.parametrize('reading', sorted(READING), ids=lambda s: s[:2])
def test_reading_notebook_points_to_exercise(reading):
    """Her okuma defteri (01-07) sonunda kendi alıştırmasını gösterir."""
    nb = nbformat.read(ROOT / 'notebooks' / f'{reading}.ipynb', as_version=4)
    tail = '\n'.join(c.source for c in nb.cells[-3:] if c.cell_type == 'markdown')
    assert f'exercises/{READING[reading]}.ipynb' in tail, (
        f'{reading}: son hücrelerde alıştırmaya gösterge yok '
        f'(exercises/{READING[reading]}.ipynb)')


# Gizli vakalar teslimin özetinden çekilir: her teslim başka vakalar görür. Doğru bir çözüm
# hiçbir çekilişte düşmemeli (ör. kare ve simetrik bir girdi devrik sanılmamalı).
DRAWS = {'train_epoch_ch8': 8, 'sample_next': 15}


@pytest.mark.parametrize('stem,name', QUESTIONS, ids=[f'{s[:2]}-{n}' for s, n in QUESTIONS])
def test_reference_passes_many_hidden_draws(stem, name):
    from denetim import gizli
    env = _env(stem)
    soru = denetim.sorular(stem)[name]
    for k in range(DRAWS.get(name, 80)):
        vakalar = gizli.vakalar(stem, name, f'cekilis-{k}')
        try:
            soru.denetle(env, vakalar)
        except AssertionError as e:
            raise AssertionError(f'{k}. çekiliş {vakalar}: {e}') from None


def _kod(src):
    """Tanımların kodu: belge dizgileri, yorumlar ve otter'ın PROMPT blokları olmadan."""
    import ast
    import re
    src = re.sub(r'\s*""" # BEGIN PROMPT.*?""" # END PROMPT\n', '\n', src, flags=re.S)
    tree = ast.parse(src)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            ilk = node.body[0]
            if isinstance(ilk, ast.Expr) and isinstance(ilk.value, ast.Constant):
                node.body = node.body[1:] or [ast.Pass()]
    return {n.name: ast.unparse(n) for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def test_solutions_are_the_taught_code():
    """Alıştırmanın çözümü, okuma defterinin öğrettiği (d2lmini'nin) kodla aynıdır: öğrenci bir
    fonksiyonun iki sürümünü görmez (denetimler eğitimin girişinde, train_ch8'de)."""
    import inspect

    import d2lmini
    ortak = 0
    for stem, m in MASTERS.items():
        for q in m['questions']:
            for ad, kod in _kod('\n'.join(q['solution'])).items():
                if not hasattr(d2lmini, ad):
                    continue
                ortak += 1
                paket = _kod(inspect.getsource(getattr(d2lmini, ad)))[ad]
                assert kod == paket, f'{stem}: {ad} d2lmini\'dekinden farklı'
    assert ortak >= 7   # get_params, init_rnn_state, rnn, RNNModelScratch, predict_ch8, ...
