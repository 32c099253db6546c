"""Kopya adayları: yanıt hücrelerinin normalleştirilmiş kodu ana çözümle ve birbiriyle.

Normalleştirme: yorumlar, belge metinleri ve boşluklar atılır; adlar sırayla ``a1, a2, ...``
olur (ad değiştirmek benzerliği gizlemez); sayılar ve metinler aynı kalır. Benzerlik,
andıç dizileri üzerinde ``difflib``'in oranıdır. Sonuç bir karar değil, eğitmenin bakacağı
bir listedir; kısa yanıtlar (birkaç satırlık, herkesin aynı yazacağı) karşılaştırılmaz.
"""
import difflib
import io
import itertools
import keyword
import tokenize

ESIK = 0.92
EN_AZ_ANDIC = 40


def normallestir(kaynak):
    """Koddan andıç listesi: adlar yeniden adlandırılmış, yorum ve belge metni yok."""
    adlar, out, bas = {}, [], True
    atla = (tokenize.COMMENT, tokenize.NL, tokenize.ENDMARKER)
    try:
        for t in tokenize.generate_tokens(io.StringIO(kaynak).readline):
            if t.type in atla:
                continue
            if t.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                bas = True
                if t.type != tokenize.NEWLINE:
                    out.append(tokenize.tok_name[t.type])
                continue
            if t.type == tokenize.STRING and bas:
                continue   # satır başındaki metin: belge metni
            bas = False
            if t.type == tokenize.NAME and not keyword.iskeyword(t.string):
                out.append(adlar.setdefault(t.string, f'a{len(adlar) + 1}'))
            else:
                out.append(t.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return kaynak.split()
    return out


def _anlamli(kaynak):
    """Öğrencinin yazdığı bir yanıt mı (iskeletin ``raise NotImplementedError``'ı değil)?
    Metinlerin içi sayılmaz: çözümlü defterde iskelet bir belge metninde durur."""
    try:
        ad = [t.string for t in tokenize.generate_tokens(io.StringIO(kaynak).readline)
              if t.type == tokenize.NAME]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return False
    return bool(ad) and not any(a == 'raise' and b == 'NotImplementedError'
                                for a, b in zip(ad, ad[1:]))


def oran(a, b):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def adaylar(sonuclar, cozumler, esik=ESIK):
    """[(alıştırma, soru, teslim, kiminle, oran)]: ana çözüme ya da başka bir öğrenciye
    eşik üstünde benzeyen yanıtlar. ``cozumler``: {alıştırma: [soru sırasıyla çözüm kodu]}."""
    out = []
    gruplar = {}
    for r in sonuclar:
        for i, kaynak in enumerate(r.get('yanitlar') or []):
            if _anlamli(kaynak):
                gruplar.setdefault((r['alistirma'], i), []).append(
                    (r['teslim'], normallestir(kaynak)))
    for (alistirma, i), liste in sorted(gruplar.items()):
        sorular = list(r for r in cozumler.get(alistirma, []))
        ana = normallestir(sorular[i][1]) if i < len(sorular) else None
        soru = sorular[i][0] if i < len(sorular) else str(i)
        for teslim, n in liste:
            if ana and len(n) >= EN_AZ_ANDIC and oran(n, ana) >= esik:
                out.append((alistirma, soru, teslim, 'ana çözüm', round(oran(n, ana), 3)))
        for (t1, n1), (t2, n2) in itertools.combinations(liste, 2):
            if min(len(n1), len(n2)) >= EN_AZ_ANDIC and oran(n1, n2) >= esik:
                out.append((alistirma, soru, t1, t2, round(oran(n1, n2), 3)))
    return out
