"""Denetimlerin ortak parçaları: yoklama (öğrencinin kodunu çağırma) ve yargılama.

Her soru iki fonksiyondur:

- ``yokla(env, vaka)``: öğrencinin fonksiyonlarını ``vaka``nın (düz bir sözlük: boyutlar,
  tohumlar) girdileriyle çağırır, gördüğünü bir sözlüğe yazar (gözlem). Hiçbir şeyi
  karşılaştırmaz. Notlandırmada yalıtılmış süreçte çalışır.
- ``yargila(gozlem, vaka)``: girdileri aynı vakadan yeniden kurar, kâhini (d2lmini'nin ya da
  torch'un kendi fonksiyonları) hesaplar, gözlemle karşılaştırır; tutmazsa Türkçe bir
  ``Hata`` verir. Notlandırmada öğrencinin kodunun hiç çalışmadığı süreçte çalışır.

Alıştırma modunda (öğrencinin çekirdeği) ikisi art arda çalışır; gözlem arada güvenli
biçimden geçer (``kodlama.gidip_gel``), böylece iki kipte de aynı yargıya varılır.
"""
import torch

from .hatalar import YAZILMADI, Hata
from .kodlama import HataKaydi, Nesne, gidip_gel

CPU = torch.device('cpu')


class KaynakYasak(RuntimeError):
    """Sorunun istediği fonksiyonun başvuru sürümü (d2lmini'deki) çağrıldı."""


class Soru:
    """Bir soru: adı (defterdeki), denetim adının öneki, yoklama, yargı, açık vakalar."""

    def __init__(self, ad, onek, yokla, yargila, acik):
        self.ad, self.onek = ad, onek
        self.yokla, self.yargila, self.acik = yokla, yargila, list(acik)

    def denetle(self, env, vakalar=None):
        """Alıştırma modu: her vaka için yokla, gözlemi güvenli biçimden geçir, yargıla."""
        for vaka in (self.acik if vakalar is None else vakalar):
            self.yargila(gidip_gel(self.yokla(env, vaka)), vaka)


def gen(seed):
    return torch.Generator().manual_seed(seed)


def close(a, b, atol=1e-5):
    """İki tensör aynı biçimde ve yakın mı (öğrencinin değeri hangi türde olursa olsun)."""
    return (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)
            and a.shape == b.shape
            and bool(torch.allclose(a.detach().double(), b.detach().double(),
                                    atol=atol, rtol=1e-4)))


# --- yoklama tarafı --------------------------------------------------------------

def cagir(f, *args, **kw):
    """Öğrencinin kodunu çağırır; verdiği hata bir değer (``HataKaydi``) olarak döner.

    KeyboardInterrupt (süre aşımı) geçer: yoklamayı o durdurur.
    """
    try:
        return f(*args, **kw)
    except KeyboardInterrupt:
        raise
    except BaseException as e:   # noqa: BLE001 -- SystemExit dahil her şey bir kayıttır
        return HataKaydi(type(e).__name__, e)


def bul(env, ad):
    """Öğrencinin defterindeki ad; yoksa None (yargı 'tanımlı değil' der)."""
    try:
        return env.get(ad)
    except Exception:   # noqa: BLE001
        return None


# --- yargı tarafı -----------------------------------------------------------------

def tanimli(gozlem, ad):
    if gozlem.get('tanimsiz'):
        raise Hata(f'`{ad}` tanımlı değil: tanımın olduğu hücreyi çalıştırdınız mı '
                   '(Shift+Enter)?')


def sonuc(ad, out, none_ok=False):
    """Kaydedilmiş bir çağrının sonucu; hata ya da yazılmamışsa Türkçe ``Hata``."""
    if isinstance(out, HataKaydi):
        if out.tur == 'NotImplementedError':
            raise Hata(YAZILMADI.format(name=ad))
        if out.tur in ('KaynakYasak', 'Hata'):
            raise Hata(out.ileti, anahtar='kaynak_yasak' if out.tur == 'KaynakYasak'
                       else None)
        raise Hata(f'`{ad}` çalışırken hata verdi: {out.tur}: {out.ileti}')
    if out is Ellipsis or (out is None and not none_ok):
        raise Hata(YAZILMADI.format(name=ad))
    return out


def tensor(ad, out, ne='sonuç'):
    if not isinstance(out, torch.Tensor):
        tur = out.tur if isinstance(out, Nesne) else type(out).__name__
        raise Hata(f'`{ad}`: {ne} bir tensör olmalı, {tur} geldi.')
    return out


def tur_adi(out):
    return out.tur if isinstance(out, Nesne) else type(out).__name__
