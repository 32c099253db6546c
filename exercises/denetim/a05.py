"""05: gradyan kırpma (``grad_clipping``)."""
import torch
from torch import nn

import d2lmini as d2l

from .hatalar import Hata, hata
from .izleme import Scratch, grads
from .kodlama import HataKaydi
from .ortak import Soru, bul, cagir, close, sonuc, tanimli

YASAK = ['grad_clipping']


def _kur(vaka):
    """Vakanın ağı ve (çağrıdan önce alınmış) parametre listesi; gradyanlar dolu.

    ``tur='scratch'``: ``norm0``, ``norm1``, ... normlu gradyanlar taşıyan parametreler.
    ``tur='sequential'``: küçük bir nn.Sequential; ilk katmanın yanlılığının gradyanı yok.
    """
    if vaka['tur'] == 'scratch':
        norms = []
        while f'norm{len(norms)}' in vaka:
            norms.append(float(vaka[f'norm{len(norms)}']))
        net = Scratch(grads(vaka['seed'], norms))
        return net, list(net.params)
    torch.manual_seed(vaka['seed'])
    d_in, d_h, d_out = vaka.get('d_in', 5), vaka.get('d_h', 6), vaka.get('d_out', 3)
    net = nn.Sequential(nn.Linear(d_in, d_h), nn.Tanh(), nn.Linear(d_h, d_out))
    net[0].bias.requires_grad_(False)   # gradyanı olmayan parametre atlanmalı
    x = torch.randn(vaka.get('b', 4), d_in)
    (net(x) ** 2).sum().mul(vaka.get('olcek', 50)).backward()
    return net, list(net.parameters())


def yokla(env, vaka):
    f = bul(env, 'grad_clipping')
    if f is None:
        return {'tanimsiz': True}
    net, ps = _kur(vaka)
    out = cagir(f, net, vaka['theta'])
    if not (isinstance(out, HataKaydi) or out is Ellipsis):
        out = None   # dönen değerin kendisi önemli değil
    # kırpmadan sonraki gradyanlar (çağrıdan önce alınan parametre nesnelerinden)
    return {'out': out, 'after': [p.grad for p in ps]}


def yargila(gozlem, vaka):
    tanimli(gozlem, 'grad_clipping')
    theta = vaka['theta']
    sonuc('grad_clipping', gozlem['out'], none_ok=True)
    _, ps = _kur(vaka)
    before = [p.grad.clone() for p in ps if p.grad is not None]
    ref_ps = [p.detach().clone().requires_grad_(True) for p in ps if p.grad is not None]
    for r, b in zip(ref_ps, before):
        r.grad = b.clone()
    total = float(torch.nn.utils.clip_grad_norm_(ref_ps, theta))   # kâhin: torch
    after = [g for g in gozlem.get('after') or [] if g is not None]
    if len(after) != len(before) or not all(
            isinstance(a, torch.Tensor) and a.shape == b.shape and a.is_floating_point()
            for a, b in zip(after, before)):
        raise Hata('`grad_clipping`: gradyanlar yerinde ölçeklenmeli; gradyanı olan '
                   'parametreler ve gradyanlarının biçimleri değişmemeli.')
    flat_b = torch.cat([g.reshape(-1) for g in before])
    flat_a = torch.cat([g.reshape(-1).to(flat_b.dtype) for g in after])
    if all(close(a, r.grad, atol=1e-6) for a, r in zip(after, ref_ps)):
        return
    per_param = [g * min(1.0, theta / float(g.norm())) for g in before]
    if all(close(a, p, atol=1e-6) for a, p in zip(after, per_param)):
        hata('parametre_basina_kirpma')
    cos = float(flat_a @ flat_b / (flat_a.norm() * flat_b.norm() + 1e-12))
    if cos < 0.9999:
        hata('yon_degisti', cos=cos)
    norm_a = float(flat_a.norm())
    if total <= theta:
        raise Hata(f'`grad_clipping`: norm ({d2l.fmt_num(total, 3)}) θ={theta}\'dan küçükken '
                   'gradyan değişmemeli: ölçek min(1, θ/‖g‖).')
    if torch.equal(flat_a, flat_b):
        raise Hata(f'`grad_clipping`: gradyanlar değişmedi, oysa toplam normları '
                   f'{d2l.fmt_num(total, 3)} > θ={theta}. Gradyanları yerinde ölçekleyin: '
                   'p.grad[:] *= ölçek (ya da p.grad.mul_(ölçek)).')
    raise Hata(f'`grad_clipping`: kırpmadan sonra toplam norm {d2l.fmt_num(norm_a, 4)}, '
               f'beklenen {d2l.fmt_num(min(total, theta), 4)}: g ← min(1, θ/‖g‖) g.')


SORULAR = [Soru('grad_clipping', 'clip', yokla, yargila, [
    # büyük: kırpılır
    {'tur': 'scratch', 'seed': 0, 'norm0': 2.0, 'norm1': 3.0, 'norm2': 1.5, 'theta': 1.0},
    # küçük: dokunulmaz
    {'tur': 'scratch', 'seed': 1, 'norm0': 0.2, 'norm1': 0.1, 'norm2': 0.3, 'theta': 1.0},
])]
