"""04: metin üretimi (``predict_ch8``)."""
import torch

import d2lmini as d2l

from .hatalar import Hata, hata
from .izleme import IzliModel, IzliModul
from .ortak import CPU, Soru, bul, cagir, gen, sonuc, tanimli, tur_adi

YASAK = ['predict_ch8']

_METIN = 'the time machine by h g wells the time traveller for so it will be'


def _vocab():
    return d2l.Vocab(list(_METIN))


def _loud_net(vocab, h, seed):
    """Tahminleri girdiye göre değişen (büyük ağırlıklı) küçük bir model."""
    def params(V, h, device):
        ps = d2l.get_params(V, h, device)
        with torch.no_grad():
            for p in ps:
                p.copy_(torch.randn(p.shape, generator=gen(seed + p.numel())) * 0.8)
            ps[-1][0] = -100.0   # <unk> hiç seçilmesin: her andıç tek karakter olsun
        return ps
    return d2l.RNNModelScratch(len(vocab), h, CPU, params, d2l.init_rnn_state, d2l.rnn)


def _ikinci(y):
    """Sınamanın ``choose``'u: en olası ikinci andıç (greedy'den farklı bir seçim)."""
    return int(y.topk(2, dim=1).indices[0, 1])


def _secici(vaka):
    return _ikinci if vaka.get('secim') else d2l.greedy


def _girdiler(vaka):
    vocab = _vocab()
    return vocab, _loud_net(vocab, vaka.get('h', 12), vaka['seed'])


def yokla(env, vaka):
    f = bul(env, 'predict_ch8')
    if f is None:
        return {'tanimsiz': True}
    vocab, net = _girdiler(vaka)
    casus = (IzliModul if vaka.get('modul') else IzliModel)(net)
    args = (vaka['prefix'], vaka['num_preds'], casus, vocab, CPU)
    out = cagir(f, *args, _ikinci) if vaka.get('secim') else cagir(f, *args)
    # yargı modele verilenlerin yalnızca başına bakar (önek + iki adım)
    return {'out': out, 'fed': list(casus.fed[:len(vaka['prefix']) + 2])}


def _verilenler(vocab, fed):
    """Modele verilen girdilerin (her birinin ilk öğesi) karakterleri."""
    toks = []
    for x in fed if isinstance(fed, list) else []:
        i = -1
        if isinstance(x, torch.Tensor) and x.numel() > 0 and not x.is_complex():
            v = float(x.reshape(-1)[0])
            i = int(v) if v == v and abs(v) < 2 ** 31 else -1
        toks.append(vocab.to_tokens(i) if 0 <= i < len(vocab) else '?')
    return ''.join(toks)


def yargila(gozlem, vaka):
    tanimli(gozlem, 'predict_ch8')
    prefix, num_preds = vaka['prefix'], vaka['num_preds']
    out = sonuc('predict_ch8', gozlem['out'])
    if not isinstance(out, str):
        raise Hata(f'`predict_ch8` bir metin (str) döndürmeli, {tur_adi(out)} geldi: '
                   "''.join(vocab.to_tokens(outputs)).")
    vocab, net = _girdiler(vaka)
    ref = d2l.predict_ch8(prefix, num_preds, net, vocab, CPU, _secici(vaka))
    n, L = len(prefix) + num_preds, len(prefix)
    fed = _verilenler(vocab, gozlem.get('fed'))
    if len(out) in (n + L - 1, n + L) and L > 1:
        hata('isinma_tahmin', n=n, got=out)
    if len(out) == n + 1 or (not fed.startswith(prefix) and len(out) == n
                             and out.startswith(prefix)):
        hata('isinma_kayik', fed=fed[:L + 2], want=prefix)
    if not out.startswith(prefix):
        dropped = {prefix[:i] + prefix[i + 1:] for i in range(L)}
        if len(out) < n or any(out.startswith(d) for d in dropped):
            hata('onek_eksik', prefix=prefix, got=out)
        hata('isinma_tahmin', n=n, got=out)
    if len(out) != n:
        raise Hata(f'`predict_ch8`: sonuç {len(out)} karakter, beklenen {n}: önek '
                   f'({L}) + num_preds ({num_preds}).')
    if out != ref and vaka.get('secim') and out == d2l.predict_ch8(prefix, num_preds, net,
                                                                  vocab, CPU):
        hata('secim_yok', got=out, want=ref)
    if out != ref:
        raise Hata(f'`predict_ch8`: üretilen devam beklenenden farklı ({out!r}, beklenen '
                   f'{ref!r}). Her adımda en olası andıcı seçin (y.argmax(dim=1)) ve onu '
                   'bir sonraki adımın girdisi yapın; durumu her çağrıda güncelleyin.')


SORULAR = [Soru('predict_ch8', 'predict', yokla, yargila,
                [{'prefix': 'time traveller ', 'num_preds': 10, 'seed': 0, 'h': 12},
                 # choose verilince onu kullanır mı (en olası ikinci andıç)
                 {'prefix': 'the ', 'num_preds': 8, 'seed': 1, 'h': 12, 'secim': True}])]
