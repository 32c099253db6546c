"""Eğitilmiş modeli kaydetme ve yükleme: çekirdek yeniden başlasa da model
kalır.

Dosyada yalnızca tensörler ve düz veri (sayılar, dizgiler, listeler, sözlükler)
vardır; yükleme ``torch.load(weights_only=True)`` ile yapılır: dosyadan kod
çalıştırılamaz. İçeriğin SHA-256 özeti de saklanır: tensör verisindeki bir
bozulma (zip bunu denetlemez) yüklemede yakalanır.
"""
import hashlib
import inspect
import pathlib
import warnings

import torch

from .checks import bind_vocab
from .fast import RNNModelFast, rnn_fast, rnn_hoisted, rnn_lookup
from .files import atomic_write
from .rnn import RNNModelScratch, init_rnn_state, rnn
from .utils import try_gpu
from .vocab import Vocab

FORMAT, VERSION = 'd2lmini-model', 1

# Kaydedilebilen modeller: sınıf -> yeniden kurulurken kullanılabilecek
# ileri yayılımlar. Bir model ancak ileri yayılımı bunlardan biriyse (ya da
# kaynak metni birebir aynıysa) kaydedilir: adı aynı ama işi başka olan bir
# fonksiyon (ör. ReLU'lu bir rnn) tanh'lı olarak geri gelmesin.
FORWARDS = {RNNModelScratch: (rnn,),
            RNNModelFast: (rnn_fast, rnn_lookup, rnn_hoisted)}
KINDS = {cls.__name__: cls for cls in FORWARDS}


class CheckpointError(ValueError):
    """Dosya bir d2lmini model dosyası değil ya da bozuk."""


_REDO = ('Doğru dosyayı verdiğinizi denetleyin; dosya bozulduysa modeli '
         'yeniden eğitip d2l.save_model(net, vocab, yol) ile kaydedin.')


def _source(fn):
    try:
        return inspect.getsource(fn).strip()
    except (OSError, TypeError):   # kaynağı bulunamayan fonksiyon
        return None


def _known(fn, candidates):
    """``fn`` adaylardan biriyse (aynı nesne ya da kaynak metni birebir aynı,
    ör. defterde yeniden tanımlanmış bir kopya) o adayı verir; değilse None."""
    source = _source(fn)
    for known in candidates:
        if fn is known or (source is not None and source == _source(known)):
            return known
    return None


def _describe(net):
    """Modelin türü ve yeniden kurmak için gereken her şey (düz veri)."""
    if type(net) not in FORWARDS:
        raise ValueError(f'{type(net).__name__} kaydedilemiyor: save_model '
                         'RNNModelScratch ve RNNModelFast modellerini '
                         'kaydeder')
    allowed = FORWARDS[type(net)]
    forward = _known(net.forward_fn, allowed)
    init_ok = (type(net) is not RNNModelScratch
               or _known(net.init_state, (init_rnn_state,)) is not None)
    if forward is None or not init_ok:
        name = getattr(net.forward_fn, '__name__', net.forward_fn)
        raise ValueError(
            f'Bu model {name!r} ileri yayılımıyla kurulmuş; save_model yalnız '
            f'd2lmini\'nin {", ".join(f.__name__ for f in allowed)} '
            '(ve init_rnn_state) fonksiyonlarıyla kurulan modelleri geri '
            'kurabilir. Başka bir model için parametreleri kendiniz kaydedin: '
            'torch.save([p.detach().cpu() for p in net.params], yol)')
    return {'vocab_size': int(net.vocab_size),
            'num_hiddens': int(net.num_hiddens),
            'forward_fn': forward.__name__,
            'params': [p.detach().cpu().clone() for p in net.params]}


def _digest(obj, h=None):
    """İçeriğin SHA-256 özeti (anahtarlar sıralı, tensörler baytlarıyla).
    """
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

    Yazma atomiktir: yarıda kesilen bir kayıt eski dosyayı bozmaz.
    """
    model = _describe(net)
    if model['vocab_size'] != len(vocab):
        raise ValueError(
            'modelin kelime dağarcığı boyutu '
            f'({model["vocab_size"]}) ile vocab '
            f'({len(vocab)}) uyuşmuyor: modeli eğittiğiniz vocab\'ı verin')
    bind_vocab(net, vocab)   # aynı boyutta başka bir dağarcık da olmasın
    freqs = [[tok, int(freq)] for tok, freq in vocab.token_freqs]
    data = {'format': FORMAT, 'version': VERSION,
            'kind': type(net).__name__, 'model': model,
            'vocab': {'idx_to_token': list(vocab.idx_to_token),
                      'token_freqs': freqs}}
    data['sha256'] = _digest(data)
    try:
        with atomic_write(path) as f:
            torch.save(data, f)
    except (OSError, RuntimeError) as e:   # izin, klasör yok, disk dolu...
        raise _save_problem(path, e) from None


def _save_problem(path, e):
    """Kaydın neden olmadığını kullanıcının verdiği yolla anlatan bir hata."""
    folder = pathlib.Path(path).expanduser().absolute().parent
    if not folder.is_dir():
        why = f'{folder} klasörü yok: önce oluşturun ya da başka bir yol verin'
    elif isinstance(e, PermissionError):
        why = f'{folder} klasörüne yazma izni yok: başka bir yol verin'
    else:
        why = ('diskte yer kalmamış olabilir: yer açın ya da başka bir yol '
               'verin')
    detail = str(e).splitlines()[0] if str(e) else ''
    err = OSError(f'{path} kaydedilemedi; {why}. Varsa eski dosya olduğu gibi '
                  f'duruyor. [ayrıntı: {type(e).__name__}: {detail}]')
    err.errno = getattr(e, 'errno', None)
    return err


def _read(path):
    """Yalnızca tensör ve düz veri kabul ederek okur; sorunlar CheckpointError.
    """
    path = pathlib.Path(path)
    if not path.is_file():
        raise FileNotFoundError(f'{path} bulunamadı: yolu denetleyin ya da '
                                'modeli önce d2l.save_model(net, vocab, yol) '
                                'ile kaydedin')
    try:
        with warnings.catch_warnings():   # torch'un uyarıları değil, iletimiz
            warnings.simplefilter('ignore')
            return torch.load(path, map_location='cpu', weights_only=True)
    except Exception as e:   # bozuk zip, kesik dosya, izinsiz nesne...
        detail = str(e).splitlines()[0] if str(e) else ''
        raise CheckpointError(
            f'{path} bir d2lmini model dosyası olarak okunamadı (bozuk, yarım '
            'ya da başka bir türden dosya; güvenlik için yalnızca tensör ve '
            f'düz veri kabul edilir). {_REDO} '
            f'[ayrıntı: {type(e).__name__}: {detail}]') from None


def _check(cond, path, what):
    if not cond:
        raise CheckpointError(
            f'{path} geçerli bir d2lmini model dosyası değil ({what}). '
            + _REDO)


def _vocab_from(data, path):
    v = data.get('vocab')
    _check(isinstance(v, dict), path, 'kelime dağarcığı yok')
    tokens, freqs = v.get('idx_to_token'), v.get('token_freqs')
    _check(isinstance(tokens, list) and tokens
           and all(isinstance(t, str) for t in tokens)
           and len(set(tokens)) == len(tokens), path, 'andıç listesi geçersiz')
    _check(isinstance(freqs, list) and all(
        isinstance(p, (list, tuple)) and len(p) == 2
        and isinstance(p[0], str) and isinstance(p[1], int)
        for p in freqs), path, 'andıç sıklıkları geçersiz')
    try:
        return Vocab.from_tokens(tokens, freqs)
    except ValueError as e:
        raise CheckpointError(f'{path}: {e}. {_REDO}') from None


def _model_from(kind, model, device, path):
    """Kayıttaki boyut ve parametrelerle modeli kurar (rastgele çekim yok)."""
    _check(isinstance(model, dict), path, 'model bilgisi yok')
    V, h = model.get('vocab_size'), model.get('num_hiddens')
    params = model.get('params')
    _check(isinstance(V, int) and isinstance(h, int) and V > 0 and h > 0,
           path, 'boyutlar geçersiz')
    # W_xh, W_hh, b_h, W_hq, b_q
    shapes = [(V, h), (h, h), (h,), (h, V), (V,)]
    _check(isinstance(params, list) and len(params) == len(shapes) and all(
        isinstance(p, torch.Tensor) and p.is_floating_point()
        and tuple(p.shape) == s for p, s in zip(params, shapes)),
        path, 'parametrelerin sayısı ya da biçimi tutmuyor')
    cls = KINDS[kind]
    forwards = {f.__name__: f for f in FORWARDS[cls]}
    # Eski kayıtlarda sıfırdan modelin ileri yayılımının adı yoktu: rnn
    forward = forwards.get(model.get('forward_fn', FORWARDS[cls][0].__name__))
    _check(forward is not None, path,
           f'bilinmeyen ileri yayılım {model.get("forward_fn")!r}')
    params = [p.to(device, torch.float32).clone().requires_grad_(True)
              for p in params]
    if cls is RNNModelScratch:
        return RNNModelScratch(V, h, device, lambda *_: params,
                               init_rnn_state, forward)
    return RNNModelFast(V, h, device, forward, params=params)


def load_model(path, device=None):
    """``save_model`` ile kaydedilmiş modeli yükler: ``(net, vocab)``.

    ``device`` verilmezse ``try_gpu()``. Bozuk, yarım ya da başka türden bir
    dosya ``CheckpointError`` (bir ``ValueError``) verir.
    """
    device = try_gpu() if device is None else torch.device(device)
    data = _read(path)
    _check(isinstance(data, dict) and data.get('format') == FORMAT, path,
           'd2lmini biçim imi yok; başka bir programın dosyası olabilir')
    _check(data.get('version') == VERSION, path,
           f'biçim sürümü {data.get("version")!r}, bu d2lmini {VERSION} '
           'sürümünü okur')
    digest = data.pop('sha256', None)
    _check(digest == _digest(data), path,
           'içerik özeti tutmuyor: dosya bozulmuş')
    vocab = _vocab_from(data, path)
    kind = data.get('kind')
    if kind not in KINDS:
        raise CheckpointError(
            f'{path}: bilinmeyen model türü {kind!r}. {_REDO}')
    net = _model_from(kind, data.get('model'), device, path)
    _check(net.vocab_size == len(vocab), path,
           'model ile kelime dağarcığının boyutu tutmuyor')
    bind_vocab(net, vocab)   # model ve dağarcığı birlikte: karışmasınlar
    return net, vocab
