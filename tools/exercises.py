"""Alıştırma defterleri (otter-grader): öğrenci ve otomatik notlandırıcı sürümleri,
öğrencinin çalışma kopyaları, notlandırma.

Kaynak: ``exercises/*.ipynb`` (otter'ın "assign" biçiminde ana defterler, çözümler ve
denetimlerle) ve ``exercises/denetim/`` (denetimler, Türkçe iletiler; gizli vakaların
üreteçleri ``gizli*.py`` öğrencilere dağıtılmaz). Üretilen her şey
git'e girmeyen klasörlere yazılır ve elle düzeltilmez; her seferinde yeniden üretilir.

Kullanım (deponun kökünde, sanal ortamın Python'uyla):

    python tools/exercises.py build              # build/exercises/: ogrenci/ ve otograder/
    python tools/exercises.py workspace          # build + calisma/ (öğrencinin kopyaları)
    python tools/exercises.py grade TESLİM...    # bir defter ya da klasör; puanlar ve rapor
    python tools/exercises.py ornek KLASÖR       # 03'ün üç örnek teslimi (README)

``workspace`` öğrencinin ``calisma/`` klasöründeki defterlerinin üzerine asla yazmaz;
yalnızca eksik olanları ekler ve ``denetim/`` klasörünü günceller.

Öğrenci defterleri otter'sız çalışır: ``otter assign``ın öğrenci sürümünde otter'ın ilk
hücresi ``denetim.Defter`` olur, ondan önce Colab'ın kurulum hücresi gelir
(``student_notebook``); her ``grader.check(...)``
baştan sona Türkçe yanıt verir (``denetim/gosterim.py``), sondaki ``grader.check_all()`` bütün
soruların özetini ve puanlarını verir. Notlandırıcı zip'leri (Gradescope) otter'ınkilerdir.

Notlandırma (``grade``) öğrencinin kodunu kum havuzunda çalıştırır, yargıyı ayrı bir süreçte
verir (``tools/grader``); ``otter run`` yalnızca karşılaştırma içindir (``bench-grade``).
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
MASTERS = ROOT / 'exercises'
BUILD = ROOT / 'build' / 'exercises'
WORKSPACE = ROOT / 'calisma'
CHECKS = 'denetim'
# öğrencilere dağıtılmayanlar: gizli vakaların üreteçleri ve önbellek
GIZLI = shutil.ignore_patterns('gizli*', '__pycache__')


def master_notebooks(folder=MASTERS):
    return sorted(folder.glob('[0-9][0-9]-*.ipynb'))


# --- Ana defterin yapısı (sınamalar bunu okur) ------------------------------------

def _raw(cell, word):
    return cell.cell_type == 'raw' and cell.source.lstrip().startswith(word)


def parse_master(path):
    """Ana defter: {'setup': [kod], 'questions': [{'name', 'solution', 'tests'}]}.

    ``tests``: (kaynak, gizli mi) çiftleri; ``solution``: çözüm hücrelerinin kodu;
    ``points``: sorunun puanı (otter'ın varsayılanı 1).
    """
    nb = nbformat.read(path, as_version=4)
    setup, questions, q, mode = [], [], None, None
    for cell in nb.cells:
        src = cell.source
        if _raw(cell, '# BEGIN QUESTION'):
            fields = dict(line.split(':', 1) for line in src.splitlines() if ':' in line)
            fields = {k.strip(): v.strip() for k, v in fields.items()}
            # points: bir sayı ya da vaka başına bir liste ([1, 1]): sorunun puanı toplamları
            points = re.findall(r'\d+(?:\.\d+)?', fields.get('points', '1'))
            q = {'name': fields['name'], 'solution': [], 'tests': [],
                 'points': sum(map(float, points)),
                 'manual': fields.get('manual') == 'true'}   # elle notlandırılan soru
            questions.append(q)
        elif _raw(cell, '# END QUESTION'):
            q = None
        elif _raw(cell, '# BEGIN SOLUTION'):
            mode = 'solution'
        elif _raw(cell, '# BEGIN TESTS'):
            mode = 'tests'
        elif _raw(cell, '# END'):
            mode = None
        elif cell.cell_type == 'code':
            if q is None:
                setup.append(src)
            elif mode == 'solution':
                q['solution'].append(src)
            elif mode == 'tests':
                q['tests'].append((src, 'hidden: true' in src))
    return {'setup': setup, 'questions': questions, 'name': path.stem}


def test_function(src):
    """Bir sınama hücresinin fonksiyonu (otter'ın yaptığı gibi: yalnızca tanım)."""
    import ast
    tree = ast.parse(src)
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    ns = {}
    exec(compile(ast.Module(body=[fn], type_ignores=[]), '<sınama>', 'exec'), ns)
    return ns[fn.name]


# --- Üretim ----------------------------------------------------------------------

# Öğrenci defterinin ilk hücresi (otter'ın "Initialize Otter" hücresinin yerine): denetimlerin
# Türkçe yüzü (exercises/denetim/gosterim.py). Hücreler otter'ın adlarını korur
# (grader.check, grader.check_all): eğitmenler tanır, notlandırıcı (tools/grader) atlar.
INIT_CELL = '''\
# Denetimler: her sorunun altındaki grader.check(...) hücresi yanıtınızı denetler ve Türkçe
# yanıt verir; defterin sonundaki grader.check_all() bütün soruların özetini verir.
import denetim
grader = denetim.Defter({name}, puanlar={{
{points}}}{manual})'''
SUMMARY_MD = ('**Özet.** Aşağıdaki hücre bütün soruların denetimlerini yeniden çalıştırır: hangi '
              'sorular TAMAM, hangileri EKSİK ve ana defterdeki puanları. Notlandırmada ayrıca '
              'gizli vakalar denetlenir.')
SUMMARY_CELL = 'grader.check_all()'
# Ana defterlerin anlatımındaki otter işaretleri (emoji: yazı tipi yoksa boş kutu) öğrenci
# sürümünde denetimin gösterdiği işaret ve sözcükle değişir
MARKS = {'✅': '✓ TAMAM', '❌': '✗ EKSİK'}
# otter'ın elle notlandırılan yanıt hücrelerindeki İngilizce yer tutucu
PLACEHOLDER = ('_Type your answer here, replacing this text._',
               '_Yanıtınızı buraya, bu metnin yerine yazın._')


def _points(questions):
    return ', '.join(f'{json.dumps(q["name"])}: {q["points"]:g}' for q in questions)


def _init_source(master):
    """İlk hücre: alıştırmanın adı ve ana defterdeki puanlar (2.0 değil 2), satırlara bölünmüş;
    elle notlandırılan sorular (otter'ın manual'ı: denetimi yok) ayrı, ``elle=``."""
    auto = [q for q in master['questions'] if not q.get('manual')]
    manual = [q for q in master['questions'] if q.get('manual')]
    return INIT_CELL.format(
        name=json.dumps(master['name']),
        points=textwrap.fill(_points(auto), 88, initial_indent='    ', subsequent_indent='    '),
        manual=', elle={\n' + textwrap.fill(_points(manual), 88, initial_indent='    ',
                                            subsequent_indent='    ') + '}' if manual else '')


def _colab_cell():
    """Öğrenci defterinin ilk kod hücresi: Colab'da dersin paketini (deponun sürümü) kurar ve
    alıştırmaların öğrenci dalını (``denetim/`` ile) çeker; paketin kurulu olduğu her yerde
    (make exercises, JupyterHub, Binder) hiçbir şey yapmaz. Notlandırıcı bu hücreyi hiç
    çalıştırmaz (``tools/grader/defter.py``). Sitede gizli, slaytlarda atlanır."""
    if str(ROOT / 'tools') not in sys.path:
        sys.path.insert(0, str(ROOT / 'tools'))
    from launch import colab_setup_cell
    cell = colab_setup_cell('exercise')
    cell.id = 'colab-kurulum'
    return cell


def student_notebook(path, master):
    """otter'ın öğrenci defterini Türkçe denetimlere çevirir (yerinde).

    İlk kod hücresi Colab'ın kurulum hücresidir (``_colab_cell``); ardından denetimler gelir.

    otter'ın ilk hücresi (``otter.Notebook``) ``denetim.Defter`` olur; ``grader.check`` hücreleri
    aynen kalır (artık Türkçe yanıt verir); sona bir özet hücresi eklenir; anlatımdaki ✅/❌
    denetimin işaretleriyle (✓ TAMAM / ✗ EKSİK), elle notlandırılan yanıtların İngilizce yer
    tutucusu Türkçesiyle değişir. Defter otter'sız çalışır; otter'ın üst verisi (alıştırmanın
    adı) notlandırma için kalır.
    """
    nb = nbformat.read(path, as_version=4)
    (init,) = [c for c in nb.cells if c.cell_type == 'code' and 'otter.Notebook(' in c.source]
    init.source = _init_source(master)
    nb.cells.insert(nb.cells.index(init), _colab_cell())
    for cell in nb.cells:
        if cell.cell_type == 'markdown':
            for emoji, mark in MARKS.items():
                cell.source = cell.source.replace(emoji, mark)
            cell.source = cell.source.replace(*PLACEHOLDER)
    nb.cells.append(nbformat.v4.new_markdown_cell(SUMMARY_MD))
    nb.cells.append(nbformat.v4.new_code_cell(SUMMARY_CELL))
    nbformat.write(nb, path)


def build(out=BUILD, masters=None, quiet=False):
    """``otter assign`` ile her ana defterden öğrenci ve notlandırıcı sürümleri.

    out/ogrenci/: öğrenci defterleri + denetim/ (gizli vakalar olmadan; dağıtılacak olan);
    out/otograder/<ad>.zip: otter run'ın notlandırıcısı; out/otter/<ad>/: otter'ın ham çıktısı.
    """
    out = pathlib.Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / 'ogrenci').mkdir(parents=True)
    (out / 'otograder').mkdir()
    # `otter assign`ın kendisi (komut satırının çağırdığı fonksiyon), tek süreçte: otter'ı
    # her defter için yeniden içe aktarmak defter başına birkaç saniye sürerdi
    from otter.assign import main as otter_assign
    shutil.rmtree(MASTERS / CHECKS / '__pycache__', ignore_errors=True)
    for master in masters or master_notebooks():
        raw = out / 'otter' / master.stem
        otter_assign(str(master.resolve()), str(raw.resolve()), no_run_tests=True,
                     no_pdfs=True)
        (zip_path,) = (raw / 'autograder').glob('*.zip')
        shutil.copy(zip_path, out / 'otograder' / f'{master.stem}.zip')
        shutil.copy(raw / 'student' / master.name, out / 'ogrenci' / master.name)
        student_notebook(out / 'ogrenci' / master.name, parse_master(master))
        shutil.rmtree(raw / 'student' / CHECKS)   # otter'ın kopyası gizlileri de taşır
        if not quiet:
            print(f'{master.stem}: öğrenci defteri ve notlandırıcı hazır')
    shutil.copytree(MASTERS / CHECKS, out / 'ogrenci' / CHECKS, ignore=GIZLI)
    return out


def workspace(dst=WORKSPACE, out=BUILD):
    """Öğrencinin çalışma kopyaları: eksik defterler eklenir, var olanlara dokunulmaz."""
    build(out, quiet=True)
    dst = pathlib.Path(dst)
    dst.mkdir(exist_ok=True)
    for nb in sorted((out / 'ogrenci').glob('*.ipynb')):
        if (dst / nb.name).exists():
            print(f'{dst.name}/{nb.name}: zaten var, üzerine yazılmadı (baştan başlamak '
                  'için dosyayı silin)')
        else:
            shutil.copy(nb, dst / nb.name)
            print(f'{dst.name}/{nb.name}: hazır')
    if (dst / CHECKS).is_dir():
        shutil.rmtree(dst / CHECKS)
    elif (dst / CHECKS).exists() or (dst / 'denetim.py').exists():
        (dst / 'denetim.py').unlink(missing_ok=True)   # eski tek dosyalık sürüm
    shutil.copytree(out / 'ogrenci' / CHECKS, dst / CHECKS)
    return dst


# --- Örnek teslimler (README'nin örneği) ----------------------------------------------

# 03'te tek bir yanlış: rnn'de tanh eksik (README'deki örnek ve sınamalar)
MISTAKE = ('H = torch.tanh(X @ W_xh + H @ W_hh + b_h)',
           'H = X @ W_xh + H @ W_hh + b_h')


def example_submissions(dst, out=BUILD):
    """03'ün üç teslimi: ayse (çözüm), burak (rnn'de tanh eksik), can (boş)."""
    stem, dst = '03-rnn-modeli', pathlib.Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    solved = nbformat.read(out / 'otter' / stem / 'autograder' / f'{stem}.ipynb', as_version=4)
    nbformat.write(solved, dst / 'ayse.ipynb')
    (cell,) = [c for c in solved.cells if MISTAKE[0] in c.source]
    cell.source = cell.source.replace(*MISTAKE)
    nbformat.write(solved, dst / 'burak.ipynb')
    shutil.copy(out / 'ogrenci' / f'{stem}.ipynb', dst / 'can.ipynb')
    return dst


# --- Notlandırma ------------------------------------------------------------------

def assignment_of(path):
    """Teslim edilen defter hangi alıştırma? otter'ın üst verisinden, yoksa dosya adından."""
    nb = nbformat.read(path, as_version=4)
    return nb.metadata.get('otter', {}).get('assignment_name') or pathlib.Path(path).stem


def otter_run_one(path, out, autograders=BUILD / 'otograder', timeout=None):
    """Karşılaştırma için: tek teslim ``otter run`` ile (öğrencinin çekirdeğinde, yalıtımsız)."""
    path = pathlib.Path(path)
    name = assignment_of(path)
    zip_path = pathlib.Path(autograders) / f'{name}.zip'
    res_dir = pathlib.Path(out) / path.stem
    res_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sub = pathlib.Path(tmp) / path.name
        shutil.copy(path, sub)
        try:
            subprocess.run([sys.executable, '-m', 'otter', 'run', '--no-logo', '-a',
                            str(zip_path), '-o', str(res_dir), str(sub)],
                           capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
    res = res_dir / 'results.json'
    if not res.exists():
        return None
    data = json.loads(res.read_text(encoding='utf-8'))
    return sum(t.get('score') or 0 for t in data['tests'] if t.get('max_score') is not None)


def find_submissions(paths):
    found = []
    for p in map(pathlib.Path, paths):
        if p.is_dir():
            found += sorted(q for q in p.rglob('*.ipynb') if '.ipynb_checkpoints' not in q.parts)
        else:
            found.append(p)
    return found


def grade(paths, out=BUILD / 'puanlar', jobs=2, ayar=None, yalitim=None, quiet=True):
    """Teslimleri kum havuzunda notlandırır; puanlar.csv, rapor/ ve geri_bildirim/ yazar.

    Dönüş: her teslimin sonucu (sözlük: teslim, alistirma, sorular, puan, en_yuksek, ...).
    """
    import time
    from grader import benzerlik, notlandir, rapor
    out = pathlib.Path(out)
    subs = find_submissions(paths)
    g = notlandir.Notlandirici(out, ayar, jobs, yalitim)
    basla = time.monotonic()
    say = [0]

    def ilerleme(r):
        say[0] += 1
        if not quiet:
            print(f"  [{say[0]}] {r['teslim']}: {r['puan']:g} / {r['en_yuksek']:g}", flush=True)
    results = g.hepsi(subs, ilerleme)
    sure = time.monotonic() - basla
    notlandir.puan_tablosu(results, out / 'puanlar.csv')
    cozumler = {m.stem: [(q['name'], '\n'.join(q['solution']))
                         for q in parse_master(m)['questions']] for m in master_notebooks()}
    kopyalar = benzerlik.adaylar(results, cozumler)
    kok = paths[0] if len(paths) == 1 and pathlib.Path(paths[0]).is_dir() else '.'
    rapor.yaz(results, out, kok, g.ayar['yalitim'], kopyalar,
              f'{len(subs)} teslim {sure:.1f} sn ({say[0]} yeni notlandırıldı)')
    return results


def print_table(results, out):
    for r in results:
        print(f"{r['teslim']}  ({r['alistirma']}): {r['puan']:g} / {r['en_yuksek']:g}"
              + (f"  -- {r['neden']}" if r.get('neden') else ''))
        for q, v in r['sorular'].items():
            print(f"    {q:<20} {v['puan']:g} / {v['en_yuksek']:g}")
    out = os.path.relpath(out)
    print(f'Tablo: {out}/puanlar.csv; sınıfın raporu: {out}/rapor/ (ozet.md, hatalar.csv, '
          f'PNG); öğrencilere geri bildirim: {out}/geri_bildirim/')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    b = sub.add_parser('build', help='öğrenci ve notlandırıcı sürümlerini üret')
    b.add_argument('--out', default=BUILD, type=pathlib.Path)
    w = sub.add_parser('workspace', help='öğrencinin calisma/ klasörünü hazırla')
    w.add_argument('--dst', default=WORKSPACE, type=pathlib.Path)
    g = sub.add_parser('grade', help='teslimleri kum havuzunda notlandır')
    g.add_argument('submissions', nargs='+', help='defter(ler) ya da klasör(ler)')
    g.add_argument('--out', default=BUILD / 'puanlar', type=pathlib.Path)
    g.add_argument('--jobs', default=2, type=int, help='yan yana kaç işçi (2)')
    g.add_argument('--sure', default=60, type=int,
                   help='teslim başına duvar saati sınırı, sn (60)')
    g.add_argument('--bellek', default=2048, type=int, help='bellek sınırı, MB (2048)')
    g.add_argument('--yalitim', choices=['bwrap', 'rlimit'], default=None,
                   help='varsayılan bwrap; rlimit: yalıtımsız, yalnızca güvendiğiniz defterler')
    o = sub.add_parser('ornek', help="03'ün üç örnek teslimi (README'nin örneği)")
    o.add_argument('dst', type=pathlib.Path)
    args = ap.parse_args(argv)
    os.environ.setdefault('OMP_NUM_THREADS', '1')
    if args.cmd == 'build':
        out = build(args.out)
        print(f'Öğrenci sürümleri: {out / "ogrenci"}; notlandırıcılar: {out / "otograder"}')
    elif args.cmd == 'ornek':
        build(quiet=True)
        print(f'Örnek teslimler: {example_submissions(args.dst)}')
    elif args.cmd == 'workspace':
        workspace(args.dst)
    else:
        ayar = {'sure_s': args.sure, 'cpu_s': 2 * args.sure, 'bellek_mb': args.bellek,
                'soru_s': max(5, args.sure // 3), 'hucre_s': max(5, args.sure // 2)}
        from grader import notlandir
        try:
            results = grade(args.submissions, args.out, args.jobs, ayar, args.yalitim,
                            quiet=False)
        except notlandir.YalitimYok as e:
            sys.exit(f'Notlandırma durdu: {e}')
        print_table(results, args.out)


if __name__ == '__main__':
    main()
