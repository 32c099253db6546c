"""09'un kalan soruları: eğitilmiş bir modelle metin üretme döngüsü (``generate``) ve
``rnn_relu`` (sorular ``a09.SORULAR``da, defterdeki sırayla)."""
import math

import torch

import d2lmini as d2l

from .a03 import ileri_yargila, ileri_yokla
from .a04 import _loud_net, _vocab
from .hatalar import Hata, hata
from .ortak import Soru, bul, cagir, gen, sonuc, tanimli, tur_adi

CPU = torch.device('cpu')


# --- generate: üretme döngüsü --------------------------------------------------------

def _alfa(vaka):
    return float(vaka['alpha'])


def uretim_yokla(env, vaka):
    f = bul(env, 'generate')
    if f is None:
        return {'tanimsiz': True}
    vocab = _vocab()
    net = _loud_net(vocab, 12, vaka['seed'])
    prefix, n, alpha = vaka['prefix'], vaka['n'], _alfa(vaka)
    gozlem = {}
    # aynı tohumlu iki üreteç; arada genel üreteç başka tohumla: sonuç aynı olmalı
    for ad, tohum in (('metin1', 1), ('metin2', 2)):
        torch.manual_seed(tohum)
        gozlem[ad] = cagir(f, prefix, n, net, vocab, CPU, alpha, gen(vaka['seed']))
    return gozlem


def uretim_yargila(gozlem, vaka):
    tanimli(gozlem, 'generate')
    prefix, n, alpha = vaka['prefix'], vaka['n'], _alfa(vaka)
    out = sonuc('generate', gozlem['metin1'])
    if not isinstance(out, str):
        raise Hata(f'`generate` bir metin (str) döndürmeli, {tur_adi(out)} geldi.')
    if not out.startswith(prefix) or len(out) != len(prefix) + n:
        raise Hata(f'`generate`: sonuç önekle ({prefix!r}) başlamalı ve tam '
                   f'{len(prefix) + n} karakter olmalı; gelen {out!r}. Isınma aşaması '
                   'predict_ch8\'deki gibidir.')
    vocab = _vocab()
    greedy = d2l.predict_ch8(prefix, n, _loud_net(vocab, 12, vaka['seed']), vocab, CPU)
    if math.isinf(alpha):
        if out != greedy:
            raise Hata(f'`generate`: α = ∞\'da sonuç predict_ch8\'inkiyle aynı olmalı '
                       f'({greedy!r}), gelen {out!r}: ısınma aşamasını ve her adımda '
                       'sample_next\'i (α = ∞\'da en olası andıç) denetleyin.')
        return
    if sonuc('generate', gozlem['metin2']) != out:
        hata('uretec_yok')
    if out == greedy and n >= 20:
        raise Hata('`generate`: α küçükken (dağılım düz) sonuç açgözlü tahminin aynısı: her '
                   'adımda sample_next(y, alpha, generator) ile örnekleyin, y.argmax ile '
                   'değil.')


GENERATE = Soru('generate', 'generate', uretim_yokla, uretim_yargila,
                [{'prefix': 'time traveller ', 'n': 30, 'alpha': 0.3, 'seed': 0},
                 {'prefix': 'the ', 'n': 12, 'alpha': 'inf', 'seed': 1}])

RNN_RELU = Soru('rnn_relu', 'rnn_relu', ileri_yokla('rnn_relu'),
                ileri_yargila('rnn_relu', torch.relu),
                [{'V': 6, 'h': 5, 'steps': 4, 'b': 3, 'seed': 0}])
