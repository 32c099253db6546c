"""İş parçacığı ayarlarının ölçümü: sakin ve meşgul makinede, her ayarda hız.

Her hücre yeni süreçlerde ölçülür (OpenMP ayarları süreç başlarken okunur):
bölümün modeli (RNNModelScratch, h=512, sıralı bölümleme) birkaç dönem
eğitilir ve andıç/sn yazılır. "Sakin": tek süreç. "Meşgul": aynı anda iki
süreç (iki defter, iki sınama işçisi ya da eğitim + başka bir iş gibi); her
birinin hızı ayrı yazılır. Tablo README'deki ve Makefile'daki seçimin
dayanağıdır.

Kullanım: ``python tools/threads.py [--epochs 8] [--repeats 2] [--budget 15]
[--json yol]``
(``make bench-threads``). Ölçüm sürerken makinede başka iş çalışmamalı.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

POLICIES = {   # ad -> ortam değişkenleri
    'varsayılan': {},
    'PASSIVE': {'OMP_WAIT_POLICY': 'PASSIVE'},
}


def worker(args):
    """Bir eğitim koşusu; andıç/sn'yi JSON olarak yazar."""
    import torch
    from d2lmini import benchmark as bm
    from d2lmini.data import load_data_time_machine
    data = load_data_time_machine(bm.BATCH_SIZE, bm.NUM_STEPS, False, 10000)
    spec = bm.model_specs()[args.model]
    bm.train_run(spec, data, 512, 1, 'cpu', 0)   # ısınma
    # Dönem dönem: çöken bir ayarda (andıç/sn yüzlerle) ölçüm saatler sürmesin
    speeds, start = [], time.perf_counter()
    for _ in range(args.epochs):
        speeds.append(bm.train_run(spec, data, 512, 1, 'cpu', 0)[0])
        if time.perf_counter() - start > args.budget:
            break
    print(json.dumps({'tokens_per_s': statistics.median(speeds),
                      'epochs': len(speeds),
                      'threads': torch.get_num_threads()}))


def run_cell(policy, threads, processes, args):
    """Aynı anda ``processes`` süreç; her birinin andıç/sn'si."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('OMP_', 'GOMP_', 'MKL_'))}
    env.update(POLICIES[policy], OMP_NUM_THREADS=str(threads))
    cmd = [sys.executable, __file__, '--worker', '--model', args.model,
           '--epochs', str(args.epochs), '--budget', str(args.budget)]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
             for _ in range(processes)]
    outs = [p.communicate()[0] for p in procs]
    if any(p.returncode for p in procs):
        sys.exit(f'ölçüm süreci başarısız: {policy}, {threads}, {processes}')
    return [json.loads(o.strip().splitlines()[-1])['tokens_per_s']
            for o in outs]


def main(argv=None):
    p = argparse.ArgumentParser(prog='python tools/threads.py')
    p.add_argument('--worker', action='store_true', help=argparse.SUPPRESS)
    p.add_argument('--model', default='scratch')
    p.add_argument('--epochs', type=int, default=8)
    p.add_argument('--repeats', type=int, default=2)
    p.add_argument('--budget', type=float, default=15,
                   help='süreç başına en çok bu kadar saniye dönem başlatılır')
    p.add_argument('--threads', type=int, nargs='+',
                   default=sorted({1, os.cpu_count() or 1}))
    p.add_argument('--json', default=os.path.join('artifacts',
                                                  'threads.json'))
    args = p.parse_args(argv)
    if args.worker:
        return worker(args)
    sys.path.insert(0, os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    from d2lmini.benchmark import machine_record
    from d2lmini.numfmt import fmt_num
    cells = [(pol, t, n) for n in (1, 2) for t in args.threads
             for pol in POLICIES]
    speeds = {cell: [] for cell in cells}
    began = time.perf_counter()
    for r in range(args.repeats):   # iç içe tekrarlar: gürültü eşit dağılır
        for cell in cells:
            speeds[cell].extend(run_cell(*cell, args))
            print(f'  tekrar {r + 1}: {cell} '
                  f'{[fmt_num(s) for s in speeds[cell][-cell[2]:]]}',
                  flush=True)
    rows = [{'policy': pol, 'threads': t, 'processes': n,
             'tokens_per_s_each': statistics.median(speeds[(pol, t, n)]),
             'all': speeds[(pol, t, n)]} for pol, t, n in cells]
    print(f'\n{"yük":8} {"bekleme":11} {"iş parç.":>8} {"andıç/sn (süreç başı)":>22}')
    for row in rows:
        load = 'sakin' if row['processes'] == 1 else 'meşgul'
        print(f'{load:8} {row["policy"]:11} {row["threads"]:8} '
              f'{fmt_num(row["tokens_per_s_each"]):>22}')
    report = {'machine': machine_record(), 'model': args.model,
              'epochs': args.epochs, 'repeats': args.repeats, 'cells': rows,
              'elapsed_s': time.perf_counter() - began}
    if os.path.dirname(args.json):
        os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, 'w', encoding='utf-8') as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    print(f'{fmt_num(report["elapsed_s"])} sn; JSON: {args.json}')


if __name__ == '__main__':
    main()
