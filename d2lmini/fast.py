"""Hızlı sıfırdan RNN: aynı model, aynı sonuç, daha az ve daha büyük matris çarpımı.

RNNModelScratch her zaman adımında üç küçük çarpım yapar (X W_xh, H W_hh, H W_hq); geri
yayılımda autograd bunların her biri için iki çarpım daha ve birikim toplamaları ekler:
35 adımlık bir minigrupta yaklaşık 280 küçük çarpım. Buradaki teknikler işi yeniden düzenler:

1. Bire bir kodlanmış bir vektörle çarpmak, W_xh'nin bir satırını seçmektir (bölümün ilk
   alıştırması): çarpım yerine satır seçme (gömme).
2. Girdinin katkısı gizli duruma bağlı değildir: bütün adımlar için tek seferde hesaplanır.
3. Çıkış katmanı da döngünün dışına çıkar: bütün gizli durumlar tek bir büyük çarpımda.
4. Zaman boyunca geri yayılım elle yazılır (torch.autograd.Function): döngüde adım başına
   yalnızca bir çarpım kalır ve W_hh'nin gradyanı 35 küçük çarpımın toplamı yerine tek büyük
   çarpımdır.

Döngünün kendisi kalır: H_t, H_{t-1}'e bağlıdır; bu sıralı bağımlılık RNN'in özüdür.
Her teknik ayrı bir fonksiyondur (``rnn_lookup``, ``rnn_hoisted``, ``rnn_fast``): hangisinin ne
kazandırdığı ``python -m d2lmini.bench`` ile ölçülür.
"""
import torch
from torch.autograd.function import once_differentiable

from .rnn import get_params, init_rnn_state


def rnn_lookup(tokens, state, params):
    """Teknik 1: ``rnn`` ile aynı döngü, ama X W_xh çarpımı yerine W_xh'nin satırı seçilir.

    ``tokens``: (adım sayısı, minigrup) andıç indisleri. Bire bir vektör yalnızca bir yerde 1
    olduğundan X W_xh, W_xh'nin o satırıdır: 28 sütunluk bir çarpım yerine bir kopya.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for x in tokens:
        H = torch.tanh(W_xh[x] + H @ W_hh + b_h)
        outputs.append(H @ W_hq + b_q)
    return torch.cat(outputs, dim=0), (H,)


def rnn_hoisted(tokens, state, params):
    """Teknik 1-3: girdi katkısı ve çıkış katmanı döngünün dışında, geri yayılım autograd'da.

    Döngüde adım başına tek çarpım (H W_hh) kalır; çıkışlar bütün adımlar için tek çarpımdır.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    inputs = W_xh[tokens] + b_h        # (adım, minigrup, h): bütün adımlar birden
    hiddens = []
    for x_proj in inputs:
        H = torch.tanh(x_proj + H @ W_hh)
        hiddens.append(H)
    Hs = torch.stack(hiddens)          # (adım, minigrup, h)
    Y = torch.addmm(b_q, Hs.reshape(-1, Hs.shape[-1]), W_hq)
    return Y, (H,)


def recurrence_forward(inputs, H0, W_hh):
    """H_t = tanh(A_t), A_t = inputs_t + H_{t-1} W_hh; bütün gizli durumlar (adım, minigrup, h)."""
    # Tampon önce girdi katkısıyla dolar: A_t'nin ilk terimi hazır
    Hs = inputs.clone(memory_format=torch.contiguous_format)
    H = H0
    for t in range(inputs.shape[0]):
        # Yerinde: A_t += H_{t-1} W_hh, sonra H_t = tanh(A_t); adım başına yeni tensör yok
        H = Hs[t].addmm_(H, W_hh).tanh_()
    return Hs


def recurrence_backward(dHs, Hs, H0, W_hh):
    """Zaman boyunca geri yayılım: (dA, dH0, dW_hh); dA aynı zamanda inputs'un gradyanıdır.

    G_t, kaybın H_t'ye göre gradyanı olsun. tanh'ın türevi 1 - tanh² olduğundan
        dA_t = G_t ⊙ (1 - H_t²),   G_t = dHs_t + dA_{t+1} W_hhᵀ   (sonraki adımdan gelen pay)
    Döngüde yalnızca dA_{t+1} W_hhᵀ kalır. W_hh'nin gradyanı Σ_t H_{t-1}ᵀ dA_t'dir: adımları
    alt alta dizince bu tek bir büyük çarpımdır, (adım · minigrup) uzunluğunda bir iç çarpım.
    """
    # G_t'nin çıkıştan gelen payı hazır (bitişik bir kopya: yerinde yazılacak)
    dA = dHs.clone(memory_format=torch.contiguous_format)
    T, h = Hs.shape[0], Hs.shape[-1]
    dA[T - 1].mul_(1 - Hs[T - 1] * Hs[T - 1])
    for t in range(T - 2, -1, -1):
        # Yerinde: G_t += dA_{t+1} W_hhᵀ, sonra dA_t = G_t ⊙ (1 - H_t²). Adımın verisi küçük
        # (minigrup × h) ve önbellekte: türevi burada hesaplamak bütün tensörü bir kez daha
        # bellekten okuyup yazmaktan ucuzdur
        dA[t].addmm_(dA[t + 1], W_hh.T).mul_(1 - Hs[t] * Hs[t])
    # W_hh'nin gradyanı Σ_t H_{t-1}ᵀ dA_t: t ≥ 1 için önceki durumlar Hs'nin kendisinde,
    # t = 0 için H0; birleştirip kopyalamak yerine iki çarpım (biri büyük, biri küçük)
    dW_hh = torch.addmm(H0.T @ dA[0], Hs[:-1].reshape(-1, h).T, dA[1:].reshape(-1, h))
    return dA, dA[0] @ W_hh.T, dW_hh


class RNNRecurrence(torch.autograd.Function):
    """Teknik 4: yinelemenin ileri ve geri yayılımı elle; autograd yalnızca sonucu kullanır.

    Autograd her adımın her işlemini ayrı kaydeder ve geri yayılımda W_hh'nin 35 küçük
    gradyanını tek tek toplar. Burada ileri yayılım ``recurrence_forward``, geri yayılım
    ``recurrence_backward``: adım başına tek çarpım ve W_hh için tek büyük çarpım.
    """

    @staticmethod
    def forward(ctx, inputs, H0, W_hh):
        Hs = recurrence_forward(inputs, H0, W_hh)
        ctx.save_for_backward(H0, W_hh, Hs)
        return Hs

    @staticmethod
    @once_differentiable   # geri yayılım yerinde işlemlerle yazıldı: ikinci türev yok
    def backward(ctx, dHs):
        H0, W_hh, Hs = ctx.saved_tensors
        dA, dH0, dW_hh = recurrence_backward(dHs, Hs, H0, W_hh)
        return (dA, dH0 if ctx.needs_input_grad[1] else None,
                dW_hh if ctx.needs_input_grad[2] else None)


def rnn_fast(tokens, state, params):
    """Dört teknik birlikte. ``tokens``: (adım sayısı, minigrup); dönüş ``rnn`` ile aynı."""
    W_xh, W_hh, b_h, W_hq, b_q = params
    H0, = state
    # Gömme ve sapma bütün adımlar için birden. Sapma önce W_xh'nin V satırına eklenir:
    # (W_xh + b_h)[x] = W_xh[x] + b_h, ama büyük (adım, minigrup, h) tensörü üzerinden bir geçiş az
    inputs = (W_xh + b_h)[tokens]
    Hs = RNNRecurrence.apply(inputs, H0, W_hh)     # (adım, minigrup, h)
    Y = torch.addmm(b_q, Hs.reshape(-1, Hs.shape[-1]), W_hq)   # çıkış katmanı tek çarpımda
    # Son durum bir kopya: Hs'nin bir görünümü (view) olsaydı, durumu yerinde koparıp
    # ayıran eğitim döngüleri (ör. kitabın detach_() kullanan döngüsü) hata verirdi
    return Y, (Hs[-1].clone(),)


class RNNModelFast:
    """RNNModelScratch ile aynı arayüz ve aynı ilk ağırlıklar; ileri/geri yayılım ``rnn_fast``.

    ``.params`` = [W_xh, W_hh, b_h, W_hq, b_q] aynı biçimlerde ve ``get_params`` ile çekilir:
    aynı tohum aynı ilk modeli verir. Bu yüzden train_ch8, predict_ch8 ve grad_clipping
    değişmeden çalışır. ``forward_fn`` ile tekniklerin ara basamakları da denenebilir.
    """

    def __init__(self, vocab_size, num_hiddens, device, forward_fn=rnn_fast):
        if vocab_size < 1 or num_hiddens < 1:
            raise ValueError(f'vocab_size ve num_hiddens pozitif olmalı (verilen: {vocab_size}, '
                             f'{num_hiddens}); ör. RNNModelFast(len(vocab), 512, device)')
        self.vocab_size, self.num_hiddens = vocab_size, num_hiddens
        self.params = get_params(vocab_size, num_hiddens, device)
        self.forward_fn = forward_fn

    def __call__(self, X, state):
        """``X``: (minigrup, adım sayısı) andıç indisleri; bire bir kodlama yok, satır seçilir."""
        if X.dim() != 2 or X.is_floating_point():
            # Bire bir kodlanmış girdi burada beklenmez: model satırı indisle kendisi seçer
            raise ValueError(f'X (minigrup, adım sayısı) biçiminde andıç indisleri olmalı; verilen: '
                             f'{X.dtype}, {tuple(X.shape)}. Bire bir kodlamadan önceki indisleri verin')
        return self.forward_fn(X.T, state, self.params)

    def begin_state(self, batch_size, device):
        return init_rnn_state(batch_size, self.num_hiddens, device)
