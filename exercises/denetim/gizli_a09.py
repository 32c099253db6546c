"""08'in gizli vakaları (dağıtılmaz)."""
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


def _norm(r):
    out = []
    for k in (r.randint(2, 5), 4):
        normlar = [round(r.uniform(0.05, 8.0), 3) for _ in range(k)]
        out.append({'seed': r.getrandbits(31), 'normlar': ' '.join(map(str, normlar))})
    return out


def _tasima(r):
    return [{'torch_model': tm, 'V': r.randint(4, 12), 'h': r.randint(2, 8),
             'b': r.randint(1, 4), 's': r.randint(2, 5), 'seed': r.getrandbits(31)}
            for tm in (True, False)]


def _relu(r):
    return [{'V': r.randint(4, 12), 'h': r.randint(3, 10), 'steps': r.randint(2, 7),
             'b': r.randint(2, 5), 'seed': r.getrandbits(31)} for _ in range(2)]


VAKALAR = {'embed_by_one_hot': _gomme, 'embed_inputs': _girdi, 'sampling_probs': _olasilik,
           'sample_next': _ornek, 'global_grad_norm': _norm, 'carry_state': _tasima,
           'rnn_relu': _relu}
