"""Notlandırmanın hızı: kum havuzlu notlandırıcı ile ``otter run`` aynı koşuda.

Sentetik bir sınıf (tools/grader/sinif.py: her alıştırma için çözüm, adlandırılmış her
yanlış, boş defter, sahtecilikler, takılan bir soru) iki yolla notlandırılır:

- yeni notlandırıcı (``make grade``'in yolu): bütün sınıf, ``--jobs`` işçiyle;
- ``otter run`` (otter'ın kendi giriş noktası, teslim başına bir süreç, yan yana ``--jobs``):
  süresi uzun olduğu için sınıftan her alıştırmanın ilk ``--otter-n`` teslimi; aynı
  teslimler yeni notlandırıcıyla da ayrıca ölçülür (aynı teslimler, aynı koşu).

Her iki yol için dakikada teslim ve 200 öğrenci × 8 alıştırmanın (1.600 defter) tahmini
süresi yazılır; sonuç artifacts/bench-grade.json. Makinede başka iş yokken çalıştırın.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import pathlib
import platform
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
os.environ.setdefault('D2LMINI_GIZLI_TOHUM', 'bench-grade')
import nbformat  # noqa: E402

import exercises as ex  # noqa: E402
from grader import kum, sinif  # noqa: E402

SINIF = 200 * 8


def _sinif(built, dst, takilan):
    yollar = {}
    for master in ex.master_notebooks():
        for ad, nb in sinif.teslimler(built, master.stem):
            if ad == 'takilan' and not takilan:
                continue
            yol = dst / master.stem / f'{ad}.ipynb'
            yol.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, yol)
            yollar.setdefault(master.stem, []).append(yol)
    return yollar


def _fmt(x, d=1):
    return f'{x:,.{d}f}'.replace(',', '_').replace('.', ',').replace('_', '.')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--otter-n', type=int, default=2,
                    help='otter run için alıştırma başına teslim sayısı (2)')
    ap.add_argument('--sure', type=int, default=20, help='yeni notlandırıcıda teslim sınırı')
    ap.add_argument('--out', type=pathlib.Path, default=ROOT / 'artifacts' / 'bench-grade.json')
    args = ap.parse_args(argv)
    os.environ.setdefault('OMP_NUM_THREADS', '1')
    tmp = pathlib.Path(tempfile.mkdtemp(prefix='bench-grade-'))
    built = ex.build(tmp / 'uretim', quiet=True)
    yollar = _sinif(built, tmp / 'sinif', takilan=True)
    hepsi = [p for v in yollar.values() for p in v]
    # otter run takılan teslimde hiç bitmez: onun örneği takılanı içermez
    ornek = [p for v in yollar.values()
             for p in [q for q in v if q.stem != 'takilan'][:args.otter_n]]
    ayar = {'sure_s': args.sure, 'soru_s': max(5, args.sure // 3),
            'hucre_s': max(5, args.sure // 2), 'cpu_s': 2 * args.sure}

    basla = time.monotonic()
    ex.grade([tmp / 'sinif'], tmp / 'yeni', jobs=args.jobs, ayar=ayar)
    yeni_s = time.monotonic() - basla
    ornek_dir = tmp / 'ornek'
    for p in ornek:
        (ornek_dir / p.parent.name).mkdir(parents=True, exist_ok=True)
        (ornek_dir / p.parent.name / p.name).write_bytes(p.read_bytes())
    basla = time.monotonic()
    ex.grade([ornek_dir], tmp / 'yeni-ornek', jobs=args.jobs, ayar=ayar)
    yeni_ornek_s = time.monotonic() - basla
    basla = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        otter = list(pool.map(lambda p: ex.otter_run_one(p, tmp / 'otter' / p.parent.name,
                                                         built / 'otograder', timeout=300),
                              ornek))
    otter_s = time.monotonic() - basla

    sureler = sorted(json.loads(x)['sure'] for x in
                     (tmp / 'yeni' / 'sonuclar.jsonl').read_text(encoding='utf-8').splitlines()
                     if '"sure"' in x)
    from grader import notlandir
    isci = kum.Isci(kum.kutuphane(tmp / 'kum'), dict(notlandir.VARSAYILAN, yalitim=(
        'bwrap' if kum.bwrap_var() else 'rlimit')))
    basla = time.monotonic()
    isci.baslat()
    baslatma_s = time.monotonic() - basla
    isci.birak()
    hiz = {'yeni_sinif': len(hepsi) / yeni_s * 60, 'yeni_ornek': len(ornek) / yeni_ornek_s * 60,
           'otter_ornek': len(ornek) / otter_s * 60}
    sonuc = {
        'tarih': datetime.date.today().isoformat(), 'makine': platform.processor() or
        platform.machine(), 'cekirdek': os.cpu_count(), 'jobs': args.jobs,
        'yalitim': 'bwrap' if kum.bwrap_var() else 'rlimit',
        'sinif_teslim': len(hepsi), 'sinif_sn': round(yeni_s, 1),
        'teslim_basina_sn_ortanca': round(sureler[len(sureler) // 2], 3),
        'isci_baslatma_sn': round(baslatma_s, 2),
        'ornek_teslim': len(ornek), 'yeni_ornek_sn': round(yeni_ornek_s, 1),
        'otter_ornek_sn': round(otter_s, 1), 'otter_bitmeyen': sum(o is None for o in otter),
        'dakikada_teslim': {k: round(v, 1) for k, v in hiz.items()},
        'kat': round(hiz['yeni_ornek'] / hiz['otter_ornek'], 1),
        'tahmin_1600_dk': {'yeni': round(SINIF / hiz['yeni_sinif'], 1),
                           'otter': round(SINIF / hiz['otter_ornek'], 1)},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(sonuc, ensure_ascii=False, indent=1), encoding='utf-8')
    print(f"Yalıtım: {sonuc['yalitim']}; {args.jobs} işçi; {os.cpu_count()} çekirdek")
    print(f"Yeni notlandırıcı, bütün sınıf: {len(hepsi)} teslim {_fmt(yeni_s)} sn "
          f"-> dakikada {_fmt(hiz['yeni_sinif'])} teslim")
    print(f"Teslim başına kum havuzunda geçen süre (ortanca): "
          f"{_fmt(sonuc['teslim_basina_sn_ortanca'], 3)} sn; işçinin açılışı (torch dahil, "
          f"toplu iş başına bir kez): {_fmt(baslatma_s, 2)} sn")
    print(f"Aynı {len(ornek)} teslim: yeni {_fmt(yeni_ornek_s)} sn (dakikada "
          f"{_fmt(hiz['yeni_ornek'])}), otter run {_fmt(otter_s)} sn (dakikada "
          f"{_fmt(hiz['otter_ornek'])}): {_fmt(sonuc['kat'])} kat")
    print(f"200 öğrenci × 8 alıştırma (1.600 defter): yeni ≈ "
          f"{_fmt(sonuc['tahmin_1600_dk']['yeni'])} dk, otter run ≈ "
          f"{_fmt(sonuc['tahmin_1600_dk']['otter'])} dk")
    print(f'Sonuç: {args.out}')


if __name__ == '__main__':
    main()
