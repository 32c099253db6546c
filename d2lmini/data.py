"""Metin veri hattı: okuma, andıçlara ayırma, kelime dağarcığı ve minigrup yineleyicileri."""
import collections
import random
import re

import torch

from .download import download


def read_time_machine():
    """Zaman Makinesi'ni satır satır okur: harf dışı her dizi tek boşluk olur, küçük harfe çevrilir."""
    with open(download('time_machine'), encoding='utf-8') as f:
        return [re.sub('[^A-Za-z]+', ' ', line).strip().lower() for line in f]


def tokenize(lines, token='word'):
    """Her satırı andıçlara böler: ``token='word'`` kelimeler, ``token='char'`` karakterler."""
    if token == 'word':
        return [line.split() for line in lines]
    if token == 'char':
        return [list(line) for line in lines]
    raise ValueError(f"token 'word' ya da 'char' olmalı, {token!r} verildi")


def count_corpus(tokens):
    """Andıç sıklıklarını sayar; ``tokens`` düz ya da satırlara bölünmüş (iç içe) liste olabilir."""
    if tokens and isinstance(tokens[0], list):
        tokens = [tok for line in tokens for tok in line]
    return collections.Counter(tokens)


class Vocab:
    """Kelime dağarcığı: andıç <-> indis eşlemesi.

    İndis 0 bilinmeyen andıç ``<unk>``; ardından ``reserved_tokens``; sonra sıklığı
    ``min_freq``'ten az olmayan andıçlar, sıklığa göre azalan sırayla (eşitlikte ilk görülen önce).
    """

    def __init__(self, tokens=None, min_freq=0, reserved_tokens=None):
        counter = count_corpus(tokens or [])
        # sorted kararlıdır: eşit sıklıktakiler Counter'daki ilk görülme sırasını korur
        self._token_freqs = sorted(counter.items(), key=lambda kv: kv[1], reverse=True)
        self.idx_to_token = ['<unk>'] + list(reserved_tokens or [])
        self.token_to_idx = {tok: idx for idx, tok in enumerate(self.idx_to_token)}
        for tok, freq in self._token_freqs:
            if freq < min_freq:
                break
            if tok not in self.token_to_idx:
                self.token_to_idx[tok] = len(self.idx_to_token)
                self.idx_to_token.append(tok)

    def __len__(self):
        return len(self.idx_to_token)

    def __getitem__(self, tokens):
        """Bir andıcın indisi (bilinmeyen -> ``unk``), ya da bir liste/demet için indis listesi."""
        if isinstance(tokens, (list, tuple)):
            return [self[tok] for tok in tokens]
        return self.token_to_idx.get(tokens, self.unk)

    def to_tokens(self, indices):
        """İndis(ler)den andıç(lar)a geri dönüş; liste, demet ya da tensör de olabilir."""
        if hasattr(indices, 'tolist'):   # tensör ya da NumPy dizisi -> Python sayıları
            indices = indices.tolist()
        if isinstance(indices, (list, tuple)):
            return [self.idx_to_token[i] for i in indices]
        return self.idx_to_token[indices]

    @property
    def unk(self):
        return 0

    @property
    def token_freqs(self):
        return self._token_freqs


def load_corpus_time_machine(max_tokens=-1):
    """Karakter andıçlarının indis listesi (derlem) ve kelime dağarcığı; ``max_tokens > 0`` ise kısaltır."""
    tokens = tokenize(read_time_machine(), 'char')
    vocab = Vocab(tokens)
    corpus = [vocab[tok] for line in tokens for tok in line]
    if max_tokens > 0:
        corpus = corpus[:max_tokens]
    return corpus, vocab


def _check_sizes(corpus, batch_size, num_steps):
    if batch_size < 1 or num_steps < 1:
        raise ValueError(f'batch_size ve num_steps pozitif olmalı (verilen: {batch_size}, {num_steps})')
    if len(corpus) - num_steps < batch_size * num_steps + 1:
        raise ValueError(f'{len(corpus)} andıçlık derlem batch_size={batch_size}, num_steps={num_steps} '
                         'için tek bir minigrup bile vermiyor: max_tokens değerini büyütün '
                         'ya da batch_size / num_steps değerini küçültün')


def seq_data_iter_random(corpus, batch_size, num_steps):
    """Rastgele örnekleme: her minigrup, derlemin rastgele yerlerinden alınmış,
    birbiriyle örtüşmeyen alt dizilerden oluşur. Y, X'in bir andıç kaydırılmışıdır."""
    _check_sizes(corpus, batch_size, num_steps)
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
    """Sıralı bölümleme: k+1. minigrubun i. satırı, k. minigrubun i. satırının devamıdır."""
    _check_sizes(corpus, batch_size, num_steps)
    offset = random.randint(0, num_steps - 1)
    num_tokens = ((len(corpus) - offset - 1) // batch_size) * batch_size
    Xs = torch.tensor(corpus[offset:offset + num_tokens]).reshape(batch_size, -1)
    Ys = torch.tensor(corpus[offset + 1:offset + 1 + num_tokens]).reshape(batch_size, -1)
    for t in range(0, (Xs.shape[1] // num_steps) * num_steps, num_steps):
        yield Xs[:, t:t + num_steps], Ys[:, t:t + num_steps]


class SeqDataLoader:
    """Her ``for`` döngüsünde (her dönemde) yeni bir yineleyici başlatan veri yükleyici."""

    def __init__(self, batch_size, num_steps, use_random_iter, max_tokens):
        self.data_iter_fn = seq_data_iter_random if use_random_iter else seq_data_iter_sequential
        self.corpus, self.vocab = load_corpus_time_machine(max_tokens)
        self.batch_size, self.num_steps = batch_size, num_steps

    def __iter__(self):
        return self.data_iter_fn(self.corpus, self.batch_size, self.num_steps)


def load_data_time_machine(batch_size, num_steps, use_random_iter=False, max_tokens=10000):
    """Zaman Makinesi için (minigrup yineleyicisi, kelime dağarcığı) döndürür."""
    data_iter = SeqDataLoader(batch_size, num_steps, use_random_iter, max_tokens)
    return data_iter, data_iter.vocab
