"""Hızlı sıfırdan RNN: aynı model ve sonuç, daha az ve daha büyük çarpım.

RNNModelScratch her zaman adımında üç küçük çarpım yapar (X W_xh, H W_hh, H
W_hq); geri yayılımda autograd bunların her biri için iki çarpım daha ve
birikim toplamaları ekler: 35 adımlık bir minigrupta yaklaşık 280 küçük çarpım.
Buradaki teknikler işi yeniden düzenler:

1. Bire bir kodlanmış bir vektörle çarpmak, W_xh'nin bir satırını seçmektir
  (bölümün ilk alıştırması): çarpım yerine satır seçme (gömme).
2. Girdinin katkısı gizli duruma bağlı değildir: bütün adımlar için tek seferde
  hesaplanır.
3. Çıkış katmanı da döngünün dışına çıkar: bütün gizli durumlar tek bir büyük
  çarpımda.
4. Zaman boyunca geri yayılım elle yazılır (torch.autograd.Function): döngüde
  adım başına yalnızca bir çarpım kalır ve W_hh'nin gradyanı 35 küçük çarpımın
  toplamı yerine tek büyük çarpımdır.

Döngünün kendisi kalır: H_t, H_{t-1}'e bağlıdır; bu sıralı bağımlılık RNN'in
özüdür. Her teknik ayrı bir fonksiyondur (``rnn_lookup``, ``rnn_hoisted``,
``rnn_fast``): hangisinin ne kazandırdığı ``python tools/bench.py`` ile
ölçülür.
"""
import statistics
import time

import torch
from torch.autograd.function import once_differentiable

from .checks import check_positive_int, check_tokens
from .rnn import get_params, init_rnn_state


def rnn_lookup(tokens, state, params):
    """Teknik 1: ``rnn``'in döngüsü, ama X W_xh yerine W_xh'nin bir satırı.

    ``tokens``: (adım sayısı, minigrup) andıç indisleri. Bire bir vektör
    yalnızca bir yerde 1 olduğundan X W_xh, W_xh'nin o satırıdır: 28 sütunluk
    bir çarpım yerine bir kopya. Defter: 08-hizlandirma.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for x in tokens:
        H = torch.tanh(W_xh[x] + H @ W_hh + b_h)
        outputs.append(H @ W_hq + b_q)
    return torch.cat(outputs, dim=0), (H,)


def rnn_hoisted(tokens, state, params):
    """Teknik 1-3: girdi katkısı ve çıkış katmanı döngünün dışında.

    Döngüde adım başına tek çarpım (H W_hh) kalır; çıkışlar bütün adımlar için
    tek çarpımdır. Geri yayılım autograd'da. Defter: 08-hizlandirma.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    inputs = W_xh[tokens] + b_h   # (adım, minigrup, h): bütün adımlar birden
    hiddens = []
    for x_proj in inputs:
        H = torch.tanh(x_proj + H @ W_hh)
        hiddens.append(H)
    Hs = torch.stack(hiddens)          # (adım, minigrup, h)
    Y = torch.addmm(b_q, Hs.reshape(-1, Hs.shape[-1]), W_hq)
    return Y, (H,)


def recurrence_forward(inputs, H0, W_hh):
    """H_t = tanh(A_t), A_t = inputs_t + H_{t-1} W_hh.

    Dönüş: bütün gizli durumlar, (adım, minigrup, h). Defter: 08-hizlandirma.
    """
    # Tampon önce girdi katkısıyla dolar: A_t'nin ilk terimi hazır
    Hs = inputs.clone(memory_format=torch.contiguous_format)
    H = H0
    for t in range(inputs.shape[0]):
        # Yerinde: A_t += H_{t-1} W_hh, sonra H_t = tanh(A_t); adım başına yeni
        # tensör yok
        H = Hs[t].addmm_(H, W_hh).tanh_()
    return Hs


def recurrence_backward(dHs, Hs, H0, W_hh):
    """Zaman boyunca geri yayılım: (dA, dH0, dW_hh); dA, inputs'un gradyanı.

    G_t, kaybın H_t'ye göre gradyanı olsun. tanh'ın türevi 1 - tanh² olduğundan
        dA_t = G_t ⊙ (1 - H_t²),
        G_t = dHs_t + dA_{t+1} W_hhᵀ   (ikinci terim: sonraki adımdan gelen)
    Döngüde yalnızca dA_{t+1} W_hhᵀ kalır. W_hh'nin gradyanı Σ_t H_{t-1}ᵀ
    dA_t'dir: adımları alt alta dizince bu tek bir büyük çarpımdır, (adım ·
    minigrup) uzunluğunda bir iç çarpım. Defter: 08-hizlandirma.
    """
    # G_t'nin çıkıştan gelen payı hazır (bitişik bir kopya: yerinde yazılacak)
    dA = dHs.clone(memory_format=torch.contiguous_format)
    T, h = Hs.shape[0], Hs.shape[-1]
    dA[T - 1].mul_(1 - Hs[T - 1] * Hs[T - 1])
    for t in range(T - 2, -1, -1):
        # Yerinde: G_t += dA_{t+1} W_hhᵀ, sonra dA_t = G_t ⊙ (1 - H_t²). Adımın
        # verisi küçük (minigrup × h) ve önbellekte: türevi burada hesaplamak
        # bütün tensörü bir kez daha bellekten okuyup yazmaktan ucuzdur
        dA[t].addmm_(dA[t + 1], W_hh.T).mul_(1 - Hs[t] * Hs[t])
    # W_hh'nin gradyanı Σ_t H_{t-1}ᵀ dA_t: t ≥ 1 için önceki durumlar Hs'nin
    # kendisinde, t = 0 için H0; birleştirip kopyalamak yerine iki çarpım (biri
    # büyük, biri küçük)
    dW_hh = torch.addmm(H0.T @ dA[0], Hs[:-1].reshape(-1, h).T,
                        dA[1:].reshape(-1, h))
    return dA, dA[0] @ W_hh.T, dW_hh


class RNNRecurrence(torch.autograd.Function):
    """Teknik 4: yinelemenin ileri ve geri yayılımı elle yazılmış.

    Autograd her adımın her işlemini ayrı kaydeder ve geri yayılımda W_hh'nin
    35 küçük gradyanını tek tek toplar. Burada ileri yayılım
    ``recurrence_forward``, geri yayılım ``recurrence_backward``: adım başına
    tek çarpım ve W_hh için tek büyük çarpım. Defter: 08-hizlandirma.
    """

    @staticmethod
    def forward(ctx, inputs, H0, W_hh):
        Hs = recurrence_forward(inputs, H0, W_hh)
        ctx.save_for_backward(H0, W_hh, Hs)
        return Hs

    # Geri yayılım yerinde işlemlerle yazıldı: ikinci türev yok
    @staticmethod
    @once_differentiable
    def backward(ctx, dHs):
        H0, W_hh, Hs = ctx.saved_tensors
        dA, dH0, dW_hh = recurrence_backward(dHs, Hs, H0, W_hh)
        return (dA, dH0 if ctx.needs_input_grad[1] else None,
                dW_hh if ctx.needs_input_grad[2] else None)


def rnn_fast(tokens, state, params):
    """Dört teknik birlikte; dönüş ``rnn`` ile aynı.

    ``tokens``: (adım, minigrup) andıç indisleri. Defter: 08-hizlandirma.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H0, = state
    # Gömme ve sapma bütün adımlar için birden. Sapma önce W_xh'nin V satırına
    # eklenir: (W_xh + b_h)[x] = W_xh[x] + b_h, ama büyük (adım, minigrup, h)
    # tensörü üzerinden bir geçiş az
    inputs = (W_xh + b_h)[tokens]
    Hs = RNNRecurrence.apply(inputs, H0, W_hh)     # (adım, minigrup, h)
    # Çıkış katmanı tek çarpımda
    Y = torch.addmm(b_q, Hs.reshape(-1, Hs.shape[-1]), W_hq)
    # Son durum bir kopya: Hs'nin bir görünümü (view) olsaydı, durumu yerinde
    # koparıp ayıran eğitim döngüleri (ör. kitabın detach_() kullanan döngüsü)
    # hata verirdi
    return Y, (Hs[-1].clone(),)


class RNNModelFast:
    """RNNModelScratch'in arayüzü ve ilk ağırlıkları; ileri/geri ``rnn_fast``.

    ``.params`` = [W_xh, W_hh, b_h, W_hq, b_q], ``get_params`` ile çekilir:
    aynı tohum aynı ilk modeli verir; train_ch8, predict_ch8 ve grad_clipping
    değişmeden çalışır. ``forward_fn`` ile tekniklerin ara basamakları da
    denenir; ``params`` verilirse (ör. kayıttan) rastgele çekim yapılmaz.
    Defter: 08-hizlandirma.
    """

    def __init__(self, vocab_size, num_hiddens, device, forward_fn=rnn_fast,
                 params=None):
        example = '; ör. RNNModelFast(len(vocab), 512, device)'
        check_positive_int('vocab_size', vocab_size, example)
        check_positive_int('num_hiddens', num_hiddens, example)
        self.vocab_size, self.num_hiddens = vocab_size, num_hiddens
        if params is None:
            params = get_params(vocab_size, num_hiddens, device)
        self.params, self.forward_fn = params, forward_fn

    def __call__(self, X, state):
        # X: (minigrup, adım) andıç indisleri; bire bir kodlama yok
        check_tokens(X, self.vocab_size)
        return self.forward_fn(X.T, state, self.params)

    def begin_state(self, batch_size, device):
        return init_rnn_state(batch_size, self.num_hiddens, device)


def flops_per_token(num_hiddens, vocab_size):
    """Andıç başına işlem: ileri 2(Vh + h² + hV), geri yayılım iki katı."""
    h, V = num_hiddens, vocab_size
    return 3 * 2 * (h * h + 2 * h * V)


def synchronize(device):
    """GPU'daki işler bitene dek bekler (ölçüm için); CPU'da bir şey yapmaz."""
    if torch.device(device).type == 'cuda':
        torch.cuda.synchronize(device)


def gemm_gflops(m, k, n, device, repeats):
    """torch.mm'nin (m×k)·(k×n) çarpımdaki hızı, GFLOP/s (ortanca)."""
    device = torch.device(device)
    a = torch.randn(m, k, device=device)
    b = torch.randn(k, n, device=device)
    flop = 2 * m * k * n
    # Bir ölçüm CPU'da ~2, GPU'da ~200 GFLOP: zamanlayıcının çözünürlüğünden
    # çok uzun ama kısa
    budget = 2e11 if device.type == 'cuda' else 2e9
    inner = max(1, int(budget / flop))
    for _ in range(3):
        torch.mm(a, b)
    rates = []
    for _ in range(repeats):
        synchronize(device)
        start = time.perf_counter()
        for _ in range(inner):
            torch.mm(a, b)
        synchronize(device)
        elapsed = time.perf_counter() - start
        rates.append(flop * inner / elapsed / 1e9)
    return statistics.median(rates)
