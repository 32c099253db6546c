"""Veri hattı: kitabın sayıları birebir, yineleyicilerin özellikleri."""
import re

import pytest
import torch

import d2lmini as d2l


def test_read_time_machine_preprocessing():
    lines = d2l.read_time_machine()
    assert len(lines) == 3221
    assert lines[0] == 'the time machine by h g wells'
    for line in lines:
        assert re.fullmatch('[a-z ]*', line)
        assert line == line.strip() and '  ' not in line


def test_tokenize_word_and_char():
    lines = ['the time', '', 'a b']
    assert d2l.tokenize(lines) == [['the', 'time'], [], ['a', 'b']]
    assert d2l.tokenize(lines, 'char') == [list('the time'), [], list('a b')]
    with pytest.raises(ValueError, match="'word' ya da 'char'"):
        d2l.tokenize(lines, 'letter')


def test_book_vocabulary(time_machine):
    corpus, vocab = time_machine
    assert len(corpus) == 170580
    assert len(vocab) == 28
    assert vocab.idx_to_token[:11] == ['<unk>', ' ', 'e', 't', 'a', 'i', 'n', 'o', 's', 'h', 'r']
    assert sorted(vocab.idx_to_token[1:]) == sorted(' abcdefghijklmnopqrstuvwxyz')
    assert vocab.token_freqs[:2] == [(' ', 29927), ('e', 17838)]
    # oracle: sıklıklar derlemin kendisinden sayılanla aynı, azalan sırada
    counts = torch.bincount(torch.tensor(corpus), minlength=len(vocab))
    assert counts[0] == 0
    assert counts[1:].tolist() == [f for _, f in vocab.token_freqs]


def test_vocab_indexing_and_round_trip():
    vocab = d2l.Vocab([['b', 'a', 'c'], ['a', 'b', 'd', 'a']], reserved_tokens=['<pad>'])
    # a:3, b:2, ardından c ve d (eşit sıklıkta ilk görülen önce)
    assert vocab.idx_to_token == ['<unk>', '<pad>', 'a', 'b', 'c', 'd']
    assert vocab['a'] == 2 and vocab['zzz'] == vocab.unk == 0
    assert vocab[['d', 'a', 'q']] == [5, 2, 0]
    assert vocab[('b',)] == [3]
    assert vocab.to_tokens([5, 2]) == ['d', 'a'] and vocab.to_tokens(3) == 'b'
    assert vocab.to_tokens(vocab[list('abcd')]) == list('abcd')
    assert vocab.to_tokens(torch.tensor([5, 2])) == ['d', 'a'] and vocab.to_tokens(torch.tensor(3)) == 'b'


def test_vocab_min_freq_and_flat_tokens():
    vocab = d2l.Vocab(list('aaabbc'), min_freq=2)
    assert vocab.idx_to_token == ['<unk>', 'a', 'b']
    assert vocab['c'] == vocab.unk
    assert len(d2l.Vocab()) == 1


def test_max_tokens(time_machine):
    corpus, _ = d2l.load_corpus_time_machine(max_tokens=10000)
    assert corpus == time_machine[0][:10000]


def _all_batches(fn, corpus, batch_size, num_steps):
    return [(X.clone(), Y.clone()) for X, Y in fn(corpus, batch_size, num_steps)]


@pytest.mark.parametrize('fn', [d2l.seq_data_iter_random, d2l.seq_data_iter_sequential])
def test_book_batch_count_and_shapes(fn):
    corpus, _ = d2l.load_corpus_time_machine(10000)
    for seed in range(5):
        d2l.set_seed(seed)
        batches = _all_batches(fn, corpus, 32, 35)
        assert len(batches) == 8
        for X, Y in batches:
            assert X.shape == Y.shape == (32, 35) and X.dtype == torch.int64


@pytest.mark.parametrize('fn', [d2l.seq_data_iter_random, d2l.seq_data_iter_sequential])
def test_y_is_x_shifted_by_one(fn):
    corpus = list(range(1000))   # her andıç eşsiz: konumlar doğrudan okunur
    for X, Y in fn(corpus, 4, 7):
        assert torch.equal(Y, X + 1)
        assert torch.equal(X[:, 1:], X[:, :-1] + 1)   # her satır ardışık bir alt dizi


def test_sequential_rows_continue():
    corpus = list(range(1000))
    batches = _all_batches(d2l.seq_data_iter_sequential, corpus, 4, 7)
    assert len(batches) > 2
    for (X0, _), (X1, _) in zip(batches, batches[1:]):
        assert torch.equal(X1[:, 0], X0[:, -1] + 1)


def test_random_sampling_no_overlap():
    corpus = list(range(1000))
    for seed in range(10):
        d2l.set_seed(seed)
        starts = torch.cat([X[:, 0] for X, _ in d2l.seq_data_iter_random(corpus, 4, 7)]).tolist()
        starts.sort()
        assert all(b - a >= 7 for a, b in zip(starts, starts[1:]))
        # rastgele bir kayma ile aynı ızgara: başlangıçlar 7'nin katları kadar aralıklı
        assert len({s % 7 for s in starts}) == 1


@pytest.mark.parametrize('fn', [d2l.seq_data_iter_random, d2l.seq_data_iter_sequential])
def test_same_seed_same_batches(fn):
    corpus = list(range(2000))
    d2l.set_seed(7)
    a = _all_batches(fn, corpus, 4, 7)
    d2l.set_seed(7)
    b = _all_batches(fn, corpus, 4, 7)
    assert all(torch.equal(x1, x2) and torch.equal(y1, y2) for (x1, y1), (x2, y2) in zip(a, b))
    firsts = set()
    for seed in range(20):
        d2l.set_seed(seed)
        firsts.add(tuple(_all_batches(fn, corpus, 4, 7)[0][0][0].tolist()))
    assert len(firsts) > 1   # tohum gerçekten rastgeleliği belirliyor


def test_too_small_corpus_is_a_clear_error():
    with pytest.raises(ValueError, match='max_tokens'):
        list(d2l.seq_data_iter_sequential(list(range(100)), 32, 35))
    with pytest.raises(ValueError, match='pozitif'):
        list(d2l.seq_data_iter_random(list(range(100)), 0, 5))


@pytest.mark.parametrize('use_random_iter', [False, True])
def test_load_data_time_machine(use_random_iter):
    train_iter, vocab = d2l.load_data_time_machine(32, 35, use_random_iter)
    assert isinstance(train_iter, d2l.SeqDataLoader) and len(vocab) == 28
    assert len(train_iter.corpus) == 10000
    epoch1 = [X for X, _ in train_iter]
    epoch2 = [X for X, _ in train_iter]   # her dönem yeni bir yineleyici
    assert len(epoch1) == len(epoch2) == 8
    assert train_iter.data_iter_fn is (d2l.seq_data_iter_random if use_random_iter
                                       else d2l.seq_data_iter_sequential)


@pytest.mark.parametrize('bad', [4.0, 2.5, '4', True, 0, -3])
def test_sizes_are_checked_when_the_loader_is_built(bad):
    """Tam sayı olmayan ya da pozitif olmayan boyutlar ilk dönemde değil,
    yükleyici kurulurken, neyin değişeceğini söyleyen bir hatayla durur."""
    for kwargs in ({'batch_size': bad, 'num_steps': 5}, {'batch_size': 2, 'num_steps': bad}):
        name = 'batch_size' if kwargs['batch_size'] is bad else 'num_steps'
        with pytest.raises(ValueError, match=name):
            d2l.load_data_time_machine(**kwargs)


@pytest.mark.parametrize('bad', [None, 2.5, '100', True])
def test_max_tokens_must_be_an_integer(bad):
    with pytest.raises(ValueError, match='max_tokens'):
        d2l.load_data_time_machine(2, 5, max_tokens=bad)


def test_one_loader_for_every_book():
    """Zaman Makinesi ve başka kitaplar aynı yükleyici sınıfından geçer."""
    tm, _ = d2l.load_data_time_machine(4, 5, max_tokens=500)
    wotw, _ = d2l.load_data_text('war_of_the_worlds', 4, 5, max_tokens=500)
    assert type(tm) is type(wotw) is d2l.SeqDataLoader
    direct = d2l.SeqDataLoader(4, 5, False, 500, source='time_machine')
    assert direct.corpus == tm.corpus
