"""06: bir dönemlik eğitim (``train_epoch_ch8``)."""
import math

import torch
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l

from . import a06b
from .hatalar import YAZILMADI, Hata, hata
from .izleme import IzliGuncelleyici, IzliModel, IzliModul, batches, scratch_net
from .kodlama import HataKaydi
from .ortak import CPU, Soru, bul, cagir, close, sonuc, tanimli

YASAK = ['train_epoch_ch8', 'train_ch8']



def _boyutlar(vaka):
    return (vaka.get('V', 8), vaka.get('h', 10), vaka.get('b', 3), vaka.get('s', 5),
            vaka.get('n', 3), vaka.get('lr', 1.0))


def _kur(vaka):
    """Vakadan veri ve ilk model (her çağrıda aynı: tohumlanmış)."""
    V, h, b, s, n, _ = _boyutlar(vaka)
    data = batches(V, b, s, n, vaka['seed'], sequential=not vaka['rastgele'])
    if vaka.get('torch'):
        torch.manual_seed(vaka['seed'])
        return data, d2l.RNNModelTorch(V, h, CPU)
    # büyük ağırlıklar: gradyan normu θ=1'i aşsın, kırpma iş görsün
    return data, scratch_net(V, h, vaka['seed'], vaka.get('olcek', 60))


def _bagli(st):
    """Durumun bir tensörü çizgeye bağlı mı (grad_fn'i var mı)."""
    parts = st if isinstance(st, tuple) else (st,)
    return any(isinstance(t, torch.Tensor) and t.grad_fn is not None for t in parts)


def yokla(env, vaka):
    f = bul(env, 'train_epoch_ch8')
    if f is None:
        return {'tanimsiz': True}
    lr = _boyutlar(vaka)[5]
    data, base = _kur(vaka)
    loss = nn.CrossEntropyLoss(reduction='none')
    if vaka.get('torch'):
        net = IzliModul(base)
        params = list(base.parameters())
        updater = torch.optim.SGD(params, lr)
    else:
        net = IzliModel(base)
        params = list(base.params)
        updater = IzliGuncelleyici(base.params, lr)
    res = cagir(f, net, iter(data), loss, updater, CPU, vaka['rastgele'])
    ppl = res[0] if isinstance(res, tuple) and len(res) == 2 else None
    if isinstance(ppl, (int, float)) and type(ppl) not in (int, float, bool):
        res = (cagir(float, ppl), res[1])   # float'ın alt sınıfı (ör. numpy) düz sayı olsun
    k = len(data) + 1   # yargı ilk n çağrıya bakar; fazlası yalnızca sayılır
    return {
        'res': res,
        'bagli': [cagir(_bagli, st) is True for st in net.states_in],
        'begin_calls': net.begin_calls,
        'grads': {i: g for i, g in net.grads.items() if isinstance(i, int) and i < k},
        'outputs': list(net.outputs[:k]),
        'updater': None if vaka.get('torch') else list(updater.calls),
        'params': [p.detach().clone() for p in params],
    }


def _kayip_yargila(gozlem, data, V):
    grads, outputs = gozlem['grads'], gozlem['outputs']
    for i, (_, Y) in enumerate(data):
        if i not in grads:
            raise Hata('`train_epoch_ch8`: kaybın gradyanı hesaplanmamış: '
                       'l.backward() çağırın.')
        y = Y.T.reshape(-1)
        y_hat, g = outputs[i] if i < len(outputs) else None, grads[i]
        ok = (isinstance(y_hat, torch.Tensor) and isinstance(g, torch.Tensor)
              and y_hat.is_floating_point() and g.is_floating_point()
              and tuple(y_hat.shape) == (y.numel(), V))
        if ok:
            expect = (F.softmax(y_hat.detach().float(), dim=1)
                      - F.one_hot(y, V).float()) / y.numel()
            ratio = float(g.detach().float().norm() / expect.norm())
            if abs(ratio - y.numel()) < 0.01 * y.numel():
                hata('kayip_toplam', ratio=ratio)
        if not ok or not close(g, expect, atol=1e-6):
            raise Hata('`train_epoch_ch8`: kayıp beklenenden farklı hesaplanmış: '
                       'etiketler çıktılarla aynı (adım · minigrup) sırasında olmalı '
                       '(y = Y.T.reshape(-1)) ve kayıp loss(y_hat, y).mean() olmalı.')


def _bir(call):
    """Güncelleyici batch_size=1 ile mi çağrılmış (1, 1.0 ya da tek öğeli tensör 1)."""
    bs = call[0] if isinstance(call, tuple) and call else None
    if isinstance(bs, torch.Tensor):
        return bs.numel() == 1 and float(bs.reshape(-1)[0]) == 1
    return type(bs) in (int, float) and bs == 1


def yargila(gozlem, vaka):
    tanimli(gozlem, 'train_epoch_ch8')
    rastgele, torch_model = vaka['rastgele'], vaka.get('torch', False)
    V, _, _, _, n, lr = _boyutlar(vaka)
    res, bagli, begin_calls = gozlem['res'], gozlem['bagli'], gozlem['begin_calls']
    if isinstance(res, HataKaydi) and res.tur == 'NotImplementedError':
        raise Hata(YAZILMADI.format(name='train_epoch_ch8'))
    # Durum: sıralı bölümlemede taşınıp koparılır, rastgele örneklemede her seferinde ilklenir
    if any(b is True for b in bagli[1:]):
        hata('koparma_yok', why='Taşınan durum bir önceki minigrubun çizgesine bağlı.')
    if isinstance(res, HataKaydi) and 'second time' in res.ileti:
        hata('koparma_yok', why='Geri yayılım aynı çizgeden ikinci kez geçmeye çalıştı.')
    if rastgele and bagli and begin_calls < len(bagli):
        hata('rastgele_tasima', calls=begin_calls, n=len(bagli))
    if not rastgele and begin_calls > 1:
        hata('sirali_yeniden_ilkleme', calls=begin_calls)
    res = sonuc('train_epoch_ch8', res)
    if not isinstance(res, tuple) or len(res) != 2:
        raise Hata('`train_epoch_ch8` (şaşkınlık, andıç/sn) döndürmeli.')
    if len(bagli) != n:
        raise Hata(f'`train_epoch_ch8`: model {len(bagli)} kez çağrıldı, {n} '
                   'minigrup vardı: her minigrupta bir kez.')
    data, ref = _kur(vaka)
    # Kayıp: ortalama mı? Çıktının gradyanı ortalamada (softmax - bire bir) / N
    _kayip_yargila(gozlem, data, V)
    calls = gozlem['updater']
    if not torch_model:
        calls = calls if isinstance(calls, list) else []
        for call in calls:
            norm = call[1] if isinstance(call, tuple) and len(call) == 2 else 0.0
            if isinstance(norm, float) and norm > 1 + 1e-4:
                hata('kirpma_yok', norm=d2l.fmt_num(norm, 3))
        if len(calls) != n or not all(_bir(c) for c in calls):
            raise Hata('`train_epoch_ch8`: güncelleyici her minigrupta bir kez, '
                       f'batch_size=1 ile çağrılmalı (çağrılar: {calls}); kayıp '
                       'zaten ortalama.')
    loss = nn.CrossEntropyLoss(reduction='none')
    if torch_model:
        ref_params = list(ref.parameters())
        ref_updater = torch.optim.SGD(ref_params, lr)
    else:
        ref_params = ref.params
        ref_updater = lambda batch_size: d2l.sgd(ref.params, lr, batch_size)  # noqa: E731
    ref_ppl, _ = d2l.train_epoch_ch8(ref, iter(data), loss, ref_updater, CPU, rastgele)
    params = gozlem['params']
    if len(params) != len(ref_params) or not all(
            close(p, r, atol=1e-5) for p, r in zip(params, ref_params)):
        raise Hata('`train_epoch_ch8`: bir dönemden sonra parametreler beklenenden '
                   'farklı: her minigrupta sırayla ileri yayılım, kayıp, backward, '
                   'grad_clipping(net, 1), güncelleme.')
    ppl = res[0]
    if not isinstance(ppl, (int, float)) or not math.isclose(ppl, ref_ppl, rel_tol=1e-4):
        raise Hata(f'`train_epoch_ch8`: şaşkınlık {ppl!r}, beklenen {ref_ppl:.4f}: '
                   'exp(toplam kayıp / toplam andıç sayısı); her minigrubun ortalama '
                   'kaybını andıç sayısıyla çarparak biriktirin.')


# defterdeki sırayla: kayıplardan şaşkınlık, durum, bir dönemlik eğitim
SORULAR = a06b.SORULAR + [Soru('train_epoch_ch8', 'train', yokla, yargila,
                               [{'rastgele': False, 'seed': 0},
                                {'rastgele': True, 'seed': 1}])]
