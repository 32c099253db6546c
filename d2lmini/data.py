"""Metin veri hattı: okuma, derlem, minigrup yineleyicileri ve veri yükleyici.

Hat her kitap için aynıdır; ``source`` bir DATA_HUB adı (ör.
``'time_machine'``, ``'war_of_the_worlds'``) ya da yerel bir düz metin
dosyasının yoludur.
"""
import io
import pathlib
import random
import re

import torch

from .checks import check_max_tokens, check_sizes
from .download import DATA_HUB, download
from .vocab import Vocab, tokenize

_START = re.compile(r'^\*{3}\s*START OF (THE|THIS) PROJECT GUTENBERG', re.I)
_END = re.compile(r'^\*{3}\s*END OF (THE|THIS) PROJECT GUTENBERG', re.I)


def preprocess(line):
    """Kitaptaki ön işleme: harf dışı her dizi tek boşluk, kırpma, küçük harf.
    """
    return re.sub('[^A-Za-z]+', ' ', line).strip().lower()


def strip_gutenberg(lines):
    """Project Gutenberg başlığını ve sonunu, bayt sırası imini (BOM) atar.

    Kitap ``*** START OF ...`` ile ``*** END OF ...`` im satırlarının
    arasındadır. İmler yoksa satırlar olduğu gibi kalır (ör. timemachine.txt).
    """
    lines = list(lines)
    if lines and lines[0].startswith('\ufeff'):
        lines[0] = lines[0][1:]
    start = next((i for i, l in enumerate(lines) if _START.match(l)), None)
    if start is not None:
        lines = lines[start + 1:]
    end = next((i for i, l in enumerate(lines) if _END.match(l)), None)
    if end is not None:
        lines = lines[:end]
    return lines


def _resolve(source):
    """DATA_HUB adıysa indirilmiş dosyanın, değilse yerel dosyanın yolu."""
    if isinstance(source, str) and source in DATA_HUB:
        return pathlib.Path(download(source))
    path = pathlib.Path(source).expanduser()
    if not path.is_file():
        raise FileNotFoundError(
            f'{source!r} ne DATA_HUB içinde bir ad ne de var olan bir dosya. '
            'Bir düz metin dosyasının yolunu ya da şu adlardan birini verin: '
            f'{sorted(DATA_HUB)}')
    return path


def _decode(path):
    """Dosyanın metni; UTF-8 düz metin değilse ne olduğunu söyleyen hata."""
    data = path.read_bytes()
    fix = None
    if data[:2] == b'\x1f\x8b':
        fix = 'gzip ile sıkıştırılmış: önce açın (gunzip)'
    elif data[:2] in (b'\xff\xfe', b'\xfe\xff') or b'\x00' in data[:4096]:
        fix = ('UTF-16 ("Unicode") ya da ikili bir dosya gibi görünüyor: '
               'metni UTF-8 olarak kaydedin')
    text = data.decode('utf-8', errors='replace')
    if fix is None and text.count('\ufffd') > 0.05 * max(len(text), 1):
        fix = ('baytlarının çoğu UTF-8 değil: ikili bir dosya ya da başka '
               'bir kodlama; metni UTF-8 olarak kaydedin')
    if fix:
        raise ValueError(f'{path} düz metin (UTF-8) değil, {fix}')
    return text


def read_text(source):
    """Bir kitabı satır satır okur ve ön işler (``preprocess``).

    Dosya UTF-8 düz metin olmalı; arada çözülemeyen birkaç bayt harf dışı
    sayılıp boşluk olur, ama UTF-16, gzip ya da ikili bir dosya reddedilir.
    """
    # StringIO(newline=None): satırlar open() ile okunmuş gibi (\r\n -> \n)
    lines = io.StringIO(_decode(_resolve(source)), newline=None)
    return [preprocess(line) for line in strip_gutenberg(lines)]


def read_time_machine():
    """Zaman Makinesi'ni satır satır okur ve ön işler."""
    return read_text('time_machine')


def load_corpus_text(source, max_tokens=-1):
    """Karakter andıçlarının indis listesi (derlem) ve kelime dağarcığı.

    ``max_tokens > 0`` ise derlem ilk ``max_tokens`` andıçla kısaltılır.
    """
    check_max_tokens(max_tokens)
    tokens = tokenize(read_text(source), 'char')
    if not any(tokens):
        raise ValueError(f'{source!r} hiç harf içermiyor: İngilizce bir düz '
                         'metin dosyası verin')
    vocab = Vocab(tokens)
    corpus = [vocab[tok] for line in tokens for tok in line]
    if max_tokens > 0:
        corpus = corpus[:max_tokens]
    return corpus, vocab


def load_corpus_time_machine(max_tokens=-1):
    """Zaman Makinesi'nin derlemi ve kelime dağarcığı."""
    return load_corpus_text('time_machine', max_tokens)


def seq_data_iter_random(corpus, batch_size, num_steps):
    """Rastgele örnekleme: minigruplar derlemin rastgele yerlerinden alınmış,
    örtüşmeyen alt dizilerdir. Y, X'in bir andıç kaydırılmışıdır."""
    check_sizes(corpus, batch_size, num_steps)
    # Rastgele bir başlangıç kayması: her dönem farklı bölünmeler görülür
    corpus = corpus[random.randint(0, num_steps - 1):]
    num_subseqs = (len(corpus) - 1) // num_steps
    starts = list(range(0, num_subseqs * num_steps, num_steps))
    random.shuffle(starts)
    for i in range(0, (num_subseqs // batch_size) * batch_size, batch_size):
        batch = starts[i:i + batch_size]
        X = [corpus[j:j + num_steps] for j in batch]
        Y = [corpus[j + 1:j + 1 + num_steps] for j in batch]
        yield torch.tensor(X), torch.tensor(Y)


def seq_data_iter_sequential(corpus, batch_size, num_steps):
    """Sıralı bölümleme: k+1. minigrubun i. satırı, k.'nın i. satırının devamı.
    """
    check_sizes(corpus, batch_size, num_steps)
    offset = random.randint(0, num_steps - 1)
    num_tokens = ((len(corpus) - offset - 1) // batch_size) * batch_size
    Xs = torch.tensor(corpus[offset:offset + num_tokens])
    Ys = torch.tensor(corpus[offset + 1:offset + 1 + num_tokens])
    Xs, Ys = Xs.reshape(batch_size, -1), Ys.reshape(batch_size, -1)
    for t in range(0, (Xs.shape[1] // num_steps) * num_steps, num_steps):
        yield Xs[:, t:t + num_steps], Ys[:, t:t + num_steps]


class SeqDataLoader:
    """Her ``for`` döngüsünde (her dönemde) yeni bir yineleyici başlatır.

    ``source``: DATA_HUB adı ya da yerel dosya yolu (varsayılan Zaman
    Makinesi). Boyutlar burada denetlenir: hata ilk dönemde değil, hemen çıkar.
    """

    def __init__(self, batch_size, num_steps, use_random_iter, max_tokens,
                 source='time_machine'):
        if use_random_iter:
            self.data_iter_fn = seq_data_iter_random
        else:
            self.data_iter_fn = seq_data_iter_sequential
        self.corpus, self.vocab = load_corpus_text(source, max_tokens)
        check_sizes(self.corpus, batch_size, num_steps)
        self.batch_size, self.num_steps = batch_size, num_steps

    def __iter__(self):
        return self.data_iter_fn(self.corpus, self.batch_size, self.num_steps)


def load_data_text(source, batch_size, num_steps, use_random_iter=False,
                   max_tokens=10000):
    """Herhangi bir kitap için (minigrup yineleyicisi, kelime dağarcığı)."""
    data_iter = SeqDataLoader(batch_size, num_steps, use_random_iter,
                              max_tokens, source)
    return data_iter, data_iter.vocab


def load_data_time_machine(batch_size, num_steps, use_random_iter=False,
                           max_tokens=10000):
    """Zaman Makinesi için (minigrup yineleyicisi, kelime dağarcığı)."""
    return load_data_text('time_machine', batch_size, num_steps,
                          use_random_iter, max_tokens)
