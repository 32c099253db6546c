"""Makinenin sınırı: bu modelin bir minigrubu en az ne kadar sürer?

İki ölçü var:

- ``flops_per_token`` ve ``gemm_gflops``: andıç başına işlem sayısı ve büyük
  bir çarpımın hızı. Oranları kaba bir üst sınırdır; ama küçük çarpımlar büyük
  çarpımın hızına ulaşmaz.
- ``ceiling``: minigrubun kaçınılmaz işi, her parça kendi biçimindeki hızla,
  aynı koşuda ölçülür. Sıralı zincir (ileri ve geri, adım başına bir
  minigrup × h × h çarpım ve eleman bazında bir işlem: ileri tanh, geri
  türevle çarpma), toplu çarpımlar (W_hh'nin gradyanı, çıkış katmanı), kayıp
  ve her parametreyi bir kez okuyan kırpma ve güncelleme. Hiçbir yeniden
  düzenleme bu işi kaldıramaz; hızlı modelin ``ceiling``'e oranı, işin ne
  kadarının boşa gittiğini gösterir.
"""
import statistics
import time

import torch
from torch.nn import functional as F

from .utils import synchronize


def flops_per_token(num_hiddens, vocab_size):
    """Andıç başına işlem: ileri 2(Vh + h² + hV), geri yayılım iki katı."""
    h, V = num_hiddens, vocab_size
    return 3 * 2 * (h * h + 2 * h * V)


def seconds_per_call(fn, device, repeats=5, budget=0.02):
    """``fn()``'in bir çağrısının süresi, saniye (``repeats`` ölçümün
    ortancası).

    Her ölçüm ``fn``'i yaklaşık ``budget`` saniye boyunca tekrar tekrar
    çağırır: zamanlayıcının çözünürlüğünden çok uzun, ama kısa.
    """
    for _ in range(3):   # ısınma: ilk çağrıların bellek ayırmaları
        fn()
    synchronize(device)
    start = time.perf_counter()
    fn()
    synchronize(device)
    once = max(time.perf_counter() - start, 1e-7)
    inner = max(1, int(budget / once))
    times = []
    for _ in range(repeats):
        synchronize(device)
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        synchronize(device)
        times.append((time.perf_counter() - start) / inner)
    return statistics.median(times)


def gemm_gflops(m, k, n, device, repeats):
    """torch.mm'nin (m×k)·(k×n) çarpımdaki hızı, GFLOP/s (ortanca)."""
    a = torch.randn(m, k, device=device)
    b = torch.randn(k, n, device=device)
    out = torch.empty(m, n, device=device)
    seconds = seconds_per_call(lambda: torch.mm(a, b, out=out), device,
                               repeats)
    return 2 * m * k * n / seconds / 1e9


def ceiling(num_hiddens, vocab_size, batch_size, num_steps, device,
            repeats=5):
    """Bir minigrubun kaçınılmaz işi bu makinede: parçaların süreleri (sn) ve
    ulaşılabilecek en yüksek andıç/sn.

    Her parça, hızlı modelin kullandığı biçimde tek bir PyTorch işlemiyle
    ölçülür; işlemler arası hiçbir ek maliyet sayılmaz.
    """
    h, V, B, T = num_hiddens, vocab_size, batch_size, num_steps

    def rand(*shape):
        return torch.rand(*shape, device=device)

    W = torch.randn(h, h, device=device) / h ** 0.5   # değerler patlamasın
    Hs, dA = rand(T * B, h), rand(T * B, h)
    W_hq, dY, logits = rand(h, V), rand(T * B, V), rand(T * B, V)
    labels = torch.randint(0, V, (T * B,), device=device)
    shapes = [(V, h), (h, h), (h,), (h, V), (V,)]
    params = [rand(*shape) for shape in shapes]
    grads = [rand(*shape) for shape in shapes]

    def time_of(fn):
        return seconds_per_call(fn, device, repeats)

    def loss_step():
        logits.requires_grad_(True)
        F.cross_entropy(logits, labels).backward()
        logits.grad = None

    def update_step():
        # kırpmanın normu (gradyanlar bir kez okunur) ve SGD güncellemesi
        torch.stack([(g * g).sum() for g in grads]).sum().sqrt()
        for p, g in zip(params, grads):
            p.add_(g, alpha=-1e-9)

    # Sıralı zincir, kendi biçiminde: her adım bir öncekinin sonucunu okur ve
    # kendi satırına yazar (ileri: çarpım ve tanh; geri: çarpım ve türevle
    # çarpma). W_hh'nin iki bellek düzeninden hızlı olanı alınır.
    Hc, dAc, D = rand(T, B, h), rand(T, B, h), rand(T, B, h)

    def forward_chain(Wl):
        for t in range(1, T):
            torch.mm(Hc[t - 1], Wl, out=Hc[t]).tanh_()

    def backward_chain(Wl):
        for t in range(T - 2, -1, -1):
            torch.mm(dAc[t + 1], Wl, out=dAc[t]).mul_(D[t])

    Ws = (W, W.T.contiguous().T)   # aynı matris, iki düzen
    parts = {
        # T - 1 adım ölçülür; gerçek zincir T adım (ilk adım ve dH0)
        'sıralı zincir': T / (T - 1) * (
            min(time_of(lambda: forward_chain(Wl)) for Wl in Ws)
            + min(time_of(lambda: backward_chain(Wl.T)) for Wl in Ws)),
        'W_hh gradyanı': time_of(lambda: torch.mm(Hs.T, dA)),
        'çıkış katmanı': (time_of(lambda: Hs @ W_hq)
                          + time_of(lambda: dY @ W_hq.T)
                          + time_of(lambda: Hs.T @ dY)),
        'kayıp ve güncelleme': time_of(loss_step) + time_of(update_step),
    }
    seconds = sum(parts.values())
    return {'parts_s': parts, 'seconds_per_batch': seconds,
            'tokens_per_s': B * T / seconds}
