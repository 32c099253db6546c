"""Örnekleyerek metin üretme: bir sonraki karakteri q ∝ P^α dağılımından çekmek."""
import math
import numbers

import torch
from torch.nn import functional as F


def _check_alpha(alpha):
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or math.isnan(alpha):
        raise ValueError(f'alpha bir sayı olmalı (verilen: {alpha!r}); ör. alpha=1.0, '
                         "en olası karakter için alpha=float('inf')")
    if alpha <= 0:
        raise ValueError(f'alpha pozitif olmalı (verilen: {alpha}): alpha=1 modelin kendi '
                         'dağılımından örnekler, alpha > 1 olası karakterleri kayırır, '
                         "alpha=float('inf') her adımda en olası karakteri seçer")


def _check_generator(generator):
    if generator is not None and generator.device.type != 'cpu':
        raise ValueError(f'generator bir CPU üreteci olmalı (verilen: {generator.device}): '
                         'torch.Generator().manual_seed(0) gibi kurun; örnekleme CPU\'da yapılır '
                         've böylece aynı tohum CPU\'da ve GPU\'da (yuvarlama farkları birikene dek) aynı metni verir')


def next_token_probs(logits, alpha):
    """Bir adımın çıktısından (1, V) q ∝ P^α olasılıklarını (V,) CPU'da, float64 olarak verir.

    P^α ∝ exp(α · logit) olduğu için softmax(α · logit) yeter; softmax en büyük değeri
    çıkararak hesapladığından büyük α taşma yaratmaz.
    """
    return F.softmax(alpha * logits.detach().reshape(-1).to('cpu', torch.float64), dim=0)


def _draw(probs, generator):
    """Ters dağılım fonksiyonu ile tek çekim: birikimli olasılığı u'yu ilk aşan indis.

    Tek bir düzgün sayı u CPU üretecinden gelir; aygıttan bağımsız olduğu için aynı tohum
    CPU'da ve GPU'da aynı karakteri seçer; yalnızca u, iki aygıtın yuvarlama düzeyinde farklı
    olasılıklarının arasına düşerse seçim ayrılır (uzun metinlerde, nadiren).
    """
    u = torch.rand((), generator=generator, dtype=torch.float64)
    cdf = torch.cumsum(probs, dim=0)
    idx = int(torch.searchsorted(cdf, u * cdf[-1], right=True))
    return min(idx, len(probs) - 1)   # yuvarlama yüzünden u·toplam son değeri aşarsa


def sample_ch8(prefix, num_preds, net, vocab, device, alpha=1.0, generator=None):
    """``prefix``'ten sonra ``num_preds`` karakter üretir; her karakter q ∝ P^α'dan çekilir.

    ``predict_ch8`` gibi önce ısınma dönemi (önek modele verilir, yalnız gizli durum güncellenir).
    Sonra her adımda P modelin olasılıkları, q ∝ P^α: ``alpha=1`` modelin kendi dağılımı,
    ``alpha > 1`` olası karakterleri kayırır, ``alpha < 1`` dağılımı düzleştirir,
    ``alpha=float('inf')`` her adımda en olası karakteri seçer (``predict_ch8`` ile aynı metin).
    ``generator``: bir CPU ``torch.Generator``; aynı tohum aynı metni verir. ``None`` ise
    torch'un genel üreteci kullanılır (``d2l.set_seed`` ile tekrarlanabilir).
    """
    if not prefix:
        raise ValueError('prefix boş olamaz: en az bir karakterlik bir önek verin, ör. "time traveller"')
    if num_preds < 0:
        raise ValueError(f'num_preds negatif olamaz (verilen: {num_preds}); 0 ya da pozitif bir sayı verin')
    _check_alpha(alpha)
    _check_generator(generator)
    state = net.begin_state(batch_size=1, device=device)
    outputs = [vocab[prefix[0]]]
    with torch.no_grad():
        for ch in prefix[1:]:   # ısınma dönemi
            _, state = net(torch.tensor([[outputs[-1]]], device=device), state)
            outputs.append(vocab[ch])
        for _ in range(num_preds):
            y, state = net(torch.tensor([[outputs[-1]]], device=device), state)
            if math.isinf(alpha):
                outputs.append(int(y.argmax(dim=1)))
            else:
                outputs.append(_draw(next_token_probs(y, alpha), generator))
    return ''.join(vocab.to_tokens(outputs))
