"""Teslimleri notlandırır: öğrencinin kodu kum havuzunda, yargı bu süreçte.

Bir teslim (defter) için:

1. Defter bu süreçte JSON olarak okunur (bozuksa, boşsa, alıştırması bilinmiyorsa satırına
   Türkçe bir neden yazılır, diğer teslimler sürer); kod hücreleri çıkarılır (otter'ın
   ``grader.check`` hücreleri, Colab'ın kurulum hücresi ve ``%``/``!`` satırları atlanır).
2. Kum havuzundaki işçi hücreleri çalıştırır, her sorunun yoklamasını yapar, gözlemleri
   güvenli biçimde döndürür (kum.py, isci.py).
3. Bu süreç gözlemleri okur ve her vakayı sorunun yargısıyla karşılaştırır (denetim).
   Açık vakalar sorunun puanının yarısı, gizli vakalar diğer yarısıdır.

Sonuçlar her teslim bitince ``sonuclar.jsonl``'a eklenir: yarıda kesilen bir notlandırma
yeniden başlatılınca bitmiş teslimleri (aynı içerik, aynı tohum) yeniden notlandırmaz.
"""
import base64
import concurrent.futures
import csv
import io
import json
import os
import pathlib
import threading
import time

from . import kum
from .defter import TeslimHatasi, ana_defter, defteri_oku

import denetim  # noqa: E402 -- paket __init__'i yolu kurar
from denetim import gizli, kodlama  # noqa: E402

ROOT = kum.ROOT

VARSAYILAN = {'sure_s': 60, 'hucre_s': 30, 'soru_s': 20, 'cpu_s': 120, 'bellek_mb': 2048,
              'dosya_mb': 16, 'calisma_mb': 256}


_YARGI_KILIDI = threading.Lock()


def _yargila(soru, kayit, vakalar):
    """Bir soru grubunun (açık ya da gizli) yargısı: (geçti mi, anahtar, ileti)."""
    if kayit is None:
        return False, 'sure_asimi', 'Süre doldu: soru zaman sınırı içinde bitmedi.'
    try:
        gozlemler = kodlama.oku(io.BytesIO(kayit))
    except kodlama.KodlamaHatasi as e:
        return False, 'kayit_bozuk', f'Sonuç okunamadı ({e}).'
    if not isinstance(gozlemler, list):
        return False, 'kayit_bozuk', 'Sonuç okunamadı.'
    for i, vaka in enumerate(vakalar):
        gozlem = gozlemler[i] if i < len(gozlemler) else None
        if not isinstance(gozlem, dict):
            return False, 'kayit_bozuk', 'Sonuç eksik.'
        if gozlem.get('__sure__'):
            return False, 'sure_asimi', 'Süre doldu: soru zaman sınırı içinde bitmedi.'
        try:
            soru.yargila(gozlem, vaka)
        except denetim.Hata as e:
            return False, getattr(e, 'anahtar', None), str(e)
        except Exception as e:   # noqa: BLE001 -- beklenmeyen değer: puansız, nedenli
            return False, 'beklenmeyen', f'Sonuç denetlenemedi: {type(e).__name__}: {e}'
    return True, None, ''


def _dosya(yanit, ad):
    veri = (yanit or {}).get('dosyalar', {}).get(ad)
    return base64.b64decode(veri) if veri is not None else None


YALITIM_YOK = (
    'bubblewrap (bwrap) bu makinede çalışmıyor: teslim edilen defterler sizin haklarınızla, '
    'dosyalarınıza ve ağa erişerek çalışırdı, bu yüzden notlandırma başlamadı. bubblewrap\'ı '
    'kurun (Debian/Ubuntu: sudo apt install bubblewrap) ya da notlandırmayı bubblewrap\'ın '
    'çalıştığı bir Linux makinesinde yapın. Yalnızca kendi deneme defterlerinizi kaynak '
    'sınırlarıyla (yalıtımsız) notlandırmak için: make grade YALITIM=rlimit')


class YalitimYok(RuntimeError):
    """Kum havuzu yok ve yalıtımsız notlandırma açıkça istenmedi."""


class Notlandirici:
    """Bir sınıfın teslimleri; sonuçlar ``out/sonuclar.jsonl``'a teslim teslim eklenir."""

    def __init__(self, out, ayar=None, jobs=2, yalitim=None):
        self.out = pathlib.Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.ayar = dict(VARSAYILAN, **(ayar or {}))
        if yalitim is None and not kum.bwrap_var():
            raise YalitimYok(YALITIM_YOK)
        self.ayar['yalitim'] = yalitim or 'bwrap'
        self.jobs = max(1, jobs)
        self.kayit = self.out / 'sonuclar.jsonl'
        self.iz = gizli.parmak_izi()
        self._kilit = threading.Lock()
        self.lib, self.yamalar = None, {}

    def bitmisler(self):
        done = {}
        if self.kayit.exists():
            for satir in self.kayit.read_text(encoding='utf-8').splitlines():
                try:
                    r = json.loads(satir)
                except ValueError:
                    continue   # öldürülen bir koşunun yarım satırı
                if r.get('tohum') == self.iz:
                    done[(r['teslim'], r['ozet'])] = r
        return done

    def _ekle(self, r):
        with self._kilit, open(self.kayit, 'a', encoding='utf-8') as f:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
            f.flush()
            os.fsync(f.fileno())

    def _lib(self):
        if self.lib is None:
            self.lib = kum.kutuphane(self.out / 'kum')
        return self.lib

    def _yama(self, alistirma):
        if alistirma not in self.yamalar:
            self.yamalar[alistirma] = kum.yama(alistirma)
        return self.yamalar[alistirma]

    def sorular_ve_vakalar(self, alistirma, ozet):
        sorular = denetim.sorular(alistirma)
        out = []
        for ad, puan, elle in ana_defter(alistirma):
            if elle:
                continue
            s = sorular[ad]
            out.append((s, puan, s.acik, gizli.vakalar(alistirma, ad, ozet)))
        return out

    def notlandir_bir(self, isci, yol, alistirma, kod, yanit_hucreleri, ozet, nproc):
        plan = self.sorular_ve_vakalar(alistirma, ozet)
        is_sorular = [{'ad': s.ad, 'vakalar': list(acik) + list(gizl)}
                      for s, _, acik, gizl in plan]
        basla = time.monotonic()
        yanit = isci.calistir(alistirma, kod, is_sorular, self._yama(alistirma), nproc)
        sure = time.monotonic() - basla
        sorular = {}
        for i, (s, puan, acik, gizl) in enumerate(plan):
            kayit = _dosya(yanit, f'soru{i}.kayit')
            if yanit is None:
                ok = (False, 'cokme', 'Defterin süreci çöktü ya da yanıt vermedi.')
                parcalar = [ok, ok]
            elif yanit.get('sure_asimi') and kayit is None:
                ok = (False, 'sure_asimi', f'Süre doldu: teslim {self.ayar["sure_s"]} sn '
                      'içinde bitmedi.')
                parcalar = [ok, ok]
            elif kayit is None and _dosya(yanit, f'soru{i}.kayit.sure') is None:
                ok = (False, 'cokme', 'Sorunun süreci sonuç yazmadan sona erdi (ör. '
                      'os._exit, bellek sınırı ya da defterin süreci çöktü).')
                parcalar = [ok, ok]
            else:
                # yargılar torch'un genel üretecini tohumlar (ör. get_params): iş parçacıkları
                # aynı anda yargılarsa birbirinin çekimlerini bozar; yargı kısa, sırayla
                with _YARGI_KILIDI:
                    parcalar = [_yargila(s, kayit, acik),
                                _yargila(s, kayit, list(acik) + gizl)]
            (a_ok, a_key, a_msg), (g_ok, g_key, g_msg) = parcalar
            p = puan / 2 * a_ok + puan / 2 * (a_ok and g_ok)
            neden = a_msg if not a_ok else (g_msg and 'Gizli denetim: ' + g_msg)
            sorular[s.ad] = {'puan': p, 'en_yuksek': puan, 'neden': neden,
                             'anahtar': a_key if not a_ok else g_key}
        hucre_durum = _dosya(yanit, 'hucreler.json')
        return {'teslim': str(yol), 'ozet': ozet, 'tohum': self.iz, 'alistirma': alistirma,
                'sorular': sorular, 'puan': sum(q['puan'] for q in sorular.values()),
                'en_yuksek': sum(q['en_yuksek'] for q in sorular.values()),
                'sure': round(sure, 3), 'yalitim': self.ayar['yalitim'],
                'hucreler': json.loads(hucre_durum) if hucre_durum else None,
                'yanitlar': yanit_hucreleri,
                'elle': {ad: p for ad, p, elle in ana_defter(alistirma) if elle}}

    def hepsi(self, yollar, ilerleme=None):
        """Teslimleri notlandırır; dönüş: her teslimin sonucu (sırayla)."""
        done = self.bitmisler()
        sonuclar, isler = {}, []
        for yol in yollar:
            try:
                alistirma, kod, yanit, ozet = defteri_oku(yol)
            except TeslimHatasi as e:
                r = {'teslim': str(yol), 'ozet': e.args[1], 'tohum': self.iz,
                     'alistirma': '-', 'sorular': {}, 'puan': 0, 'en_yuksek': 0,
                     'neden': e.args[0], 'yalitim': self.ayar['yalitim']}
                sonuclar[str(yol)] = r
                if (str(yol), e.args[1]) not in done:
                    self._ekle(r)
                continue
            if (str(yol), ozet) in done:
                sonuclar[str(yol)] = done[(str(yol), ozet)]
                continue
            isler.append((yol, alistirma, kod, yanit, ozet))
        nproc = kum.kok_surec_sayisi() + 128
        lib, yerel, isciler = self._lib(), threading.local(), []
        for alistirma in {is_[1] for is_ in isler}:   # ast.parse iş parçacıklarında güvensiz
            self._yama(alistirma)

        def calis(is_):
            if not hasattr(yerel, 'isci'):   # iş parçacığı başına bir işçi, baştan sona
                yerel.isci = kum.Isci(lib, self.ayar)
                isciler.append(yerel.isci)
            r = self.notlandir_bir(yerel.isci, *is_, nproc=nproc)
            self._ekle(r)
            if ilerleme:
                ilerleme(r)
            return r
        try:
            with concurrent.futures.ThreadPoolExecutor(min(self.jobs, len(isler) or 1)) as p:
                for r in p.map(calis, isler):
                    sonuclar[r['teslim']] = r
        finally:
            for i in isciler:
                i.birak()
        return [sonuclar[str(y)] for y in yollar]


def puan_tablosu(sonuclar, yol):
    """puanlar.csv (teslim, alistirma, soru, puan, en_yuksek, neden): önce geçici dosyaya,
    sonra adına (yarım tablo kalmaz)."""
    yol = pathlib.Path(yol)
    gecici = yol.with_suffix('.csv.yaziliyor')
    with open(gecici, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['teslim', 'alistirma', 'soru', 'puan', 'en_yuksek', 'neden'])
        for r in sonuclar:
            if not r['sorular']:
                w.writerow([r['teslim'], r['alistirma'], '-', 0, r['en_yuksek'],
                            r.get('neden', '')])
            for q, v in r['sorular'].items():
                w.writerow([r['teslim'], r['alistirma'], q, f"{v['puan']:g}",
                            f"{v['en_yuksek']:g}", v['neden']])
            for q, p in (r.get('elle') or {}).items():   # puan sütunu eğitmene boş kalır
                w.writerow([r['teslim'], r['alistirma'], q, '', f'{p:g}',
                            'elle notlandırılır (ölçüt: ana defterdeki yanıt hücresinin altında)'])
    os.replace(gecici, yol)
