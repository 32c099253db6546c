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
4. Zaman boyunca geri yayılım elle yazılır (torch.autograd.Function,
  ``d2lmini.recurrence``): döngüde adım başına yalnızca bir çarpım kalır ve
  W_hh'nin gradyanı 35 küçük çarpımın toplamı yerine tek büyük çarpımdır.

GPU'da istenirse (``cuda_graphs=True``) yinelemenin işlemleri bir CUDA
çizgesine de kaydedilir (``d2lmini.graphs``).

Döngünün kendisi kalır: H_t, H_{t-1}'e bağlıdır; bu sıralı bağımlılık RNN'in
özüdür. Her teknik ayrı bir fonksiyondur (``rnn_lookup``, ``rnn_hoisted``,
``rnn_fast``): hangisinin ne kazandırdığı ``python tools/bench.py`` ile
ölçülür.
"""
import torch
from torch.nn import functional as F

from .checks import check_positive_int, check_tokens
from .graphs import LayerGraphs
from .recurrence import RNNLayer
from .rnn import get_params, init_rnn_state


def rnn_lookup(tokens, state, params):
    """Teknik 1: ``rnn``'in döngüsü, ama X W_xh yerine W_xh'nin bir satırı.

    ``tokens``: (adım sayısı, minigrup) andıç indisleri. Bire bir vektör
    yalnızca bir yerde 1 olduğundan X W_xh, W_xh'nin o satırıdır: 28 sütunluk
    bir çarpım yerine bir kopya (gömme, ``F.embedding``).
    Defter: 08-hizlandirma.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for x in tokens:
        H = torch.tanh(F.embedding(x, W_xh) + H @ W_hh + b_h)
        outputs.append(H @ W_hq + b_q)
    return torch.cat(outputs, dim=0), (H,)


def rnn_hoisted(tokens, state, params):
    """Teknik 1-3: girdi katkısı ve çıkış katmanı döngünün dışında.

    Döngüde adım başına tek çarpım (H W_hh) kalır; çıkışlar bütün adımlar için
    tek çarpımdır. Geri yayılım autograd'da. Defter: 08-hizlandirma.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    # (adım, minigrup, h): bütün adımların girdi katkısı birden
    inputs = F.embedding(tokens, W_xh) + b_h
    hiddens = []
    for x_proj in inputs:
        H = torch.tanh(x_proj + H @ W_hh)
        hiddens.append(H)
    Hs = torch.stack(hiddens)          # (adım, minigrup, h)
    Y = torch.addmm(b_q, Hs.reshape(-1, Hs.shape[-1]), W_hq)
    return Y, (H,)


def rnn_fast(tokens, state, params, layer=RNNLayer.apply):
    """Dört teknik birlikte; dönüş ``rnn`` ile aynı.

    ``tokens``: (adım, minigrup) andıç indisleri. ``layer``: katmanı
    hesaplayan autograd işlemi (GPU'da modelin kaydedilmiş CUDA çizgeleri).
    Defter: 08-hizlandirma.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H0, = state
    # Ek önce W_xh'nin V satırına eklenir: (W_xh + b_h)[x] = W_xh[x] + b_h,
    # ama büyük (adım, minigrup, h) tensörü üzerinden bir geçiş az
    Y, H = layer(tokens, W_xh + b_h, H0, W_hh, W_hq, b_q)
    return Y, (H,)


class RNNModelFast:
    """RNNModelScratch'in arayüzü ve ilk ağırlıkları; ileri/geri ``rnn_fast``.

    ``.params`` = [W_xh, W_hh, b_h, W_hq, b_q], ``get_params`` ile çekilir:
    aynı tohum aynı ilk modeli verir; train_ch8, predict_ch8 ve grad_clipping
    değişmeden çalışır. ``forward_fn`` ile tekniklerin ara basamakları da
    denenir; ``params`` verilirse (ör. kayıttan) rastgele çekim yapılmaz.
    Varsayılan yol eager'dır (her işlem ayrı başlatılır); ``cuda_graphs=True``
    ile GPU'da ``rnn_fast``'in katmanı CUDA çizgelerinden oynatılır. GPU
    katmanı (``make test-gpu``) iki yolu da sınar.
    Defter: 08-hizlandirma.
    """

    def __init__(self, vocab_size, num_hiddens, device, forward_fn=rnn_fast,
                 params=None, cuda_graphs=False):
        example = '; ör. RNNModelFast(len(vocab), 512, device)'
        check_positive_int('vocab_size', vocab_size, example)
        check_positive_int('num_hiddens', num_hiddens, example)
        self.vocab_size, self.num_hiddens = vocab_size, num_hiddens
        if params is None:
            params = get_params(vocab_size, num_hiddens, device)
        self.params, self.forward_fn = params, forward_fn
        self.graphs = LayerGraphs() if cuda_graphs else None

    def __call__(self, X, state):
        # X: (minigrup, adım) andıç indisleri; bire bir kodlama yok
        check_tokens(X, self.vocab_size)
        if (X.is_cuda and self.graphs is not None
                and self.forward_fn is rnn_fast):
            return rnn_fast(X.T, state, self.params, self.graphs.apply)
        return self.forward_fn(X.T, state, self.params)

    def begin_state(self, batch_size, device):
        return init_rnn_state(batch_size, self.num_hiddens, device)
