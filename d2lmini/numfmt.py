"""Sayıların Türkçe yazımı: ondalık virgül, binlik nokta.

Düzyazı, tablo, yazdırılan çıktı ve eksen işaretleri aynı yazımı kullanır:
60.473 andıç/sn, 1,12 kat, %4,9. Yazım makinenin yerel ayarına (locale)
bağlı değildir: her makinede aynı çıktı.
"""
from matplotlib.ticker import ScalarFormatter

# İngilizce yazımdan Türkçeye: nokta ve virgül yer değiştirir
_SWAP = str.maketrans(',.', '.,')


def fmt_num(x, digits=0):
    """``x``'i ``digits`` ondalıkla Türkçe yazar.

    ``fmt_num(60473.2)`` -> '60.473', ``fmt_num(1.125, 2)`` -> '1,12',
    ``fmt_num(-0.5, 1)`` -> '-0,5'.
    """
    return f'{x:,.{digits}f}'.translate(_SWAP)


_SUPERSCRIPT = str.maketrans('-0123456789', '⁻⁰¹²³⁴⁵⁶⁷⁸⁹')


def fmt_sci(x, digits=2):
    """Çok büyük ya da küçük sayılar için bilimsel gösterim, Türkçe yazımla:
    ``fmt_sci(2.69e43)`` -> '2,69 × 10⁴³'. Sonsuz ya da tanımsız sayı olduğu
    gibi yazılır ('inf', 'nan').
    """
    if x != x or x in (float('inf'), float('-inf')):
        return str(float(x))
    mantissa, exponent = f'{x:.{digits}e}'.split('e')
    power = str(int(exponent)).translate(_SUPERSCRIPT)
    return f'{fmt_num(float(mantissa), digits)} × 10{power}'


def fmt_pct(ratio, digits=0):
    """Bir oranı Türkçe yüzde olarak yazar: ``fmt_pct(0.049, 1)`` -> '%4,9'.

    Türkçede yüzde işareti sayıdan önce gelir.
    """
    return '%' + fmt_num(100 * ratio, digits)


class TurkishFormatter(ScalarFormatter):
    """Matplotlib'in doğrusal eksen yazımı, ondalık virgülle (0,5; 1,5)."""

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).translate(_SWAP)


def turkish_axes(*axes):
    """Verilen eksenlerin sayı yazan doğrusal (linear) eksen işaretlerini
    Türkçe yazar.

    Logaritmik eksenler 10'un kuvvetleriyle yazılır; adlar yazan eksenler
    (ör. ``barh``'ın kategorileri ya da ``set_yticks(..., labels)``) kendi
    yazımını korur: onlara dokunulmaz.
    """
    for ax in axes:
        for axis, scale in ((ax.xaxis, ax.get_xscale()),
                            (ax.yaxis, ax.get_yscale())):
            numeric = type(axis.get_major_formatter()) is ScalarFormatter
            if scale == 'linear' and numeric:
                axis.set_major_formatter(TurkishFormatter())
