"""Defterleri temiz bir çekirdekte baştan sona çalıştırır ve kayıtlı çıktıları yeniler.

    python tools/run_notebooks.py [--jobs 2] [--out KLASÖR] [defter ...]

- Her defter kendi, yeni çekirdeğinde çalışır; ``--jobs`` kadar defter aynı anda.
  İş parçacığı sayısı ortamdan gelir (Makefile ``OMP_NUM_THREADS=2`` verir; tam
  katman da öyle çalışır, sayılar tutarlı kalsın).
- Defterin üst verisine makinenin kaydı yazılır: ``metadata["d2lmini"]["run"]``
  (işlemci ve iş parçacığı ya da GPU adı, torch ve Python sürümü, tarih).
- Hücre başına zaman damgaları (``metadata.execution``) kaydedilmez: farkları
  gürültülü yapmaktan başka işe yaramazlar. Yürütme numaraları 1..N'dir.
- Hız ölçen defterler (üst verisinde ``d2lmini.quiet: true``, ör. 08) öbürleri
  bittikten sonra tek başına çalışır, OpenMP'nin varsayılan beklemesiyle
  (``OMP_WAIT_POLICY`` çekirdeğin ortamından çıkarılır): ölçüm sakin bir
  makinede yapılsın. Kayıtta ``alone: true`` olur.
- Makineye bağlı iddialar (``d2l.claim``) katı denetlenir (``D2LMINI_STRICT=1``):
  tutmayan bir iddia koşuyu düşürür, kayıtlı çıktılara giremez.
- ``--out`` verilirse defterler yerinde değil o klasöre yazılır (ör. GPU koşusunun
  çalıştırılmış defterleri).
"""
import argparse
import concurrent.futures
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

from d2lmini.benchmark import machine_record
from d2lmini.claims import STRICT_ENV

ROOT = pathlib.Path(__file__).resolve().parent.parent


def strip_timing(nb):
    for cell in nb.cells:
        cell.metadata.pop('execution', None)


def is_quiet(path):
    """Defter sakin bir makinede, tek başına mı çalışmalı (hız ölçümü)?"""
    nb = nbformat.read(path, as_version=4)
    return bool(nb.metadata.get('d2lmini', {}).get('quiet'))


def run_one(path, out, timeout, alone=False):
    start = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name='python3',
                            record_timing=False,
                            resources={'metadata': {'path': str(path.parent)}})
    env = dict(os.environ)
    env[STRICT_ENV] = '1'   # kayıtlı çıktıların makineye bağlı iddiaları tutmalı
    if alone:   # tek başına: boşta dönen bekleme en hızlısı (README tablosu)
        env.pop('OMP_WAIT_POLICY', None)
    client.execute(env=env)
    strip_timing(nb)
    record = machine_record()
    record['alone'] = alone
    record['omp_wait_policy'] = env.get('OMP_WAIT_POLICY', 'varsayılan')
    nb.metadata.setdefault('d2lmini', {})['run'] = record
    target = out / path.name if out else path
    nbformat.write(nb, target)
    return path.name, time.monotonic() - start


def report(future, path, failed):
    try:
        name, seconds = future.result()
        print(f'== {name}: {seconds:.0f} sn', flush=True)
    except Exception as e:   # noqa: BLE001 - hepsini bitir, sonunda bildir
        failed.append(path.name)
        print(f'!! {path.name}: {type(e).__name__}: {e}', flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('notebooks', nargs='*', type=pathlib.Path)
    parser.add_argument('--jobs', type=int, default=2)
    parser.add_argument('--out', type=pathlib.Path)
    parser.add_argument('--timeout', type=int, default=1800, help='hücre başına saniye')
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / 'notebooks').glob('*.ipynb'))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    # En uzun defterler önce başlasın: iki işçi daha dengeli biter
    paths.sort(key=lambda p: -p.stat().st_size)
    failed = []
    quiet = [p for p in paths if is_quiet(p)]
    with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_one, p, args.out, args.timeout): p
                   for p in paths if p not in quiet}
        for future in concurrent.futures.as_completed(futures):
            report(future, futures[future], failed)
    for path in quiet:   # sonra hız ölçenler, tek tek
        with concurrent.futures.ProcessPoolExecutor(1) as pool:
            future = pool.submit(run_one, path, args.out, args.timeout, True)
            report(future, path, failed)
    if failed:
        sys.exit(f'çalışmayan defterler: {", ".join(sorted(failed))}')


if __name__ == '__main__':
    main()
