"""Alıştırma defterlerinin denetimleri: her soru için açık ve gizli sınamalar.

Otter'ın sınama hücreleri bu modülün ``<soru>_acik(env)`` ve ``<soru>_gizli(env)``
fonksiyonlarını çağırır; ``env`` öğrencinin defterindeki adlardır. Bir denetim
tutmazsa Türkçe bir ``Hata`` (``AssertionError``) verir ve ileti, tanınan bir
yanlışsa onun adını söyler (``HATALAR``): her adlandırılmış yanlışın tek bir
tanıyıcısı (``_tani_...`` ya da ilgili denetimdeki tek koşul) ve tek bir iletisi
vardır. Kâhinler (doğru yanıtlar) d2lmini'nin kendi fonksiyonları ve torch'un
(``nn.RNN``, ``clip_grad_norm_``, ``F.embedding``); girdiler tohumlanmış
rastgele tensörlerdir, her denetim CPU'da bir saniyenin çok altında biter.
"""
import math

import torch
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l

CPU = torch.device('cpu')


class Hata(AssertionError):
    """Öğrenciye gösterilen Türkçe denetim iletisi."""


# Adlandırılmış yanlışlar: anahtar -> (ad, açıklama). İleti "Olası hata: <ad>. <açıklama>"
HATALAR = {
    'devrik_eksik': (
        'devrik (transpoz) eksik',
        'Biçim {got}, yani (minigrup, adım, V); beklenen (adım, minigrup, V) = {want}. '
        'Bire bir kodlamadan önce X.T alın: model zaman adımları üzerinde döner, '
        'zaman ekseni en dışta olmalı.'),
    'yanlis_genislik': (
        'bire bir kodlamanın genişliği yanlış',
        'Son eksenin uzunluğu {got}, kelime dağarcığının boyu ise {want}. Genişliği '
        'F.one_hot(..., vocab_size) ile açıkça verin: verilmezse torch onu girdideki en '
        'büyük indisten tahmin eder.'),
    'gradyan_yok': (
        'ağırlıklar gradyan istemiyor',
        '{names} için requires_grad False. Her parametrede param.requires_grad_(True) '
        'çağırın; yoksa geri yayılım gradyan hesaplamaz, eğitim hiçbir şeyi güncelleyemez.'),
    'yaprak_degil': (
        'parametre bir yaprak tensör değil',
        '{names} bir işlemin sonucu (ör. torch.randn(..., requires_grad=True) * 0.01): '
        'gradyanı .grad\'da birikmez. Önce tensörü kurun, ölçekleyin, sonra '
        'requires_grad_(True) çağırın.'),
    'ilkleme_olcegi': (
        'ilkleme ölçeği yanlış: N(0; 1) kullanılmış',
        '{name} ağırlıklarının standart sapması {std}, beklenen 0,01. torch.randn '
        'N(0; 1)\'den çeker; 0.01 ile çarparak N(0; 0,01²) elde edin.'),
    'durum_demet_degil': (
        'gizli durum bir demet değil',
        'Bir tensör geldi ({what}). Durumu tek elemanlı bir demet olarak verin: (H,) '
        '(sondaki virgül önemli). Sonraki modeller (ör. LSTM) birden çok durum tensörü '
        'tutar; eğitim döngüsü hepsine aynı biçimde davranır.'),
    'tanh_eksik': (
        'tanh eksik',
        'Çıktılar etkinleştirme fonksiyonu olmadan hesaplanmış gibi. Gizli durum her '
        'adımda H = tanh(X W_xh + H W_hh + b_h) olmalı.'),
    'tanh_ciktida': (
        'tanh çıktıya uygulanmış',
        'tanh gizli duruma uygulanır, çıktıya değil: Y = H W_hq + b_q (çıktı, softmax\'a '
        'giden ham puanlardır; tanh onları [-1, 1]\'e sıkıştırır).'),
    'yanlis_eksen': (
        'çıktılar yanlış eksende birleştirilmiş',
        'Çıktının biçimi {got}, beklenen {want}. Adımların çıktılarını ilk eksende '
        'birleştirin: torch.cat(outputs, dim=0) -> (adım · minigrup, V).'),
    'isinma_tahmin': (
        'ısınma döneminde tahmin yazılıyor',
        'Önekin karakterleri için tahmin üretilmemeli: ısınma döneminde yalnızca gizli '
        'durum güncellenir ve önekin bir sonraki gerçek karakteri eklenir. Sonuç önekin '
        'kendisiyle başlamalı ve tam {n} karakter uzun olmalı (gelen: {got!r}).'),
    'isinma_kayik': (
        'ısınma dönemi bir adım kayık',
        'Önekin her karakteri modele tam bir kez ve sırayla verilmeli; sonra son karakterin '
        'ardından tahmine geçilir. Modele verilenler: {fed!r}, beklenen başlangıç: '
        '{want!r}. Isınma döngüsü prefix[1:] üzerinde döner ve her adımda bir önceki '
        'karakteri besler.'),
    'onek_eksik': (
        'önekin bir karakteri düşmüş',
        'Sonuç öneki ({prefix!r}) eksiksiz içermiyor: {got!r}. outputs listesi önekin ilk '
        'karakteriyle başlar ve ısınma döneminde her karakter eklenir.'),
    'parametre_basina_kirpma': (
        'her parametre ayrı kırpılmış',
        'Norm bütün parametrelerin gradyanları üzerinden birlikte alınır: '
        '‖g‖ = √(Σ_i ‖g_i‖²), sonra hepsi aynı min(1, θ/‖g‖) ile çarpılır.'),
    'yon_degisti': (
        'kırpma gradyanın yönünü değiştiriyor',
        'Kırpılmış gradyan eskisiyle aynı yönde olmalı (aralarındaki kosinüs {cos:.4f}, '
        'beklenen 1). Öğeleri tek tek sınırlamak (clamp) yerine bütün gradyanı tek bir '
        'sayıyla ölçekleyin: g ← min(1, θ/‖g‖) g.'),
    'koparma_yok': (
        'gizli durum koparıp ayrılmamış',
        'Sıralı bölümlemede taşınan durum her minigruptan önce çizgeden koparılıp '
        'ayrılmalı (s.detach()); yoksa çizge minigruptan minigruba büyür ya da geri '
        'yayılım aynı çizgeden ikinci kez geçmeye çalışır. {why}'),
    'sirali_yeniden_ilkleme': (
        'sıralı bölümlemede durum her minigrupta yeniden ilkleniyor',
        'Sıralı bölümlemede minigrup k+1\'in satırları minigrup k\'nınkileri sürdürür: '
        'durum yalnızca dönemin başında ilklenir, sonra taşınır (koparıp ayrılarak). '
        'begin_state {calls} kez çağrıldı.'),
    'rastgele_tasima': (
        'rastgele örneklemede durum taşınıyor',
        'Rastgele örneklemede ardışık minigruplar metnin ilgisiz yerlerinden gelir: '
        'durum her minigrupta yeniden ilklenmeli. begin_state {calls} kez çağrıldı, '
        '{n} minigrup vardı.'),
    'kayip_toplam': (
        'kayıp ortalama yerine toplanmış',
        'sgd batch_size=1 ile çağrılıyor; bu, kaybın zaten ortalama olduğunu varsayar. '
        'loss(y_hat, y).mean() kullanın (gradyan {ratio:.0f} kat büyük çıktı).'),
    'kirpma_yok': (
        'gradyan kırpma unutulmuş',
        'Güncellemeden hemen önce gradyanların toplam normu {norm}, θ=1\'i aşıyor. '
        'backward()\'dan sonra, güncellemeden önce grad_clipping(net, 1) çağırın.'),
    'alfa_yok': (
        'α kullanılmamış',
        'Olasılıklar P\'nin kendisi gibi çıktı, q ∝ P^α olmalı. P^α ∝ exp(α · logit) '
        'olduğu için softmax(α · logit) yeter.'),
    'alfa_sonsuz': (
        'α = ∞ sınırı ele alınmamış',
        'α = ∞ için sonuç {got}. Bu sınırda q, en olası karaktere bütün olasılığı verir: '
        'seçim açgözlü tahminle (argmax) aynı olmalı; math.isinf(alpha) ile ayrıca '
        'ele alın.'),
}


def hata(key, **kw):
    """Adlandırılmış bir yanlışın iletisiyle ``Hata`` verir."""
    title, detail = HATALAR[key]
    raise Hata(f'Olası hata: {title}. {detail.format(**kw)}')


def baslik(key):
    """Bir yanlışın iletide geçen adı (sınamalar bunu arar)."""
    return HATALAR[key][0]


YAZILMADI = ('`{name}` henüz yazılmadı: hücredeki "raise NotImplementedError" satırının '
             'yerine kendi kodunuzu yazın, hücreyi çalıştırın (Shift+Enter), sonra bu '
             'denetimi yeniden çalıştırın.')


def _fn(env, name):
    obj = env.get(name)
    if obj is None:
        raise Hata(f'`{name}` tanımlı değil: tanımın olduğu hücreyi çalıştırdınız mı '
                   '(Shift+Enter)?')
    return obj


def _call(name, f, *args, none_ok=False, **kw):
    """Öğrencinin fonksiyonunu çağırır; yazılmamışsa ya da hata verirse Türkçe söyler."""
    try:
        out = f(*args, **kw)
    except NotImplementedError:
        raise Hata(YAZILMADI.format(name=name)) from None
    except Hata:
        raise
    except Exception as e:   # öğrencinin kodundaki her hata bir iletiye dönüşür
        raise Hata(f'`{name}` çalışırken hata verdi: {type(e).__name__}: {e}') from None
    if out is Ellipsis or (out is None and not none_ok):
        raise Hata(YAZILMADI.format(name=name))
    return out


def _tensor(name, out, what='sonuç'):
    if not isinstance(out, torch.Tensor):
        raise Hata(f'`{name}`: {what} bir tensör olmalı, {type(out).__name__} geldi.')
    return out


def _close(a, b, atol=1e-5):
    return a.shape == b.shape and torch.allclose(a.float(), b.float(), atol=atol, rtol=1e-4)


def _gen(seed):
    return torch.Generator().manual_seed(seed)


# --- 01: bire bir kodlama -----------------------------------------------------

def _one_hot_kontrol(env, X, V):
    f = _fn(env, 'one_hot_inputs')
    out = _tensor('one_hot_inputs', _call('one_hot_inputs', f, X.clone(), V))
    b, s = X.shape
    want = (s, b, V)
    if tuple(out.shape) == (b, s, V) and b != s:
        hata('devrik_eksik', got=tuple(out.shape), want=want)
    if out.dim() == 3 and tuple(out.shape[:2]) == (s, b) and out.shape[2] != V:
        hata('yanlis_genislik', got=out.shape[2], want=V)
    if tuple(out.shape) != want:
        raise Hata(f'`one_hot_inputs`: biçim {tuple(out.shape)}, beklenen {want} '
                   '(adım, minigrup, kelime dağarcığı boyu).')
    if not out.is_floating_point():
        raise Hata('`one_hot_inputs`: sonuç kayan noktalı olmalı (dtype '
                   f'{out.dtype}); .type(torch.float32) ile çevirin: ağırlıklarla '
                   'çarpılacak.')
    ref = F.one_hot(X.T, V).float()
    if torch.equal(out.float(), F.one_hot(X, V).float().reshape(want)):
        if not torch.equal(out.float(), ref):   # biçim tutuyor ama sıra devrik değil
            hata('devrik_eksik', got='(minigrup, adım, V) yeniden biçimlenmiş', want=want)
    if not torch.equal(out.float(), ref):
        raise Hata('`one_hot_inputs`: değerler yanlış: out[t, i] X[i, t] indisli birim '
                   'vektör olmalı (tek bir 1, geri kalanı 0).')


def one_hot_acik(env):
    _one_hot_kontrol(env, torch.arange(10).reshape(2, 5), 28)


def one_hot_gizli(env):
    g = _gen(1)
    _one_hot_kontrol(env, torch.randint(0, 11, (3, 7), generator=g), 11)
    _one_hot_kontrol(env, torch.randint(0, 5, (4, 4), generator=g), 9)


# --- 02: parametreler ---------------------------------------------------------

_PARAM_NAMES = ['W_xh', 'W_hh', 'b_h', 'W_hq', 'b_q']


def _params_kontrol(env, V, h, seed):
    f = _fn(env, 'get_params')
    torch.manual_seed(seed)
    params = _call('get_params', f, V, h, CPU)
    if not isinstance(params, (list, tuple)) or len(params) != 5:
        raise Hata('`get_params` beş parametrelik bir liste döndürmeli: '
                   '[W_xh, W_hh, b_h, W_hq, b_q].')
    for name, p in zip(_PARAM_NAMES, params):
        _tensor('get_params', p, name)
    shapes = [(V, h), (h, h), (h,), (h, V), (V,)]
    got = [tuple(p.shape) for p in params]
    if got != shapes:
        raise Hata(f'`get_params`: biçimler {got}, beklenen {shapes} '
                   '(W_xh: V×h, W_hh: h×h, b_h: h, W_hq: h×V, b_q: V; bu sırayla).')
    no_grad = [n for n, p in zip(_PARAM_NAMES, params) if not p.requires_grad]
    if no_grad:
        hata('gradyan_yok', names=', '.join(no_grad))
    not_leaf = [n for n, p in zip(_PARAM_NAMES, params) if not p.is_leaf]
    if not_leaf:
        hata('yaprak_degil', names=', '.join(not_leaf))
    for name, p in zip(_PARAM_NAMES, params):
        if name.startswith('W'):
            std = float(p.detach().std())
            if std > 0.1:
                hata('ilkleme_olcegi', name=name, std=d2l.fmt_num(std, 3))
            if not 0.005 < std < 0.02:
                raise Hata(f'`get_params`: {name} ağırlıklarının standart sapması '
                           f'{d2l.fmt_num(std, 4)}, beklenen 0,01: N(0; 0,01²) için '
                           'torch.randn(...) * 0.01.')
        elif bool((p.detach() != 0).any()):
            raise Hata(f'`get_params`: {name} bir ek (bias): sıfırlarla ilklenmeli '
                       '(torch.zeros).')


def get_params_acik(env):
    _params_kontrol(env, 28, 64, 0)


def get_params_gizli(env):
    _params_kontrol(env, 11, 96, 3)


# --- 03: durum, rnn, RNNModelScratch -----------------------------------------

def _state_kontrol(env, b, h):
    f = _fn(env, 'init_rnn_state')
    state = _call('init_rnn_state', f, b, h, CPU)
    if isinstance(state, torch.Tensor):
        hata('durum_demet_degil', what=f'biçimi {tuple(state.shape)}')
    if not isinstance(state, tuple) or len(state) != 1:
        raise Hata('`init_rnn_state` tek elemanlı bir demet döndürmeli: (H,).')
    H = _tensor('init_rnn_state', state[0], 'H')
    if tuple(H.shape) != (b, h):
        raise Hata(f'`init_rnn_state`: H\'nin biçimi {tuple(H.shape)}, beklenen '
                   f'(minigrup, gizli birim) = {(b, h)}.')
    if bool((H != 0).any()):
        raise Hata('`init_rnn_state`: gizli durum sıfırlarla ilklenmeli (torch.zeros).')


def init_state_acik(env):
    _state_kontrol(env, 2, 512)


def init_state_gizli(env):
    _state_kontrol(env, 5, 3)


def _rnn_inputs(V, h, steps, b, seed, scale=0.7):
    g = _gen(seed)
    params = [torch.randn(s, generator=g) * scale
              for s in [(V, h), (h, h), (h,), (h, V), (V,)]]
    X = torch.randint(0, V, (steps, b), generator=g)
    inputs = F.one_hot(X, V).float()
    H0 = torch.randn(b, h, generator=g) * 0.5
    return inputs, (H0,), params


def _rnn_variant(inputs, H, params, act_h, act_y):
    W_xh, W_hh, b_h, W_hq, b_q = params
    outs = []
    for X in inputs:
        H = act_h(X @ W_xh + H @ W_hh + b_h)
        outs.append(act_y(H @ W_hq + b_q))
    return torch.cat(outs, dim=0), H


def _forward_kontrol(env, name, ref_fn, V, h, steps, b, seed, act=torch.tanh):
    f = _fn(env, name)
    inputs, state, params = _rnn_inputs(V, h, steps, b, seed)
    res = _call(name, f, inputs.clone(), tuple(s.clone() for s in state),
                [p.clone() for p in params])
    if not isinstance(res, tuple) or len(res) != 2:
        raise Hata(f'`{name}` iki şey döndürmeli: (çıktılar, (H,)).')
    out, new_state = res
    out = _tensor(name, out, 'çıktılar')
    if isinstance(new_state, torch.Tensor):
        hata('durum_demet_degil', what='dönen durum')
    want = (steps * b, V)
    if tuple(out.shape) in [(b, steps * V), (steps, b, V), (b * V, steps)]:
        hata('yanlis_eksen', got=tuple(out.shape), want=want)
    if tuple(out.shape) != want:
        raise Hata(f'`{name}`: çıktıların biçimi {tuple(out.shape)}, beklenen {want}.')
    ref_out, ref_H = ref_fn(inputs, state, params)
    ident = lambda z: z  # noqa: E731
    if not _close(out, ref_out):
        if act is torch.tanh:
            if _close(out, _rnn_variant(inputs, state[0], params, ident, ident)[0]):
                hata('tanh_eksik')
            for act_h in (torch.tanh, ident):
                if _close(out, _rnn_variant(inputs, state[0], params, act_h,
                                            torch.tanh)[0]):
                    hata('tanh_ciktida')
        else:   # ReLU: tanh kalmış mı?
            if _close(out, _rnn_variant(inputs, state[0], params, torch.tanh, ident)[0]):
                raise Hata(f'`{name}`: çıktılar tanh ile hesaplanmış gibi; gizli durumda '
                           'torch.relu kullanın.')
            if _close(out, _rnn_variant(inputs, state[0], params, act, act)[0]):
                raise Hata(f'`{name}`: ReLU çıktıya da uygulanmış; yalnızca gizli duruma '
                           'uygulayın.')
        if _close(out, _rnn_variant(inputs, state[0] * 0, params, act, ident)[0]):
            raise Hata(f'`{name}`: çıktılar, verilen durum yerine sıfırdan başlamış gibi: '
                       'ilk H, state bağımsız değişkeninden gelmeli (H, = state).')
        diff = float((out - ref_out).abs().max())
        raise Hata(f'`{name}`: çıktılar beklenenden farklı (en büyük fark {diff:.3g}). '
                   'Her adımda H = f(X W_xh + H W_hh + b_h), Y = H W_hq + b_q; H bir '
                   'sonraki adıma taşınmalı.')
    if not isinstance(new_state, tuple) or len(new_state) != 1:
        raise Hata(f'`{name}`: dönen durum tek elemanlı bir demet olmalı: (H,).')
    if not _close(_tensor(name, new_state[0], 'H'), ref_H):
        raise Hata(f'`{name}`: dönen durum son adımın H\'si olmalı.')


def _torch_rnn(nonlinearity):
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


def rnn_acik(env):
    _forward_kontrol(env, 'rnn', lambda i, s, p: (lambda o: (o[0], o[1][0]))(
        d2l.rnn(i, s, p)), 6, 5, 4, 3, seed=0)


def rnn_gizli(env):
    _forward_kontrol(env, 'rnn', _torch_rnn('tanh'), 9, 7, 6, 2, seed=4)


class _IzliForward:
    """Modelin forward_fn'ine verdiği girdileri kaydeder, sonra d2l.rnn'i çağırır."""

    def __init__(self):
        self.inputs = []

    def __call__(self, inputs, state, params):
        self.inputs.append(inputs)
        return d2l.rnn(inputs, state, params)


def _model_kontrol(env, V, h, b, s, seed):
    cls = _fn(env, 'RNNModelScratch')
    spy = _IzliForward()
    torch.manual_seed(seed)
    net = _call('RNNModelScratch', cls, V, h, CPU, d2l.get_params,
                d2l.init_rnn_state, spy)
    torch.manual_seed(seed)
    ref = d2l.RNNModelScratch(V, h, CPU, d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    state = _call('RNNModelScratch.begin_state', net.begin_state, b, CPU)
    if isinstance(state, torch.Tensor):
        hata('durum_demet_degil', what='begin_state\'in sonucu')
    # en büyük indis V-1'den küçük: genişlik verilmezse torch onu daraltır
    X = torch.randint(0, V - 3, (b, s), generator=_gen(seed))
    try:
        res = net(X, state)
    except NotImplementedError:
        raise Hata(YAZILMADI.format(name='RNNModelScratch.__call__')) from None
    except Exception as e:
        res = e
    if spy.inputs:
        inp = spy.inputs[0]
        shape = tuple(inp.shape)
        if shape[:2] == (b, s) and b != s:
            hata('devrik_eksik', got=shape, want=(s, b, V))
        if inp.dim() == 3 and inp.shape[2] != V:
            hata('yanlis_genislik', got=inp.shape[2], want=V)
        if not inp.is_floating_point():
            raise Hata('`RNNModelScratch.__call__`: bire bir kodlanmış girdiyi '
                       'float32\'ye çevirin (.type(torch.float32)).')
    if isinstance(res, Exception):
        raise Hata('`RNNModelScratch.__call__` çalışırken hata verdi: '
                   f'{type(res).__name__}: {res}')
    if res is None or not spy.inputs:
        raise Hata(YAZILMADI.format(name='RNNModelScratch.__call__') + ' (__call__, '
                   'X.T\'yi bire bir kodlayıp self.forward_fn\'i çağırmalı.)')
    Y, new_state = res
    ref_Y, _ = ref(X, ref.begin_state(b, CPU))
    if tuple(Y.shape) != (s * b, V):
        raise Hata(f'`RNNModelScratch`: çıktının biçimi {tuple(Y.shape)}, beklenen '
                   f'{(s * b, V)}.')
    if not _close(Y, ref_Y):
        if b == s and _close(Y, d2l.rnn(F.one_hot(X, V).float(),
                                        ref.begin_state(b, CPU), ref.params)[0]):
            hata('devrik_eksik', got='(minigrup, adım, V)', want=(s, b, V))
        raise Hata('`RNNModelScratch`: çıktılar beklenenden farklı: parametreler '
                   'get_params(vocab_size, num_hiddens, device) ile kurulmalı, '
                   '__call__ bunları forward_fn\'e vermeli.')


def model_acik(env):
    _model_kontrol(env, 28, 16, 2, 5, seed=0)


def model_gizli(env):
    _model_kontrol(env, 7, 5, 4, 4, seed=2)   # kare girdi: devrik eksikse hata vermez


# --- 04: tahmin ----------------------------------------------------------------

_METIN = 'the time machine by h g wells the time traveller for so it will be'


class _IzliModel:
    """Bir modeli sarar: begin_state çağrılarını, verilen girdileri ve durumları,
    çıktıların gradyanlarını kaydeder."""

    def __init__(self, net):
        self.net = net
        self.vocab_size, self.num_hiddens = net.vocab_size, net.num_hiddens
        self.begin_calls, self.fed, self.states_in = 0, [], []
        self.outputs, self.grads = [], {}

    @property
    def params(self):
        return self.net.params

    def parameters(self):
        return self.net.parameters()

    def begin_state(self, batch_size, device):
        self.begin_calls += 1
        return self.net.begin_state(batch_size=batch_size, device=device)

    def __call__(self, X, state):
        self.fed.append(X.detach().clone())
        self.states_in.append(state)
        y_hat, new_state = self.net(X, state)
        if y_hat.requires_grad:
            i = len(self.outputs)
            y_hat.register_hook(lambda g, i=i: self.grads.__setitem__(i, g))
        self.outputs.append(y_hat.detach())
        return y_hat, new_state


class _IzliModul(nn.Module):
    """``_IzliModel``in nn.Module olanı: isinstance(net, nn.Module) dalları sınansın."""

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.vocab_size, self.num_hiddens = net.vocab_size, net.num_hiddens
        self.begin_calls, self.fed, self.states_in = 0, [], []
        self.outputs, self.grads = [], {}

    begin_state = _IzliModel.begin_state
    forward = _IzliModel.__call__


def _loud_net(vocab, h, seed):
    """Tahminleri girdiye göre değişen (büyük ağırlıklı) küçük bir model."""
    def params(V, h, device):
        ps = d2l.get_params(V, h, device)
        with torch.no_grad():
            for p in ps:
                p.copy_(torch.randn(p.shape, generator=_gen(seed + p.numel())) * 0.8)
            ps[-1][0] = -100.0   # <unk> hiç seçilmesin: her andıç tek karakter olsun
        return ps
    return d2l.RNNModelScratch(len(vocab), h, CPU, params, d2l.init_rnn_state, d2l.rnn)


def _predict_kontrol(env, prefix, num_preds, seed):
    f = _fn(env, 'predict_ch8')
    vocab = d2l.Vocab(list(_METIN))
    net = _IzliModel(_loud_net(vocab, 12, seed))
    out = _call('predict_ch8', f, prefix, num_preds, net, vocab, CPU)
    if not isinstance(out, str):
        raise Hata(f'`predict_ch8` bir metin (str) döndürmeli, {type(out).__name__} geldi: '
                   "''.join(vocab.to_tokens(outputs)).")
    ref = d2l.predict_ch8(prefix, num_preds, net.net, vocab, CPU)
    n, L = len(prefix) + num_preds, len(prefix)
    fed = ''.join(vocab.to_tokens([int(x.reshape(-1)[0]) for x in net.fed]))
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
    if out != ref:
        raise Hata(f'`predict_ch8`: üretilen devam beklenenden farklı ({out!r}, beklenen '
                   f'{ref!r}). Her adımda en olası andıcı seçin (y.argmax(dim=1)) ve onu '
                   'bir sonraki adımın girdisi yapın; durumu her çağrıda güncelleyin.')


def predict_acik(env):
    _predict_kontrol(env, 'time traveller ', 10, seed=0)


def predict_gizli(env):
    _predict_kontrol(env, 'the', 15, seed=5)
    _predict_kontrol(env, 'w', 4, seed=6)   # tek karakterlik önek: ısınma yok


# --- 05: gradyan kırpma ------------------------------------------------------

class _Scratch:
    def __init__(self, params):
        self.params = params


def _grads(seed, norms):
    g = _gen(seed)
    params = []
    for i, nrm in enumerate(norms):
        p = torch.zeros(3 + i, 4, requires_grad=True)
        d = torch.randn(p.shape, generator=g)
        d[0, 0] = 6.0   # bir öğe baskın: öğe öğe kırpma yönü belirgin değiştirir
        p.grad = d / d.norm() * nrm
        params.append(p)
    return params


def _clip_kontrol(env, net, theta):
    f = _fn(env, 'grad_clipping')
    ps = list(net.parameters()) if isinstance(net, nn.Module) else net.params
    before = [p.grad.clone() for p in ps if p.grad is not None]
    ref_ps = [p.detach().clone().requires_grad_(True) for p in ps if p.grad is not None]
    for r, b in zip(ref_ps, before):
        r.grad = b.clone()
    total = float(torch.nn.utils.clip_grad_norm_(ref_ps, theta))
    _call('grad_clipping', f, net, theta, none_ok=True)
    after = [p.grad for p in ps if p.grad is not None]
    flat_b = torch.cat([g.reshape(-1) for g in before])
    flat_a = torch.cat([g.reshape(-1) for g in after])
    if all(_close(a, r.grad, atol=1e-6) for a, r in zip(after, ref_ps)):
        return
    per_param = [g * min(1.0, theta / float(g.norm())) for g in before]
    if all(_close(a, p, atol=1e-6) for a, p in zip(after, per_param)):
        hata('parametre_basina_kirpma')
    cos = float(flat_a @ flat_b / (flat_a.norm() * flat_b.norm() + 1e-12))
    if cos < 0.9999:
        hata('yon_degisti', cos=cos)
    norm_a = float(flat_a.norm())
    if total <= theta:
        raise Hata(f'`grad_clipping`: norm ({d2l.fmt_num(total, 3)}) θ={theta}\'dan küçükken gradyan '
                   'değişmemeli: ölçek min(1, θ/‖g‖).')
    if torch.equal(flat_a, flat_b):
        raise Hata(f'`grad_clipping`: gradyanlar değişmedi, oysa toplam normları '
                   f'{d2l.fmt_num(total, 3)} > θ={theta}. Gradyanları yerinde ölçekleyin: '
                   'p.grad[:] *= ölçek (ya da p.grad.mul_(ölçek)).')
    raise Hata(f'`grad_clipping`: kırpmadan sonra toplam norm {d2l.fmt_num(norm_a, 4)}, '
               f'beklenen {d2l.fmt_num(min(total, theta), 4)}: g ← min(1, θ/‖g‖) g.')


def clip_acik(env):
    _clip_kontrol(env, _Scratch(_grads(0, [2.0, 3.0, 1.5])), 1.0)   # büyük: kırpılır
    _clip_kontrol(env, _Scratch(_grads(1, [0.2, 0.1, 0.3])), 1.0)   # küçük: dokunulmaz


def clip_gizli(env):
    torch.manual_seed(7)
    net = nn.Sequential(nn.Linear(5, 6), nn.Tanh(), nn.Linear(6, 3))
    net[0].bias.requires_grad_(False)   # gradyanı olmayan parametre atlanmalı
    x = torch.randn(4, 5)
    (net(x) ** 2).sum().mul(50).backward()
    _clip_kontrol(env, net, 0.5)
    _clip_kontrol(env, _Scratch(_grads(2, [4.0, 0.5])), 2.0)


# --- 06-07: eğitim ve durum ----------------------------------------------------

def _batches(V, b, s, n, seed, sequential=True):
    g = _gen(seed)
    if sequential:   # satır i, minigrup k+1'de minigrup k'nınkini sürdürür
        corpus = torch.randint(0, V, (b, n * s + 1), generator=g)
        return [(corpus[:, k * s:(k + 1) * s], corpus[:, k * s + 1:(k + 1) * s + 1])
                for k in range(n)]
    out = []
    for _ in range(n):
        seq = torch.randint(0, V, (b, s + 1), generator=g)
        out.append((seq[:, :-1], seq[:, 1:]))
    return out


class _IzliGuncelleyici:
    def __init__(self, params, lr):
        self.params, self.lr = params, lr
        self.calls = []   # (batch_size, toplam gradyan normu)

    def __call__(self, batch_size):
        norm = math.sqrt(sum(float((p.grad ** 2).sum()) for p in self.params
                             if p.grad is not None))
        self.calls.append((batch_size, norm))
        d2l.sgd(self.params, self.lr, batch_size)


def _scratch_net(V, h, seed, scale=1.0):
    torch.manual_seed(seed)
    net = d2l.RNNModelScratch(V, h, CPU, d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    with torch.no_grad():   # büyük ağırlıklar: gradyan normu θ=1'i aşsın, kırpma iş görsün
        for p in net.params:
            p.mul_(scale)
    return net


def _train_kontrol(env, use_random_iter, seed, torch_model=False):
    f = _fn(env, 'train_epoch_ch8')
    V, h, b, s, n, lr = 8, 10, 3, 5, 3, 1.0
    data = _batches(V, b, s, n, seed, sequential=not use_random_iter)
    loss = nn.CrossEntropyLoss(reduction='none')
    if torch_model:
        torch.manual_seed(seed)
        net = _IzliModul(d2l.RNNModelTorch(V, h, CPU))
        torch.manual_seed(seed)
        ref = d2l.RNNModelTorch(V, h, CPU)
        updater = torch.optim.SGD(net.net.parameters(), lr)
        ref_updater = torch.optim.SGD(ref.parameters(), lr)
        params, ref_params = list(net.net.parameters()), list(ref.parameters())
    else:
        net, ref = _IzliModel(_scratch_net(V, h, seed, 60)), _scratch_net(V, h, seed, 60)
        updater = _IzliGuncelleyici(net.params, lr)
        ref_updater = lambda batch_size: d2l.sgd(ref.params, lr, batch_size)  # noqa: E731
        params, ref_params = net.params, ref.params
    error = None
    try:
        res = f(net, iter(data), loss, updater, CPU, use_random_iter)
    except NotImplementedError:
        raise Hata(YAZILMADI.format(name='train_epoch_ch8')) from None
    except Exception as e:
        res, error = None, e
    # Durum: sıralı bölümlemede taşınıp koparılır, rastgele örneklemede her seferinde ilklenir
    later = net.states_in[1:]
    attached = [st for st in later for t in (st if isinstance(st, tuple) else (st,))
                if isinstance(t, torch.Tensor) and t.grad_fn is not None]
    if attached:
        hata('koparma_yok', why='Taşınan durum bir önceki minigrubun çizgesine bağlı.')
    if error is not None and 'second time' in str(error):
        hata('koparma_yok', why='Geri yayılım aynı çizgeden ikinci kez geçmeye çalıştı.')
    if use_random_iter and net.states_in and net.begin_calls < len(net.states_in):
        hata('rastgele_tasima', calls=net.begin_calls, n=len(net.states_in))
    if not use_random_iter and net.begin_calls > 1:
        hata('sirali_yeniden_ilkleme', calls=net.begin_calls)
    if error is not None:
        raise Hata(f'`train_epoch_ch8` çalışırken hata verdi: {type(error).__name__}: '
                   f'{error}')
    if res is None:
        raise Hata(YAZILMADI.format(name='train_epoch_ch8'))
    if not isinstance(res, tuple) or len(res) != 2:
        raise Hata('`train_epoch_ch8` (şaşkınlık, andıç/sn) döndürmeli.')
    if len(net.states_in) != n:
        raise Hata(f'`train_epoch_ch8`: model {len(net.states_in)} kez çağrıldı, {n} '
                   'minigrup vardı: her minigrupta bir kez.')
    # Kayıp: ortalama mı? Çıktının gradyanı ortalamada (softmax - bire bir) / N
    for i, (X, Y) in enumerate(data):
        if i not in net.grads:
            raise Hata('`train_epoch_ch8`: kaybın gradyanı hesaplanmamış: '
                       'l.backward() çağırın.')
        y = Y.T.reshape(-1)
        y_hat = net.outputs[i]
        expect = (F.softmax(y_hat, dim=1) - F.one_hot(y, V).float()) / y.numel()
        ratio = float(net.grads[i].norm() / expect.norm())
        if abs(ratio - y.numel()) < 0.01 * y.numel():
            hata('kayip_toplam', ratio=ratio)
        if not _close(net.grads[i], expect, atol=1e-6):
            raise Hata('`train_epoch_ch8`: kayıp beklenenden farklı hesaplanmış: '
                       'etiketler çıktılarla aynı (adım · minigrup) sırasında olmalı '
                       '(y = Y.T.reshape(-1)) ve kayıp loss(y_hat, y).mean() olmalı.')
    if not torch_model:
        for batch_size, norm in updater.calls:
            if norm > 1 + 1e-4:
                hata('kirpma_yok', norm=d2l.fmt_num(norm, 3))
        if len(updater.calls) != n or any(bs != 1 for bs, _ in updater.calls):
            raise Hata('`train_epoch_ch8`: güncelleyici her minigrupta bir kez, '
                       f'batch_size=1 ile çağrılmalı (çağrılar: {updater.calls}); kayıp '
                       'zaten ortalama.')
    ref_ppl, _ = d2l.train_epoch_ch8(ref, iter(data), loss, ref_updater, CPU,
                                     use_random_iter)
    if not all(_close(p, r, atol=1e-5) for p, r in zip(params, ref_params)):
        raise Hata('`train_epoch_ch8`: bir dönemden sonra parametreler beklenenden '
                   'farklı: her minigrupta sırayla ileri yayılım, kayıp, backward, '
                   'grad_clipping(net, 1), güncelleme.')
    ppl = res[0]
    if not isinstance(ppl, (int, float)) or not math.isclose(ppl, ref_ppl, rel_tol=1e-4):
        raise Hata(f'`train_epoch_ch8`: şaşkınlık {ppl!r}, beklenen {ref_ppl:.4f}: '
                   'exp(toplam kayıp / toplam andıç sayısı); her minigrubun ortalama '
                   'kaybını andıç sayısıyla çarparak biriktirin.')


def train_acik(env):
    _train_kontrol(env, use_random_iter=False, seed=0)
    _train_kontrol(env, use_random_iter=True, seed=1)


def train_gizli(env):
    _train_kontrol(env, use_random_iter=False, seed=2, torch_model=True)
    _train_kontrol(env, use_random_iter=True, seed=3, torch_model=True)


def _prepare_kontrol(env, torch_model):
    f = _fn(env, 'prepare_state')
    V, h, b = 6, 4, 3
    torch.manual_seed(0)
    base = d2l.RNNModelTorch(V, h, CPU) if torch_model else _scratch_net(V, h, 0)
    net = _IzliModul(base) if torch_model else _IzliModel(base)
    X = torch.randint(0, V, (b, 5), generator=_gen(0))
    # Durum yoksa (dönemin ilk minigrubu) her iki yöntemde de ilklenir
    for use_random in (False, True):
        st = _call('prepare_state', f, net, None, b, CPU, use_random)
        parts = st if isinstance(st, tuple) else (st,)
        if (not torch_model and isinstance(st, torch.Tensor)):
            hata('durum_demet_degil', what='prepare_state\'in sonucu')
        if any(bool((p != 0).any()) for p in parts):
            raise Hata('`prepare_state`: durum yokken (state=None) '
                       'net.begin_state(batch_size, device) ile ilkleyin.')
    _, carried = base(X, base.begin_state(b, CPU))   # çizgeye bağlı, sıfır olmayan durum
    values = [t.detach().clone() for t in (carried if isinstance(carried, tuple)
                                           else (carried,))]
    calls = net.begin_calls
    st = _call('prepare_state', f, net, carried, b, CPU, True)
    parts = st if isinstance(st, tuple) else (st,)
    if net.begin_calls == calls or any(bool((p != 0).any()) for p in parts):
        hata('rastgele_tasima', calls=net.begin_calls - calls, n=1)
    calls = net.begin_calls
    st = _call('prepare_state', f, net, carried, b, CPU, False)
    parts = st if isinstance(st, tuple) else (st,)
    if net.begin_calls > calls or all(bool((p == 0).all()) for p in parts):
        hata('sirali_yeniden_ilkleme', calls=net.begin_calls - calls + 1)
    if any(p.grad_fn is not None for p in parts):
        hata('koparma_yok', why='Dönen durum hâlâ çizgeye bağlı.')
    if isinstance(carried, tuple) != isinstance(st, tuple):
        raise Hata('`prepare_state`: durumun türünü koruyun: sıfırdan modelde bir demet '
                   '(tuple(s.detach() for s in state)), nn.RNN\'de tek bir tensör '
                   '(state.detach()).')
    if not all(torch.equal(p, v) for p, v in zip(parts, values)):
        raise Hata('`prepare_state`: sıralı bölümlemede durumun değerleri korunmalı; '
                   'yalnızca çizgeden koparılıp ayrılır.')


def prepare_acik(env):
    _prepare_kontrol(env, torch_model=False)


def prepare_gizli(env):
    _prepare_kontrol(env, torch_model=True)


# --- 08: bölümün alıştırmaları -------------------------------------------------

def _embed_kontrol(env, V, d, shape, seed):
    f = _fn(env, 'embed_by_one_hot')
    g = _gen(seed)
    W = torch.randn(V, d, generator=g)
    X = torch.randint(0, V - 2, shape, generator=g)   # en büyük indis V-1'den küçük
    try:
        out = _call('embed_by_one_hot', f, X.clone(), W.clone())
    except Hata as e:
        if 'cannot be multiplied' in str(e):
            hata('yanlis_genislik', got='girdideki en büyük indis + 1', want=V)
        raise
    out = _tensor('embed_by_one_hot', out)
    ref = F.embedding(X, W)
    if out.shape != ref.shape or not _close(out, ref):
        raise Hata(f'`embed_by_one_hot`: sonuç gömme tablosundan okumaya (W[X], biçim '
                   f'{tuple(ref.shape)}) eşit değil; gelen biçim {tuple(out.shape)}. '
                   'Bire bir vektörü W ile çarpmak W\'nin bir satırını seçer.')


def embed_acik(env):
    _embed_kontrol(env, 10, 4, (2, 5), seed=0)


def embed_gizli(env):
    _embed_kontrol(env, 28, 8, (3, 4), seed=1)


def _embed_inputs_kontrol(env, V, d, b, s, seed):
    f = _fn(env, 'embed_inputs')
    g = _gen(seed)
    E = torch.randn(V, d, generator=g)
    X = torch.randint(0, V, (b, s), generator=g)
    out = _tensor('embed_inputs', _call('embed_inputs', f, X.clone(), E.clone()))
    if tuple(out.shape) == (b, s, d) and b != s:
        hata('devrik_eksik', got=(b, s, d), want=(s, b, d))
    if not _close(out, E[X.T]):
        raise Hata(f'`embed_inputs`: sonuç E[X.T] olmalı, biçimi {(s, b, d)} '
                   f'(gelen {tuple(out.shape)}).')
    eye = _call('embed_inputs', f, X.clone(), torch.eye(V))
    if not _close(eye, F.one_hot(X.T, V).float()):
        raise Hata('`embed_inputs`: E birim matris olunca sonuç bire bir kodlama olmalı.')


def embed_inputs_acik(env):
    _embed_inputs_kontrol(env, 28, 6, 2, 5, seed=0)


def embed_inputs_gizli(env):
    _embed_inputs_kontrol(env, 9, 3, 4, 7, seed=2)


_P = torch.tensor([0.5, 0.3, 0.15, 0.05])


def _probs_kontrol(env, logits, alpha):
    f = _fn(env, 'sampling_probs')
    q = _call('sampling_probs', f, logits.clone(), alpha)
    q = _tensor('sampling_probs', q).reshape(-1).double()
    if math.isinf(alpha):
        want = F.one_hot(logits.argmax(), len(logits)).double()
        if not _close(q, want, atol=1e-6):
            hata('alfa_sonsuz', got=[round(float(v), 4) for v in q])
        return
    want = F.softmax(alpha * logits.double(), dim=0)
    if alpha != 1 and _close(q, F.softmax(logits.double(), dim=0), atol=1e-6):
        hata('alfa_yok')
    if not _close(q, want, atol=1e-6):
        raise Hata(f'`sampling_probs`: q = {[round(float(v), 4) for v in q]}, beklenen '
                   f'{[round(float(v), 4) for v in want]} (q ∝ P^α, toplamı 1).')


def probs_acik(env):
    logits = _P.log()
    _probs_kontrol(env, logits, 2.0)
    _probs_kontrol(env, logits, float('inf'))


def probs_gizli(env):
    logits = torch.randn(7, generator=_gen(3)) * 2
    for alpha in (1.0, 0.5, 4.0, float('inf')):
        _probs_kontrol(env, logits, alpha)


def _sample_kontrol(env, logits, alpha, n, seed):
    f = _fn(env, 'sample_next')
    g = _gen(seed)
    try:
        draws = [_call('sample_next', f, logits.reshape(1, -1), alpha, g) for _ in range(n)]
    except Hata as e:
        if math.isinf(alpha) and 'henüz yazılmadı' not in str(e):
            hata('alfa_sonsuz', got=f'bir hata ({e})')
        raise
    if not all(isinstance(d, int) and 0 <= d < len(logits) for d in draws):
        raise Hata('`sample_next` 0 ile V-1 arasında bir tam sayı (int) döndürmeli.')
    if math.isinf(alpha):
        greedy = d2l.greedy(logits.reshape(1, -1))
        if any(d != greedy for d in draws):
            hata('alfa_sonsuz', got=f'{draws[:5]}..., açgözlü seçim {greedy}')
        return
    freq = torch.bincount(torch.tensor(draws), minlength=len(logits)).double() / n
    q = F.softmax(alpha * logits.double(), dim=0)
    tol = 4 * torch.sqrt(q * (1 - q) / n) + 1e-3
    if bool(((freq - q).abs() > tol).any()):
        p = F.softmax(logits.double(), dim=0)
        if alpha != 1 and bool(((freq - p).abs() <= 4 * torch.sqrt(p * (1 - p) / n)
                                + 1e-3).all()):
            hata('alfa_yok')
        raise Hata(f'`sample_next`: {n} çekimin sıklıkları '
                   f'{[round(float(v), 3) for v in freq]}, q ∝ P^α ise '
                   f'{[round(float(v), 3) for v in q]}; üreteci (generator) '
                   'torch.multinomial ya da torch.rand\'a verin.')


def sample_acik(env):
    _sample_kontrol(env, _P.log(), 2.0, 3000, seed=0)
    _sample_kontrol(env, _P.log(), float('inf'), 20, seed=0)


def sample_gizli(env):
    logits = torch.randn(6, generator=_gen(5))
    _sample_kontrol(env, logits, 0.5, 3000, seed=1)
    _sample_kontrol(env, logits * 3, float('inf'), 20, seed=2)


def _norm_kontrol(env, params):
    f = _fn(env, 'global_grad_norm')
    out = _call('global_grad_norm', f, params)
    val = float(_tensor('global_grad_norm', torch.as_tensor(out)))
    clones = [p.detach().clone().requires_grad_(True) for p in params]
    for c, p in zip(clones, params):
        c.grad = p.grad.clone()
    ref = float(torch.nn.utils.clip_grad_norm_(clones, float('inf')))   # kâhin: torch
    if len(params) > 1 and math.isclose(val, sum(float(p.grad.norm()) for p in params),
                                        rel_tol=1e-5):
        raise Hata('`global_grad_norm`: parametrelerin normları toplanmış; norm bütün '
                   'gradyanlar üzerinden birlikte alınır: √(Σ_i ‖g_i‖²).')
    if not math.isclose(val, ref, rel_tol=1e-5):
        raise Hata(f'`global_grad_norm`: {val:.5f}, beklenen {ref:.5f} = √(Σ_i ‖g_i‖²).')


def norm_acik(env):
    _norm_kontrol(env, _grads(0, [2.0, 3.0, 1.5]))


def norm_gizli(env):
    _norm_kontrol(env, _grads(4, [0.1, 7.0, 0.2, 1.0]))


def _carry_kontrol(env, torch_model):
    f = _fn(env, 'carry_state')
    V, h, b = 6, 4, 2
    net = d2l.RNNModelTorch(V, h, CPU) if torch_model else _scratch_net(V, h, 1)
    X = torch.randint(0, V, (b, 3), generator=_gen(1))
    _, state = net(X, net.begin_state(b, CPU))
    kept = _call('carry_state', f, state, False)
    cut = _call('carry_state', f, state, True)
    for st, detach in ((kept, False), (cut, True)):
        if isinstance(state, tuple) != isinstance(st, tuple):
            if isinstance(state, tuple):
                hata('durum_demet_degil', what='carry_state\'in sonucu')
            raise Hata('`carry_state`: durumun türünü koruyun (demet ya da tensör).')
        parts = st if isinstance(st, tuple) else (st,)
        orig = state if isinstance(state, tuple) else (state,)
        if not all(torch.equal(p.detach(), o.detach()) for p, o in zip(parts, orig)):
            raise Hata('`carry_state`: durumun değerleri değişmemeli.')
        if detach and any(p.grad_fn is not None for p in parts):
            hata('koparma_yok', why='detach=True iken dönen durum çizgeye bağlı.')
        if not detach and any(p.grad_fn is None for p in parts):
            raise Hata('`carry_state`: detach=False iken durum çizgeye bağlı kalmalı: '
                       'alıştırma, koparmadan eğitmenin ne yaptığını ölçmek.')


def carry_acik(env):
    _carry_kontrol(env, torch_model=False)


def carry_gizli(env):
    torch.manual_seed(3)
    _carry_kontrol(env, torch_model=True)


def rnn_relu_acik(env):
    _forward_kontrol(env, 'rnn_relu', _torch_rnn('relu'), 6, 5, 4, 3, seed=0,
                     act=torch.relu)


def rnn_relu_gizli(env):
    _forward_kontrol(env, 'rnn_relu', _torch_rnn('relu'), 9, 7, 6, 2, seed=4,
                     act=torch.relu)
