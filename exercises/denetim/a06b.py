"""06'nın yapı taşları: kayıplardan şaşkınlık (``perplexity_from_losses``) ve bir sonraki
minigrubun başlangıç durumu (``prepare_state``); ``train_epoch_ch8`` ``a06``da."""
import math

import torch

import d2lmini as d2l

from .hatalar import Hata, hata
from .izleme import IzliModel, IzliModul, scratch_net
from .ortak import CPU, Soru, bul, cagir, close, gen, sonuc, tanimli, tur_adi



def _kur(vaka):
    """Vakadan model, girdi ve taşınan durum (çizgeye bağlı, sıfır olmayan)."""
    V, h, b, seed = vaka['V'], vaka['h'], vaka['b'], vaka['seed']
    torch.manual_seed(seed)
    base = d2l.RNNModelTorch(V, h, CPU) if vaka.get('torch') else scratch_net(V, h, seed)
    X = torch.randint(0, V, (b, vaka.get('s', 5)), generator=gen(seed))
    _, carried = base(X, base.begin_state(b, CPU))
    return base, carried


def _kopya(st):
    """Dönen durumun o anki değerleri (sonraki çağrılar yerinde değiştirse de)."""
    if isinstance(st, tuple):
        return tuple(_kopya(t) for t in st)
    return st.detach().clone() if isinstance(st, torch.Tensor) else st


def yokla(env, vaka):
    f = bul(env, 'prepare_state')
    if f is None:
        return {'tanimsiz': True}
    b = vaka['b']
    base, carried = _kur(vaka)
    net = (IzliModul if vaka.get('torch') or vaka.get('modul') else IzliModel)(base)
    # Durum yoksa (dönemin ilk minigrubu) her iki yöntemde de ilklenir
    yok = [cagir(_kopya, cagir(f, net, None, b, CPU, r)) for r in (False, True)]
    c0 = net.begin_calls
    rastgele = cagir(_kopya, cagir(f, net, carried, b, CPU, True))
    c1 = net.begin_calls
    sirali = cagir(f, net, carried, b, CPU, False)   # son çağrı: olduğu gibi (grad_fn dahil)
    return {'yok': yok, 'rastgele': rastgele, 'sirali': sirali,
            'calls': [c0, net.begin_calls - c0, net.begin_calls - c1]}


def _parcalar(st):
    parts = st if isinstance(st, tuple) else (st,)
    for p in parts:
        if not isinstance(p, torch.Tensor):
            raise Hata('`prepare_state` bir durum döndürmeli (tensör ya da tensör demeti), '
                       f'içinde {tur_adi(p)} geldi.')
    return parts


def yargila(gozlem, vaka):
    tanimli(gozlem, 'prepare_state')
    torch_model = vaka.get('torch', False)
    for st in gozlem['yok']:
        st = sonuc('prepare_state', st)
        if not torch_model and isinstance(st, torch.Tensor):
            hata('durum_demet_degil', what='prepare_state\'in sonucu')
        if any(bool((p != 0).any()) for p in _parcalar(st)):
            raise Hata('`prepare_state`: durum yokken (state=None) '
                       'net.begin_state(batch_size, device) ile ilkleyin.')
    _, calls_r, calls_s = gozlem['calls']
    st = sonuc('prepare_state', gozlem['rastgele'])
    if calls_r == 0 or any(bool((p != 0).any()) for p in _parcalar(st)):
        hata('rastgele_tasima', calls=calls_r, n=1)
    st = sonuc('prepare_state', gozlem['sirali'])
    parts = _parcalar(st)
    if calls_s > 0 or all(bool((p == 0).all()) for p in parts):
        hata('sirali_yeniden_ilkleme', calls=calls_s + 1)
    if any(p.grad_fn is not None for p in parts):
        hata('koparma_yok', why='Dönen durum hâlâ çizgeye bağlı.')
    _, carried = _kur(vaka)
    if isinstance(carried, tuple) != isinstance(st, tuple):
        raise Hata('`prepare_state`: durumun türünü koruyun: sıfırdan modelde bir demet '
                   '(tuple(s.detach() for s in state)), nn.RNN\'de tek bir tensör '
                   '(state.detach()).')
    values = carried if isinstance(carried, tuple) else (carried,)
    if len(parts) != len(values) or not all(close(p, v, atol=1e-6)
                                            for p, v in zip(parts, values)):
        raise Hata('`prepare_state`: sıralı bölümlemede durumun değerleri korunmalı; '
                   'yalnızca çizgeden koparılıp ayrılır.')


# --- kayıplardan şaşkınlık ---------------------------------------------------------

def kayiplar(vaka):
    """(minigrupların ortalama kayıpları, andıç sayıları): sayılar birbirinden farklı."""
    g = gen(vaka['seed'])
    n = vaka['n']
    losses = (torch.rand(n, generator=g, dtype=torch.float64) * 3 + 0.2).tolist()
    counts = torch.randint(5, 400, (n,), generator=g).tolist()
    return losses, counts


def ppl_yokla(env, vaka):
    f = bul(env, 'perplexity_from_losses')
    if f is None:
        return {'tanimsiz': True}
    losses, counts = kayiplar(vaka)
    return {'out': cagir(f, list(losses), list(counts))}


def ppl_yargila(gozlem, vaka):
    tanimli(gozlem, 'perplexity_from_losses')
    out = sonuc('perplexity_from_losses', gozlem['out'])
    if isinstance(out, torch.Tensor) and out.numel() == 1:
        out = float(out)
    if type(out) not in (int, float):
        raise Hata('`perplexity_from_losses` bir sayı (float) döndürmeli, '
                   f'{tur_adi(out)} geldi.')
    losses, counts = kayiplar(vaka)
    mean = sum(l * n for l, n in zip(losses, counts)) / sum(counts)
    want = math.exp(mean)
    if math.isclose(out, want, rel_tol=1e-6):
        return
    if math.isclose(out, mean, rel_tol=1e-6):
        hata('us_yok', got=d2l.fmt_num(out, 4), want=d2l.fmt_num(want, 4))
    if math.isclose(out, sum(math.exp(l) for l in losses) / len(losses), rel_tol=1e-6):
        hata('sasikinlik_ortalamasi')
    if math.isclose(out, math.exp(sum(losses) / len(losses)), rel_tol=1e-6):
        hata('agirliksiz_ortalama')
    raise Hata(f'`perplexity_from_losses`: {d2l.fmt_num(out, 4)}, beklenen '
               f'{d2l.fmt_num(want, 4)} = exp(Σ kayıp_i · n_i / Σ n_i).')


SORULAR = [
    Soru('perplexity_from_losses', 'perplexity', ppl_yokla, ppl_yargila,
         [{'n': 4, 'seed': 0}]),
    Soru('prepare_state', 'prepare', yokla, yargila, [{'V': 6, 'h': 4, 'b': 3, 'seed': 0}]),
]
