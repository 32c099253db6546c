"""Bağımsız değişken denetimleri: öğretilen fonksiyonlar kitaptaki boylarında
kalsın.

Her denetim bir satırda çağrılır ve sorun varsa neyin değişmesi gerektiğini
söyleyen Türkçe bir ``ValueError`` verir.
"""
import math
import numbers


def check_positive_int(name, value, example=''):
    """``value`` pozitif bir tam sayı mı? (``True`` ve ``4.0`` kabul
    edilmez.)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(
            f'{name} bir tam sayı olmalı (verilen: {value!r}){example}')
    if value < 1:
        raise ValueError(f'{name} pozitif olmalı (verilen: {value}){example}')


def check_prefix(prefix, num_preds):
    """Metin üretiminin girdileri: boş olmayan bir önek, negatif olmayan bir
    uzunluk.
    """
    if not prefix:
        raise ValueError('prefix boş olamaz: en az bir karakterlik bir önek '
                         'verin, ör. "time traveller"')
    if num_preds < 0:
        raise ValueError(f'num_preds negatif olamaz (verilen: {num_preds}); '
                         '0 ya da pozitif bir sayı verin')


def check_sizes(corpus, batch_size, num_steps):
    """Derlem bu minigrup boyutu ve adım sayısıyla en az bir minigrup verir mi?
    """
    check_positive_int('batch_size', batch_size)
    check_positive_int('num_steps', num_steps)
    if len(corpus) - num_steps < batch_size * num_steps + 1:
        raise ValueError(
            f'{len(corpus)} andıçlık derlem batch_size={batch_size}, '
            f'num_steps={num_steps} için tek bir minigrup bile vermiyor: '
            'max_tokens değerini büyütün ya da batch_size / num_steps '
            'değerini küçültün')


def check_vocab_size(net, vocab):
    """Model, bu kelime dağarcığının boyutuyla mı kurulmuş?"""
    if getattr(net, 'vocab_size', len(vocab)) != len(vocab):
        raise ValueError(
            f'modelin kelime dağarcığı boyutu ({net.vocab_size}) verininkiyle '
            f'({len(vocab)}) aynı değil: modeli len(vocab) ile kurun')


def check_max_tokens(max_tokens):
    """``max_tokens``: bütün derlem için -1 (ya da 0), kısaltmak için pozitif
    sayı.
    """
    if isinstance(max_tokens, bool) or not isinstance(max_tokens,
                                                      numbers.Integral):
        raise ValueError(f'max_tokens bir tam sayı olmalı (verilen: '
                         f'{max_tokens!r}): bütün derlem için -1, ilk n andıç '
                         'için n verin')


def check_positive(name, value, example=''):
    """``value`` sonlu, pozitif bir gerçel sayı mı? (nan ve sonsuz reddedilir.)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(
            f'{name} bir sayı olmalı (verilen: {value!r}){example}')
    if not 0 < value < float('inf'):
        raise ValueError(f'{name} pozitif ve sonlu olmalı (verilen: {value})'
                         f'{example}')


def check_finite_loss(mean_loss):
    """Dönemin ortalama kaybı sonlu mu? Değilse eğitim sessizce sürmesin."""
    if not math.isfinite(mean_loss):
        raise FloatingPointError(
            f'kayıp sonlu değil ({mean_loss}): öğrenme oranını düşürün ya da '
            'gradyan kırpmayı (grad_clipping) kullanın')
