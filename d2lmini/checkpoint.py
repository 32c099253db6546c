"""Eğitilmiş modeli kaydetme ve yükleme: çekirdek yeniden başlasa da model kaybolmaz.

Dosyada yalnızca tensörler ve düz veri (sayılar, dizgiler, listeler, sözlükler) vardır;
yükleme ``torch.load(weights_only=True)`` ile yapılır: dosyadan kod çalıştırılamaz.
"""
import hashlib
import os
import pathlib
import tempfile
import warnings

import torch

from .data import Vocab
from .rnn import RNNModelScratch, init_rnn_state, rnn
from .utils import try_gpu

FORMAT = 'd2lmini-model'
VERSION = 1
SCRATCH = 'RNNModelScratch'
FAST = 'RNNModelFast'
FAST_FORWARDS = ('rnn_fast', 'rnn_lookup', 'rnn_hoisted')


class CheckpointError(ValueError):
    """Dosya bir d2lmini model dosyası değil ya da bozuk; ileti ne yapılacağını söyler."""


_REDO = ('Doğru dosyayı verdiğinizi denetleyin; dosya bozulduysa modeli yeniden eğitip '
         'd2l.save_model(net, vocab, yol) ile kaydedin.')


def _scratch_state(net):
    # load_model modeli d2lmini'nin get_params / init_rnn_state / rnn fonksiyonlarıyla yeniden
    # kurar; başka bir ileri yayılım (ör. ReLU'lu) sessizce tanh'lı olarak geri gelmesin
    forward = getattr(net.forward_fn, '__name__', None)
    init = getattr(net.init_state, '__name__', None)
    if forward != 'rnn' or init != 'init_rnn_state':
        raise ValueError(f'Bu model {forward!r} / {init!r} fonksiyonlarıyla kurulmuş; save_model '
                         'yalnızca rnn ve init_rnn_state ile kurulan RNNModelScratch modellerini '
                         'kaydedebilir. Başka bir model için parametreleri kendiniz kaydedin: '
                         'torch.save([p.detach().cpu() for p in net.params], yol)')
    return {'vocab_size': int(net.vocab_size), 'num_hiddens': int(net.num_hiddens),
            'params': [p.detach().cpu().clone() for p in net.params]}


def _fast_class():
    """d2lmini.RNNModelFast (varsa): çağrı anında bakılır, çünkü ayrı bir modülde tanımlıdır."""
    import d2lmini
    return getattr(d2lmini, 'RNNModelFast', None)


def _digest(obj, h=None):
    """İçeriğin SHA-256 özeti: tensör verisindeki bozulmalar da (zip bunu denetlemez) yakalanır."""
    h = hashlib.sha256() if h is None else h
    if isinstance(obj, dict):
        h.update(b'{')
        for key in sorted(obj):
            _digest(key, h)
            _digest(obj[key], h)
        h.update(b'}')
    elif isinstance(obj, (list, tuple)):
        h.update(b'[')
        for item in obj:
            _digest(item, h)
        h.update(b']')
    elif isinstance(obj, torch.Tensor):
        t = obj.detach().cpu().contiguous()
        h.update(f'T{t.dtype}{tuple(t.shape)}'.encode())
        h.update(t.view(torch.uint8).numpy().tobytes() if t.numel() else b'')
    else:
        h.update(f'{type(obj).__name__}:{obj!r};'.encode())
    return h.hexdigest()


def save_model(net, vocab, path):
    """Modeli ve kelime dağarcığını ``path`` dosyasına kaydeder.

    Yazma atomiktir: önce aynı klasörde geçici bir dosyaya yazılır, sonra adı değiştirilir;
    yarıda kesilen bir kayıt eski dosyayı bozmaz.
    """
    fast = _fast_class()
    if fast is not None and isinstance(net, fast):
        kind, model = FAST, _fast_state(net)
    elif hasattr(net, 'params') and hasattr(net, 'forward_fn'):
        kind, model = SCRATCH, _scratch_state(net)
    else:
        raise ValueError(f'{type(net).__name__} kaydedilemiyor: save_model RNNModelScratch '
                         've RNNModelFast modellerini kaydeder')
    if model['vocab_size'] != len(vocab):
        raise ValueError(f'modelin kelime dağarcığı boyutu ({model["vocab_size"]}) ile vocab '
                         f'({len(vocab)}) uyuşmuyor: modeli eğittiğiniz vocab\'ı verin')
    data = {'format': FORMAT, 'version': VERSION, 'kind': kind, 'model': model,
            'vocab': {'idx_to_token': list(vocab.idx_to_token),
                      'token_freqs': [[tok, int(freq)] for tok, freq in vocab.token_freqs]}}
    data['sha256'] = _digest(data)
    path = pathlib.Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f'.{path.name}.', suffix='.tmp', dir=path.parent)
    try:
        with os.fdopen(fd, 'wb') as f:
            torch.save(data, f)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _fast_state(net):
    # RNNModelFast'in ileri yayılımları (rnn_fast ve ara basamakları) aynı sonucu verir;
    # hangisi olduğu adıyla saklanır, parametreler RNNModelScratch'inkilerle aynı biçimdedir
    forward = getattr(net.forward_fn, '__name__', None)
    if forward not in FAST_FORWARDS:
        raise ValueError(f'Bu RNNModelFast {forward!r} ileri yayılımıyla kurulmuş; save_model '
                         f'yalnızca {", ".join(FAST_FORWARDS)} ile kurulanları kaydedebilir')
    return {'vocab_size': int(net.vocab_size), 'num_hiddens': int(net.num_hiddens),
            'forward_fn': forward, 'params': [p.detach().cpu().clone() for p in net.params]}


def _read(path):
    """Dosyayı yalnızca tensör ve düz veri kabul ederek okur; her sorunu CheckpointError yapar."""
    path = pathlib.Path(path)
    if not path.is_file():
        raise FileNotFoundError(f'{path} bulunamadı: yolu denetleyin ya da modeli önce '
                                'd2l.save_model(net, vocab, yol) ile kaydedin')
    try:
        with warnings.catch_warnings():   # bozuk dosyada torch'un uyarıları değil, bizim iletimiz
            warnings.simplefilter('ignore')
            return torch.load(path, map_location='cpu', weights_only=True)
    except Exception as e:   # bozuk zip, kesik dosya, metin dosyası, izin verilmeyen nesne...
        raise CheckpointError(
            f'{path} bir d2lmini model dosyası olarak okunamadı (bozuk, yarım ya da başka bir '
            f'türden dosya; güvenlik için yalnızca tensör ve düz veri kabul edilir). {_REDO} '
            f'[ayrıntı: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ""}]') from None


def _check(cond, path, what):
    if not cond:
        raise CheckpointError(f'{path} geçerli bir d2lmini model dosyası değil ({what}). {_REDO}')


def _vocab_from(data, path):
    v = data.get('vocab')
    _check(isinstance(v, dict), path, 'kelime dağarcığı yok')
    tokens, freqs = v.get('idx_to_token'), v.get('token_freqs')
    _check(isinstance(tokens, list) and tokens and all(isinstance(t, str) for t in tokens)
           and len(set(tokens)) == len(tokens), path, 'andıç listesi geçersiz')
    _check(isinstance(freqs, list) and all(
        isinstance(p, (list, tuple)) and len(p) == 2 and isinstance(p[0], str)
        and isinstance(p[1], int) for p in freqs), path, 'andıç sıklıkları geçersiz')
    # Andıçlar Vocab yeniden sayılarak değil, doğrudan geri konur: indisler birebir aynı kalır
    vocab = Vocab()
    vocab.idx_to_token = list(tokens)
    vocab.token_to_idx = {tok: idx for idx, tok in enumerate(tokens)}
    vocab._token_freqs = [(tok, freq) for tok, freq in freqs]
    return vocab


def _saved_params(model, path):
    """Kayıttaki boyutlar ve parametreler; biçimleri denetlenmiş olarak (V, h, params)."""
    V, h = model.get('vocab_size'), model.get('num_hiddens')
    params = model.get('params')
    _check(isinstance(V, int) and isinstance(h, int) and V > 0 and h > 0, path, 'boyutlar geçersiz')
    shapes = [(V, h), (h, h), (h,), (h, V), (V,)]   # W_xh, W_hh, b_h, W_hq, b_q
    _check(isinstance(params, list) and len(params) == len(shapes) and all(
        isinstance(p, torch.Tensor) and p.is_floating_point() and tuple(p.shape) == s
        for p, s in zip(params, shapes)), path, 'parametrelerin sayısı ya da biçimi tutmuyor')
    return V, h, params


def _to_device(params, device):
    return [p.to(device, torch.float32).clone().requires_grad_(True) for p in params]


def _scratch_from(model, device, path):
    V, h, params = _saved_params(model, path)

    def saved_params(vocab_size, num_hiddens, device):
        # get_params yerine: rastgele sayı çekmez, genel üretecin durumu değişmez
        return _to_device(params, device)

    return RNNModelScratch(V, h, device, saved_params, init_rnn_state, rnn)


def _fast_from(model, device, path):
    fast = _fast_class()
    _check(fast is not None, path, 'RNNModelFast modeli için d2lmini.RNNModelFast gerekir')
    V, h, params = _saved_params(model, path)
    forward = model.get('forward_fn')
    _check(forward in FAST_FORWARDS, path, f'bilinmeyen ileri yayılım {forward!r}')
    import d2lmini.fast
    # Kurucu ağırlıkları get_params ile çeker: genel üretecin durumu korunsun, sonra
    # çekilen ağırlıkların yerine kayıttakiler konur
    with torch.random.fork_rng(devices=[]):
        net = fast(V, h, 'cpu', forward_fn=getattr(d2lmini.fast, forward))
    net.params = _to_device(params, device)
    return net


def load_model(path, device=None):
    """``save_model`` ile kaydedilmiş modeli yükler: ``(net, vocab)``.

    ``device`` verilmezse ``try_gpu()``. Bozuk, yarım ya da başka türden bir dosya
    ``CheckpointError`` (bir ``ValueError``) verir.
    """
    device = try_gpu() if device is None else torch.device(device)
    data = _read(path)
    _check(isinstance(data, dict) and data.get('format') == FORMAT, path,
           'd2lmini biçim imi yok; başka bir programın dosyası olabilir')
    _check(data.get('version') == VERSION, path,
           f'biçim sürümü {data.get("version")!r}, bu d2lmini {VERSION} sürümünü okur')
    digest = data.pop('sha256', None)
    _check(digest == _digest(data), path, 'içerik özeti tutmuyor: dosya bozulmuş')
    vocab = _vocab_from(data, path)
    kind, model = data.get('kind'), data.get('model')
    _check(isinstance(model, dict), path, 'model bilgisi yok')
    if kind == SCRATCH:
        net = _scratch_from(model, device, path)
    elif kind == FAST:
        net = _fast_from(model, device, path)
    else:
        raise CheckpointError(f'{path}: bilinmeyen model türü {kind!r}. {_REDO}')
    _check(net.vocab_size == len(vocab), path, 'model ile kelime dağarcığının boyutu tutmuyor')
    return net, vocab
