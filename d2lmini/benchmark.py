"""Hız ölçümü: modelleri aynı koşullarda eğitip andıç/sn karşılaştırır.

Her model aynı tohumla, aynı veriyle (sıralı bölümleme, minigrup 32, 35 adım,
öğrenme oranı 1, gradyan kırpma θ=1) aynı sayıda dönem eğitilir; andıç/sn
eğitim döngüsünün duvar saatiyle ölçülür. Tekrarlar iç içe koşar (her turda
her model bir kez, sıra döner): makinedeki başka işlerin gürültüsü modeller
arasında eşit dağılır; sonuç ortancadır. Aynı tohum aynı ilk ağırlıkları
verdiğinden şaşkınlık her modelde aynı çıkmalıdır: hız sonucu değiştirmemeli.

Komut satırı: ``python tools/bench.py`` (``make bench``).
"""
import contextlib
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings

import torch
from torch import nn

from .fast import RNNModelFast, rnn_hoisted, rnn_lookup
from .numfmt import fmt_num
from .rnn import (RNNModelScratch, RNNModelTorch, get_params,
                  init_rnn_state, rnn)
from .train import train_epoch_ch8
from .utils import set_seed, sgd, synchronize

BATCH_SIZE, NUM_STEPS, LR = 32, 35, 1


def scratch_updater(net, lr):
    return lambda batch_size: sgd(net.params, lr, batch_size)


def torch_updater(net, lr):
    return torch.optim.SGD(net.parameters(), lr)


def model_specs(book=None):
    """Ad -> (etiket, modeli kuran, bir dönem eğiten, güncelleyiciyi kuran).

    ``book``: kitabın paketi (``d2l.torch``) verilirse onun kodu da ölçülür.
    """
    def scratch(V, h, dev):
        return RNNModelScratch(V, h, dev, get_params, init_rnn_state, rnn)

    specs = {
        'scratch': ('sıfırdan (RNNModelScratch)', scratch,
                    train_epoch_ch8, scratch_updater),
        'lookup': ('hızlı, teknik 1: satır seçme',
                   lambda V, h, dev: RNNModelFast(V, h, dev, rnn_lookup),
                   train_epoch_ch8, scratch_updater),
        'hoisted': ('hızlı, teknik 1-3: döngü dışı',
                    lambda V, h, dev: RNNModelFast(V, h, dev, rnn_hoisted),
                    train_epoch_ch8, scratch_updater),
        'fast': ('hızlı, teknik 1-4 (RNNModelFast)', RNNModelFast,
                 train_epoch_ch8, scratch_updater),
        'nn.RNN': ('nn.RNN + nn.Linear', RNNModelTorch,
                   train_epoch_ch8, torch_updater),
    }
    if book is not None:
        def book_model(V, h, dev):
            return book.RNNModelScratch(V, h, dev, get_params,
                                        init_rnn_state, rnn)

        def book_updater(net, lr):
            return lambda batch_size: book.sgd(net.params, lr, batch_size)

        specs = {'book': ('kitabın kodu (d2l 0.17.6)', book_model,
                          book.train_epoch_ch8, book_updater), **specs}
    return specs


class CountingIter:
    """Veri yükleyicisini sarar ve verilen andıçları sayar."""

    def __init__(self, data_iter):
        self.data_iter, self.num_tokens = data_iter, 0

    def __iter__(self):
        for X, Y in self.data_iter:
            self.num_tokens += X.numel()
            yield X, Y


def train_run(spec, data, num_hiddens, num_epochs, device, seed):
    """Yeni bir modeli ``num_epochs`` dönem eğitir; (andıç/sn, şaşkınlık)."""
    _, make_net, train_epoch, make_updater = spec
    train_iter, vocab = data
    set_seed(seed)   # aynı ilk ağırlıklar ve aynı minigruplar
    net = make_net(len(vocab), num_hiddens, device)
    updater, loss = make_updater(net, LR), nn.CrossEntropyLoss()
    counting = CountingIter(train_iter)
    synchronize(device)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')   # kitabın döngüsünün .item() uyarısı
        for _ in range(num_epochs):
            ppl, _ = train_epoch(net, counting, loss, updater, device, False)
    synchronize(device)
    return counting.num_tokens / (time.perf_counter() - start), ppl


def measure(specs, data, num_hiddens, num_epochs, repeats, device, seed,
            log=print):
    """Her model için bir ısınma koşusu, sonra iç içe tekrarlar."""
    names = list(specs)
    for name in names:   # ilk çağrıların bir kerelik maliyeti ölçüme girmesin
        train_run(specs[name], data, num_hiddens, 1, device, seed)
    runs = {name: [] for name in names}
    for r in range(repeats):
        order = names[r % len(names):] + names[:r % len(names)]   # sıra döner
        for name in order:
            runs[name].append(train_run(specs[name], data, num_hiddens,
                                        num_epochs, device, seed))
        log(f'  tekrar {r + 1}/{repeats}: ' + ', '.join(
            f'{n} {fmt_num(runs[n][-1][0])}' for n in names))
    results = {}
    for name, rs in runs.items():
        speeds, ppls = [s for s, _ in rs], [p for _, p in rs]
        results[name] = {'tokens_per_s': statistics.median(speeds),
                         'tokens_per_s_all': speeds, 'perplexity': ppls[0],
                         'perplexity_spread': max(ppls) - min(ppls)}
    return results


def cpu_model():
    """İşlemcinin modeli (/proc/cpuinfo'dan; yoksa platformun verdiği ad)."""
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def gpu_driver():
    """NVIDIA sürücüsünün sürümü (nvidia-smi yoksa None)."""
    try:
        out = subprocess.run(['nvidia-smi', '--query-gpu=driver_version',
                              '--format=csv,noheader'], capture_output=True,
                             text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip().splitlines()[0] if out.strip() else None


def device_name(device):
    """GPU'nun ya da CPU'nun adı (ölçümler makineyle birlikte kaydedilsin)."""
    device = torch.device(device)
    if device.type == 'cuda':
        return torch.cuda.get_device_name(device)
    return cpu_model()


def machine_record():
    """Bir koşunun makinesi: işlemci, iş parçacığı, GPU, sürümler, tarih.

    ``make notebooks`` bunu her defterin üst verisine yazar; hız ölçümü de
    kendi raporuna ekler.
    """
    cuda = torch.cuda.is_available()
    return {'cpu': cpu_model(), 'cpu_count': os.cpu_count(),
            'threads': torch.get_num_threads(),
            'gpu': torch.cuda.get_device_name(0) if cuda else None,
            'gpu_driver': gpu_driver() if cuda else None,
            'cuda': torch.version.cuda if cuda else None,
            'torch': torch.__version__,
            'python': platform.python_version(),
            'date': datetime.date.today().isoformat()}


def describe_run():
    """Bu koşunun aygıtı, Türkçe tek satır (``machine_record``'dan: defterin
    üst verisine ``make notebooks``'un yazdığı kaydın aynı alanları)."""
    r = machine_record()
    where = (f"GPU: {r['gpu']}" if r['gpu'] else
             f"işlemci: {r['cpu']}, {r['cpu_count']} çekirdek, "
             f"{r['threads']} iş parçacığı")
    return f"{where}; torch {r['torch']}; {r['date']}"


def machine(device):
    """Hız ölçümünün makinesi: ``machine_record``, aygıt, yük, OMP ayarları."""
    load = os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')
    omp = {k: v for k, v in os.environ.items() if k.startswith('OMP_')}
    return {**machine_record(), 'device': str(device),
            'device_name': device_name(device),
            'load_average_at_start': load, 'omp_env': omp}


@contextlib.contextmanager
def quiet_native_stderr():
    """Blok süresince profil aracının günlük satırlarını ve uyarılarını yutar.

    PyTorch'un profil aracı her başlangıç ve bitişte kendi günlük satırlarını
    (``USDT: ... profiler_start``) doğrudan dosya tanımlayıcısı 2'ye yazar;
    CUDA'da ayrıca Python uyarıları verir (Jupyter'de ``stderr`` akışı olur).
    İkisi de defterde bir hata gibi görünür; bloktaki istisnalar etkilenmez.
    08. defterin profilinde kullanılır.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, 'w') as devnull, warnings.catch_warnings(), \
                contextlib.redirect_stderr(devnull):
            warnings.simplefilter('ignore')
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def fmt_table(header, rows):
    """Düz metin tablo: ilk sütun sola, diğerleri sağa yaslı."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]

    def line(cells):
        return '  '.join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths)))
    return '\n'.join([line(header), line(['-' * w for w in widths])]
                     + [line(r) for r in rows])
