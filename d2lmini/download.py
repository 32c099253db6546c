"""Veri indirme: SHA-1 ile doğrulanan, yarım dosya bırakmayan, yeniden
deneyen indirme.

Ayarlar (ortam değişkenleri):
- ``D2LMINI_DATA_URL``: varsayılan sunucunun yerine geçen bir yansı (mirror)
  adresi; dosya ``<adres>/<dosya-adı>`` olarak istenir (ör.
  ``<adres>/timemachine.txt``).
- ``D2LMINI_DATA_DIR``: önbellek klasörü. Verilmezse depodan çalışırken deponun
  ``data/`` klasörü, kurulu paketten çalışırken ``~/.cache/d2lmini``.

Sınırlar: bir dosya beklenen boyutundan (yoksa ``MAX_BYTES``) büyük olamaz,
bütün denemeler ``DEADLINE`` saniyede biter; indirme uzarsa ilerleme yazılır.
"""
import hashlib
import os
import pathlib
import time
from typing import NamedTuple

import requests
import urllib3

from .files import atomic_write, remove_stale_parts
from .numfmt import fmt_num

DATA_URL = 'https://d2l-data.s3-accelerate.amazonaws.com/'


class DataSource(NamedTuple):
    """Bir DATA_HUB kaydı. Kitaptaki gibi ``(adres, SHA-1)`` da verilebilir."""
    url: str
    sha1: str
    file_name: str = None   # yansıdaki ve önbellekteki ad (yoksa adresten)
    size: int = None        # beklenen bayt sayısı: indirmenin üst sınırı


DATA_HUB = {
    'time_machine': DataSource(DATA_URL + 'timemachine.txt',
                               '090b5e7e70c295757f55df93cb0a180b9691891a',
                               size=178979),
    # H. G. Wells, Dünyalar Savaşı: Project Gutenberg e-kitap #36 (UTF-8, BOM
    # ve Gutenberg başlığı/sonu ile); yansıda <adres>/war_of_the_worlds.txt
    'war_of_the_worlds': DataSource(
        'https://www.gutenberg.org/cache/epub/36/pg36.txt',
        '8a5d3dd63210f4420faa17508adf988d7e209e1e',
        'war_of_the_worlds.txt', 366688),
}

TIMEOUT = (10, 30)       # (bağlanma, okuma) saniye: sessiz sunucu
DEADLINE = 120.0         # bütün denemeler birlikte, saniye: ağır sunucu
RETRIES = 3              # ağ hatasında toplam deneme sayısı
BACKOFF = 1.0            # denemeler arası bekleme (saniye), her sefer 2 katı
MAX_BYTES = 100 << 20    # boyutu bilinmeyen kayıtlar için üst sınır
PROGRESS_AFTER = 2.0     # bu kadar saniyeden uzun süren indirme ilerleme yazar
CHUNK = 1 << 16

_REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent


class DownloadError(RuntimeError):
    """İndirme ya da doğrulama başarısız oldu; ileti ne yapılacağını söyler."""


class _Retry(Exception):
    """Denemekle düzelebilecek bir aktarım hatası (kesik bağlantı gibi)."""


class _TooSlow(Exception):
    """Bütün denemelerin süresi (DEADLINE) doldu."""


def default_cache_dir():
    """Önbellek klasörü: D2LMINI_DATA_DIR, yoksa depodaki data/, yoksa
    ~/.cache/d2lmini."""
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
    """DATA_HUB kaydından (adres, SHA-1, yerel dosya adı, üst sınır)."""
    if name not in DATA_HUB:
        raise KeyError(f'{name!r} DATA_HUB içinde yok; bilinen adlar: '
                       f'{sorted(DATA_HUB)}')
    src = DataSource(*DATA_HUB[name])
    file_name = src.file_name or src.url.rsplit('/', 1)[-1]
    mirror = os.environ.get('D2LMINI_DATA_URL')
    url = mirror.rstrip('/') + '/' + file_name if mirror else src.url
    return url, src.sha1, file_name, src.size or MAX_BYTES


def _by_hand(url, target):
    return (f'Çözüm: dosyayı {url} adresinden (ya da bir kopyasından) elle '
            f'indirip {target} konumuna koyun, ya da D2LMINI_DATA_URL ile bir '
            'yansı gösterin.')


def _cache_problem(folder, e):
    return DownloadError(
        f'{folder} önbellek klasörü olarak kullanılamıyor '
        f'({type(e).__name__}: {e.strerror or e}). D2LMINI_DATA_DIR ile '
        'yazılabilir bir klasör seçin, ör. D2LMINI_DATA_DIR=~/d2lmini-veri')


class _Progress:
    """İndirme ``PROGRESS_AFTER`` saniyeyi geçince saniyede bir satır yazar."""

    def __init__(self, name, limit):
        self.name, self.limit = name, limit
        self.start = self.last = time.monotonic()
        self.shown = False

    def update(self, done):
        now = time.monotonic()
        if now - self.start < PROGRESS_AFTER or now - self.last < 1:
            return
        self.last, self.shown = now, True
        print(f'\r{self.name} indiriliyor: {fmt_num(done / 1e3)} kB '
              f'(en çok {fmt_num(self.limit / 1e3)} kB), '
              f'{fmt_num(now - self.start)} sn', end='', flush=True)

    def done(self):
        if self.shown:
            print()


def _fetch(url, sha1, target, limit, deadline):
    """Adresi geçici bir dosyaya indirir, doğrular, sonra asıl adına taşır."""
    progress = _Progress(target.name, limit)
    with atomic_write(target) as f, \
            requests.get(url, stream=True, timeout=TIMEOUT) as r:
        r.raise_for_status()
        declared = int(r.headers.get('Content-Length') or 0)
        digest, total = hashlib.sha1(), 0
        while chunk := _read(r, deadline):
            total += len(chunk)
            if total > limit or declared > limit:
                raise DownloadError(
                    f'{url} beklenenden büyük (en çok {fmt_num(limit)} bayt '
                    'olmalı): yanlış bir dosya ya da bozuk bir sunucu. '
                    'Dosya kaydedilmedi. ' + _by_hand(url, target))
            f.write(chunk)
            digest.update(chunk)
            progress.update(total)
        progress.done()
        if declared and total < declared:
            raise _Retry(f'bağlantı {fmt_num(total)}/{fmt_num(declared)} '
                         'baytta kesildi')
        if digest.hexdigest() != sha1:
            raise DownloadError(
                f'{url} indirildi ama sağlama toplamı tutmuyor: beklenen '
                f'SHA-1 {sha1}, gelen {digest.hexdigest()}. Dosya '
                'kaydedilmedi. ' + _by_hand(url, target))


def _read(response, deadline):
    """Gelen kadarını okur (en çok CHUNK); süre dolduysa DownloadError."""
    if time.monotonic() > deadline:
        raise _TooSlow()
    try:
        return response.raw.read1(CHUNK, decode_content=True)
    except urllib3.exceptions.HTTPError as e:   # zaman aşımı, kesik akış
        raise _Retry(f'{type(e).__name__}: {e}') from None


def download(name, cache_dir=None):
    """DATA_HUB'daki ``name`` dosyasını indirir ya da önbellekten alır.

    Dönüş: dosyanın yolu. Önbellekteki dosya yalnızca SHA-1'i tutuyorsa
    kullanılır; tutmuyorsa yeniden indirilir.
    """
    url, sha1, file_name, limit = _source(name)
    folder = pathlib.Path(cache_dir or default_cache_dir()).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _cache_problem(folder, e) from None
    target = folder / file_name
    remove_stale_parts(target)   # öldürülmüş eski indirmelerin artıkları
    if target.exists():
        if sha1sum(target) == sha1:
            return str(target)
        print(f'{target} bozuk ya da eski (SHA-1 tutmuyor); yeniden '
              'indiriliyor.')
    deadline = time.monotonic() + DEADLINE
    delay = BACKOFF
    for attempt in range(1, RETRIES + 1):
        try:
            _fetch(url, sha1, target, limit, deadline)
            return str(target)
        except requests.HTTPError as e:
            status = e.response.status_code
            # 404 gibi hatalar denemekle düzelmez
            if status < 500 or attempt == RETRIES:
                raise DownloadError(f'{url} indirilemedi: HTTP {status}. '
                                    + _by_hand(url, target)) from None
        except (requests.RequestException, _Retry) as e:
            if attempt == RETRIES:
                raise DownloadError(f'{url} indirilemedi ({RETRIES} deneme): '
                                    f'{type(e).__name__}: {e}. '
                                    + _by_hand(url, target)) from None
        except _TooSlow:
            raise DownloadError(
                f'{url} {fmt_num(DEADLINE)} saniyede indirilemedi: sunucu çok '
                'yavaş ya da yanıt vermiyor. '
                + _by_hand(url, target)) from None
        except OSError as e:   # ağ değil, önbellek klasörü (izin, disk)
            raise _cache_problem(folder, e) from None
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay *= 2
