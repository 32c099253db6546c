"""09'in gizli vakaları (dağıtılmaz)."""
import torch
from torch.nn import functional as F

from .ortak import gen


def _gomme(r):
    # en büyük indis V-3: F.one_hot(X) her zaman daha dar, çarpım biçim hatası verir
    return [{'V': r.randint(6, 30), 'd': r.randint(2, 10), 'b': r.randint(1, 4),
             's': r.randint(2, 6), 'seed': r.getrandbits(31)} for _ in range(2)]


def _girdi(r):
    kare = r.randint(3, 5)   # kare girdi (minigrup = adım): devrik eksikse biçim tutar
    b = r.randint(2, 5)
    return [{'V': r.randint(5, 30), 'd': r.randint(2, 8), 'b': b,
             's': r.choice([s for s in range(2, 9) if s != b]), 'seed': r.getrandbits(31)},
            {'V': r.randint(5, 12), 'd': r.randint(2, 6), 'b': kare, 's': kare,
             'seed': r.getrandbits(31)}]


def _olasilik(r):
    puan = {'V': r.randint(4, 10), 'lseed': r.getrandbits(31), 'olcek': 2.0}
    alfalar = [1.0, round(r.uniform(0.2, 0.8), 3), round(r.uniform(1.5, 5.0), 3), 'inf']
    return [dict(puan, alpha=a) for a in alfalar]


def _ayrik(vaka, alpha, esik=0.15):
    """q ile P yeterince farklı mı (α'sız örnekleme sıklık sınamasında yakalansın)."""
    logits = torch.randn(vaka['V'], generator=gen(vaka['lseed'])).double()
    q, p = F.softmax(alpha * logits, dim=0), F.softmax(logits, dim=0)
    return float((q - p).abs().max()) >= esik


def _ornek(r):
    while True:
        vaka = {'V': r.randint(4, 8), 'lseed': r.getrandbits(31),
                'alpha': round(r.choice([r.uniform(0.2, 0.6), r.uniform(2.0, 4.0)]), 3),
                'n': 3000, 'seed': r.getrandbits(31)}
        if _ayrik(vaka, vaka['alpha']):
            break
    return [vaka, {'V': r.randint(4, 10), 'lseed': r.getrandbits(31), 'olcek': 3.0,
                   'alpha': 'inf', 'n': 20, 'seed': r.getrandbits(31)}]


def _uret(r):
    metin = 'the time machine by h g wells the time traveller for so it will be'
    bas = r.randint(0, len(metin) - 6)
    onek = metin[bas:bas + r.randint(2, 5)]
    return [{'prefix': onek, 'n': r.randint(20, 40), 'alpha': r.uniform(0.2, 0.5),
             'seed': r.getrandbits(31)},
            {'prefix': onek, 'n': r.randint(3, 15), 'alpha': 'inf', 'seed': r.getrandbits(31)}]


def _relu(r):
    return [{'V': r.randint(4, 12), 'h': r.randint(3, 10), 'steps': r.randint(2, 7),
             'b': r.randint(2, 5), 'seed': r.getrandbits(31)} for _ in range(2)]


VAKALAR = {'embed_by_one_hot': _gomme, 'embed_inputs': _girdi, 'sampling_probs': _olasilik,
           'sample_next': _ornek, 'generate': _uret, 'rnn_relu': _relu}
