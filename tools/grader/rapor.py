"""Sınıfın raporu: yanlışların sıklığı (tablo ve PNG), öğrenci başına geri bildirim, özet."""
import collections
import csv
import os
import pathlib
import re

from .notlandir import denetim

OZEL = {   # adlandırılmış yanlış olmayan nedenler
    'sure_asimi': 'süre doldu', 'cokme': 'süreç çöktü', 'kaynak_yasak':
    'd2lmini\'nin başvuru sürümü çağrılmış', 'kayit_bozuk': 'sonuç okunamadı',
    'beklenmeyen': 'beklenmeyen sonuç', None: 'diğer (adı konmamış yanlış, yazılmamış)',
}


def yanlis_adi(anahtar):
    if anahtar in denetim.HATALAR:
        return denetim.HATALAR[anahtar][0]
    return OZEL.get(anahtar, str(anahtar))


def sikliklar(sonuclar):
    """{alıştırma: Counter((soru, anahtar))}: tam puan almayan soruların nedenleri."""
    out = collections.defaultdict(collections.Counter)
    for r in sonuclar:
        for soru, v in r['sorular'].items():
            if v['puan'] < v['en_yuksek']:
                out[r['alistirma']][(soru, v['anahtar'])] += 1
    return out


def _dosya_adi(teslim, kok):
    try:
        rel = pathlib.Path(teslim).resolve().relative_to(pathlib.Path(kok).resolve())
    except ValueError:
        rel = pathlib.Path(pathlib.Path(teslim).name)
    return re.sub(r'[^\w.-]+', '_', rel.with_suffix('').as_posix().replace('/', '__'))


def _cubuklar(alistirma, sayac, n, yol):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    import d2lmini as d2l
    ogeler = sayac.most_common()
    etiketler = [f'{soru}: {yanlis_adi(k)}' for (soru, k), _ in ogeler]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(ogeler) + 1.4), dpi=110)
    ax.barh(range(len(ogeler)), [c for _, c in ogeler], color='#c0504d')
    ax.set_yticks(range(len(ogeler)), etiketler)
    ax.invert_yaxis()
    ax.set_xlabel(f'teslim sayısı ({n} teslimden)')
    ax.set_title(f'{alistirma}: tam puan alınamayan soruların nedenleri')
    d2l.turkish_axes(ax)
    fig.tight_layout()
    gecici = yol.with_suffix('.yaziliyor.png')
    fig.savefig(gecici)
    plt.close(fig)
    os.replace(gecici, yol)


def yaz(sonuclar, out, kok, yalitim, kopyalar, sureler):
    out = pathlib.Path(out)
    (out / 'rapor').mkdir(parents=True, exist_ok=True)
    (out / 'geri_bildirim').mkdir(exist_ok=True)
    say = sikliklar(sonuclar)
    with open(out / 'rapor' / 'hatalar.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['alistirma', 'soru', 'anahtar', 'yanlis', 'teslim_sayisi',
                    'toplam_teslim'])
        for alistirma, sayac in sorted(say.items()):
            n = sum(1 for r in sonuclar if r['alistirma'] == alistirma)
            for (soru, k), c in sayac.most_common():
                w.writerow([alistirma, soru, k or '', yanlis_adi(k), c, n])
            if alistirma != '-' and sayac:
                _cubuklar(alistirma, sayac, n, out / 'rapor' / f'{alistirma}-hatalar.png')
    for r in sonuclar:
        (out / 'geri_bildirim' / f'{_dosya_adi(r["teslim"], kok)}.md').write_text(
            geri_bildirim(r), encoding='utf-8')
    satirlar = ['# Sınıfın raporu', '',
                f'- Teslim: {len(sonuclar)}; yalıtım düzeyi: **{yalitim}**'
                + ('' if yalitim == 'bwrap' else ' (UYARI: ağ ve dosya sistemi kısıtlanmadı; '
                   'bubblewrap kurun)'),
                f'- Süre: {sureler}', '', '## Kopya adayları (karar değil, bakılacaklar)', '']
    if kopyalar:
        satirlar += ['| alıştırma | soru | teslim | kiminle | benzerlik |', '|---|---|---|---|---|']
        satirlar += [f'| {a} | {s} | {t} | {k} | {o:.2f} |' for a, s, t, k, o in kopyalar]
    else:
        satirlar.append('Eşiği aşan benzerlik yok.')
    (out / 'rapor' / 'ozet.md').write_text('\n'.join(satirlar) + '\n', encoding='utf-8')
    with open(out / 'rapor' / 'kopya_adaylari.csv', 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['alistirma', 'soru', 'teslim', 'kiminle', 'benzerlik'])
        w.writerows(kopyalar)


def geri_bildirim(r):
    """Öğrenciye verilecek Türkçe geri bildirim (Markdown)."""
    bas = [f'# Geri bildirim: {r["alistirma"]}', '', f'Teslim: `{pathlib.Path(r["teslim"]).name}`',
           '']
    if not r['sorular']:
        return '\n'.join(bas + [f'Notlandırılamadı: {r.get("neden", "")}.', '',
                                'Defteri JupyterLab\'de açıp kaydettiğinizden ve doğru '
                                'dosyayı teslim ettiğinizden emin olun.', ''])
    bas.append(f'**Toplam: {r["puan"]:g} / {r["en_yuksek"]:g}** (otomatik denetlenen sorular)')
    bas.append('')
    if r.get('elle'):
        bas += ['Açık uçlu yanıtlarınızı eğitmen ayrıca notlandıracak: '
                + ', '.join(f'{q} ({p:g} puan)' for q, p in r['elle'].items()) + '.', '']
    for soru, v in r['sorular'].items():
        isaret = 'TAMAM' if v['puan'] == v['en_yuksek'] else 'EKSİK'
        bas.append(f'## {soru}: {v["puan"]:g} / {v["en_yuksek"]:g} ({isaret})')
        if v['neden']:
            bas += ['', v['neden']]
        bas.append('')
    return '\n'.join(bas)
