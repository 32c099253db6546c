"""09: bölümün alıştırmaları: gömmeler (``embed_by_one_hot``, ``embed_inputs``), örnekleme
(``sampling_probs``, ``sample_next``); kalan iki soru ``a09b``de."""
import math

import torch
from torch.nn import functional as F

import d2lmini as d2l

from .a09b import GENERATE, RNN_RELU
from .hatalar import HATALAR, Hata, hata
from .kodlama import HataKaydi
from .ortak import Soru, bul, cagir, close, gen, sonuc, tanimli, tensor

YASAK = ['sampling.next_token_probs', 'sampling._draw', 'sample_ch8']


# --- embed_by_one_hot --------------------------------------------------------------

def gomme_girdileri(vaka):
    g = gen(vaka['seed'])
    W = torch.randn(vaka['V'], vaka['d'], generator=g)
    # en büyük indis V-1'den küçük: genişlik verilmezse torch onu daraltır
    X = torch.randint(0, vaka['V'] - 2, (vaka['b'], vaka['s']), generator=g)
    return X, W


def gomme_yokla(env, vaka):
    f = bul(env, 'embed_by_one_hot')
    if f is None:
        return {'tanimsiz': True}
    X, W = gomme_girdileri(vaka)
    return {'out': cagir(f, X.clone(), W.clone())}


def gomme_yargila(gozlem, vaka):
    tanimli(gozlem, 'embed_by_one_hot')
    out = gozlem['out']
    if isinstance(out, HataKaydi) and 'cannot be multiplied' in out.ileti:
        hata('yanlis_genislik', got='girdideki en büyük indis + 1', want=vaka['V'])
    out = tensor('embed_by_one_hot', sonuc('embed_by_one_hot', out))
    X, W = gomme_girdileri(vaka)
    ref = F.embedding(X, W)
    if not close(out, ref):
        raise Hata(f'`embed_by_one_hot`: sonuç gömme tablosundan okumaya (W[X], biçim '
                   f'{tuple(ref.shape)}) eşit değil; gelen biçim {tuple(out.shape)}. '
                   'Bire bir vektörü W ile çarpmak W\'nin bir satırını seçer.')


# --- embed_inputs ------------------------------------------------------------------

def girdi_gommeleri(vaka):
    g = gen(vaka['seed'])
    E = torch.randn(vaka['V'], vaka['d'], generator=g)
    X = torch.randint(0, vaka['V'], (vaka['b'], vaka['s']), generator=g)
    return X, E


def girdi_yokla(env, vaka):
    f = bul(env, 'embed_inputs')
    if f is None:
        return {'tanimsiz': True}
    X, E = girdi_gommeleri(vaka)
    return {'out': cagir(f, X.clone(), E.clone()),
            'eye': cagir(f, X.clone(), torch.eye(vaka['V']))}


def girdi_yargila(gozlem, vaka):
    tanimli(gozlem, 'embed_inputs')
    V, d, b, s = vaka['V'], vaka['d'], vaka['b'], vaka['s']
    X, E = girdi_gommeleri(vaka)
    out = tensor('embed_inputs', sonuc('embed_inputs', gozlem['out']))
    if tuple(out.shape) == (b, s, d) and b != s:
        hata('devrik_eksik', got=(b, s, d), want=(s, b, d))
    if not close(out, E[X.T]):
        if b == s and close(out, E[X]):   # kare girdi: biçim tutar, değerler devrik
            hata('devrik_eksik', got='(minigrup, adım, d)', want=(s, b, d))
        raise Hata(f'`embed_inputs`: sonuç E[X.T] olmalı, biçimi {(s, b, d)} '
                   f'(gelen {tuple(out.shape)}).')
    eye = sonuc('embed_inputs', gozlem['eye'])
    if not close(eye, F.one_hot(X.T, V).float()):
        raise Hata('`embed_inputs`: E birim matris olunca sonuç bire bir kodlama olmalı.')


# --- sampling_probs ve sample_next: ortak girdiler -----------------------------------

_P = torch.tensor([0.5, 0.3, 0.15, 0.05])


def puanlar(vaka):
    """Vakanın puanları (V,): 'lseed' yoksa açık denetimin P'sinin logaritması."""
    if 'lseed' not in vaka:
        return _P.log()
    return torch.randn(vaka['V'], generator=gen(vaka['lseed'])) * vaka.get('olcek', 1.0)


def alfa(vaka):
    a = vaka['alpha']
    return float('inf') if a == 'inf' else float(a)


def _liste(q):
    return [round(float(v), 4) for v in q]


# --- sampling_probs ----------------------------------------------------------------

def olasilik_yokla(env, vaka):
    f = bul(env, 'sampling_probs')
    if f is None:
        return {'tanimsiz': True}
    return {'out': cagir(f, puanlar(vaka).clone(), alfa(vaka))}


def olasilik_yargila(gozlem, vaka):
    tanimli(gozlem, 'sampling_probs')
    logits, alpha = puanlar(vaka), alfa(vaka)
    q = tensor('sampling_probs', sonuc('sampling_probs', gozlem['out'])).reshape(-1).double()
    if math.isinf(alpha):
        want = F.one_hot(logits.argmax(), len(logits)).double()
        if not close(q, want, atol=1e-6):
            hata('alfa_sonsuz', got=_liste(q))
        return
    want = F.softmax(alpha * logits.double(), dim=0)
    if (alpha != 1 and not close(q, want, atol=1e-6)
            and close(q, F.softmax(logits.double(), dim=0), atol=1e-6)):
        hata('alfa_yok')
    if not close(q, want, atol=1e-6):
        raise Hata(f'`sampling_probs`: q = {_liste(q)}, beklenen {_liste(want)} '
                   '(q ∝ P^α, toplamı 1).')


# --- sample_next -------------------------------------------------------------------

SIGMA = 5        # sıklık sınaması: her olasılık için ± SIGMA standart hata (+ 1e-3)
TEKRAR = 30      # üreteç sınaması: aynı tohumlu iki üreteçle bu kadar çekim
# Katalogda (hatalar.HATALAR) yer alana dek adlandırılmış yanlışın kendi iletisi
_URETEC_YOK = (
    'üreteç kullanılmamış',
    'Aynı tohumla kurulmuş iki üreteçle yapılan çekimler farklı çıktı: rastgelelik '
    'verilen üreteçten değil, torch\'un genel üretecinden geliyor, yani sonuç tohumla '
    'yeniden üretilemez. Üreteci torch.multinomial(q, 1, generator=generator) (ya da '
    'torch.rand(..., generator=generator)) ile verin.')


def _cekimler(f, logits, alpha, g, n):
    draws = []
    for _ in range(n):
        d = cagir(f, logits.reshape(1, -1), alpha, g)
        draws.append(d)
        if isinstance(d, HataKaydi) or not isinstance(d, int):
            break   # ilk bozuk sonuç yargıya yeter
    return draws


def ornek_yokla(env, vaka):
    f = bul(env, 'sample_next')
    if f is None:
        return {'tanimsiz': True}
    logits, alpha = puanlar(vaka), alfa(vaka)
    gozlem = {}
    if not math.isinf(alpha):
        # iki kez aynı tohumlu üreteç; arada genel üreteç başka tohumla. Puanlar eşit: q
        # düzgün, genel üreteçten gelen iki dizinin rastlantıyla aynı olması ~ V^-TEKRAR
        for ad, tohum in (('tekrar1', 1), ('tekrar2', 2)):
            torch.manual_seed(tohum)
            gozlem[ad] = _cekimler(f, torch.zeros(len(logits)), alpha, gen(vaka['seed']),
                                   TEKRAR)
    torch.manual_seed(0)
    gozlem['draws'] = _cekimler(f, logits, alpha, gen(vaka['seed']), vaka['n'])
    return gozlem


def _cekim_sonuclari(draws, V, alpha):
    for d in draws:
        try:
            sonuc('sample_next', d)
        except Hata as e:
            if (math.isinf(alpha) and 'henüz yazılmadı' not in str(e)
                    and e.anahtar != 'kaynak_yasak'):
                hata('alfa_sonsuz', got=f'bir hata ({e})')
            raise
    if not all(isinstance(d, int) and 0 <= d < V for d in draws):
        raise Hata('`sample_next` 0 ile V-1 arasında bir tam sayı (int) döndürmeli.')
    return draws


def ornek_yargila(gozlem, vaka):
    tanimli(gozlem, 'sample_next')
    logits, alpha, n = puanlar(vaka), alfa(vaka), vaka['n']
    V = len(logits)
    draws = _cekim_sonuclari(gozlem['draws'], V, alpha)
    if len(draws) != n:
        raise Hata('`sample_next` 0 ile V-1 arasında bir tam sayı (int) döndürmeli.')
    if math.isinf(alpha):
        greedy = d2l.greedy(logits.reshape(1, -1))
        if any(d != greedy for d in draws):
            hata('alfa_sonsuz', got=f'{draws[:5]}..., açgözlü seçim {greedy}')
        return
    freq = torch.bincount(torch.tensor(draws), minlength=V).double() / n
    q = F.softmax(alpha * logits.double(), dim=0)
    tol = SIGMA * torch.sqrt(q * (1 - q) / n) + 1e-3
    if bool(((freq - q).abs() > tol).any()):
        p = F.softmax(logits.double(), dim=0)
        if alpha != 1 and bool(((freq - p).abs() <= SIGMA * torch.sqrt(p * (1 - p) / n)
                                + 1e-3).all()):
            hata('alfa_yok')
        raise Hata(f'`sample_next`: {n} çekimin sıklıkları '
                   f'{[round(float(v), 3) for v in freq]}, q ∝ P^α ise '
                   f'{[round(float(v), 3) for v in q]}; üreteci (generator) '
                   'torch.multinomial ya da torch.rand\'a verin.')
    birinci = _cekim_sonuclari(gozlem['tekrar1'], V, alpha)
    ikinci = _cekim_sonuclari(gozlem['tekrar2'], V, alpha)
    if birinci != ikinci:
        if 'uretec_yok' in HATALAR:
            hata('uretec_yok')
        raise Hata('Olası hata: {}. {}'.format(*_URETEC_YOK), anahtar='uretec_yok')


SORULAR = [
    Soru('embed_by_one_hot', 'embed', gomme_yokla, gomme_yargila,
         [{'V': 10, 'd': 4, 'b': 2, 's': 5, 'seed': 0}]),
    Soru('embed_inputs', 'embed_inputs', girdi_yokla, girdi_yargila,
         [{'V': 28, 'd': 6, 'b': 2, 's': 5, 'seed': 0}]),
    Soru('sampling_probs', 'probs', olasilik_yokla, olasilik_yargila,
         [{'alpha': 2.0}, {'alpha': 'inf'}]),
    Soru('sample_next', 'sample', ornek_yokla, ornek_yargila,
         [{'alpha': 2.0, 'n': 3000, 'seed': 0}, {'alpha': 'inf', 'n': 20, 'seed': 0}]),
    GENERATE, RNN_RELU,
]
