"""load_data_text: Zaman Makinesi'nin veri hattı başka kitaplar için (DATA_HUB adı ya da yerel
yol); Project Gutenberg başlığı/sonu ve BOM atılır. Dünyalar Savaşı ile sınanır."""
import collections
import functools
import http.server
import re
import threading

import pytest
import torch

import d2lmini as d2l

WOTW = 'war_of_the_worlds'


@pytest.fixture(scope='module')
def wotw_path():
    """Doğrulanmış kopyanın yolu (yansıdan ya da önbellekten; SHA-1 download'da denetlenir)."""
    return d2l.download(WOTW)


def test_data_hub_entry():
    url, sha1, name, size = d2l.DATA_HUB[WOTW]
    assert url == 'https://www.gutenberg.org/cache/epub/36/pg36.txt'   # e-kitap #36
    assert sha1 == '8a5d3dd63210f4420faa17508adf988d7e209e1e'
    assert name == 'war_of_the_worlds.txt' and size == 366688


def test_fetched_through_mirror(wotw_path, tmp_path, monkeypatch):
    """Boş bir önbellekle: dosya <yansı>/war_of_the_worlds.txt olarak istenir ve doğrulanır."""
    served = tmp_path / 'yansi'
    served.mkdir()
    (served / 'war_of_the_worlds.txt').write_bytes(open(wotw_path, 'rb').read())
    requested = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            requested.append(self.path)

    httpd = http.server.ThreadingHTTPServer(
        ('127.0.0.1', 0), functools.partial(Handler, directory=str(served)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv('D2LMINI_DATA_URL', f'http://127.0.0.1:{httpd.server_address[1]}')
        monkeypatch.setenv('D2LMINI_DATA_DIR', str(tmp_path / 'onbellek'))
        _, vocab = d2l.load_data_text(WOTW, 32, 35)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert requested == ['/war_of_the_worlds.txt']
    assert (tmp_path / 'onbellek' / 'war_of_the_worlds.txt').exists()
    assert len(vocab) == 28


def test_raw_file_has_what_we_strip(wotw_path):
    raw = open(wotw_path, 'rb').read()
    assert raw.startswith(b'\xef\xbb\xbf')   # UTF-8 BOM
    assert b'*** START OF THE PROJECT GUTENBERG EBOOK' in raw
    assert b'*** END OF THE PROJECT GUTENBERG EBOOK' in raw


def test_header_footer_and_bom_gone():
    lines = d2l.read_text(WOTW)
    text = ' '.join(lines)
    assert '\ufeff' not in text
    assert 'gutenberg' not in text and 'ebook' not in text and 'license' not in text
    non_empty = [line for line in lines if line]
    assert non_empty[:3] == ['cover', 'the war of the worlds', 'by h g wells']
    assert non_empty[-1] == 'that i have counted her and that she has counted me among the dead'
    for line in lines:   # Zaman Makinesi ile aynı ön işleme
        assert re.fullmatch('[a-z ]*', line) and line == line.strip() and '  ' not in line
    assert len(lines) == 6379


def test_wotw_vocabulary(wotw_path):
    corpus, vocab = d2l.load_corpus_text(WOTW)
    assert len(vocab) == 28
    assert vocab.idx_to_token[0] == '<unk>'
    assert sorted(vocab.idx_to_token[1:]) == sorted(' abcdefghijklmnopqrstuvwxyz')
    assert vocab.idx_to_token[:6] == ['<unk>', ' ', 'e', 't', 'a', 'n']
    assert len(corpus) == 322041
    assert vocab.token_freqs[:2] == [(' ', 55683), ('e', 33401)]
    # Oracle: kitabı imler arasından bağımsızca kesip harfleri doğrudan saymak
    raw = open(wotw_path, encoding='utf-8-sig').read()
    body = raw.split('***', 2)[2].split('\n', 1)[1]          # START im satırından sonrası
    body = body[:body.index('*** END OF THE PROJECT GUTENBERG')]
    cleaned = [re.sub('[^A-Za-z]+', ' ', line).strip().lower() for line in body.splitlines()]
    counts = collections.Counter(''.join(cleaned))
    assert sum(counts.values()) == len(corpus)
    assert dict(vocab.token_freqs) == dict(counts)
    assert [vocab.idx_to_token[i] for i in corpus[:20]] == list(''.join(cleaned)[:20])


@pytest.mark.parametrize('use_random_iter', [False, True])
def test_wotw_iterators(use_random_iter):
    train_iter, _ = d2l.load_data_text(WOTW, 32, 35, use_random_iter=use_random_iter)
    assert len(train_iter.corpus) == 10000
    batches = list(train_iter)
    assert len(batches) == 8   # kitaptaki gibi: 10.000 andıç, 32 × 35
    as_text = lambda ids: ''.join(chr(65 + int(i)) for i in ids)   # indis dizisi -> dizgi
    corpus = as_text(train_iter.corpus)
    for X, Y in batches:
        assert X.shape == Y.shape == (32, 35)
        assert torch.equal(X[:, 1:], Y[:, :-1])   # Y, X'in bir andıç kaydırılmışı
        for row_x, row_y in zip(X, Y):   # her satır derlemin ardışık bir parçası
            assert as_text(row_x) + as_text(row_y[-1:]) in corpus
    if not use_random_iter:   # sıralı bölümleme: satırlar bir sonraki minigrupta sürer
        (X0, Y0), (X1, _) = batches[0], batches[1]
        assert torch.equal(Y0[:, -1], X1[:, 0])


def test_time_machine_by_path_is_the_same_pipeline():
    path = d2l.download('time_machine')
    d2l.set_seed(3)
    it, vocab = d2l.load_data_text(path, 32, 35)
    batches = list(it)
    d2l.set_seed(3)
    it_ref, vocab_ref = d2l.load_data_time_machine(32, 35)
    assert vocab.idx_to_token == vocab_ref.idx_to_token
    assert vocab.token_freqs == vocab_ref.token_freqs
    assert it.corpus == it_ref.corpus
    for (X, Y), (Xr, Yr) in zip(batches, it_ref, strict=True):
        assert torch.equal(X, Xr) and torch.equal(Y, Yr)
    assert d2l.read_text(path) == d2l.read_time_machine()


def test_local_file_with_bom_header_footer_and_crlf(tmp_path):
    path = tmp_path / 'kitap.txt'
    text = ('\ufeffThe Project Gutenberg eBook of Bir Kitap\r\n'
            'Release date: 2004 [eBook #99]\r\n'
            '*** START OF THE PROJECT GUTENBERG EBOOK BIR KITAP ***\r\n'
            'Chapter I.\r\n'
            '  The Martians—came!  Said   he.\r\n'
            '\r\n'
            '*** END OF THE PROJECT GUTENBERG EBOOK BIR KITAP ***\r\n'
            'Project Gutenberg License ...\r\n')
    path.write_bytes(text.encode('utf-8'))
    assert d2l.read_text(path) == ['chapter i', 'the martians came said he', '']
    assert d2l.read_text(str(path)) == d2l.read_text(path)
    corpus, vocab = d2l.load_corpus_text(path, max_tokens=5)
    assert vocab.to_tokens(corpus) == list('chapt')
    # İmsiz bir dosya olduğu gibi okunur; eski Gutenberg imleri ("THIS") de tanınır
    plain = tmp_path / 'duz.txt'
    plain.write_text('Hello, World\n', encoding='utf-8')
    assert d2l.read_text(plain) == ['hello world']
    assert d2l.strip_gutenberg(['a\n', '*** START OF THIS PROJECT GUTENBERG EBOOK X ***\n', 'b\n',
                                '*** END OF THIS PROJECT GUTENBERG EBOOK X ***\n', 'c\n']) == ['b\n']


def test_bad_sources(tmp_path):
    for bad in ['war_of_the_world', tmp_path / 'yok.txt', tmp_path]:
        with pytest.raises(FileNotFoundError) as info:
            d2l.load_data_text(bad, 32, 35)
        assert 'war_of_the_worlds' in str(info.value) and 'time_machine' in str(info.value)
    empty = tmp_path / 'bos.txt'
    empty.write_text('1234 -- !!\n\n', encoding='utf-8')
    with pytest.raises(ValueError, match='hiç harf içermiyor'):
        d2l.load_data_text(empty, 32, 35)
    short = tmp_path / 'kisa.txt'
    short.write_text('a short book\n' * 20, encoding='utf-8')
    with pytest.raises(ValueError, match='max_tokens'):   # hata ilk dönemde değil, hemen
        d2l.load_data_text(short, 32, 35)


@pytest.mark.parametrize('kind, payload, why', [
    ('utf16', 'the time machine\n'.encode('utf-16'), 'UTF-16'),
    ('utf16be', 'the time machine\n'.encode('utf-16-be'), 'UTF-16'),
    ('gzip', __import__('gzip').compress(b'the time machine\n' * 50, mtime=0), 'gzip'),
    ('binary', bytes(range(128, 256)) * 40, 'UTF-8 değil'),
], ids=['utf16', 'utf16be', 'gzip', 'binary'])
def test_not_a_utf8_text_file_is_refused(tmp_path, kind, payload, why):
    """Windows'un "Unicode" (UTF-16) dosyası, sıkıştırılmış ya da ikili bir dosya
    çöp bir kelime dağarcığı vermez: ne olduğunu ve ne yapılacağını söyleyen bir hata."""
    path = tmp_path / f'{kind}.txt'
    path.write_bytes(payload)
    with pytest.raises(ValueError, match=why) as info:
        d2l.load_data_text(path, 2, 5)
    assert str(path) in str(info.value) and 'düz metin' in str(info.value)


def test_a_few_bad_bytes_are_still_accepted(tmp_path):
    path = tmp_path / 'latin1.txt'
    path.write_bytes(('the caf\xe9 and the time machine\n' * 40).encode('latin-1'))
    corpus, vocab = d2l.load_corpus_text(path)
    assert 'e' in vocab.idx_to_token and len(corpus) > 100
