"""03'ün biçim sorusu (``rnn_shapes``): bir minigrubun modelden geçerken aldığı biçimler."""
import torch

from .hatalar import Hata, hata
from .ortak import Soru, bul, cagir, sonuc, tanimli, tur_adi

ANAHTARLAR = ['X', 'inputs', 'H', 'y_hat', 'y']


def beklenen(b, s, V, h):
    return {'X': (b, s), 'inputs': (s, b, V), 'H': (b, h), 'y_hat': (s * b, V),
            'y': (s * b,)}


def yokla(env, vaka):
    f = bul(env, 'rnn_shapes')
    if f is None:
        return {'tanimsiz': True}
    return {'out': cagir(f, vaka['b'], vaka['s'], vaka['V'], vaka['h'])}


def _bicim(v):
    if isinstance(v, torch.Tensor):   # torch.Size bir demettir; tensör de verilmiş olabilir
        return tuple(v.shape)
    if isinstance(v, (tuple, list)) and all(type(x) is int for x in v):
        return tuple(v)
    return None


def yargila(gozlem, vaka):
    tanimli(gozlem, 'rnn_shapes')
    out = sonuc('rnn_shapes', gozlem['out'])
    if not isinstance(out, dict):
        raise Hata(f'`rnn_shapes` bir sözlük döndürmeli ({", ".join(ANAHTARLAR)} '
                   f'anahtarlarıyla), {tur_adi(out)} geldi.')
    b, s, V, h = vaka['b'], vaka['s'], vaka['V'], vaka['h']
    want = beklenen(b, s, V, h)
    eksik = [k for k in ANAHTARLAR if k not in out]
    if eksik:
        raise Hata(f'`rnn_shapes`: eksik anahtarlar: {", ".join(eksik)}.')
    got = {k: _bicim(out[k]) for k in ANAHTARLAR}
    if got['inputs'] == (b, s, V) and b != s:
        hata('devrik_eksik', got=got['inputs'], want=want['inputs'])
    if got['y_hat'] in [(b, s * V), (s, b, V)] and got['y_hat'] != want['y_hat']:
        hata('yanlis_eksen', got=got['y_hat'], want=want['y_hat'])
    for k in ANAHTARLAR:
        if got[k] != want[k]:
            raise Hata(f'`rnn_shapes`: {k} için {got[k]}, beklenen {want[k]} (minigrup '
                       f'{b}, adım {s}, kelime dağarcığı {V}, gizli birim {h}).')


SORULAR = [Soru('rnn_shapes', 'shapes', yokla, yargila,
                [{'b': 2, 's': 5, 'V': 28, 'h': 512}])]
