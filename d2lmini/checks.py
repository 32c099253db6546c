"""Bağımsız değişken denetimleri: öğretilen fonksiyonlar kitaptaki boylarında
kalsın.

Her denetim bir satırda çağrılır ve sorun varsa neyin değişmesi gerektiğini
söyleyen Türkçe bir ``ValueError`` verir.
"""
import math
import numbers

import torch


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


def bind_vocab(net, vocab):
    """Modeli kelime dağarcığına bağlar: boyut tutmalı, model daha önce başka
    bir dağarcığa bağlandıysa andıçlar da.

    Aynı boyutta iki dağarcık (ör. Zaman Makinesi ve Dünyalar Savaşı, ikisi de
    28 andıç) indisleri farklı karakterlere verir: model sessizce çöp üretirdi.
    Eğitim, üretici ve kayıt modeli dağarcığıyla birlikte taşır.
    """
    check_vocab_size(net, vocab)
    tokens = tuple(vocab.idx_to_token)
    bound = getattr(net, 'vocab_tokens', None)
    if bound is not None and tuple(bound) != tokens:
        raise ValueError(
            'bu model başka bir kelime dağarcığıyla eğitilmiş (boyut aynı, '
            f'ama andıçlar farklı: {"".join(bound[1:12])!r}... yerine '
            f'{"".join(tokens[1:12])!r}...): modeli eğittiğiniz vocab\'ı '
            'verin ya da bu veri için yeni bir model eğitin')
    net.vocab_tokens = tokens


def check_tokens(X, vocab_size):
    """Modelin girdisi: (minigrup, adım) biçiminde, en az bir adımlık, 0 ile
    ``vocab_size - 1`` arasında andıç indisleri."""
    if (not hasattr(X, 'dim') or X.dim() != 2 or X.is_floating_point()
            or X.dtype == torch.bool):
        raise ValueError(
            'X (minigrup, adım sayısı) biçiminde andıç indisleri olmalı; '
            f'verilen: {getattr(X, "dtype", type(X).__name__)}, '
            f'{tuple(getattr(X, "shape", ()))}. Bire bir kodlamadan önceki '
            'indisleri verin')
    if X.shape[1] == 0:
        raise ValueError('X hiç zaman adımı içermiyor (biçim '
                         f'{tuple(X.shape)}): en az bir andıç verin')
    if X.numel() and (int(X.min()) < 0 or int(X.max()) >= vocab_size):
        raise ValueError(
            f'X\'te 0 ile {vocab_size - 1} arasında olmayan indisler var '
            f'(en küçük {int(X.min())}, en büyük {int(X.max())}): X\'i bu '
            'modelin kelime dağarcığıyla (vocab[...]) kurun')


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


def check_finite_ppl(ppl, epoch):
    """Dönemin şaşkınlığı sonlu mu? Değilse (``nan``, ``inf``, ``exp``'in
    taşması) eğitim o dönemde, ne yapılacağını söyleyen bir hatayla durur.
    """
    if not math.isfinite(ppl):
        raise FloatingPointError(
            f'{epoch}. dönemde eğitim durdu: kayıp sonlu değil ya da '
            f'şaşkınlık taşacak kadar büyük (şaşkınlık {ppl}): öğrenme '
            'oranını düşürün ya da gradyan kırpmayı (grad_clipping) kullanın')
