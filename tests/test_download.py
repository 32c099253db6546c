"""İndirme, 127.0.0.1'deki bir http sunucusuna karşı: her hata, öğrencinin ihtiyaç duyduğu
iletiyle biter ve hiçbir zaman yarım ya da bozuk bir dosya bırakmaz."""
import hashlib
import importlib
import http.server
import socket
import threading
import time

import pytest

import d2lmini as d2l

# d2l.download bir fonksiyon; modülün kendisi (ayarlarıyla) sys.modules'ta
dl = importlib.import_module('d2lmini.download')

GOOD = b'the time machine\n' * 1000
SHA1 = hashlib.sha1(GOOD).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    """Yol, sunucunun davranışını seçer: /good, /bad, /missing, /drop, /flaky, /hang."""
    requests = []
    flaky_left = 0

    def log_message(self, *args):
        pass

    def _send(self, body, length=None, status=200):
        self.send_response(status)
        self.send_header('Content-Length', str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        Handler.requests.append(self.path)
        mode = self.path.split('/')[1]
        if mode == 'good':
            self._send(GOOD)
        elif mode == 'bad':
            self._send(GOOD.replace(b'time', b'tide'))
        elif mode == 'drop':   # tam boyutu söyle, yarısını gönder, bağlantıyı kes
            self._send(GOOD[:len(GOOD) // 2], length=len(GOOD))
            self.close_connection = True
        elif mode == 'flaky' and Handler.flaky_left > 0:
            Handler.flaky_left -= 1
            self._send(b'sunucu hatasi', status=503)
        elif mode == 'flaky':
            self._send(GOOD)
        elif mode == 'hang':
            time.sleep(2)
            self._send(GOOD)
        else:
            self._send(b'yok', status=404)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass   # istemcinin bilerek kestiği bağlantılar (zaman aşımı) sınamanın parçası


@pytest.fixture(scope='module')
def server():
    httpd = QuietServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}'
    httpd.shutdown()


@pytest.fixture
def hub(monkeypatch, tmp_path):
    """Sınama dosyası için bir DATA_HUB kaydı; hızlı yeniden deneme."""
    monkeypatch.setitem(dl.DATA_HUB, 'ornek', ('https://example.invalid/veri/ornek.txt', SHA1))
    monkeypatch.setattr(dl, 'BACKOFF', 0.01)
    monkeypatch.setattr(dl, 'TIMEOUT', (2, 0.5))
    Handler.requests.clear()
    return tmp_path


def _mirror(monkeypatch, url):
    monkeypatch.setenv('D2LMINI_DATA_URL', url)


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def test_success_through_mirror(server, hub, monkeypatch):
    _mirror(monkeypatch, server + '/good/')   # sondaki eğik çizgi sorun olmamalı
    path = d2l.download('ornek', cache_dir=hub)
    assert open(path, 'rb').read() == GOOD
    assert Handler.requests == ['/good/ornek.txt']
    assert _leftovers(hub) == ['ornek.txt']
    assert (hub / 'ornek.txt').stat().st_mode & 0o777 == 0o644
    # doğrulanmış önbellek: sunucuya yeniden gidilmez
    assert d2l.download('ornek', cache_dir=hub) == path
    assert len(Handler.requests) == 1


def test_checksum_mismatch_keeps_nothing(server, hub, monkeypatch):
    _mirror(monkeypatch, server + '/bad')
    with pytest.raises(d2l.DownloadError) as e:
        d2l.download('ornek', cache_dir=hub)
    msg = str(e.value)
    bad_sha1 = hashlib.sha1(GOOD.replace(b'time', b'tide')).hexdigest()
    assert server + '/bad/ornek.txt' in msg and SHA1 in msg and bad_sha1 in msg
    assert str(hub / 'ornek.txt') in msg and 'elle' in msg
    assert _leftovers(hub) == []


def test_404_is_not_retried(server, hub, monkeypatch):
    _mirror(monkeypatch, server + '/missing')
    with pytest.raises(d2l.DownloadError, match='HTTP 404') as e:
        d2l.download('ornek', cache_dir=hub)
    assert server + '/missing/ornek.txt' in str(e.value) and 'D2LMINI_DATA_URL' in str(e.value)
    assert len(Handler.requests) == 1
    assert _leftovers(hub) == []


def test_refused_connection(hub, monkeypatch):
    with socket.socket() as s:   # boş bir bağlantı noktası bul; kimse dinlemiyor
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    _mirror(monkeypatch, f'http://127.0.0.1:{port}')
    with pytest.raises(d2l.DownloadError, match='ConnectionError') as e:
        d2l.download('ornek', cache_dir=hub)
    assert f'127.0.0.1:{port}/ornek.txt' in str(e.value) and f'{dl.RETRIES} deneme' in str(e.value)
    assert _leftovers(hub) == []


def test_connection_dropped_mid_transfer(server, hub, monkeypatch):
    _mirror(monkeypatch, server + '/drop')
    with pytest.raises(d2l.DownloadError) as e:
        d2l.download('ornek', cache_dir=hub)
    assert server + '/drop/ornek.txt' in str(e.value)
    assert len(Handler.requests) == dl.RETRIES
    assert _leftovers(hub) == []


def test_read_timeout(server, hub, monkeypatch):
    _mirror(monkeypatch, server + '/hang')
    monkeypatch.setattr(dl, 'RETRIES', 1)
    with pytest.raises(d2l.DownloadError, match='Timeout'):
        d2l.download('ornek', cache_dir=hub)
    assert _leftovers(hub) == []


def test_server_error_is_retried(server, hub, monkeypatch):
    _mirror(monkeypatch, server + '/flaky')
    Handler.flaky_left = dl.RETRIES - 1
    path = d2l.download('ornek', cache_dir=hub)
    assert open(path, 'rb').read() == GOOD
    assert len(Handler.requests) == dl.RETRIES


def test_stale_cached_file_is_replaced(server, hub, monkeypatch, capsys):
    (hub / 'ornek.txt').write_bytes(GOOD[:100])   # yarım kalmış eski bir kopya
    _mirror(monkeypatch, server + '/good')
    path = d2l.download('ornek', cache_dir=hub)
    assert open(path, 'rb').read() == GOOD
    assert 'yeniden indiriliyor' in capsys.readouterr().out


def test_stale_cached_file_and_failed_fetch(server, hub, monkeypatch):
    (hub / 'ornek.txt').write_bytes(b'eski')
    _mirror(monkeypatch, server + '/bad')
    with pytest.raises(d2l.DownloadError):
        d2l.download('ornek', cache_dir=hub)
    # bozuk kopya asla "doğrulanmış" gibi kullanılmaz
    assert dl.sha1sum(hub / 'ornek.txt') != SHA1


def test_default_url_and_unknown_name(monkeypatch):
    monkeypatch.delenv('D2LMINI_DATA_URL', raising=False)
    url, sha1, name = dl._source('time_machine')
    assert url == d2l.DATA_URL + 'timemachine.txt' and url.startswith('https://')
    assert sha1 == '090b5e7e70c295757f55df93cb0a180b9691891a' and name == 'timemachine.txt'
    with pytest.raises(KeyError, match='time_machine'):
        d2l.download('yok_boyle_bir_veri')


def test_cache_dir_settings(monkeypatch, tmp_path):
    monkeypatch.setenv('D2LMINI_DATA_DIR', str(tmp_path / 'onbellek'))
    assert dl.default_cache_dir() == tmp_path / 'onbellek'
    monkeypatch.delenv('D2LMINI_DATA_DIR')
    assert dl.default_cache_dir() == dl._REPO_ROOT / 'data'   # depodan çalışırken


def test_real_corpus_is_verified():
    path = d2l.download('time_machine')
    assert dl.sha1sum(path) == d2l.DATA_HUB['time_machine'][1]
