"""08'in kalan soruları: ``global_grad_norm``, ``carry_state``, ``rnn_relu`` (sorular
``a08.SORULAR``da, defterdeki sırayla)."""
import math

import torch

import d2lmini as d2l

from .a03 import ileri_yargila, ileri_yokla
from .hatalar import Hata, hata
from .izleme import grads, scratch_net
from .kodlama import HataKaydi
from .ortak import CPU, Soru, bul, cagir, gen, sonuc, tanimli, tensor, tur_adi


# --- global_grad_norm --------------------------------------------------------------

def norm_params(vaka):
    """Vakanın parametreleri: 'normlar' boşlukla ayrılmış gradyan normları."""
    return grads(vaka['seed'], [float(v) for v in vaka['normlar'].split()])


def _sayi(x):
    return float(torch.as_tensor(x))


def norm_yokla(env, vaka):
    f = bul(env, 'global_grad_norm')
    if f is None:
        return {'tanimsiz': True}
    out = cagir(f, norm_params(vaka))
    gozlem = {'out': out}
    if not isinstance(out, HataKaydi):
        gozlem['sayi'] = cagir(_sayi, out)
    return gozlem


def norm_yargila(gozlem, vaka):
    tanimli(gozlem, 'global_grad_norm')
    out = sonuc('global_grad_norm', gozlem['out'])
    val = gozlem.get('sayi')
    if type(val) is not float:
        raise Hata(f'`global_grad_norm`: sonuç bir sayı (float) olmalı, {tur_adi(out)} '
                   'geldi.')
    params = norm_params(vaka)
    clones = [p.detach().clone().requires_grad_(True) for p in params]
    for c, p in zip(clones, params):
        c.grad = p.grad.clone()
    ref = float(torch.nn.utils.clip_grad_norm_(clones, float('inf')))   # kâhin: torch
    if (len(params) > 1 and not math.isclose(val, ref, rel_tol=1e-5)
            and math.isclose(val, sum(float(p.grad.norm()) for p in params),
                             rel_tol=1e-5)):
        raise Hata('`global_grad_norm`: parametrelerin normları toplanmış; norm bütün '
                   'gradyanlar üzerinden birlikte alınır: √(Σ_i ‖g_i‖²).')
    if not math.isclose(val, ref, rel_tol=1e-5):
        raise Hata(f'`global_grad_norm`: {val:.5f}, beklenen {ref:.5f} = √(Σ_i ‖g_i‖²).')


# --- carry_state -------------------------------------------------------------------

def tasinan_durum(vaka):
    """Bir minigruptan geçmiş, çizgeye bağlı durum (sıfırdan model: demet; torch: tensör)."""
    V, h, b = vaka['V'], vaka['h'], vaka['b']
    if vaka['torch_model']:
        torch.manual_seed(vaka['seed'])
        net = d2l.RNNModelTorch(V, h, CPU)
    else:
        net = scratch_net(V, h, vaka['seed'])
    X = torch.randint(0, V, (b, vaka['s']), generator=gen(vaka['seed']))
    _, state = net(X, net.begin_state(b, CPU))
    return state


def tasima_yokla(env, vaka):
    f = bul(env, 'carry_state')
    if f is None:
        return {'tanimsiz': True}
    state = tasinan_durum(vaka)
    return {'kept': cagir(f, state, False), 'cut': cagir(f, state, True)}


def tasima_yargila(gozlem, vaka):
    tanimli(gozlem, 'carry_state')
    state = tasinan_durum(vaka)
    kept = sonuc('carry_state', gozlem['kept'])
    cut = sonuc('carry_state', gozlem['cut'])
    for st, detach in ((kept, False), (cut, True)):
        if isinstance(state, tuple) != isinstance(st, tuple):
            if isinstance(state, tuple):
                hata('durum_demet_degil', what='carry_state\'in sonucu')
            raise Hata('`carry_state`: durumun türünü koruyun (demet ya da tensör).')
        parts = st if isinstance(st, tuple) else (st,)
        orig = state if isinstance(state, tuple) else (state,)
        if len(parts) != len(orig) or not all(
                torch.equal(tensor('carry_state', p, 'durum').detach(), o.detach())
                for p, o in zip(parts, orig)):
            raise Hata('`carry_state`: durumun değerleri değişmemeli.')
        if detach and any(p.grad_fn is not None for p in parts):
            hata('koparma_yok', why='detach=True iken dönen durum çizgeye bağlı.')
        if not detach and any(p.grad_fn is None for p in parts):
            raise Hata('`carry_state`: detach=False iken durum çizgeye bağlı kalmalı: '
                       'alıştırma, koparmadan eğitmenin ne yaptığını ölçmek.')


NORM = Soru('global_grad_norm', 'norm', norm_yokla, norm_yargila,
            [{'seed': 0, 'normlar': '2.0 3.0 1.5'}])
CARRY = Soru('carry_state', 'carry', tasima_yokla, tasima_yargila,
             [{'torch_model': False, 'V': 6, 'h': 4, 'b': 2, 's': 3, 'seed': 1}])
RNN_RELU = Soru('rnn_relu', 'rnn_relu', ileri_yokla('rnn_relu'),
                ileri_yargila('rnn_relu', torch.relu),
                [{'V': 6, 'h': 5, 'steps': 4, 'b': 3, 'seed': 0}])
