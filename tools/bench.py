"""Hız karşılaştırması: sıfırdan model, hızlı model, nn.RNN ve kitabın kodu.

Kullanım (depo kökünde, veri için gerekirse D2LMINI_DATA_URL ayarlıyken)::

    python tools/bench.py                 # tam ölçüm, birkaç dakika (make bench)
    python tools/bench.py --quick         # kısa ölçüm
    python tools/bench.py --device cpu --threads 2 --json artifacts/bench.json

Ölçümün kendisi ``d2lmini.benchmark``'tadır; bu betik ayarları okur, tabloları
yazar ve sonucu makinenin bilgisiyle birlikte JSON'a kaydeder.

Sınır (``d2lmini.ceiling``): bir minigrubun kaçınılmaz işi, her parça kendi
biçimindeki hızla aynı koşuda ölçülür; tablodaki "sınırın payı" modelin bu
sınıra oranıdır. Sınır modellerden önce ve sonra ölçülür, yüksek olanı alınır.

Kitabın kodu (d2l 0.17.6) projenin bağımlılığı değildir; yalnızca ölçüm için
kurulur: ``pip install --no-deps d2l==0.17.6 pandas``. ``import d2l.torch``
torchvision ister; o yoksa ya da yüklenemiyorsa içe aktarma süresince boş bir
``torchvision`` modülü konur (RNN fonksiyonları onu kullanmaz). Kitabın kodu
kopyalanmaz, çağrılır: ``RNNModelScratch``, ``train_epoch_ch8``, ``sgd``.
"""
import argparse
import json
import math
import os
import sys
import time
import types
import warnings

import torch

from d2lmini import benchmark as bm
from d2lmini.data import load_data_time_machine
from d2lmini.ceiling import ceiling, flops_per_token, gemm_gflops
from d2lmini.numfmt import fmt_num, fmt_pct


def import_book():
    """Kitabın paketi (d2l.torch) ya da None, ve bir açıklama."""
    stubbed = False
    try:
        import torchvision  # noqa: F401
    except Exception:   # kurulu değil ya da bu torch ile yüklenemiyor
        for name in [n for n in sys.modules if n.split('.')[0] == 'torchvision']:
            del sys.modules[name]
        stub = types.ModuleType('torchvision')
        stub.transforms = types.ModuleType('torchvision.transforms')
        sys.modules['torchvision'] = stub
        sys.modules['torchvision.transforms'] = stub.transforms
        stubbed = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            import d2l.torch as book
        from importlib.metadata import version
        note = ' (torchvision yerine boş modül)' if stubbed else ''
        return book, f'd2l {version("d2l")}{note}'
    except Exception as e:   # kurulu değil ya da eksik bağımlılık
        return None, (f'kitabın paketi yüklenemedi ({type(e).__name__}: {e});'
                      ' pip install --no-deps d2l==0.17.6 pandas')
    finally:
        if stubbed:   # boş modülü başkası görmesin
            sys.modules.pop('torchvision', None)
            sys.modules.pop('torchvision.transforms', None)


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog='python tools/bench.py',
        description='Sıfırdan, hızlı, nn.RNN ve kitabın RNN kodunun hızı.')
    p.add_argument('--quick', action='store_true',
                   help='kısa ölçüm (daha az dönem, tekrar ve nokta)')
    p.add_argument('--device', choices=['cpu', 'cuda'], default=None,
                   help='varsayılan: varsa cuda, yoksa cpu')
    p.add_argument('--threads', type=int, default=None,
                   help="torch iş parçacığı sayısı (varsayılan: torch'unki)")
    p.add_argument('--json', default=os.path.join('artifacts', 'bench.json'))
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--num-hiddens', type=int, default=512)
    p.add_argument('--epochs', type=int, default=None, help='10; --quick: 3')
    p.add_argument('--repeats', type=int, default=None, help='5; --quick: 3')
    p.add_argument('--scaling-hiddens', type=int, nargs='*', default=None,
                   help='128 256 512 1024; --quick: 128 512 1024; boş: atla')
    p.add_argument('--scaling-epochs', type=int, default=None)
    p.add_argument('--scaling-repeats', type=int, default=None)
    p.add_argument('--gemm-repeats', type=int, default=5)
    p.add_argument('--no-book', action='store_true',
                   help='kitabın paketi kurulu olsa da ölçme')
    args = p.parse_args(argv)
    defaults = {'epochs': (10, 3), 'repeats': (5, 3),
                'scaling_epochs': (2, 1), 'scaling_repeats': (3, 1),
                'scaling_hiddens': ([128, 256, 512, 1024], [128, 512, 1024])}
    for key, (full, short) in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, short if args.quick else full)
    if args.device is None:
        args.device = 'cuda' if torch.cuda.is_available() else 'cpu'
    if args.device == 'cuda' and not torch.cuda.is_available():
        p.error('CUDA kullanılamıyor: --device cpu verin')
    for key in ('epochs', 'repeats', 'scaling_epochs', 'scaling_repeats',
                'gemm_repeats', 'num_hiddens'):
        if getattr(args, key) < 1:
            p.error(f'--{key.replace("_", "-")} en az 1 olmalı')
    return args


def limit_of(h, V, device, repeats):
    """Bu makinenin bu ölçümdeki sınırı: ``ceiling`` ve GEMM hızları.

    (sınır andıç/sn, parçaların süreleri, {biçim: GFLOP/s}).
    """
    B, T = bm.BATCH_SIZE, bm.NUM_STEPS
    c = ceiling(h, V, B, T, device, repeats)
    rates = {f'{m}x{h}x{h}': gemm_gflops(m, h, h, device, repeats)
             for m in (B, B * T)}
    return c['tokens_per_s'], c['parts_s'], rates


def run(args, log=print):
    device = torch.device(args.device)
    book, book_note = ((None, 'atlandı (--no-book)') if args.no_book
                       else import_book())
    specs = bm.model_specs(book)
    base = 'book' if book is not None else 'scratch'
    began = time.perf_counter()
    data = load_data_time_machine(bm.BATCH_SIZE, bm.NUM_STEPS, False, 10000)
    V, h = len(data[1]), args.num_hiddens
    env = bm.machine(device)
    log(f'aygıt: {device} ({env["device_name"]}), {env["threads"]} iş '
        f'parçacığı, torch {env["torch"]}; yük '
        f'{fmt_num(env["load_average_at_start"], 2)} ({env["cpu_count"]} çekirdek), {env["omp_env"] or "OMP ayarı yok"}')
    log(f'kitabın paketi: {book_note}')
    limit, parts, rates = limit_of(h, V, device, args.gemm_repeats)
    env['gemm_gflops'] = rates   # makinenin kaydında: hızlar makineye aittir
    log('GEMM: ' + ', '.join(f'{k} {fmt_num(v, 1)} GFLOP/s'
                             for k, v in rates.items()))
    log('kaçınılmaz iş, minigrup başına: ' + ', '.join(
        f'{k} {fmt_num(1e3 * v, 2)} ms' for k, v in parts.items()))
    log(f'→ sınır {fmt_num(limit)} andıç/sn')
    results = bm.measure(specs, data, h, args.epochs, args.repeats, device,
                         args.seed, log)
    # Sınır bir kez daha ölçülür (modellerden sonra); yüksek olanı alınır:
    # makinenin o an yavaşlığı modelleri sınıra yakın göstermesin
    limit_after, parts_after, _ = limit_of(h, V, device, args.gemm_repeats)
    if limit_after > limit:
        limit, parts = limit_after, parts_after
    ref = results[base]['tokens_per_s']
    rows = [[specs[n][0], fmt_num(r['tokens_per_s']),
             fmt_num(r['tokens_per_s'] / ref, 2),
             fmt_pct(r['tokens_per_s'] / limit), fmt_num(r['perplexity'], 3)]
            for n, r in results.items()]
    log('\n' + bm.fmt_table(['model', 'andıç/sn', f'÷{base}', 'sınırın payı',
                             'şaşkınlık'], rows) + '\n')
    scaling = []
    core = {n: specs[n] for n in ('book', 'scratch', 'fast', 'nn.RNN')
            if n in specs}
    for hs in args.scaling_hiddens:
        log(f'gizli birim ölçeklemesi: h={hs}')
        res = bm.measure(core, data, hs, args.scaling_epochs,
                         args.scaling_repeats, device, args.seed, log)
        limit_h, parts_h, rates_h = limit_of(hs, V, device,
                                             args.gemm_repeats)
        scaling.append({'num_hiddens': hs, 'gemm_gflops': rates_h,
                        'limit_tokens_per_s': limit_h,
                        'limit_parts_s': parts_h, 'models': res})
    ppl0 = results['scratch']['perplexity']
    report = {
        'machine': env, 'book': book_note, 'base': base,
        'config': {'num_hiddens': h, 'vocab_size': V, 'lr': bm.LR,
                   'batch_size': bm.BATCH_SIZE, 'num_steps': bm.NUM_STEPS,
                   'epochs': args.epochs, 'repeats': args.repeats,
                   'seed': args.seed, 'quick': args.quick},
        'flops_per_token': flops_per_token(h, V),
        'limit_tokens_per_s': limit, 'limit_parts_s': parts,
        'models': [{'model': n, **r, 'ratio_to_base': r['tokens_per_s'] / ref,
                    'share_of_limit': r['tokens_per_s'] / limit,
                    'same_perplexity_as_scratch': math.isclose(
                        r['perplexity'], ppl0, rel_tol=1e-3)}
                   for n, r in results.items()],
        'scaling_hiddens': scaling,
        'elapsed_s': time.perf_counter() - began,
    }
    if os.path.dirname(args.json):
        os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, 'w', encoding='utf-8') as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    for row in report['models']:
        if not row['same_perplexity_as_scratch']:
            log(f'UYARI: {row["model"]} şaşkınlığı ({row["perplexity"]:.4f}) '
                f'sıfırdan modelinkinden ({ppl0:.4f}) farklı')
    log(f'{report["elapsed_s"]:.0f} s; JSON: {args.json}')
    return report


def main(argv=None):
    args = parse_args(argv)
    threads = torch.get_num_threads()
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        return run(args)
    finally:   # aynı süreçte sonra çalışan kod eski ayarı görsün
        torch.set_num_threads(threads)


if __name__ == '__main__':
    main()
