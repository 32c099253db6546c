"""07: konuma göre şaşkınlık (``position_perplexity``): rastgele örneklemede neden ilk
konumların şaşkınlığı yüksek?"""
import torch
from torch.nn import functional as F

import d2lmini as d2l

from .hatalar import Hata, hata
from .ortak import Soru, bul, cagir, close, gen, sonuc, tanimli, tensor

YASAK = []


def girdiler(vaka):
    """(y_hat, Y): (adım · minigrup, V) puanlar ve (minigrup, adım) hedefler. İlk konumlar
    kasıtlı olarak daha belirsiz: konumların şaşkınlıkları birbirinden farklı olsun."""
    V, b, s = vaka['V'], vaka['b'], vaka['s']
    g = gen(vaka['seed'])
    Y = torch.randint(0, V, (b, s), generator=g)
    logits = torch.randn(s, b, V, generator=g)
    keskinlik = torch.linspace(0.2, 4.0, s).reshape(s, 1, 1)   # sonraki konumlar daha emin
    logits = logits + keskinlik * F.one_hot(Y.T, V) * 3
    return logits.reshape(s * b, V), Y


def kahin(y_hat, Y):
    s, b = Y.shape[1], Y.shape[0]
    l = F.cross_entropy(y_hat, Y.T.reshape(-1), reduction='none')
    return l.reshape(s, b).mean(dim=1).exp()


def yokla(env, vaka):
    f = bul(env, 'position_perplexity')
    if f is None:
        return {'tanimsiz': True}
    y_hat, Y = girdiler(vaka)
    return {'out': cagir(f, y_hat.clone(), Y.clone())}


def yargila(gozlem, vaka):
    tanimli(gozlem, 'position_perplexity')
    out = tensor('position_perplexity', sonuc('position_perplexity', gozlem['out']))
    y_hat, Y = girdiler(vaka)
    b, s = Y.shape
    want = kahin(y_hat, Y)
    out = out.reshape(-1) if out.numel() == s else out
    if close(out, want, atol=1e-4):
        return
    per = F.cross_entropy(y_hat, Y.T.reshape(-1), reduction='none')
    if tuple(out.shape) == (s,):
        if close(out, per.reshape(b, s).mean(dim=0).exp(), atol=1e-4) and b != s:
            hata('konum_devrik')
        wrong_y = F.cross_entropy(y_hat, Y.reshape(-1), reduction='none')
        if close(out, wrong_y.reshape(s, b).mean(dim=1).exp(), atol=1e-4):
            hata('devrik_eksik', got='Y.reshape(-1) ile (minigrup, adım) sırası',
                 want='Y.T.reshape(-1): çıktılarla aynı (adım · minigrup) sıra')
        if close(out, per.exp().reshape(s, b).mean(dim=1), atol=1e-4):
            hata('sasikinlik_ortalamasi')
    if tuple(out.shape) != (s,):
        raise Hata(f'`position_perplexity`: biçim {tuple(out.shape)}, beklenen ({s},): '
                   'her konum (adım) için bir şaşkınlık.')
    raise Hata('`position_perplexity`: değerler beklenenden farklı: konum t için '
               'exp(o konumdaki minigrup örneklerinin ortalama kaybı). Beklenen ilk değer '
               f'{d2l.fmt_num(float(want[0]), 3)}, gelen {d2l.fmt_num(float(out[0]), 3)}.')


SORULAR = [Soru('position_perplexity', 'position', yokla, yargila,
                [{'V': 28, 'b': 4, 's': 6, 'seed': 0}])]
