"""03: gizli durum (``init_rnn_state``), ileri yayılım (``rnn``), ``RNNModelScratch``."""
import functools

import torch
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l

from . import a03b
from .hatalar import Hata, hata
from .kodlama import HataKaydi
from .ortak import CPU, Soru, bul, cagir, close, gen, sonuc, tanimli, tensor, tur_adi
from .ortak import close as _close

YASAK = ['init_rnn_state', 'rnn', 'RNNModelScratch']


# --- init_rnn_state ----------------------------------------------------------------

def durum_yokla(env, vaka):
    f = bul(env, 'init_rnn_state')
    if f is None:
        return {'tanimsiz': True}
    return {'out': cagir(f, vaka['b'], vaka['h'], CPU)}


def durum_yargila(gozlem, vaka):
    tanimli(gozlem, 'init_rnn_state')
    b, h = vaka['b'], vaka['h']
    state = sonuc('init_rnn_state', gozlem['out'])
    if isinstance(state, torch.Tensor):
        hata('durum_demet_degil', what=f'biçimi {tuple(state.shape)}')
    if not isinstance(state, tuple) or len(state) != 1:
        raise Hata('`init_rnn_state` tek elemanlı bir demet döndürmeli: (H,).')
    H = tensor('init_rnn_state', state[0], 'H')
    if tuple(H.shape) != (b, h):
        raise Hata(f'`init_rnn_state`: H\'nin biçimi {tuple(H.shape)}, beklenen '
                   f'(minigrup, gizli birim) = {(b, h)}.')
    if bool((H != 0).any()):
        raise Hata('`init_rnn_state`: gizli durum sıfırlarla ilklenmeli (torch.zeros).')


# --- rnn (ve 09'un rnn_relu'su: aynı denetim, başka etkinleştirme) --------------------

def rnn_girdileri(vaka, scale=0.7):
    V, h, steps, b = vaka['V'], vaka['h'], vaka['steps'], vaka['b']
    g = gen(vaka['seed'])
    params = [torch.randn(s, generator=g) * scale
              for s in [(V, h), (h, h), (h,), (h, V), (V,)]]
    X = torch.randint(0, V, (steps, b), generator=g)
    return F.one_hot(X, V).float(), (torch.randn(b, h, generator=g) * 0.5,), params


def _varyant(inputs, H, params, act_h, act_y):
    W_xh, W_hh, b_h, W_hq, b_q = params
    outs = []
    for X in inputs:
        H = act_h(X @ W_xh + H @ W_hh + b_h)
        outs.append(act_y(H @ W_hq + b_q))
    return torch.cat(outs, dim=0), H


def torch_rnn(nonlinearity):
    """Kâhin: aynı ağırlıklarla nn.RNN + doğrusal katman."""
    def forward(inputs, state, params):
        W_xh, W_hh, b_h, W_hq, b_q = params
        V, h = W_xh.shape
        layer = nn.RNN(V, h, nonlinearity=nonlinearity)
        with torch.no_grad():
            layer.weight_ih_l0.copy_(W_xh.T)
            layer.weight_hh_l0.copy_(W_hh.T)
            layer.bias_ih_l0.copy_(b_h)
            layer.bias_hh_l0.zero_()
            Y, H = layer(inputs, state[0].unsqueeze(0))
            out = Y.reshape(-1, h) @ W_hq + b_q
        return out, H[0]
    return forward


def ileri_yokla(ad):
    def yokla(env, vaka):
        f = bul(env, ad)
        if f is None:
            return {'tanimsiz': True}
        inputs, state, params = rnn_girdileri(vaka)
        return {'out': cagir(f, inputs, state, params)}
    return yokla


def ileri_yargila(ad, act):
    def yargila(gozlem, vaka):
        tanimli(gozlem, ad)
        inputs, state, params = rnn_girdileri(vaka)
        _ileri_yargila(ad, act, sonuc(ad, gozlem['out']), inputs, state, params, vaka)
    return yargila


def _ileri_yargila(name, act, res, inputs, state, params, vaka):
    steps, b, V = vaka['steps'], vaka['b'], vaka['V']
    if not isinstance(res, tuple) or len(res) != 2:
        raise Hata(f'`{name}` iki şey döndürmeli: (çıktılar, (H,)).')
    out, new_state = res
    out = tensor(name, out, 'çıktılar')
    if isinstance(new_state, torch.Tensor):
        hata('durum_demet_degil', what='dönen durum')
    want = (steps * b, V)
    if tuple(out.shape) != want and tuple(out.shape) in [(b, steps * V), (steps, b, V),
                                                         (b * V, steps)]:
        hata('yanlis_eksen', got=tuple(out.shape), want=want)
    if tuple(out.shape) != want:
        raise Hata(f'`{name}`: çıktıların biçimi {tuple(out.shape)}, beklenen {want}.')
    ref_out, ref_H = torch_rnn('tanh' if act is torch.tanh else 'relu')(inputs, state, params)
    ident = lambda z: z  # noqa: E731
    # float32 yuvarlaması hesabın büyüklüğüyle ölçeklenir (ReLU'da durum büyüyebilir)
    atol = 1e-5 * max(1.0, float(ref_out.abs().max()), float(ref_H.abs().max()))
    close = functools.partial(_close, atol=atol)
    if not close(out, ref_out):
        if act is torch.tanh:
            if close(out, _varyant(inputs, state[0], params, ident, ident)[0]):
                hata('tanh_eksik')
            for act_h in (torch.tanh, ident):
                if close(out, _varyant(inputs, state[0], params, act_h, torch.tanh)[0]):
                    hata('tanh_ciktida')
        else:   # ReLU: tanh kalmış mı?
            if close(out, _varyant(inputs, state[0], params, torch.tanh, ident)[0]):
                raise Hata(f'`{name}`: çıktılar tanh ile hesaplanmış gibi; gizli durumda '
                           'torch.relu kullanın.')
            if close(out, _varyant(inputs, state[0], params, act, act)[0]):
                raise Hata(f'`{name}`: ReLU çıktıya da uygulanmış; yalnızca gizli duruma '
                           'uygulayın.')
        if close(out, _varyant(inputs, state[0] * 0, params, act, ident)[0]):
            raise Hata(f'`{name}`: çıktılar, verilen durum yerine sıfırdan başlamış gibi: '
                       'ilk H, state bağımsız değişkeninden gelmeli (H, = state).')
        diff = float((out.double() - ref_out.double()).abs().max())
        raise Hata(f'`{name}`: çıktılar beklenenden farklı (en büyük fark '
                   f'{d2l.fmt_num(diff, 3)}). Her adımda H = f(X W_xh + H W_hh + b_h), '
                   'O = H W_hq + b_q; H bir sonraki adıma taşınmalı.')
    if not isinstance(new_state, tuple) or len(new_state) != 1:
        raise Hata(f'`{name}`: dönen durum tek elemanlı bir demet olmalı: (H,).')
    if not close(tensor(name, new_state[0], 'H'), ref_H):
        raise Hata(f'`{name}`: dönen durum son adımın H\'si olmalı.')


# --- RNNModelScratch ---------------------------------------------------------------

class _Casus:
    """Modelin forward_fn'i yerine: aldığını kaydeder, girdiden belirlenen bir çıktı
    döndürür. Bir RNN değildir (öğrencinin kendi rnn'i yerine kullanılamaz)."""

    def __init__(self):
        self.cagrilar = []

    def __call__(self, inputs, state, params):
        self.cagrilar.append((inputs, state, params))
        return casus_ciktisi(inputs, params), state


def casus_ciktisi(inputs, params):
    V = params[0].shape[0]
    return inputs.reshape(-1, V).float() * 2 + params[-1]


def _sifir_durum(batch_size, num_hiddens, device):
    return (torch.zeros((batch_size, num_hiddens), device=device),)


def model_X(vaka):
    # en büyük indis V-1'den küçük: genişlik verilmezse torch onu daraltır
    V, b, s = vaka['V'], vaka['b'], vaka['s']
    return torch.randint(0, V - 3, (b, s), generator=gen(vaka['seed']))


def model_yokla(env, vaka):
    cls = bul(env, 'RNNModelScratch')
    if cls is None:
        return {'tanimsiz': True}
    V, h, b = vaka['V'], vaka['h'], vaka['b']
    casus = _Casus()
    torch.manual_seed(vaka['seed'])
    net = cagir(cls, V, h, CPU, d2l.get_params, _sifir_durum, casus)
    gozlem = {'net': net}
    if isinstance(net, HataKaydi):
        return gozlem
    gozlem['state'] = state = cagir(net.begin_state, b, CPU)
    gozlem['res'] = cagir(net, model_X(vaka), state)
    gozlem['casus'] = [(c[0], c[1], list(c[2])) for c in casus.cagrilar[:3]]
    return gozlem


def model_yargila(gozlem, vaka):
    tanimli(gozlem, 'RNNModelScratch')
    V, h, b, s = vaka['V'], vaka['h'], vaka['b'], vaka['s']
    sonuc('RNNModelScratch', gozlem['net'])
    state = sonuc('RNNModelScratch.begin_state', gozlem['state'])
    if isinstance(state, torch.Tensor):
        hata('durum_demet_degil', what='begin_state\'in sonucu')
    torch.manual_seed(vaka['seed'])
    ref_params = d2l.get_params(V, h, CPU)
    X = model_X(vaka)
    calls = gozlem['casus']
    if calls:
        inp, _, params = calls[0]
        shape = tuple(inp.shape) if isinstance(inp, torch.Tensor) else None
        if shape and shape[:2] == (b, s) and b != s:
            hata('devrik_eksik', got=shape, want=(s, b, V))
        if shape and len(shape) == 3 and shape[2] != V:
            hata('yanlis_genislik', got=shape[2], want=V)
        if shape and not inp.is_floating_point():
            raise Hata('`RNNModelScratch.__call__`: bire bir kodlanmış girdiyi '
                       'float32\'ye çevirin (.type(torch.float32)).')
        if b == s and not torch.equal(X, X.T) and close(inp, F.one_hot(X, V).float()):
            hata('devrik_eksik', got='(minigrup, adım, V)', want=(s, b, V))
    res = gozlem['res']
    if isinstance(res, HataKaydi) and res.tur != 'NotImplementedError':
        raise Hata('`RNNModelScratch.__call__` çalışırken hata verdi: '
                   f'{res.tur}: {res.ileti}')
    res = sonuc('RNNModelScratch.__call__', res)
    if not calls:
        raise Hata('`RNNModelScratch.__call__` forward_fn\'i çağırmadı: X.T\'yi bire bir '
                   'kodlayıp self.forward_fn(X, state, self.params) döndürmeli.')
    inp, _, params = calls[0]
    if not close(inp, F.one_hot(X.T, V).float()):
        raise Hata(f'`RNNModelScratch.__call__`: forward_fn\'e giden girdi X.T\'nin bire bir '
                   f'kodlaması olmalı, biçimi {(s, b, V)}.')
    if len(params) != 5 or not all(close(p, r) for p, r in zip(params, ref_params)):
        raise Hata('`RNNModelScratch`: parametreler get_params(vocab_size, num_hiddens, '
                   'device) ile kurulmalı ve __call__ bunları (self.params) forward_fn\'e '
                   'vermeli.')
    if not isinstance(res, tuple) or len(res) != 2:
        raise Hata('`RNNModelScratch.__call__` forward_fn\'in sonucunu, (çıktı, durum), '
                   f'olduğu gibi döndürmeli; gelen: {tur_adi(res)}.')
    if not close(res[0], casus_ciktisi(F.one_hot(X.T, V).float(), ref_params)):
        raise Hata('`RNNModelScratch.__call__`: forward_fn\'in çıktısı değiştirilmeden '
                   'döndürülmeli.')


SORULAR = a03b.SORULAR + [
    Soru('init_rnn_state', 'init_state', durum_yokla, durum_yargila,
         [{'b': 2, 'h': 512}, {'b': 3, 'h': 5}]),
    Soru('rnn', 'rnn', ileri_yokla('rnn'), ileri_yargila('rnn', torch.tanh),
         [{'V': 6, 'h': 5, 'steps': 4, 'b': 3, 'seed': 0}]),
    Soru('RNNModelScratch', 'model', model_yokla, model_yargila,
         [{'V': 28, 'h': 16, 'b': 2, 's': 5, 'seed': 0}]),
]
