"""Örnekleyerek metin üretme: bir sonraki karakteri q ∝ P^α'dan çekmek."""
import math
import numbers

import torch
from torch.nn import functional as F

from .checks import check_prefix
from .rnn import greedy, predict_ch8


def _check_alpha(alpha):
    if (isinstance(alpha, bool) or not isinstance(alpha, numbers.Real)
            or math.isnan(alpha)):
        raise ValueError(f'alpha bir sayı olmalı (verilen: {alpha!r}); ör. '
                         'alpha=1.0, en olası karakter için '
                         "alpha=float('inf')")
    if alpha <= 0:
        raise ValueError(
            f'alpha pozitif olmalı (verilen: {alpha}): alpha=1 modelin kendi '
            'dağılımından örnekler, alpha > 1 olası karakterleri kayırır, '
            "alpha=float('inf') her adımda en olası karakteri seçer")


def _check_generator(generator):
    if generator is not None and generator.device.type != 'cpu':
        raise ValueError(
            'generator bir CPU üreteci olmalı (verilen: '
            f'{generator.device}): torch.Generator().manual_seed(0) gibi '
            "kurun; örnekleme CPU'da yapılır ve böylece aynı tohum CPU'da ve "
            "GPU'da (yuvarlama farkları birikene dek) aynı metni verir")


def next_token_probs(logits, alpha):
    """Bir adımın (1, V) çıktısından q ∝ P^α olasılıkları: (V,), CPU, float64.

    P^α ∝ exp(α · logit) olduğu için softmax(α · logit) yeter. En büyük logit
    çarpmadan önce çıkarılır: farklar ≤ 0 olur, α · fark çok büyük bir α'da
    (ör. 1e308) bile taşmaz, -inf olur; en olası andıç(lar) kalır.
    """
    logits = logits.detach().reshape(-1).to('cpu', torch.float64)
    return F.softmax(alpha * (logits - logits.max()), dim=0)


def _draw(probs, generator):
    """Ters dağılım fonksiyonu ile tek çekim: birikimli olasılığı u'yu ilk
    aşan indis.

    Tek bir düzgün sayı u CPU üretecinden gelir; aygıttan bağımsız olduğu için
    aynı tohum CPU'da ve GPU'da aynı karakteri seçer; yalnızca u, iki aygıtın
    yuvarlama düzeyinde farklı olasılıklarının arasına düşerse seçim ayrılır
    (uzun metinlerde, nadiren).
    """
    u = torch.rand((), generator=generator, dtype=torch.float64)
    cdf = torch.cumsum(probs, dim=0)
    idx = int(torch.searchsorted(cdf, u * cdf[-1], right=True))
    return min(idx, len(probs) - 1)   # yuvarlamayla u·toplam sonu aşarsa


def sample_ch8(prefix, num_preds, net, vocab, device, alpha=1.0,
               generator=None):
    """``prefix``'ten sonra ``num_preds`` karakter; her biri q ∝ P^α'dan.

    Döngü ``predict_ch8``'inkidir (aynı ısınma aşaması); yalnızca bir sonraki
    andıcın seçimi değişir: ``alpha=1`` modelin kendi dağılımı, ``alpha > 1``
    olası karakterleri kayırır, ``alpha < 1`` dağılımı düzleştirir,
    ``alpha=float('inf')`` en olası karakteri seçer (``predict_ch8`` ile aynı
    metin). ``generator``: bir CPU ``torch.Generator``; aynı tohum aynı metni
    verir. ``None`` ise torch'un genel üreteci kullanılır (``d2l.set_seed``).
    """
    check_prefix(prefix, num_preds)
    _check_alpha(alpha)
    _check_generator(generator)
    if math.isinf(alpha):
        choose = greedy
    else:
        def choose(y):
            return _draw(next_token_probs(y, alpha), generator)
    return predict_ch8(prefix, num_preds, net, vocab, device, choose)
