"""Alıştırma defterlerinin denetimleri: her soru için açık ve gizli sınamalar.

Otter'ın sınama hücreleri ``<önek>_acik(env)`` (ve notlandırıcıda ``<önek>_gizli(env)``)
fonksiyonlarını çağırır; ``env`` öğrencinin defterindeki adlardır. Bir denetim tutmazsa
Türkçe bir ``Hata`` (``AssertionError``) verir; ileti, tanınan bir yanlışsa onun adını
söyler (``hatalar.HATALAR``).

Düzen: ``hatalar`` (adlandırılmış yanlışlar), ``kodlama`` (gözlemlerin güvenli biçimi),
``ortak`` (yoklama ve yargının ortak parçaları), alıştırma başına bir modül (``a01`` ... ``a09``; 08 ileri düzey, alıştırması yok).
Her soru bir yoklama (öğrencinin kodunu çağırır) ve bir yargıdır (kâhinle karşılaştırır):
notlandırmada ikisi ayrı süreçlerde çalışır (``tools/grader``). Gizli vakalar öğrencilere
dağıtılmaz; notlandırırken eğitmenin gizli tohumundan çekilir (``gizli``).
"""
from . import a01, a02, a03, a04, a05, a06, a07, a09
from .hatalar import HATALAR, YAZILMADI, Hata, baslik, hata  # noqa: F401

# alıştırmanın adı (defterin adı) -> modülü
ALISTIRMALAR = {
    '01-bire-bir-kodlama': a01,
    '02-model-parametreleri': a02,
    '03-rnn-modeli': a03,
    '04-tahmin': a04,
    '05-gradyan-kirpma': a05,
    '06-egitim': a06,
    '07-rastgele-ornekleme': a07,
    '09-bolum-alistirmalari': a09,
}


def sorular(alistirma):
    """Bir alıştırmanın soruları, ada göre."""
    return {s.ad: s for s in ALISTIRMALAR[alistirma].SORULAR}


def _gizli(alistirma, soru):
    def denetim(env):
        try:
            from . import gizli
        except ImportError:
            raise Hata('Gizli denetimler yalnızca notlandırmada çalışır.') from None
        soru.denetle(env, gizli.vakalar(alistirma, soru.ad))
    return denetim


for _ad, _modul in ALISTIRMALAR.items():
    for _soru in _modul.SORULAR:
        globals()[f'{_soru.onek}_acik'] = _soru.denetle
        globals()[f'{_soru.onek}_gizli'] = _gizli(_ad, _soru)
from .gosterim import Defter, kontrol, ozet  # noqa: E402,F401 -- öğrenciye görünen yanıt
