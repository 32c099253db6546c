"""Gizli vakalar: notlandırırken eğitmenin gizli tohumundan çekilir.

Bu modül ve ``gizli_a*.py`` öğrencilere dağıtılmaz (``tools/exercises.py``). Depo açık olsa
da gizli vakalar okunamaz: her vaka, eğitmenin gizli tohumundan ve sorunun adından türetilen
bir rastgele üreteçle çekilir. Tohum:

- ``D2LMINI_GIZLI_TOHUM`` ortam değişkeni (bir dönem boyunca aynı kalsın; git'e girmez), ya da
- yoksa deponun kökünde ``.gizli-tohum`` dosyası (ilk notlandırmada rastgele üretilir, yalnız
  sahibi okuyabilir, git'e girmez).
"""
import hashlib
import hmac
import importlib
import os
import pathlib
import random
import secrets

DEGISKEN = 'D2LMINI_GIZLI_TOHUM'
DOSYA = pathlib.Path(__file__).resolve().parents[2] / '.gizli-tohum'


def tohum():
    deger = os.environ.get(DEGISKEN, '').strip()
    if deger:
        return deger
    if not (DOSYA.parent / 'pyproject.toml').exists():   # deponun dışında (ör. otter'ın zip'i)
        raise RuntimeError(f'Gizli denetimler için {DEGISKEN} ortam değişkenini verin.')
    if not DOSYA.exists():
        fd = os.open(DOSYA, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, 'w') as f:
            f.write(secrets.token_hex(32) + '\n')
    return DOSYA.read_text().strip()


def uretec(alistirma, soru, tuz=''):
    """Sorunun gizli vakalarının üreteci: HMAC(tohum, alıştırma/soru/tuz).

    Notlandırıcı ``tuz`` olarak teslimin özetini (SHA-256) verir: her teslim kendi gizli
    vakalarını alır; bir öğrencinin çıktıları başka birinin teslimine yaramaz.
    """
    key = hmac.new(tohum().encode(), f'{alistirma}/{soru}/{tuz}'.encode(), hashlib.sha256)
    return random.Random(key.hexdigest())


def vakalar(alistirma, soru, tuz=''):
    modul = importlib.import_module(f'{__package__}.gizli_a{alistirma[:2]}')
    return modul.VAKALAR[soru](uretec(alistirma, soru, tuz))


def parmak_izi():
    """Tohumun kısa parmak izi: sonuçlar hangi tohumla üretildi (tohumu açığa vurmaz)."""
    return hashlib.sha256(('parmak-izi/' + tohum()).encode()).hexdigest()[:12]
