"""01: bire bir kodlama (``one_hot_inputs``)."""
import torch
from torch.nn import functional as F

from .hatalar import Hata, hata
from .ortak import Soru, bul, cagir, gen, sonuc, tanimli, tensor

YASAK = []   # d2lmini'de bu adla bir fonksiyon yok


def _girdi(vaka):
    if vaka.get('arange'):   # kitaptaki örnek: arange(10).reshape(2, 5)
        return torch.arange(vaka['b'] * vaka['s']).reshape(vaka['b'], vaka['s'])
    g = gen(vaka['seed'])
    return torch.randint(0, vaka['V'], (vaka['b'], vaka['s']), generator=g)


def yokla(env, vaka):
    f = bul(env, 'one_hot_inputs')
    if f is None:
        return {'tanimsiz': True}
    return {'out': cagir(f, _girdi(vaka), vaka['V'])}


def yargila(gozlem, vaka):
    tanimli(gozlem, 'one_hot_inputs')
    X, V = _girdi(vaka), vaka['V']
    out = tensor('one_hot_inputs', sonuc('one_hot_inputs', gozlem['out']))
    b, s = X.shape
    want = (s, b, V)
    if tuple(out.shape) == (b, s, V) and b != s:
        hata('devrik_eksik', got=tuple(out.shape), want=want)
    if out.dim() == 3 and tuple(out.shape[:2]) == (s, b) and out.shape[2] != V:
        hata('yanlis_genislik', got=out.shape[2], want=V)
    if tuple(out.shape) != want:
        raise Hata(f'`one_hot_inputs`: biçim {tuple(out.shape)}, beklenen {want} '
                   '(adım, minigrup, kelime dağarcığı boyu).')
    if not out.is_floating_point():
        raise Hata('`one_hot_inputs`: sonuç kayan noktalı olmalı (dtype '
                   f'{out.dtype}); .type(torch.float32) ile çevirin: ağırlıklarla '
                   'çarpılacak.')
    ref = F.one_hot(X.T, V).float()
    if torch.equal(out.float(), F.one_hot(X, V).float().reshape(want)):
        if not torch.equal(out.float(), ref):   # biçim tutuyor ama sıra devrik değil
            hata('devrik_eksik', got='(minigrup, adım, V) yeniden biçimlenmiş', want=want)
    if not torch.equal(out.float(), ref):
        raise Hata('`one_hot_inputs`: değerler yanlış: out[t, i] X[i, t] indisli birim '
                   'vektör olmalı (tek bir 1, geri kalanı 0).')


SORULAR = [Soru('one_hot_inputs', 'one_hot', yokla, yargila,
                [{'V': 28, 'b': 2, 's': 5, 'seed': 0, 'arange': True},
                 {'V': 9, 'b': 3, 's': 6, 'seed': 1}])]
