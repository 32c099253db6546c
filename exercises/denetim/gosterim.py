"""Denetimin öğrenciye görünen yüzü: sorunun altındaki ``grader.check(...)`` hücresinin yanıtı.

Öğrenci defterinin ilk hücresi bir ``Defter`` kurar (``tools/exercises.py build`` yazar)::

    import denetim
    grader = denetim.Defter("03-rnn-modeli", puanlar={"init_rnn_state": 2, ...})

Her sorunun altındaki ``grader.check("rnn")`` sorunun açık denetimini öğrencinin defterindeki
adlarla çalıştırır (``Soru.denetle``) ve sonucu baştan sona Türkçe gösterir:
``✓ Soru rnn: TAMAM`` ya da ``✗ Soru rnn: EKSİK — <denetimin iletisi>``. İşaretin yanında
hep bir sözcük durur (TAMAM / EKSİK): işaretin karakteri yazı tipinde olmasa da anlam
kaybolmaz. Yığın izi, satır numarası, denetim fonksiyonlarının adları gösterilmez.
Defterin sonundaki ``grader.check_all()`` bütün soruların özetini ve puanlarını verir.

Adlar otter'ınkilerle aynıdır (``grader.check``, ``grader.check_all``): eğitmenler tanır ve
notlandırıcı (``tools/grader``) bu hücreleri atlar. otter'ın kendisi öğrenci defterinde
kullanılmaz; notlandırma ve Gradescope zip'leri bu modüle bağlı değildir.
"""
import contextlib
import html
import io
import re
import sys

from .hatalar import Hata

TAMAM, EKSIK = 'TAMAM', 'EKSİK'
# İşaretler emoji değil, metin karakterleri (U+2713, U+2717): DejaVu, Noto, Segoe UI Symbol
# ve Apple Symbols yazı tiplerinde var; yanlarındaki sözcük onlarsız da okunur.
ISARET = {True: '✓', False: '✗'}
RENK = {True: '#1a7f37', False: '#c62828'}
ZEMIN = {True: 'rgba(26, 127, 55, 0.08)', False: 'rgba(198, 40, 40, 0.08)'}
# Tema ne olursa olsun okunur: renkli kenar ve yarı saydam zemin, yazı rengi temadan
KUTU = ('border-left: 4px solid {renk}; background: {zemin}; padding: 6px 12px; '
        'margin: 2px 0; line-height: 1.5; font-family: var(--jp-content-font-family, '
        'sans-serif);')
KOD_YAZI = 'font-family: var(--jp-code-font-family, monospace);'
ISARET_YAZI = "font-family: 'DejaVu Sans', 'Noto Sans Symbols2', 'Segoe UI Symbol', sans-serif;"


def _sayi(x):
    """Puan, Türkçe yazımla: 2, 1,5."""
    return f'{x:g}'.replace('.', ',')


def _html_ileti(ileti):
    """İletiyi HTML'e çevirir; `ad` biçimindeki adlar kod olarak görünür."""
    return re.sub(r'`([^`]+)`', r'<code>\1</code>', html.escape(ileti))


class Sonuc:
    """Bir sorunun denetiminin sonucu: ``tamam`` (açık denetimler geçti mi) ve ``ileti``."""

    def __init__(self, soru, tamam, ileti=None, puan=None):
        self.soru, self.tamam, self.ileti, self.puan = soru, tamam, ileti, puan

    @property
    def durum(self):
        return TAMAM if self.tamam else EKSIK

    def __repr__(self):
        satir = f'{ISARET[self.tamam]} Soru {self.soru}: {self.durum}'
        return satir if self.ileti is None else f'{satir} — {self.ileti}'

    def _repr_html_(self):
        baslik = (f'<span style="{ISARET_YAZI}">{ISARET[self.tamam]}</span> Soru '
                  f'<span style="{KOD_YAZI}">{html.escape(self.soru)}</span>: {self.durum}')
        govde = '' if self.ileti is None else (
            f'<div style="margin-top: 4px">{_html_ileti(self.ileti)}</div>')
        kutu = KUTU.format(renk=RENK[self.tamam], zemin=ZEMIN[self.tamam])
        return (f'<div style="{kutu}"><strong style="color: {RENK[self.tamam]}">{baslik}'
                f'</strong>{govde}</div>')


class Ozet:
    """Bütün soruların sonuçları ve (biliniyorsa) puanları; ``elle``: elle notlandırılan açık
    uçlu yanıtların puanları (denetlenmez, özette yalnızca sayılır)."""

    def __init__(self, alistirma, sonuclar, elle=None):
        self.alistirma, self.sonuclar = alistirma, list(sonuclar)
        self.elle = dict(elle or {})

    @property
    def puanli(self):
        return bool(self.sonuclar) and all(s.puan is not None for s in self.sonuclar)

    def _dip(self):
        """Özetin son cümleleri: kaç soru tamam, açık denetimlere göre kaç puan."""
        tamam = sum(s.tamam for s in self.sonuclar)
        cumle = f'TAMAM: {tamam} / {len(self.sonuclar)} soru.'
        if self.puanli:
            alinan = sum(s.puan for s in self.sonuclar if s.tamam)
            toplam = sum(s.puan for s in self.sonuclar)
            cumle += f' Açık denetimlere göre {_sayi(alinan)} / {_sayi(toplam)} puan'
            cumle += ('.' if not alinan else '; notlandırmada gizli vakalar da denetlenir, '
                      'puanınız bundan düşük olabilir.')
        if self.elle:
            cumle += (f' Açık uçlu {len(self.elle)} yanıt (toplam {_sayi(sum(self.elle.values()))}'
                      ' puan) burada denetlenmez: onları eğitmen elle notlandırır.')
        if tamam < len(self.sonuclar):
            cumle += (' EKSİK soruları düzeltip altlarındaki denetimi yeniden çalıştırın '
                      '(Shift+Enter).')
        return cumle

    def __repr__(self):
        genislik = max([len(s.soru) for s in self.sonuclar] + [4])
        satirlar = [f'Özet: {self.alistirma}']
        for s in self.sonuclar:
            puan = f'  {_sayi(s.puan)} puan' if s.puan is not None else ''
            satir = f'  {ISARET[s.tamam]} {s.soru:<{genislik}}  {s.durum:<5}{puan}'
            satirlar.append(satir if s.ileti is None else f'{satir} — {s.ileti}')
        satirlar.append(self._dip())
        return '\n'.join(satirlar)

    def _repr_html_(self):
        hucre = 'padding: 3px 10px; text-align: left; vertical-align: top;'
        basliklar = ['', 'Soru', 'Durum'] + (['Puan'] if self.puanli else []) + ['Açıklama']
        satirlar = [''.join(f'<th style="{hucre}">{b}</th>' for b in basliklar)]
        for s in self.sonuclar:
            renk = f'color: {RENK[s.tamam]}; font-weight: bold;'
            sutunlar = [f'<span style="{ISARET_YAZI} {renk}">{ISARET[s.tamam]}</span>',
                        f'<code>{html.escape(s.soru)}</code>',
                        f'<span style="{renk}">{s.durum}</span>']
            if self.puanli:
                sutunlar.append(_sayi(s.puan))
            sutunlar.append('' if s.ileti is None else _html_ileti(s.ileti))
            satirlar.append(''.join(f'<td style="{hucre}">{x}</td>' for x in sutunlar))
        hepsi = all(s.tamam for s in self.sonuclar)
        kutu = KUTU.format(renk=RENK[hepsi], zemin=ZEMIN[hepsi])
        tablo = ''.join(f'<tr>{s}</tr>' for s in satirlar)
        return (f'<div style="{kutu}"><strong>Özet: {html.escape(self.alistirma)}</strong>'
                f'<table style="border-collapse: collapse; margin: 4px 0">{tablo}</table>'
                f'<div>{html.escape(self._dip())}</div></div>')


def _soru_bul(alistirma, soru):
    """(Soru nesnesi, None) ya da (None, Türkçe neden)."""
    from . import ALISTIRMALAR, sorular
    if alistirma not in ALISTIRMALAR:
        return None, (f'"{alistirma}" adında bir alıştırma yok. Defterin ilk hücresini '
                      'değiştirdiyseniz eski haline getirin.')
    hepsi = sorular(alistirma)
    if soru not in hepsi:
        return None, (f'Bu alıştırmada "{soru}" adında bir soru yok; sorular: '
                      f'{", ".join(hepsi)}.')
    return hepsi[soru], None


def kontrol(alistirma, soru, env, puan=None):
    """Bir sorunun açık denetimi, öğrencinin adlarıyla (``env``); dönüş: ``Sonuc``.

    Öğrencinin kodunun yazdırdıkları denetim sırasında gösterilmez (denetim fonksiyonu
    birçok kez, seçilmiş girdilerle çağırır). Süre kesintisi (KeyboardInterrupt) geçer.
    """
    nesne, neden = _soru_bul(alistirma, soru)
    if nesne is None:
        return Sonuc(soru, False, neden, puan)
    try:
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            nesne.denetle(env)
    except Hata as e:
        return Sonuc(soru, False, str(e), puan)
    except Exception as e:   # noqa: BLE001 -- denetim beklenmedik biçimde durdu
        return Sonuc(soru, False, 'Denetim yanıtınızı değerlendiremedi '
                     f'({type(e).__name__}: {e}). Tanım hücresini yeniden çalıştırın; sorun '
                     'sürerse eğitmeninize bu iletiyle başvurun.', puan)
    return Sonuc(soru, True, None, puan)


def ozet(alistirma, env, puanlar=None, elle=None):
    """Bütün soruların denetimi: ``Ozet``. Sıra ve puanlar ``puanlar``'dan (ana defterin);
    ``elle``: elle notlandırılan yanıtların puanları (denetlenmez)."""
    from . import ALISTIRMALAR, sorular
    if puanlar:
        adlar = list(puanlar)
    else:
        adlar = list(sorular(alistirma)) if alistirma in ALISTIRMALAR else []
    puanlar = puanlar or {}
    return Ozet(alistirma, [kontrol(alistirma, ad, env, puanlar.get(ad)) for ad in adlar], elle)


class Defter:
    """Öğrenci defterinin denetleyicisi (otter'ın ``Notebook``'unun Türkçe karşılığı).

    ``puanlar``: denetlenen soruların puanları (ana defterdeki sırayla); ``elle``: elle
    notlandırılan açık uçlu yanıtlarınki. ``check(soru)`` ve ``check_all()`` çağıranın adlarını
    (defterin ad alanını) kullanır; başka bir ad alanı ``env`` ile verilebilir.
    """

    def __init__(self, alistirma, puanlar=None, elle=None):
        self.alistirma, self.puanlar = alistirma, dict(puanlar or {})
        self.elle = dict(elle or {})

    def check(self, soru, env=None):
        env = sys._getframe(1).f_globals if env is None else env
        return kontrol(self.alistirma, soru, env, self.puanlar.get(soru))

    def check_all(self, env=None):
        env = sys._getframe(1).f_globals if env is None else env
        return ozet(self.alistirma, env, self.puanlar, self.elle)

    def __repr__(self):
        return f'<{self.alistirma} alıştırmasının denetleyicisi>'
