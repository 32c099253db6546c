"""Sayıların Türkçe yazımı: fmt_num, fmt_pct, turkish_axes ve onları kullanan yerler
(Animator, train_ch8, üretici denetimi)."""
import numpy as np
import pytest
import torch
from matplotlib.figure import Figure
from matplotlib.ticker import LogFormatterSciNotation

import d2lmini as d2l
from d2lmini.numfmt import TurkishFormatter


def turkish(english):
    """Başvuru: Python'un İngilizce yazımında nokta ile virgülün yer değiştirmesi,
    Türk okurun beklediği yazımın tam kendisidir (1,234.57 -> 1.234,57)."""
    return english.translate(str.maketrans(',.', '.,'))


VALUES = [0, 1, 7.5, 12.345, 999.995, 1000, 1234.5678, 60473.2, 291356, 1e7 / 3,
          -0.5, -1.25, -1234.5678, -60473.2, 0.001, 2.675, 1.125]


@pytest.mark.parametrize('x', VALUES)
@pytest.mark.parametrize('digits', [0, 1, 2, 3])
def test_fmt_num_is_python_format_with_swapped_separators(x, digits):
    assert d2l.fmt_num(x, digits) == turkish(f'{x:,.{digits}f}')


def test_fmt_num_examples():
    assert d2l.fmt_num(60473.2) == '60.473'
    assert d2l.fmt_num(291356) == '291.356'
    assert d2l.fmt_num(1800) == '1.800'           # dört basamaklı sayılar da noktalı
    assert d2l.fmt_num(999) == '999'
    assert d2l.fmt_num(1.5, 1) == '1,5'
    assert d2l.fmt_num(0.25, 2) == '0,25'
    assert d2l.fmt_num(-1234567.891, 2) == '-1.234.567,89'
    assert d2l.fmt_num(-0.5, 1) == '-0,5'
    # Yuvarlama Python'unki: ikili kesir olarak tam olan 1,125 çifte yuvarlanır, 2,675
    # ikili olarak 2,67499... olduğu için aşağı
    assert d2l.fmt_num(1.125, 2) == '1,12'
    assert d2l.fmt_num(2.675, 2) == '2,67'
    assert d2l.fmt_num(1.96, 1) == '2,0'
    assert d2l.fmt_num(999.5) == '1.000'           # yuvarlama binlik ayırıcı ekleyebilir


def test_fmt_num_accepts_tensors_and_numpy_scalars():
    assert d2l.fmt_num(torch.tensor(1234.5), 1) == '1.234,5'
    assert d2l.fmt_num(np.float32(0.25), 2) == '0,25'
    assert d2l.fmt_num(np.int64(10000)) == '10.000'


@pytest.mark.parametrize('x', [2.69e43, 3.2e5, -4.5e-7, 1.0, 9.999e9])
def test_fmt_sci_reads_back_as_the_number(x):
    """Oracle: üs ve mantis geri okunup çarpılınca Python'un kendi yuvarlaması."""
    text = d2l.fmt_sci(x, 2)
    mantissa, power = text.split(' × 10')
    digits = power.translate(str.maketrans('⁻⁰¹²³⁴⁵⁶⁷⁸⁹', '-0123456789'))
    value = float(mantissa.replace(',', '.')) * 10 ** int(digits)
    assert value == pytest.approx(float(f'{x:.2e}'), rel=1e-12)
    assert '.' not in mantissa and 'e' not in text


def test_fmt_sci_examples():
    assert d2l.fmt_sci(2.6891e43) == '2,69 × 10⁴³'
    assert d2l.fmt_sci(3.2e5, 1) == '3,2 × 10⁵'
    assert d2l.fmt_sci(-4.5e-7, 1) == '-4,5 × 10⁻⁷'
    assert d2l.fmt_sci(float('inf')) == 'inf' and d2l.fmt_sci(float('nan')) == 'nan'


def test_fmt_pct():
    assert d2l.fmt_pct(0.049, 1) == '%4,9'
    assert d2l.fmt_pct(0.9) == '%90'
    assert d2l.fmt_pct(0.116, 1) == '%11,6'
    assert d2l.fmt_pct(12.5) == '%1.250'
    for ratio in [0, 0.5, 0.0049, 1, 0.33333]:
        assert d2l.fmt_pct(ratio, 2) == '%' + turkish(f'{100 * ratio:,.2f}')


def _labels(fig, axis):
    fig.canvas.draw()
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


def test_turkish_axes_linear_ticks_use_decimal_comma():
    fig = Figure()
    ax = fig.subplots()
    ax.plot([0, 1], [0, 2.5])
    d2l.turkish_axes(ax)
    assert isinstance(ax.xaxis.get_major_formatter(), TurkishFormatter)
    x, y = _labels(fig, ax.xaxis), _labels(fig, ax.yaxis)
    assert '0,2' in x and '1,0' in x and '2,5' in y, (x, y)
    assert not any('.' in label for label in x + y)


def test_turkish_axes_leaves_log_axes_alone():
    fig = Figure()
    ax = fig.subplots()
    ax.plot([1, 10, 100], [0.5, 1.5, 2.5])
    ax.set_xscale('log')
    before = ax.xaxis.get_major_formatter()
    d2l.turkish_axes(ax)
    assert ax.xaxis.get_major_formatter() is before
    assert isinstance(before, LogFormatterSciNotation)
    assert isinstance(ax.yaxis.get_major_formatter(), TurkishFormatter)


def test_turkish_axes_before_tick_labels_keeps_the_labels():
    """Defterlerde turkish_axes set_xticks(..., etiketler)'den önce çağrılır."""
    fig = Figure()
    ax = fig.subplots()
    d2l.turkish_axes(ax)
    ax.bar(range(3), [0.1, 0.2, 0.3])
    ax.set_xticks(range(3), ['a', 'b', 'c'])
    assert _labels(fig, ax.xaxis) == ['a', 'b', 'c']
    assert '0,10' in _labels(fig, ax.yaxis)


def test_turkish_axes_after_category_or_tick_labels_keeps_the_names():
    """Kategori eksenleri (barh'a adlar) ve set_yticks(..., etiketler) sonradan
    çağrılan turkish_axes'ten etkilenmez; sayı yazan öbür eksen Türkçe olur."""
    fig = Figure()
    ax1, ax2 = fig.subplots(1, 2)
    ax1.barh(['sıfırdan', 'hızlı'], [1.0, 1.25])
    ax2.plot([0, 1, 2], [0.5, 1.5, 2.5])
    ax2.set_yticks([0.5, 1.5], ['az', 'çok'])
    d2l.turkish_axes(ax1, ax2)
    assert _labels(fig, ax1.yaxis) == ['sıfırdan', 'hızlı']
    assert _labels(fig, ax2.yaxis) == ['az', 'çok']
    assert '0,5' in _labels(fig, ax1.xaxis)


def test_animator_axes_are_turkish_except_log():
    linear = d2l.Animator(xlabel='dönem', ylabel='şaşkınlık', xlim=[1, 10])
    ax = linear.axes[0]
    assert isinstance(ax.xaxis.get_major_formatter(), TurkishFormatter)
    assert isinstance(ax.yaxis.get_major_formatter(), TurkishFormatter)
    linear.add([1, 2], [1.5, 2.25])
    assert any(',' in label for label in _labels(linear.fig, ax.yaxis))
    logy = d2l.Animator(yscale='log')
    assert not isinstance(logy.axes[0].yaxis.get_major_formatter(), TurkishFormatter)
    assert isinstance(logy.axes[0].xaxis.get_major_formatter(), TurkishFormatter)


def test_train_ch8_prints_turkish_numbers(monkeypatch, capsys):
    """Son satır: 'şaşkınlık 1,0; 60.473 andıç/sn cpu' (eğitim taklit edilir)."""
    import d2lmini.train as train
    monkeypatch.setattr(train, 'train_epoch_ch8', lambda *args: (1.04, 60473.2))
    train_iter, vocab = d2l.load_data_time_machine(32, 35)
    net = d2l.RNNModelScratch(len(vocab), 8, 'cpu', d2l.get_params,
                              d2l.init_rnn_state, d2l.rnn)
    assert d2l.train_ch8(net, train_iter, vocab, 1, 1, 'cpu') == (1.04, 60473.2)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == 'şaşkınlık 1,0; 60.473 andıç/sn cpu'
