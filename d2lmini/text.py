"""Başka kitaplar için aynı veri hattı: DATA_HUB'daki bir ad ya da yerel bir düz metin dosyası.

Ön işleme, andıçlara ayırma, kelime dağarcığı ve yineleyiciler Zaman Makinesi'ndekiyle aynıdır
(``data.py``); burada yalnızca metnin nereden ve nasıl okunacağı eklenir.
"""
import pathlib
import re

from .data import (SeqDataLoader, Vocab, _check_sizes, seq_data_iter_random,
                   seq_data_iter_sequential, tokenize)
from .download import DATA_HUB, download

# H. G. Wells, Dünyalar Savaşı: Project Gutenberg e-kitap #36 (UTF-8, BOM ve Gutenberg
# başlığı/sonu ile). Yansıda (D2LMINI_DATA_URL) <adres>/war_of_the_worlds.txt olarak istenir.
DATA_HUB['war_of_the_worlds'] = ('https://www.gutenberg.org/cache/epub/36/pg36.txt',
                                 '8a5d3dd63210f4420faa17508adf988d7e209e1e',
                                 'war_of_the_worlds.txt')

_START = re.compile(r'^\*{3}\s*START OF (THE|THIS) PROJECT GUTENBERG', re.IGNORECASE)
_END = re.compile(r'^\*{3}\s*END OF (THE|THIS) PROJECT GUTENBERG', re.IGNORECASE)


def strip_gutenberg(lines):
    """Project Gutenberg başlığını ve sonunu (lisans metni) atar; bayt sırası imini (BOM) siler.

    Kitap ``*** START OF ...`` ile ``*** END OF ...`` im satırlarının arasındadır. İmler
    yoksa satırlar olduğu gibi kalır (ör. kitabın kullandığı timemachine.txt).
    """
    lines = list(lines)
    if lines and lines[0].startswith('\ufeff'):
        lines[0] = lines[0][1:]
    start = next((i for i, line in enumerate(lines) if _START.match(line)), None)
    if start is not None:
        lines = lines[start + 1:]
    end = next((i for i, line in enumerate(lines) if _END.match(line)), None)
    if end is not None:
        lines = lines[:end]
    return lines


def _clean(line):
    # read_time_machine ile aynı ön işleme: harf dışı her dizi tek boşluk, küçük harf
    return re.sub('[^A-Za-z]+', ' ', line).strip().lower()


def _resolve(source):
    """DATA_HUB adıysa indirip (önbellekten) yolunu, değilse yerel dosyanın yolunu döndürür."""
    if isinstance(source, str) and source in DATA_HUB:
        return pathlib.Path(download(source))
    path = pathlib.Path(source).expanduser()
    if not path.is_file():
        raise FileNotFoundError(
            f'{source!r} ne DATA_HUB içinde bir ad ne de var olan bir dosya. Bir düz metin '
            f'dosyasının yolunu ya da şu adlardan birini verin: {sorted(DATA_HUB)}')
    return path


def read_text(source):
    """Bir kitabı satır satır okur ve ``read_time_machine`` gibi ön işler.

    ``source``: DATA_HUB'daki bir ad (ör. ``'war_of_the_worlds'``) ya da yerel bir dosya yolu.
    Dosya UTF-8 okunur; çözülemeyen baytlar zaten harf dışı sayılıp boşluk olur.
    """
    path = _resolve(source)
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = strip_gutenberg(f)
    return [_clean(line) for line in lines]


def load_corpus_text(source, max_tokens=-1):
    """Kitabın karakter andıçlarının indis listesi (derlem) ve kelime dağarcığı."""
    tokens = tokenize(read_text(source), 'char')
    if not any(tokens):
        raise ValueError(f'{source!r} hiç harf içermiyor: İngilizce bir düz metin dosyası verin')
    vocab = Vocab(tokens)
    corpus = [vocab[tok] for line in tokens for tok in line]
    if max_tokens > 0:
        corpus = corpus[:max_tokens]
    return corpus, vocab


class TextDataLoader(SeqDataLoader):
    """SeqDataLoader'ın herhangi bir kitap için olanı: derlem dışarıda hazırlanır."""

    def __init__(self, corpus, vocab, batch_size, num_steps, use_random_iter):
        self.data_iter_fn = seq_data_iter_random if use_random_iter else seq_data_iter_sequential
        self.corpus, self.vocab = corpus, vocab
        self.batch_size, self.num_steps = batch_size, num_steps


def load_data_text(source, batch_size, num_steps, use_random_iter=False, max_tokens=10000):
    """Herhangi bir kitap için (minigrup yineleyicisi, kelime dağarcığı) döndürür.

    ``load_data_time_machine`` ile aynı hat; ``source`` bir DATA_HUB adı ya da yerel bir yol.
    """
    corpus, vocab = load_corpus_text(source, max_tokens)
    _check_sizes(corpus, batch_size, num_steps)   # hata ilk dönemde değil, hemen görünsün
    data_iter = TextDataLoader(corpus, vocab, batch_size, num_steps, use_random_iter)
    return data_iter, vocab
