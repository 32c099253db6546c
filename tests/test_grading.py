"""Notlandırma: teslim edilen defter düşmanca koddur.

Bir sınıf dolusu saldırgan teslim (sahte denetim modülü, başvuru fonksiyonunu çağırma,
sonsuz döngü, bellek ve süreç bombası, depoya/eve yazma, ağ bağlantısı, hileli tensör,
os._exit, işçiyi öldürme, bozuk/boş/bilinmeyen defterler) doğru bir teslimle aynı toplu
notlandırmada: her biri etkilediği sorularda sıfır alır, doğru teslim tam puan alır, toplu
iş sürer ve atılacak çalışma klasörünün dışında hiçbir şey değişmez.
"""
import json
import os
import pathlib
import socket
import sys
import threading

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
sys.path.insert(0, str(ROOT / 'exercises'))
import exercises as ex  # noqa: E402
from grader import kum  # noqa: E402

STEM = '03-rnn-modeli'
TAM = 8   # 03'ün dört sorusu, her biri 2 puan
HEDEF = 'kum-sizinti-' + pathlib.Path(__file__).stem
YERLER = [ROOT / HEDEF, pathlib.Path.home() / HEDEF, pathlib.Path('/tmp') / HEDEF]
# Süre sınırları yüklü bir makinede de (tam katman iki defteri yan yana eğitirken) doğru
# teslimlere yetsin; takılanlar bu kadar bekletir
AYAR = {'sure_s': 45, 'soru_s': 8, 'hucre_s': 5, 'cpu_s': 60, 'bellek_mb': 1024}
SAHTE_DENETIM = ("import sys, types\nm = types.ModuleType('denetim')\n"
                 "m.__getattr__ = lambda n: (lambda env: None)\nsys.modules['denetim'] = m")


class _Dinleyici:
    """127.0.0.1'de bir TCP sunucusu: kaç bağlantı geldiğini sayar."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port, self.gelen, self.dur = self.sock.getsockname()[1], 0, False
        self.t = threading.Thread(target=self._dinle, daemon=True)
        self.t.start()

    def _dinle(self):
        while not self.dur:
            try:
                conn, _ = self.sock.accept()
                self.gelen += 1
                conn.close()
            except OSError:
                pass

    def kapat(self):
        self.dur = True
        self.t.join()
        self.sock.close()


def _fonksiyon_degistir(nb, ad, govde):
    """Çözülmüş defterde `def ad(...)`ın gövdesini değiştirir (imza aynı kalır)."""
    for c in nb.cells:
        if c.cell_type == 'code' and c.source.lstrip().startswith(f'def {ad}('):
            imza = c.source.lstrip().split('\n')[0]
            c.source = imza + '\n' + '\n'.join('    ' + s for s in govde.split('\n'))
            return nb
    raise AssertionError(ad)


def _fonksiyon_onune_ekle(nb, ad, satirlar):
    """Çözülmüş defterde `def ad(...)`ın gövdesinin başına satırlar ekler."""
    for c in nb.cells:
        if c.cell_type == 'code' and c.source.lstrip().startswith(f'def {ad}('):
            imza, govde = c.source.lstrip().split('\n', 1)
            ek = '\n'.join('    ' + s for s in satirlar.split('\n'))
            c.source = f'{imza}\n{ek}\n{govde}'
            return nb
    raise AssertionError(ad)


# Hücrenin çatalladığı, dönmeye devam eden süreç: sonraki soruda hâlâ yaşıyorsa rnn düşer
KACAK = ('import os\nkacak = os.fork()\nif kacak == 0:\n    while True:\n        pass')
KACAK_YOKLA = ("with open(f'/proc/{kacak}/stat') as f:\n"
               "    if f.read().rsplit(')', 1)[1].split()[0] not in 'ZX':\n"
               "        raise RuntimeError('kaçak süreç yaşıyor')")


CATAL_SAY = ('import os, time\nn = 0\nwhile n < 1000:\n    try:\n        p = os.fork()\n'
             '    except OSError:\n        break\n    if p == 0:\n        time.sleep(30)\n'
             '        os._exit(0)\n    n += 1')


def _teslimler(d, solved, blank, dinleyici):
    """Saldırgan teslimler, doğru teslim ve bozuk dosyalar ``d`` klasörüne."""
    def yaz(ad, kaynak, ekle=(), degistir=()):
        nb = nbformat.read(kaynak, as_version=4)
        for fn, govde in degistir:
            _fonksiyon_degistir(nb, fn, govde)
        for src in ekle:
            nb.cells.append(nbformat.v4.new_code_cell(src))
        nbformat.write(nb, d / f'{ad}.ipynb')

    yaz('ayse', solved)
    yaz('sahte_denetim', blank, [SAHTE_DENETIM])
    yaz('sahte_denetim_cozumlu', solved, [SAHTE_DENETIM])   # sahtelik puan kazandırmaz
    yaz('basvuru', solved, degistir=[
        ('rnn', 'return d2l.rnn(inputs, state, params)'),
        ('init_rnn_state', 'return d2l.init_rnn_state(batch_size, num_hiddens, device)')],
        ekle=['class RNNModelScratch(d2l.RNNModelScratch):\n    pass'])
    yaz('kaynaktan', solved, degistir=[('rnn', 'import inspect, d2lmini.rnn as m\n'
                                               'ns = {}\nexec(inspect.getsource(m), ns)\n'
                                               'return ns["rnn"](inputs, state, params)')])
    yaz('sonsuz_soru', solved, degistir=[('rnn', 'while True:\n    pass')])
    yaz('sonsuz_hucre', solved, ['while True:\n    pass'])
    # kaç süreç çatallanabiliyor: sayı rnn'in hata iletisinde döner
    yaz('catal_say', solved, [CATAL_SAY],
        degistir=[('rnn', 'raise RuntimeError(f"cocuk={n}")')])
    nb = _fonksiyon_onune_ekle(nbformat.read(solved, as_version=4), 'rnn', KACAK_YOKLA)
    nb.cells.append(nbformat.v4.new_code_cell(KACAK))
    nbformat.write(nb, d / 'kacak.ipynb')
    yaz('bellek', solved, ['try:\n    x = bytearray(64 * 2**30)\nexcept MemoryError:\n'
                           '    pass'], degistir=[('rnn', 'x = bytearray(64 * 2**30)')])
    yaz('catal', blank, ['import os\nwhile True:\n    try:\n        os.fork()\n'
                         '    except OSError:\n        pass'])
    yaz('hileli_tensor', blank, [
        'import torch\nclass T(torch.Tensor):\n    def __eq__(self, o):\n        return True\n'
        'torch.allclose = lambda *a, **k: True\ntorch.equal = lambda *a, **k: True\n'
        'def rnn(inputs, state, params):\n    n = inputs.shape[0] * inputs.shape[1]\n'
        '    return torch.zeros(n, params[0].shape[0]).as_subclass(T), state\n'
        'print("✅ bütün denetimler geçti")\n'
        'open("results.json", "w").write(\'{"tests": [], "score": 6}\')'])
    yaz('cikis', solved, degistir=[('rnn', 'import os\nos._exit(0)'),
                                   ('init_rnn_state', 'raise SystemExit(0)')])
    yaz('kesme', solved, degistir=[('rnn', 'raise KeyboardInterrupt')])
    yaz('isci_oldur', blank, ['import os, signal\nos.kill(os.getppid(), signal.SIGKILL)'])
    yaz('zz_sonra', solved)   # işçi öldürüldükten sonra da notlandırma sürer
    (d / 'bozuk.ipynb').write_text('{"cells": [', encoding='utf-8')
    (d / 'bos.ipynb').write_text('', encoding='utf-8')
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell('x = 1'))
    nbformat.write(nb, d / 'bilinmeyen.ipynb')
    if not kum.bwrap_var():   # kum havuzu yoksa dosyaya ve ağa saldıranlar çalıştırılmaz
        return
    yazici = '\n'.join(f'try:\n    open({str(y)!r}, "w").write("x")\nexcept OSError:\n'
                       '    pass' for y in YERLER)
    yaz('yazma', solved, [yazici, 'open("yerel.txt", "w").write("atılacak klasör")'],
        degistir=[('rnn', f'open({str(YERLER[0])!r}, "w")')])
    yaz('ag', solved, [f'import socket\ntry:\n    socket.create_connection(("127.0.0.1", '
                       f'{dinleyici.port}), timeout=1)\nexcept OSError:\n    pass'],
        degistir=[('rnn', f'import socket\nsocket.create_connection(("127.0.0.1", '
                          f'{dinleyici.port}), timeout=1)')])


@pytest.fixture(scope='module')
def sinif(tmp_path_factory):
    """(sonuçlar, çıktı klasörü, dinleyici): saldırgan teslimler ve doğru teslim bir arada."""
    tmp = tmp_path_factory.mktemp('notlandirma')
    built = ex.build(tmp / 'uretim', masters=[ex.MASTERS / f'{STEM}.ipynb'], quiet=True)
    solved = built / 'otter' / STEM / 'autograder' / f'{STEM}.ipynb'
    blank = built / 'ogrenci' / f'{STEM}.ipynb'
    dinleyici = _Dinleyici()
    d = tmp / 'teslimler'
    d.mkdir()
    _teslimler(d, solved, blank, dinleyici)
    for y in YERLER:
        y.unlink(missing_ok=True)
    out = tmp / 'puanlar'
    results = {pathlib.Path(r['teslim']).stem: r
               for r in ex.grade([d], out, jobs=2, ayar=AYAR)}
    yield results, out, dinleyici
    dinleyici.kapat()


def _kum_gerekli():
    """Dosya ve ağ yalıtımı yalnızca kum havuzunda: CI'da kum havuzu zorunlu."""
    if not kum.bwrap_var():
        if os.environ.get('CI'):
            pytest.fail('bubblewrap (bwrap) bu makinede çalışmıyor: CI kum havuzunu sınamalı')
        pytest.skip('bubblewrap yok: notlandırıcı kaynak sınırlarıyla çalışır')


def _puanlar(r):
    return {q: v['puan'] for q, v in r['sorular'].items()}


def test_correct_submission_scores_full_in_a_hostile_batch(sinif):
    results, _, _ = sinif
    assert results['ayse']['puan'] == results['ayse']['en_yuksek'] == TAM
    assert results['zz_sonra']['puan'] == TAM, 'işçi öldürüldükten sonra notlandırma sürmeli'
    assert results['ayse']['yalitim'] == ('bwrap' if kum.bwrap_var() else 'rlimit')


@pytest.mark.parametrize('ad', ['sahte_denetim', 'hileli_tensor', 'isci_oldur', 'catal'])
def test_forgeries_and_bombs_score_zero(sinif, ad):
    assert sinif[0][ad]['puan'] == 0, sinif[0][ad]


def test_patched_checker_does_not_add_points(sinif):
    assert sinif[0]['sahte_denetim_cozumlu']['puan'] == TAM


@pytest.mark.parametrize('ad,soru,neden', [
    ('sonsuz_soru', 'rnn', 'Süre doldu'),
    ('bellek', 'rnn', 'MemoryError'),
    ('cikis', 'rnn', 'sona erdi'),
    ('cikis', 'init_rnn_state', 'SystemExit'),
    ('kesme', 'rnn', ''),
    ('kaynaktan', 'rnn', ''),
])
def test_affected_question_scores_zero_with_a_reason(sinif, ad, soru, neden):
    r = sinif[0][ad]
    assert r['sorular'][soru]['puan'] == 0, r
    assert neden in r['sorular'][soru]['neden']
    # etkilenmeyen sorular tam puan
    others = {q: p for q, p in _puanlar(r).items() if q != soru and not
              (ad == 'cikis' and q in ('rnn', 'init_rnn_state'))}
    assert all(p == 2 for p in others.values()), r


def test_reference_implementation_is_unavailable(sinif):
    r = sinif[0]['basvuru']
    assert r['puan'] == 2, r   # yalnızca biçim sorusu (d2lmini'de karşılığı yok)
    for soru in ('init_rnn_state', 'rnn', 'RNNModelScratch'):
        v = r['sorular'][soru]
        assert 'kullanılamaz' in v['neden'] and v['anahtar'] == 'kaynak_yasak', v


def test_a_hanging_cell_does_not_stop_the_submission(sinif):
    r = sinif[0]['sonsuz_hucre']
    assert r['hucreler'][-1] == 'süre doldu', r['hucreler']
    assert r['puan'] == TAM, {q: v['neden'] for q, v in r['sorular'].items()}


def test_processes_a_cell_leaves_behind_are_killed(sinif):
    """Çatallanıp dönen süreç öbür teslimlerin işlemcisini çalmasın: hücre bitince ölür."""
    r = sinif[0]['kacak']
    assert r['puan'] == TAM, {q: v['neden'] for q, v in r['sorular'].items()}


def test_a_fork_bomb_is_capped_by_the_workers_process_group(sinif):
    """Kum havuzunda RLIMIT_NPROC bağlamaz (kullanıcı dışarıda root): süreç sayısını işçinin
    pids cgroup'u sınırlar; çatallanabilen süreç sayısı sınırın altında kalır."""
    if not kum.pids_var():
        pytest.skip('pids cgroup yazılamıyor (ör. bir kabın içinde)')
    neden = sinif[0]['catal_say']['sorular']['rnn']['neden']
    n = int(neden.split('cocuk=')[1].split()[0].rstrip('.'))
    assert 0 < n < kum.PIDS_SINIRI, neden


def test_nothing_outside_the_throwaway_folder_changes(sinif):
    _kum_gerekli()
    results, _, dinleyici = sinif
    for ad in ('yazma', 'ag'):   # rnn yazamadı / bağlanamadı: 0; diğerleri tam
        assert _puanlar(results[ad]) == {'init_rnn_state': 2, 'rnn': 0,
                                         'RNNModelScratch': 2, 'rnn_shapes': 2}, results[ad]
        assert 'çalışırken hata verdi' in results[ad]['sorular']['rnn']['neden']
    assert not [y for y in YERLER if y.exists()]
    assert dinleyici.gelen == 0, 'kum havuzundan ağ bağlantısı kuruldu'


@pytest.mark.parametrize('ad,neden', [('bozuk', 'JSON'), ('bos', 'boş'),
                                       ('bilinmeyen', 'hangi alıştırma')])
def test_bad_files_get_a_row_and_a_reason(sinif, ad, neden):
    results, out, _ = sinif
    assert results[ad]['puan'] == 0 and neden in results[ad]['neden']
    rows = (out / 'puanlar.csv').read_text(encoding='utf-8')
    assert f'{ad}.ipynb' in rows


def test_class_report_and_feedback(sinif):
    results, out, _ = sinif
    head = (out / 'puanlar.csv').read_text(encoding='utf-8').splitlines()[0]
    assert head == 'teslim,alistirma,soru,puan,en_yuksek,neden'
    table = (out / 'rapor' / 'hatalar.csv').read_text(encoding='utf-8')
    assert 'kaynak_yasak' in table and 'sure_asimi' in table
    png = out / 'rapor' / f'{STEM}-hatalar.png'
    assert png.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'
    fb = (out / 'geri_bildirim' / 'basvuru.md').read_text(encoding='utf-8')
    assert 'Toplam: 2 / 8' in fb and 'kullanılamaz' in fb
    ozet = (out / 'rapor' / 'ozet.md').read_text(encoding='utf-8')
    assert 'yalıtım düzeyi' in ozet
    # doğru teslimin kopyaları (ayse, zz_sonra, ...) birbirine benzer: listede
    assert 'ayse' in (out / 'rapor' / 'kopya_adaylari.csv').read_text(encoding='utf-8')


def test_a_killed_run_resumes_without_regrading(sinif, tmp_path):
    results, out, _ = sinif
    log = (out / 'sonuclar.jsonl').read_text(encoding='utf-8')
    (out / 'sonuclar.jsonl').write_text(log + '{"teslim": "yar', encoding='utf-8')
    teslimler = pathlib.Path(results['ayse']['teslim']).parent
    seen = []
    from grader import notlandir
    g = notlandir.Notlandirici(out, AYAR)
    again = g.hepsi(ex.find_submissions([teslimler]), seen.append)
    assert seen == [], 'bitmiş teslimler yeniden notlandırıldı'
    assert {pathlib.Path(r['teslim']).stem: r['puan'] for r in again} == \
        {k: r['puan'] for k, r in results.items()}


def test_hidden_cases_are_not_shipped_and_depend_on_the_secret(tmp_path, monkeypatch):
    built = ex.build(tmp_path / 'u', masters=[ex.MASTERS / f'{STEM}.ipynb'], quiet=True)
    shipped = built / 'ogrenci' / 'denetim'
    assert shipped.is_dir() and not list(shipped.glob('gizli*'))
    assert not any('VAKALAR' in p.read_text(encoding='utf-8') for p in shipped.glob('*.py'))
    from denetim import gizli
    a = gizli.vakalar(STEM, 'rnn', 'teslim-1')
    assert a == gizli.vakalar(STEM, 'rnn', 'teslim-1')
    assert a != gizli.vakalar(STEM, 'rnn', 'teslim-2')
    monkeypatch.setenv(gizli.DEGISKEN, 'başka bir dönem')
    assert a != gizli.vakalar(STEM, 'rnn', 'teslim-1')


def test_results_log_is_json_lines(sinif):
    _, out, _ = sinif
    lines = (out / 'sonuclar.jsonl').read_text(encoding='utf-8').splitlines()
    assert all(json.loads(x)['tohum'] for x in lines if x.endswith('}'))


def test_without_bubblewrap_falls_back_to_limits_and_says_so(tmp_path):
    """bubblewrap yoksa: kaynak sınırları ve süre sınırıyla aynı puanlar; rapor uyarır."""
    built = ex.build(tmp_path / 'u', masters=[ex.MASTERS / f'{STEM}.ipynb'], quiet=True)
    subs = ex.example_submissions(tmp_path / 'teslimler', built)
    nb = nbformat.read(subs / 'burak.ipynb', as_version=4)
    _fonksiyon_degistir(nb, 'rnn', 'while True:\n    pass')
    nbformat.write(nb, subs / 'takilan.ipynb')
    out = tmp_path / 'puanlar'
    got = {pathlib.Path(r['teslim']).stem: r
           for r in ex.grade([subs], out, ayar=AYAR, yalitim='rlimit')}
    assert {k: r['puan'] for k, r in got.items()} == {'ayse': TAM, 'burak': TAM - 2,
                                                      'can': 0, 'takilan': TAM - 2}
    assert all(r['yalitim'] == 'rlimit' for r in got.values())
    ozet = (out / 'rapor' / 'ozet.md').read_text(encoding='utf-8')
    assert '**rlimit**' in ozet and 'UYARI' in ozet


def test_every_exercise_in_the_sandbox(tmp_path):
    """Her alıştırmanın çözümü kum havuzunda tam puan alır (önceki alıştırmaların başvuruları
    geri yüklenir); kendi fonksiyonunun başvurusunu çağıran yanıt o soruda sıfır alır."""
    from grader import sinif as sentetik
    built = ex.build(tmp_path / 'u', quiet=True)
    d = tmp_path / 'teslimler'
    for master in ex.master_notebooks():
        for ad, nb in sentetik.teslimler(built, master.stem):
            if ad in ('cozum', 'basvuru'):
                (d / master.stem).mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, d / master.stem / f'{ad}.ipynb')
    # takılan teslim yok: yük altındaki makinede de (CI) süre sınırına değmesin
    got = ex.grade([d], tmp_path / 'puanlar', ayar=dict(AYAR, soru_s=40, sure_s=90))
    for r in got:
        if pathlib.Path(r['teslim']).stem == 'cozum':
            assert r['puan'] == r['en_yuksek'] > 0, r
        else:
            soru = sentetik.MUTASYONLAR_ILK_SORU[r['alistirma']]
            assert r['sorular'][soru]['puan'] == 0, r
    assert len(got) == 2 * len(ex.master_notebooks())


def test_without_bubblewrap_grading_does_not_start_unless_asked(tmp_path, monkeypatch, capsys):
    """Kum havuzu yoksa öğrencinin kodu eğitmenin haklarıyla çalışmaz: notlandırma başlamaz,
    ne yapılacağını söyler; yalıtımsız notlandırma yalnızca açıkça istenince."""
    from grader import notlandir
    monkeypatch.setattr(kum, 'bwrap_var', lambda: False)
    d = tmp_path / 'teslimler'
    d.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell('open("iz.txt", "w")'))
    nbformat.write(nb, d / 'biri.ipynb')
    with pytest.raises(SystemExit, match='apt install bubblewrap'):
        ex.main(['grade', str(d), '--out', str(tmp_path / 'puanlar')])
    assert not (tmp_path / 'puanlar' / 'puanlar.csv').exists()
    assert notlandir.Notlandirici(tmp_path / 'p2', yalitim='rlimit').ayar['yalitim'] == 'rlimit'
