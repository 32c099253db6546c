"""Veri indirme: SHA-1 ile doğrulanan, yarım dosya bırakmayan, yeniden deneyen
indirme.

Ayarlar (ortam değişkenleri):
- ``D2LMINI_DATA_URL``: varsayılan sunucunun yerine geçen bir yansı (mirror)
  adresi; dosya ``<adres>/<dosya-adı>`` olarak istenir (ör.
  ``<adres>/timemachine.txt``).
- ``D2LMINI_DATA_DIR``: önbellek klasörü. Verilmezse depodan çalışırken deponun
  ``data/`` klasörü, kurulu paketten çalışırken ``~/.cache/d2lmini``
  kullanılır.
"""
import hashlib
import os
import pathlib
import time

import requests

from .files import atomic_write

DATA_URL = 'https://d2l-data.s3-accelerate.amazonaws.com/'

# ad -> (adres, SHA-1) ya da (adres, SHA-1, yansıdaki dosya adı)
DATA_HUB = {
    'time_machine': (DATA_URL + 'timemachine.txt',
                     '090b5e7e70c295757f55df93cb0a180b9691891a'),
    # H. G. Wells, Dünyalar Savaşı: Project Gutenberg e-kitap #36 (UTF-8, BOM
    # ve Gutenberg başlığı/sonu ile); yansıda <adres>/war_of_the_worlds.txt
    'war_of_the_worlds': ('https://www.gutenberg.org/cache/epub/36/pg36.txt',
                          '8a5d3dd63210f4420faa17508adf988d7e209e1e',
                          'war_of_the_worlds.txt'),
}

TIMEOUT = (10, 60)     # (bağlanma, okuma) saniye
RETRIES = 3            # ağ hatasında toplam deneme sayısı
# denemeler arasında bekleme (saniye), her seferinde iki katı
BACKOFF = 1.0

_REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent


class DownloadError(RuntimeError):
    """İndirme ya da doğrulama başarısız oldu; ileti ne yapılacağını söyler."""


def default_cache_dir():
    """Önbellek klasörü: D2LMINI_DATA_DIR, yoksa depodaki data/, yoksa
    ~/.cache/d2lmini.
    """
    if os.environ.get('D2LMINI_DATA_DIR'):
        return pathlib.Path(os.environ['D2LMINI_DATA_DIR']).expanduser()
    in_checkout = (_REPO_ROOT / 'pyproject.toml').exists()
    if in_checkout and (_REPO_ROOT / 'data').is_dir():
        # depodan çalışılıyor: tüm defterler aynı kopyayı paylaşır
        return _REPO_ROOT / 'data'
    return pathlib.Path.home() / '.cache' / 'd2lmini'


def sha1sum(path):
    """Bir dosyanın SHA-1 özetini (onaltılık) döndürür."""
    digest = hashlib.sha1()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()


def _source(name):
    """DATA_HUB kaydından (istenecek adres, beklenen SHA-1, yerel dosya adı)
    üretir.
    """
    if name not in DATA_HUB:
        raise KeyError(f'{name!r} DATA_HUB içinde yok; bilinen adlar: '
                       f'{sorted(DATA_HUB)}')
    url, sha1, *rest = DATA_HUB[name]
    file_name = rest[0] if rest else url.rsplit('/', 1)[-1]
    mirror = os.environ.get('D2LMINI_DATA_URL')
    if mirror:
        url = mirror.rstrip('/') + '/' + file_name
    return url, sha1, file_name


def _by_hand(url, target):
    return (f'Çözüm: dosyayı {url} adresinden (ya da bir kopyasından) elle '
            f'indirip {target} konumuna koyun, ya da D2LMINI_DATA_URL ile bir '
            'yansı gösterin.')


def _fetch(url, sha1, target):
    """Adresi geçici bir dosyaya indirir, doğrular ve ancak o zaman asıl adına
    taşır.
    """
    with atomic_write(target) as f, \
            requests.get(url, stream=True, timeout=TIMEOUT) as r:
        r.raise_for_status()
        digest = hashlib.sha1()
        for chunk in r.iter_content(chunk_size=1 << 16):
            f.write(chunk)
            digest.update(chunk)
        if digest.hexdigest() != sha1:
            raise DownloadError(
                f'{url} indirildi ama sağlama toplamı tutmuyor: beklenen '
                f'SHA-1 {sha1}, gelen {digest.hexdigest()}. Dosya '
                'kaydedilmedi. ' + _by_hand(url, target))


def download(name, cache_dir=None):
    """DATA_HUB'daki ``name`` dosyasını indirir ya da önbellekten alır.

    Dönüş: dosyanın yolu.
    Önbellekteki dosya yalnızca SHA-1'i tutuyorsa kullanılır; tutmuyorsa
    yeniden indirilir.
    """
    url, sha1, file_name = _source(name)
    if cache_dir is None:
        cache_dir = default_cache_dir()
    folder = pathlib.Path(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name
    if target.exists():
        if sha1sum(target) == sha1:
            return str(target)
        print(f'{target} bozuk ya da eski (SHA-1 tutmuyor); yeniden '
              'indiriliyor.')
    delay = BACKOFF
    for attempt in range(1, RETRIES + 1):
        try:
            _fetch(url, sha1, target)
            return str(target)
        except requests.HTTPError as e:
            status = e.response.status_code
            # 404 gibi hatalar denemekle düzelmez
            if status < 500 or attempt == RETRIES:
                raise DownloadError(f'{url} indirilemedi: HTTP {status}. '
                                    + _by_hand(url, target)) from None
        except requests.RequestException as e:
            if attempt == RETRIES:
                raise DownloadError(f'{url} indirilemedi ({RETRIES} deneme): '
                                    f'{type(e).__name__}: {e}. '
                                    + _by_hand(url, target)) from None
        time.sleep(delay)
        delay *= 2
