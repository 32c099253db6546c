"""02: modelin parametreleri (``get_params``)."""
import torch

import d2lmini as d2l

from .hatalar import Hata, hata
from .ortak import CPU, Soru, bul, cagir, sonuc, tanimli, tensor

YASAK = ['get_params']
_ADLAR = ['W_xh', 'W_hh', 'b_h', 'W_hq', 'b_q']


def yokla(env, vaka):
    f = bul(env, 'get_params')
    if f is None:
        return {'tanimsiz': True}
    torch.manual_seed(vaka['seed'])
    return {'out': cagir(f, vaka['V'], vaka['h'], CPU)}


def yargila(gozlem, vaka):
    tanimli(gozlem, 'get_params')
    V, h = vaka['V'], vaka['h']
    params = sonuc('get_params', gozlem['out'])
    if not isinstance(params, (list, tuple)) or len(params) != 5:
        raise Hata('`get_params` beş parametrelik bir liste döndürmeli: '
                   '[W_xh, W_hh, b_h, W_hq, b_q].')
    for name, p in zip(_ADLAR, params):
        tensor('get_params', p, name)
    shapes = [(V, h), (h, h), (h,), (h, V), (V,)]
    got = [tuple(p.shape) for p in params]
    if got != shapes:
        raise Hata(f'`get_params`: biçimler {got}, beklenen {shapes} '
                   '(W_xh: V×h, W_hh: h×h, b_h: h, W_hq: h×V, b_q: V; bu sırayla).')
    no_grad = [n for n, p in zip(_ADLAR, params) if not p.requires_grad]
    if no_grad:
        hata('gradyan_yok', names=', '.join(no_grad))
    not_leaf = [n for n, p in zip(_ADLAR, params) if not p.is_leaf]
    if not_leaf:
        hata('yaprak_degil', names=', '.join(not_leaf))
    for name, p in zip(_ADLAR, params):
        if name.startswith('W'):
            std = float(p.detach().double().std())
            if std > 0.1:
                hata('ilkleme_olcegi', name=name, std=d2l.fmt_num(std, 3))
            if not 0.005 < std < 0.02:
                raise Hata(f'`get_params`: {name} ağırlıklarının standart sapması '
                           f'{d2l.fmt_num(std, 4)}, beklenen 0,01: N(0; 0,01²) için '
                           'torch.randn(...) * 0.01.')
        elif bool((p.detach() != 0).any()):
            raise Hata(f'`get_params`: {name} bir ek (bias): sıfırlarla ilklenmeli '
                       '(torch.zeros).')


SORULAR = [Soru('get_params', 'get_params', yokla, yargila,
                [{'V': 28, 'h': 64, 'seed': 0}])]
