"""Andıçlara ayırma ve kelime dağarcığı (andıç <-> indis eşlemesi)."""
import collections


def tokenize(lines, token='word'):
    """Satırları andıçlara böler: ``'word'`` kelimeler, ``'char'`` karakterler.
    """
    if token == 'word':
        return [line.split() for line in lines]
    if token == 'char':
        return [list(line) for line in lines]
    raise ValueError(f"token 'word' ya da 'char' olmalı, {token!r} verildi")


def count_corpus(tokens):
    """Andıç sıklıkları; ``tokens`` düz ya da satır satır bir liste olabilir.
    """
    if tokens and isinstance(tokens[0], list):
        tokens = [tok for line in tokens for tok in line]
    return collections.Counter(tokens)


class Vocab:
    """Kelime dağarcığı: andıç <-> indis eşlemesi.

    İndis 0 bilinmeyen andıç ``<unk>``; ardından ``reserved_tokens``; sonra
    sıklığı ``min_freq``'ten az olmayan andıçlar, sıklığa göre azalan sırayla
    (eşitlikte ilk görülen önce).
    """

    def __init__(self, tokens=None, min_freq=0, reserved_tokens=None):
        counter = count_corpus(tokens or [])
        # sorted kararlıdır: eşit sıklıktakiler ilk görülme sırasını korur
        freqs = sorted(counter.items(), key=lambda kv: kv[1], reverse=True)
        self._token_freqs = freqs
        self.idx_to_token = ['<unk>'] + list(reserved_tokens or [])
        self.token_to_idx = {t: i for i, t in enumerate(self.idx_to_token)}
        for tok, freq in freqs:
            if freq < min_freq:
                break
            if tok not in self.token_to_idx:
                self.token_to_idx[tok] = len(self.idx_to_token)
                self.idx_to_token.append(tok)

    @classmethod
    def from_tokens(cls, idx_to_token, token_freqs):
        """Kaydedilmiş bir dağarcığı indisleri birebir koruyarak yeniden kurar.

        ``idx_to_token``: indis sırasıyla andıçlar (ilki ``<unk>``);
        ``token_freqs``: (andıç, sıklık) çiftleri. Sayma yeniden yapılmaz.
        """
        tokens = list(idx_to_token)
        unique = len(set(tokens)) == len(tokens)
        if not tokens or tokens[0] != '<unk>' or not unique:
            raise ValueError(
                "idx_to_token '<unk>' ile başlayan, tekrarsız bir andıç "
                f'listesi olmalı (verilen: {tokens[:5]}...)')
        vocab = cls()
        vocab.idx_to_token = tokens
        vocab.token_to_idx = {t: i for i, t in enumerate(tokens)}
        vocab._token_freqs = [(tok, int(freq)) for tok, freq in token_freqs]
        return vocab

    def __len__(self):
        return len(self.idx_to_token)

    def __getitem__(self, tokens):
        """Andıcın indisi (bilinmeyen -> ``unk``); liste için indis listesi.
        """
        if isinstance(tokens, (list, tuple)):
            return [self[tok] for tok in tokens]
        return self.token_to_idx.get(tokens, self.unk)

    def to_tokens(self, indices):
        """İndis(ler)den andıç(lar)a; liste, demet ya da tensör de olabilir."""
        if hasattr(indices, 'tolist'):   # tensör ya da NumPy dizisi
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
