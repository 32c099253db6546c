"""Hız karşılaştırması: sıfırdan model, hızlı model, nn.RNN ve kitabın kendi kodu.

Kullanım (depo kökünde, veriye erişim için D2LMINI_DATA_URL ayarlıyken)::

    python -m d2lmini.bench                 # tam ölçüm, birkaç dakika
    python -m d2lmini.bench --quick         # kısa ölçüm
    python -m d2lmini.bench --device cpu --threads 2 --json artifacts/bench.json

Ne ölçülür: her model aynı tohumla, aynı veriyle (sıralı bölümleme, minigrup 32, 35 adım,
öğrenme oranı 1, gradyan kırpma θ=1) aynı sayıda dönem eğitilir; andıç/sn, eğitim döngüsü
çağrılarının duvar saatiyle ölçülür. Tekrarlar iç içe koşar (her turda her model bir kez, sıra
döner): makinedeki başka işlerin gürültüsü modeller arasında eşit dağılır; tabloda ortanca
vardır. Aynı tohum aynı ilk ağırlıkları verdiğinden şaşkınlık bütün modellerde aynı çıkmalıdır:
hız sonucu değiştirmemeli.

Sınır: torch.mm'nin (minigrup·adım)×h×h çarpımda ölçülen hızı ve modelin andıç başına işlem
sayısı, 6(h² + 2hV) FLOP (ileri 2(h² + 2hV), geri yayılım bunun iki katı; h=512, V=28 için
1,75 MFLOP), makinenin ulaşabileceği en yüksek andıç/sn'yi verir; tabloda her modelin bunun
yüzde kaçına ulaştığı da yazılır.

Kitabın kodu (d2l 0.17.6) projenin bağımlılığı DEĞİLDİR; yalnızca ölçüm için kurulur:
``pip install --no-deps d2l==0.17.6 pandas``. ``import d2l.torch`` torchvision ister; torchvision
kurulu değilse ya da bu torch ile yüklenemiyorsa, içe aktarmadan önce sys.modules'a boş bir
``torchvision`` (ve ``torchvision.transforms``) modülü konur: RNN fonksiyonları onu kullanmaz.
Paket kurulu değilse kitap satırı atlanır. Kitabın kodu kopyalanmaz, yalnızca çağrılır:
``d2l.RNNModelScratch``, ``d2l.train_epoch_ch8`` (içinde ``d2l.grad_clipping``) ve ``d2l.sgd``.
``get_params``, ``init_rnn_state`` ve ``rnn`` kitabın paketinde yoktur (kitap onları defterin
hücrelerinde tanımlar); onların yerine aynı hesabı yapan d2lmini'ninkiler verilir.
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
import types
import warnings

import torch
from torch import nn
from torch.autograd.function import once_differentiable
from torch.nn import functional as F

from . import fast
from .data import load_data_time_machine
from .rnn import RNNModelScratch, get_params, init_rnn_state, rnn
from .train import train_epoch_ch8
from .utils import set_seed, sgd

BATCH_SIZE, NUM_STEPS, LR = 32, 35, 1
EXPERIMENTAL = {'fast+graph'}   # kurulamazsa (ör. sürücü desteği yok) ölçüm onsuz sürer


class RNNModelTorch(nn.Module):
    """Bir kullanıcının yerine seçeceği model: nn.RNN + nn.Linear (girdi bire bir kodlanmış).

    Ağırlıklar ``get_params`` ile çekilip kopyalanır: aynı tohum sıfırdan modelle aynı ilk modeli
    verir. nn.RNN'in ikinci sapması (bias_hh) sıfırda sabittir; eğitilseydi b_h ile birlikte iki
    kat adım atılır, model sıfırdan modelden ayrılırdı.
    """

    def __init__(self, vocab_size, num_hiddens, device):
        super().__init__()
        W_xh, W_hh, b_h, W_hq, b_q = [p.detach() for p in get_params(vocab_size, num_hiddens, device)]
        self.vocab_size, self.num_hiddens = vocab_size, num_hiddens
        self.rnn = nn.RNN(vocab_size, num_hiddens, device=device)
        self.linear = nn.Linear(num_hiddens, vocab_size, device=device)
        with torch.no_grad():
            self.rnn.weight_ih_l0.copy_(W_xh.T)
            self.rnn.weight_hh_l0.copy_(W_hh.T)
            self.rnn.bias_ih_l0.copy_(b_h)
            self.rnn.bias_hh_l0.zero_()
            self.linear.weight.copy_(W_hq.T)
            self.linear.bias.copy_(b_q)
        self.rnn.bias_hh_l0.requires_grad_(False)

    def forward(self, X, state):
        X = F.one_hot(X.T, self.vocab_size).type(torch.float32)
        Y, state = self.rnn(X, state)
        return self.linear(Y.reshape(-1, Y.shape[-1])), state

    def begin_state(self, batch_size, device):
        return torch.zeros((1, batch_size, self.num_hiddens), device=device)


class RecurrenceGraphs:
    """Bir (adım, minigrup, h) biçimi için kaydedilmiş iki CUDA çizgesi (graph): ileri ve geri yineleme.

    GPU'da 32×512'lik bir çarpım birkaç mikrosaniye sürer; zamanı her işlemin Python'dan
    başlatılma maliyeti alır. Çizge, döngünün bütün işlemlerini bir kez kaydeder; sonra sabit
    tamponlara kopyalanan yeni girdilerle tek çağrıda yeniden oynatılır.
    """

    def __init__(self, shape, device):
        T, B, h = shape
        self.inputs = torch.zeros(T, B, h, device=device)
        self.H0, self.W_hh = torch.zeros(B, h, device=device), torch.zeros(h, h, device=device)
        self.dHs, self.Hs_saved = torch.zeros(T, B, h, device=device), torch.zeros(T, B, h, device=device)
        self.fwd, self.Hs = self.capture(lambda: fast.recurrence_forward(self.inputs, self.H0, self.W_hh))
        self.bwd, self.grads = self.capture(
            lambda: fast.recurrence_backward(self.dHs, self.Hs_saved, self.H0, self.W_hh))

    @staticmethod
    def capture(fn):
        stream = torch.cuda.Stream()
        stream.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(stream):   # ısınma: cuBLAS hazırlıkları kayda girmesin
            for _ in range(2):
                fn()
        torch.cuda.current_stream().wait_stream(stream)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            out = fn()
        return graph, out


class GraphedRecurrence(torch.autograd.Function):
    """RNNRecurrence'ın aynısı; ileri ve geri döngüler kaydedilmiş çizgelerden oynatılır."""

    @staticmethod
    def forward(ctx, inputs, H0, W_hh, graphs):
        graphs.inputs.copy_(inputs)
        graphs.H0.copy_(H0)
        graphs.W_hh.copy_(W_hh)
        graphs.fwd.replay()
        Hs = graphs.Hs.clone()   # tampon bir sonraki çağrıda değişir: kopya döner
        ctx.save_for_backward(H0, W_hh, Hs)
        ctx.graphs = graphs
        return Hs

    @staticmethod
    @once_differentiable
    def backward(ctx, dHs):
        H0, W_hh, Hs = ctx.saved_tensors
        graphs = ctx.graphs
        for buffer, value in ((graphs.dHs, dHs), (graphs.Hs_saved, Hs), (graphs.H0, H0), (graphs.W_hh, W_hh)):
            buffer.copy_(value)
        graphs.bwd.replay()
        dA, dH0, dW_hh = (g.clone() for g in graphs.grads)
        return dA, dH0, dW_hh, None


class RNNModelFastGraphed(fast.RNNModelFast):
    """Yalnız CUDA, deneysel: RNNModelFast, yinelemesi CUDA çizgeleriyle (biçim başına bir kayıt,
    kayıt süresi ölçüme dahil). CPU'da RNNModelFast'in kendisidir."""

    def __init__(self, vocab_size, num_hiddens, device):
        super().__init__(vocab_size, num_hiddens, device, forward_fn=self.rnn_graphed)
        self.graphs = {}

    def rnn_graphed(self, tokens, state, params):
        if not tokens.is_cuda:
            return fast.rnn_fast(tokens, state, params)
        W_xh, W_hh, b_h, W_hq, b_q = params
        H0, = state
        inputs = W_xh[tokens] + b_h
        key = tuple(inputs.shape)
        if key not in self.graphs:
            self.graphs[key] = RecurrenceGraphs(key, inputs.device)
        Hs = GraphedRecurrence.apply(inputs, H0, W_hh, self.graphs[key])
        Y = torch.addmm(b_q, Hs.reshape(-1, Hs.shape[-1]), W_hq)
        return Y, (Hs[-1].clone(),)


def import_book():
    """Kitabın paketi (d2l.torch) ya da None ve nedeni. torchvision yoksa boş bir modülle değiştirilir."""
    stubbed = False
    try:
        import torchvision  # noqa: F401
    except Exception:   # kurulu değil ya da bu torch ile yüklenemiyor (ikili uyumsuzluğu)
        for name in [n for n in sys.modules if n == 'torchvision' or n.startswith('torchvision.')]:
            del sys.modules[name]
        stub = types.ModuleType('torchvision')
        stub.transforms = types.ModuleType('torchvision.transforms')
        sys.modules['torchvision'], sys.modules['torchvision.transforms'] = stub, stub.transforms
        stubbed = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            import d2l.torch as book
        from importlib.metadata import version
        return book, f'd2l {version("d2l")}' + (' (torchvision yerine boş modül)' if stubbed else '')
    except Exception as e:   # kurulu değil ya da eksik bağımlılık
        return None, f'kitabın paketi yüklenemedi ({type(e).__name__}: {e}); pip install --no-deps d2l==0.17.6 pandas'
    finally:
        if stubbed:   # boş modül yalnızca kitabın içe aktarılması için: başkası görmesin
            sys.modules.pop('torchvision', None)
            sys.modules.pop('torchvision.transforms', None)


def scratch_updater(net, lr):
    return lambda batch_size: sgd(net.params, lr, batch_size)


def model_specs(book, device):
    """Ad -> (etiket, modeli kuran fonksiyon, bir dönem eğiten fonksiyon, güncelleyiciyi kuran fonksiyon)."""
    specs = {
        'scratch': ('sıfırdan (RNNModelScratch)',
                    lambda V, h, dev: RNNModelScratch(V, h, dev, get_params, init_rnn_state, rnn),
                    train_epoch_ch8, scratch_updater),
        'lookup': ('hızlı, teknik 1: satır seçme',
                   lambda V, h, dev: fast.RNNModelFast(V, h, dev, fast.rnn_lookup),
                   train_epoch_ch8, scratch_updater),
        'hoisted': ('hızlı, teknik 1-3: döngü dışı',
                    lambda V, h, dev: fast.RNNModelFast(V, h, dev, fast.rnn_hoisted),
                    train_epoch_ch8, scratch_updater),
        'fast': ('hızlı, teknik 1-4 (RNNModelFast)', fast.RNNModelFast, train_epoch_ch8, scratch_updater),
        'nn.RNN': ('nn.RNN + nn.Linear', RNNModelTorch, train_epoch_ch8,
                   lambda net, lr: torch.optim.SGD(net.parameters(), lr)),
    }
    if device.type == 'cuda':
        specs['fast+graph'] = ('hızlı + CUDA çizgesi (deneysel)', RNNModelFastGraphed,
                               train_epoch_ch8, scratch_updater)
    if book is not None:
        specs = {'book': ('kitabın kodu (d2l 0.17.6)',
                          lambda V, h, dev: book.RNNModelScratch(V, h, dev, get_params, init_rnn_state, rnn),
                          book.train_epoch_ch8,
                          lambda net, lr: (lambda batch_size: book.sgd(net.params, lr, batch_size))),
                 **specs}
    return specs


class CountingIter:
    """Veri yükleyicisini sarar ve verilen andıçları sayar (her dönemin andıç sayısı değişebilir)."""

    def __init__(self, data_iter):
        self.data_iter, self.num_tokens = data_iter, 0

    def __iter__(self):
        for X, Y in self.data_iter:
            self.num_tokens += X.numel()
            yield X, Y


def synchronize(device):
    if device.type == 'cuda':
        torch.cuda.synchronize(device)


def train_run(spec, data, num_hiddens, num_epochs, device, seed):
    """Yeni bir modeli ``num_epochs`` dönem eğitir; (andıç/sn, son şaşkınlık)."""
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


def measure(specs, data, num_hiddens, num_epochs, repeats, device, seed, log):
    """Her model için ısınma koşusu, sonra iç içe tekrarlar; ad -> ölçümler."""
    names = list(specs)
    for name in list(names):   # ısınma: ilk çağrıların bir kerelik maliyetleri ölçüme girmesin
        try:
            train_run(specs[name], data, num_hiddens, 1, device, seed)
        except Exception as e:
            if name not in EXPERIMENTAL:
                raise
            log(f'  {name} atlandı: {type(e).__name__}: {e}')
            names.remove(name)
    runs = {name: [] for name in names}
    for r in range(repeats):
        order = names[r % len(names):] + names[:r % len(names)]   # sıra döner
        for name in order:
            runs[name].append(train_run(specs[name], data, num_hiddens, num_epochs, device, seed))
        log(f'  tekrar {r + 1}/{repeats}: ' + ', '.join(
            f'{n} {runs[n][-1][0]:,.0f}' for n in names))
    results = {}
    for name, rs in runs.items():
        speeds, ppls = [s for s, _ in rs], [p for _, p in rs]
        results[name] = {'tokens_per_s': statistics.median(speeds), 'tokens_per_s_all': speeds,
                         'perplexity': ppls[0], 'perplexity_spread': max(ppls) - min(ppls)}
    return results


def flops_per_token(num_hiddens, vocab_size):
    """İleri: X W_xh, H W_hh, H W_hq = 2(Vh + h² + hV) FLOP; geri yayılım bunun iki katı."""
    h, V = num_hiddens, vocab_size
    return 3 * 2 * (h * h + 2 * h * V)


def gemm_gflops(m, k, n, device, repeats):
    """torch.mm'nin (m×k)·(k×n) çarpımdaki hızı, GFLOP/s (tekrarların ortancası)."""
    a, b = torch.randn(m, k, device=device), torch.randn(k, n, device=device)
    flop = 2 * m * k * n
    # bir ölçüm CPU'da ~2, GPU'da ~200 GFLOP: kısa ama zamanlayıcının çözünürlüğünden çok uzun
    inner = max(1, int((2e11 if device.type == 'cuda' else 2e9) / flop))
    for _ in range(3):
        torch.mm(a, b)
    rates = []
    for _ in range(repeats):
        synchronize(device)
        start = time.perf_counter()
        for _ in range(inner):
            torch.mm(a, b)
        synchronize(device)
        rates.append(flop * inner / (time.perf_counter() - start) / 1e9)
    return statistics.median(rates)


def device_name(device):
    if device.type == 'cuda':
        return torch.cuda.get_device_name(device)
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'cpu'


def parse_args(argv):
    p = argparse.ArgumentParser(prog='python -m d2lmini.bench',
                                description='Sıfırdan, hızlı, nn.RNN ve kitabın RNN kodunun hız karşılaştırması.')
    p.add_argument('--quick', action='store_true', help='kısa ölçüm (daha az dönem, tekrar ve nokta)')
    p.add_argument('--device', choices=['cpu', 'cuda'], default=None,
                   help='varsayılan: varsa cuda, yoksa cpu')
    p.add_argument('--threads', type=int, default=None, help='torch iş parçacığı sayısı (varsayılan: torch\'unki)')
    p.add_argument('--json', default=os.path.join('artifacts', 'bench.json'), help='JSON çıktı yolu')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--num-hiddens', type=int, default=512)
    p.add_argument('--epochs', type=int, default=None, help='ana tabloda her koşunun dönem sayısı (10; --quick: 3)')
    p.add_argument('--repeats', type=int, default=None, help='ana tabloda iç içe tekrar sayısı (5; --quick: 3)')
    p.add_argument('--scaling-hiddens', type=int, nargs='*', default=None,
                   help='gizli birim sayıları (128 256 512 1024; --quick: 128 512 1024); boş: atla')
    p.add_argument('--scaling-epochs', type=int, default=None, help='(2; --quick: 1)')
    p.add_argument('--scaling-repeats', type=int, default=None, help='(3; --quick: 1)')
    p.add_argument('--no-full-corpus', action='store_true', help='bütün kitapla ölçümü atla')
    p.add_argument('--gemm-repeats', type=int, default=5)
    p.add_argument('--no-book', action='store_true', help='kitabın paketi kurulu olsa da ölçme')
    args = p.parse_args(argv)
    quick = args.quick
    defaults = {'epochs': (10, 3), 'repeats': (5, 3), 'scaling_epochs': (2, 1), 'scaling_repeats': (3, 1),
                'scaling_hiddens': ([128, 256, 512, 1024], [128, 512, 1024])}
    for key, (full, short) in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, short if quick else full)
    if args.device is None:
        args.device = 'cuda' if torch.cuda.is_available() else 'cpu'
    if args.device == 'cuda' and not torch.cuda.is_available():
        p.error('CUDA kullanılamıyor: --device cpu verin')
    for key in ('epochs', 'repeats', 'scaling_epochs', 'scaling_repeats', 'gemm_repeats', 'num_hiddens'):
        if getattr(args, key) < 1:
            p.error(f'--{key.replace("_", "-")} en az 1 olmalı')
    return args


def fmt_table(header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: '  '.join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                                   for i, (c, w) in enumerate(zip(cells, widths)))
    return '\n'.join([line(header), line(['-' * w for w in widths])] + [line(r) for r in rows])


def main_table(specs, results, base, limit):
    rows = []
    for name, res in results.items():
        rows.append([specs[name][0], f'{res["tokens_per_s"]:,.0f}',
                     f'{res["tokens_per_s"] / results[base]["tokens_per_s"]:.2f}',
                     f'{100 * res["tokens_per_s"] / limit:.0f}%', f'{res["perplexity"]:.3f}'])
    return fmt_table(['model', 'andıç/sn', f'oran (÷{base})', 'sınırın payı', 'şaşkınlık'], rows)


def run_scaling_hiddens(specs, data, args, device, vocab_size, log):
    out = []
    for h in args.scaling_hiddens:
        log(f'gizli birim ölçeklemesi: h={h}')
        res = measure(specs, data, h, args.scaling_epochs, args.scaling_repeats, device, args.seed, log)
        rate = gemm_gflops(BATCH_SIZE * NUM_STEPS, h, h, device, args.gemm_repeats)
        limit = rate * 1e9 / flops_per_token(h, vocab_size)
        out.append({'num_hiddens': h, 'gemm_gflops': rate, 'limit_tokens_per_s': limit,
                    'models': {n: {'tokens_per_s': r['tokens_per_s'], 'share_of_limit': r['tokens_per_s'] / limit,
                                   'perplexity': r['perplexity']} for n, r in res.items()}})
    return out


def scaling_table(entries, key, names, base):
    rows = []
    for e in entries:
        speeds = {n: e['models'][n]['tokens_per_s'] for n in names}
        row = [e[key]] + [f'{speeds[n]:,.0f}' for n in names]
        row.append(f'{speeds["fast"] / speeds[base]:.2f}')
        if 'limit_tokens_per_s' in e:
            row.append(f'{100 * speeds["fast"] / e["limit_tokens_per_s"]:.0f}%')
        rows.append(row)
    header = [key] + list(names) + [f'fast/{base}'] + (['fast: sınırın payı'] if 'limit_tokens_per_s' in entries[0] else [])
    return fmt_table(header, rows)


def main(argv=None):
    """Ölçer, tabloları yazdırır, JSON'u yazar ve raporu (sözlük) döndürür."""
    args = parse_args(argv)
    threads = torch.get_num_threads()
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        return run_bench(args)
    finally:   # aynı süreçte sonra çalışan kod (ör. sınamalar) eski ayarı görsün
        torch.set_num_threads(threads)


def run_bench(args):
    device = torch.device(args.device)
    log = lambda msg: print(msg, flush=True)
    book, book_note = (None, 'atlandı (--no-book)') if args.no_book else import_book()
    specs = model_specs(book, device)
    base = 'book' if book is not None else 'scratch'
    began = time.perf_counter()
    data = load_data_time_machine(BATCH_SIZE, NUM_STEPS, False, 10000)
    V, h = len(data[1]), args.num_hiddens

    log(f'd2lmini hız karşılaştırması — aygıt: {device} ({device_name(device)}), '
        f'{torch.get_num_threads()} iş parçacığı, torch {torch.__version__}')
    log(f'kitabın paketi: {book_note}')
    load = os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')
    omp = {k: os.environ[k] for k in ('OMP_NUM_THREADS', 'OMP_WAIT_POLICY') if k in os.environ}
    log(f'makinenin yükü (1 dk ortalaması): {load:.2f}, {os.cpu_count()} çekirdek; {omp or "OMP ayarı yok"}'
        ' — yük çekirdek sayısına yakınsa ölçümler gürültülüdür')
    rate = gemm_gflops(BATCH_SIZE * NUM_STEPS, h, h, device, args.gemm_repeats)
    rate_step = gemm_gflops(BATCH_SIZE, h, h, device, args.gemm_repeats)
    fpt = flops_per_token(h, V)
    limit = rate * 1e9 / fpt
    log(f'GEMM: torch.mm {BATCH_SIZE * NUM_STEPS}×{h}×{h}: {rate:.1f} GFLOP/s '
        f'(döngüdeki {BATCH_SIZE}×{h}×{h}: {rate_step:.1f} GFLOP/s); '
        f'model {fpt / 1e6:.3f} MFLOP/andıç → sınır {limit:,.0f} andıç/sn')
    log(f'ana ölçüm: h={h}, minigrup {BATCH_SIZE}, {NUM_STEPS} adım, 10000 andıç, öğrenme oranı {LR}, '
        f'{args.epochs} dönem, {args.repeats} iç içe tekrar, tohum {args.seed}')
    results = measure(specs, data, h, args.epochs, args.repeats, device, args.seed, log)
    log('\n' + main_table(specs, results, base, limit) + '\n')
    ref = results[base]['tokens_per_s']
    models = [{'model': n, 'label': specs[n][0], **r, 'ratio_to_base': r['tokens_per_s'] / ref,
               'ratio_to_scratch': r['tokens_per_s'] / results['scratch']['tokens_per_s'],
               'share_of_limit': r['tokens_per_s'] / limit,
               'same_perplexity_as_scratch': math.isclose(r['perplexity'], results['scratch']['perplexity'],
                                                          rel_tol=1e-3)}
              for n, r in results.items()]

    core = {n: specs[n] for n in ('book', 'scratch', 'fast', 'fast+graph', 'nn.RNN') if n in results}
    scaling_h = run_scaling_hiddens(core, data, args, device, V, log) if args.scaling_hiddens else []
    if scaling_h:
        log('\ngizli birim sayısına göre andıç/sn:\n' + scaling_table(scaling_h, 'num_hiddens', core, base) + '\n')

    scaling_c = []
    if not args.no_full_corpus:
        for max_tokens in (10000, -1):
            corpus_data = load_data_time_machine(BATCH_SIZE, NUM_STEPS, False, max_tokens)
            label = f'{len(corpus_data[0].corpus)} andıç'
            log(f'derlem ölçeklemesi: {label}')
            res = measure(core, corpus_data, h, 1, args.scaling_repeats, device, args.seed, log)
            scaling_c.append({'corpus': label, 'num_tokens': len(corpus_data[0].corpus),
                              'models': {n: {'tokens_per_s': r['tokens_per_s'], 'perplexity': r['perplexity']}
                                         for n, r in res.items()}})
        log('\nderlem boyutuna göre andıç/sn (1 dönem):\n' + scaling_table(scaling_c, 'corpus', core, base) + '\n')

    report = {
        'config': {'device': str(device), 'threads': torch.get_num_threads(), 'num_hiddens': h,
                   'vocab_size': V, 'batch_size': BATCH_SIZE, 'num_steps': NUM_STEPS, 'lr': LR,
                   'max_tokens': 10000, 'epochs': args.epochs, 'repeats': args.repeats, 'seed': args.seed,
                   'quick': args.quick},
        'environment': {'device_name': device_name(device), 'torch': torch.__version__,
                        'python': platform.python_version(), 'cpu_count': os.cpu_count(),
                        'book': book_note, 'load_average_at_start': load, 'omp_env': omp},
        'base': base,
        'gemm': {'m': BATCH_SIZE * NUM_STEPS, 'k': h, 'n': h, 'gflops': rate,
                 'gflops_step': rate_step},
        'flops_per_token': fpt, 'limit_tokens_per_s': limit,
        'models': models, 'scaling_hiddens': scaling_h, 'scaling_corpus': scaling_c,
        'elapsed_s': time.perf_counter() - began,
    }
    if os.path.dirname(args.json):
        os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, 'w', encoding='utf-8') as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    fast_ratio = results['fast']['tokens_per_s'] / ref
    log(f'hızlı model / {base}: {fast_ratio:.2f}×, sıfırdan / {base}: '
        f'{results["scratch"]["tokens_per_s"] / ref:.2f}×  ({report["elapsed_s"]:.0f} s; JSON: {args.json})')
    for row in models:
        if not row['same_perplexity_as_scratch']:
            log(f'UYARI: {row["model"]} modelinin şaşkınlığı ({row["perplexity"]:.4f}) sıfırdan modelinkinden '
                f'({results["scratch"]["perplexity"]:.4f}) farklı: hız sonucu değiştirmemeli')
    return report


if __name__ == '__main__':
    main()
