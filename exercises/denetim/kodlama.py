"""Gözlemlerin güvenli biçimi: JSON + numpy dizileri (``.npz``, pickle'sız).

Öğrencinin kodu yalıtılmış bir süreçte çalışır ve yalnızca *değer* döndürür: tensörler,
sayılar, metinler, demetler, listeler, sözlükler. Bu modül onları koda dönüşmeyen bir
biçime yazar ve geri okur. Okuyan taraf (notlandırıcı) dosyadan hiçbir nesne kurmaz:
tensörler düz ``torch.Tensor``, bilinmeyen her şey yalnızca tür adını taşıyan bir
``Nesne`` olur (ör. ``__eq__``'su hileli bir Tensor alt sınıfı düz tensöre dönüşür).

Alıştırma modunda da (öğrencinin çekirdeği) gözlemler bu biçimden geçer: denetim iki
yerde de aynı girdiyi görür.
"""
import io
import json
import math
import zipfile

import numpy as np
import torch

SINIR_OGE = 200_000          # bir kayıttaki en çok değer sayısı (liste öğeleri dahil)
SINIR_SAYI = 20_000_000      # tensörlerdeki en çok sayı
SINIR_METIN = 20_000         # bir metnin en çok karakteri (fazlası kesilir)
SINIR_DERINLIK = 12
SINIR_BAYT = 256 * 2 ** 20   # okunan kayıt dosyasının en büyük boyu


class Nesne:
    """Kodlanamayan bir değerin yerine geçer: yalnızca türünün adı bilinir."""

    def __init__(self, tur):
        self.tur = str(tur)[:200]

    def __repr__(self):
        return f'<{self.tur} nesnesi>'


class HataKaydi:
    """Öğrencinin kodunun verdiği bir hata: türü ve iletisi (metin olarak)."""

    def __init__(self, tur, ileti):
        self.tur, self.ileti = str(tur)[:200], str(ileti)[:SINIR_METIN]

    def __repr__(self):
        return f'HataKaydi({self.tur}: {self.ileti[:80]})'


class KodlamaHatasi(ValueError):
    """Kayıt bozuk ya da sınırları aşıyor."""


def _tur_adi(obj):
    try:
        return type(obj).__name__
    except Exception:   # noqa: BLE001 -- hileli bir tür adı da yalnızca bir metindir
        return '?'


class _Yazici:
    def __init__(self):
        self.diziler, self.oge, self.sayi = [], 0, 0

    def kodla(self, obj, derinlik=0):
        self.oge += 1
        if self.oge > SINIR_OGE or derinlik > SINIR_DERINLIK:
            return {'__nesne__': 'çok büyük'}
        t = type(obj)   # type(): alt sınıflar (ör. hileli int) düz değere çevrilir
        if obj is None or t is bool:
            return obj
        if obj is Ellipsis:
            return {'__ellipsis__': True}
        if t is int:
            return obj if abs(obj) < 2 ** 63 else {'__float__': str(float(obj))}
        if t is float:
            return obj if math.isfinite(obj) else {'__float__': repr(obj)}
        if t is str:
            return obj[:SINIR_METIN]
        if isinstance(obj, BaseException):
            return {'__hata__': [_tur_adi(obj), str(obj)[:SINIR_METIN]]}
        if t is HataKaydi:
            return {'__hata__': [obj.tur, obj.ileti]}
        if isinstance(obj, torch.Tensor):
            return self.tensor(obj)
        if t in (tuple, list):
            items = [self.kodla(o, derinlik + 1) for o in list(obj)[:SINIR_OGE]]
            return {'__tuple__': items} if t is tuple else items
        if t is dict:
            return {'__dict__': [[self.kodla(k, derinlik + 1), self.kodla(v, derinlik + 1)]
                                 for k, v in list(obj.items())[:SINIR_OGE]]}
        return {'__nesne__': _tur_adi(obj)}

    def tensor(self, t):
        try:
            base = torch.Tensor.detach(t).cpu()
            dtype = str(base.dtype).replace('torch.', '')
            self.sayi += base.numel()
            if self.sayi > SINIR_SAYI or base.is_complex():
                return {'__nesne__': 'Tensor'}
            if base.dtype in (torch.bfloat16, torch.float16):
                base = base.float()
            arr = np.ascontiguousarray(torch.Tensor.numpy(base.resolve_conj().resolve_neg()))
            meta = {'__tensor__': len(self.diziler), 'dtype': dtype,
                    'requires_grad': bool(t.requires_grad), 'is_leaf': bool(t.is_leaf),
                    'grad_fn': t.grad_fn is not None, 'tur': _tur_adi(t)}
        except Exception:   # noqa: BLE001 -- okunamayan tensör bir nesne olarak kalır
            return {'__nesne__': _tur_adi(t)}
        self.diziler.append(arr)
        return meta


def kodla(obj):
    """(JSON'a yazılabilir ağaç, numpy dizileri listesi)."""
    y = _Yazici()
    return y.kodla(obj), y.diziler


def _tensor_kur(meta, arr):
    if arr.dtype.kind not in 'biuf':
        raise KodlamaHatasi('tensörün türü okunamıyor')
    t = torch.from_numpy(np.array(arr, copy=True))
    dtype = getattr(torch, str(meta.get('dtype', '')), None)
    if isinstance(dtype, torch.dtype) and dtype != t.dtype:
        t = t.to(dtype)
    if t.is_floating_point() and meta.get('requires_grad'):
        t.requires_grad_(True)
        if meta.get('grad_fn') or not meta.get('is_leaf', True):
            t = t.clone()   # çizgeye bağlı, yaprak olmayan bir tensör
    return t


def coz(agac, diziler):
    """``kodla``nın tersi; yalnızca bilinen biçimleri kabul eder."""
    def git(o, d=0):
        if d > SINIR_DERINLIK + 2:
            raise KodlamaHatasi('kayıt çok derin')
        if o is None or type(o) in (bool, int, float, str):
            return o
        if type(o) is list:
            return [git(v, d + 1) for v in o]
        if type(o) is not dict or len(o) < 1:
            raise KodlamaHatasi('bilinmeyen kayıt biçimi')
        if '__tensor__' in o:
            i = o['__tensor__']
            if type(i) is not int or not 0 <= i < len(diziler):
                raise KodlamaHatasi('tensör kaydı eksik')
            return _tensor_kur(o, diziler[i])
        if '__tuple__' in o:
            return tuple(git(v, d + 1) for v in o['__tuple__'])
        if '__dict__' in o:
            out = {}
            for k, v in o['__dict__']:
                k = git(k, d + 1)
                out[k if type(k) in (str, int, float, bool, tuple) or k is None
                    else repr(k)] = git(v, d + 1)
            return out
        if '__float__' in o:
            return float(o['__float__'])
        if '__ellipsis__' in o:
            return Ellipsis
        if '__hata__' in o:
            return HataKaydi(*o['__hata__'][:2])
        if '__nesne__' in o:
            return Nesne(o['__nesne__'])
        raise KodlamaHatasi('bilinmeyen kayıt biçimi')
    return git(agac)


def gidip_gel(obj):
    """Alıştırma modu: gözlemi aynı biçimden geçirir (notlandırmadaki gibi)."""
    return coz(*kodla(obj))


def yaz(yol, obj):
    """Tek dosya: bir zip içinde ``kayit.json`` ve ``diziler.npz``."""
    agac, diziler = kodla(obj)
    buf = io.BytesIO()
    np.savez(buf, *diziler)
    with zipfile.ZipFile(yol, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('kayit.json', json.dumps(agac, ensure_ascii=False))
        z.writestr('diziler.npz', buf.getvalue())


def oku(yol):
    """``yaz``ın dosyasını okur; bozuk ya da sınırı aşan kayıt ``KodlamaHatasi``."""
    try:
        with zipfile.ZipFile(yol) as z:
            if sum(i.file_size for i in z.infolist()) > SINIR_BAYT:
                raise KodlamaHatasi('kayıt çok büyük')
            agac = json.loads(z.read('kayit.json').decode('utf-8'))
            with np.load(io.BytesIO(z.read('diziler.npz')), allow_pickle=False) as npz:
                diziler = [npz[f'arr_{i}'] for i in range(len(npz.files))]
    except KodlamaHatasi:
        raise
    except Exception as e:   # noqa: BLE001 -- bozuk dosya, hangi biçimde olursa olsun
        raise KodlamaHatasi(f'kayıt okunamadı: {type(e).__name__}') from None
    return coz(agac, diziler)
