"""Teslim edilen defteri okumak: yalnızca JSON, öğrencinin kodu burada çalışmaz.

Bozuk, boş, çok büyük ya da alıştırması bilinmeyen bir defter ``TeslimHatasi`` verir (neden
Türkçe); notlandırıcı onu bir satır olarak yazar ve diğer teslimlerle sürer.
"""
import hashlib
import json
import pathlib
import re

import denetim

from .kum import ROOT

ATLA = re.compile(r'otter\.Notebook\(|grader\.(check|check_all|export)\(')
# Colab'ın kurulum hücresi (tools/launch.py, colab_setup_source('exercise')): d2lmini yoksa pip
# ile kurar, denetim/ yoksa git ile çeker. Kum havuzunda d2lmini hep içe aktarılabilir olduğu
# için zaten hiçbir şey yapmazdı; yine de hiç çalıştırılmaz: etiketinden ya da kaynağındaki
# ortam değişkeninin adından tanınır (öğrenci etiketi silse bile)
KURULUM_ETIKETI = 'colab-kurulum'
KURULUM = re.compile(r'\bD2LMINI_INSTALL_SOURCE\b')
SINIR_DEFTER = 20 * 2 ** 20


def ana_defter(alistirma):
    """Ana defterdeki sorular: [(ad, puan, elle mi)]; elle notlandırılanlar (``manual: true``,
    açık uçlu yanıtlar) otomatik denetlenmez, raporda eğitmene bırakılır."""
    nb = json.loads((ROOT / 'exercises' / f'{alistirma}.ipynb').read_text(encoding='utf-8'))
    out = []
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'raw' and src.lstrip().startswith('# BEGIN QUESTION'):
            ad = re.search(r'name:\s*(\S+)', src).group(1)
            puan = re.search(r'points:\s*([\d.]+)', src)
            elle = re.search(r'manual:\s*true', src) is not None
            out.append((ad, float(puan.group(1)) if puan else 1.0, elle))
    return out


def _etiketli(hucre, etiket):
    meta = hucre.get('metadata')
    etiketler = meta.get('tags') if isinstance(meta, dict) else None
    return isinstance(etiketler, list) and etiket in etiketler


class TeslimHatasi(Exception):
    """Teslim notlandırılamıyor (neden Türkçe)."""


def defteri_oku(yol):
    """(alıştırma, kod hücreleri, yanıt hücreleri, özet) ya da TeslimHatasi."""
    yol = pathlib.Path(yol)
    veri = yol.read_bytes()
    ozet = hashlib.sha256(veri).hexdigest()
    if not veri.strip():
        raise TeslimHatasi('dosya boş', ozet)
    if len(veri) > SINIR_DEFTER:
        raise TeslimHatasi('defter 20 MB\'tan büyük', ozet)
    try:
        nb = json.loads(veri.decode('utf-8'))
        hucreler = nb['cells']
        assert isinstance(hucreler, list)
    except Exception:   # noqa: BLE001 -- bozuk JSON, eksik alan, yanlış kodlama
        raise TeslimHatasi('geçerli bir Jupyter defteri değil (JSON okunamadı)', ozet) \
            from None
    meta = nb.get('metadata') if isinstance(nb.get('metadata'), dict) else {}
    otter = meta.get('otter') if isinstance(meta.get('otter'), dict) else {}
    alistirma = otter.get('assignment_name') or yol.stem
    if alistirma not in denetim.ALISTIRMALAR:
        adaylar = [a for a in denetim.ALISTIRMALAR if a in yol.as_posix()]
        if len(adaylar) != 1:
            raise TeslimHatasi('hangi alıştırma olduğu anlaşılamadı (defterin otter üst '
                               'verisi ya da dosya adı bir alıştırmanın adı olmalı)', ozet)
        alistirma = adaylar[0]
    kod, yanit = [], []
    for c in hucreler:
        if not isinstance(c, dict) or c.get('cell_type') != 'code':
            continue
        src = c.get('source', '')
        src = ''.join(src) if isinstance(src, list) else str(src)
        if ATLA.search(src) or KURULUM.search(src) or _etiketli(c, KURULUM_ETIKETI):
            continue
        kod.append('\n'.join('pass  # ' + s if s.lstrip()[:1] in ('%', '!') else s
                             for s in src.split('\n')))
    for ad, _, elle in ana_defter(alistirma):
        if elle:
            continue   # her sorunun yanıtı: adı tanımlayan son hücre
        tanim = re.compile(rf'^\s*(def|class)\s+{re.escape(ad)}\b', re.M)
        yanit.append(next((k for k in reversed(kod) if tanim.search(k)), ''))
    return alistirma, kod, yanit, ozet
