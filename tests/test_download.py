"""İndirme, 127.0.0.1'deki bir http sunucusuna karşı: her hata, öğrencinin ihtiyaç duyduğu
iletiyle biter ve hiçbir zaman yarım ya da bozuk bir dosya bırakmaz."""
import hashlib
import importlib
import os
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
        elif mode == 'endless':   # boyut söylemeden durmadan veri
            self.send_response(200)
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b'x' * 65536)
            except OSError:
                pass
        elif mode == 'huge':      # başlıkta dev bir boyut
            self.send_response(200)
            self.send_header('Content-Length', str(10 ** 12))
            self.end_headers()
            try:
                self.wfile.write(GOOD)
            except OSError:
                pass
        elif mode in ('trickle', 'slow'):   # yavaş ama hiç susmayan sunucu
            self.send_response(200)
            self.send_header('Content-Length', str(len(GOOD)))
            self.end_headers()
            step = 1 if mode == 'trickle' else len(GOOD) // 6
            try:
                for i in range(0, len(GOOD), step):
                    self.wfile.write(GOOD[i:i + step])
                    self.wfile.flush()
                    time.sleep(0.05 if mode == 'trickle' else 0.3)
            except OSError:
                pass
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
    url, sha1, name, limit = dl._source('time_machine')
    assert url == d2l.DATA_URL + 'timemachine.txt' and url.startswith('https://')
    assert sha1 == '090b5e7e70c295757f55df93cb0a180b9691891a' and name == 'timemachine.txt'
    assert limit == 178979   # beklenen boyut, sağlama toplamının yanında
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


# --- Sınırlar: boyut, toplam süre, ilerleme --------------------------------------------

def test_endless_body_stops_at_the_size_cap(server, hub, monkeypatch):
    _mirror(monkeypatch, server + '/endless')
    monkeypatch.setitem(dl.DATA_HUB, 'ornek',
                        dl.DataSource('https://example.invalid/ornek.txt', SHA1, size=len(GOOD)))
    with pytest.raises(d2l.DownloadError, match='beklenenden büyük'):
        d2l.download('ornek', cache_dir=hub)
    assert _leftovers(hub) == []


def test_declared_huge_size_is_refused_at_once(server, hub, monkeypatch):
    _mirror(monkeypatch, server + '/huge')
    start = time.monotonic()
    with pytest.raises(d2l.DownloadError, match=f'en çok {d2l.fmt_num(dl.MAX_BYTES)} bayt'):
        d2l.download('ornek', cache_dir=hub)   # boyutu bilinmeyen kayıt: MAX_BYTES
    assert time.monotonic() - start < 5 and _leftovers(hub) == []


def test_trickling_server_hits_the_deadline(server, hub, monkeypatch):
    """Her bayt okuma zaman aşımından önce gelir; yine de toplam süre sınırlı."""
    _mirror(monkeypatch, server + '/trickle')
    monkeypatch.setattr(dl, 'DEADLINE', 0.6)
    start = time.monotonic()
    with pytest.raises(d2l.DownloadError, match='0 saniyede indirilemedi|1 saniyede indirilemedi'):
        d2l.download('ornek', cache_dir=hub)
    assert time.monotonic() - start < 3 and _leftovers(hub) == []


def test_slow_download_shows_progress(server, hub, monkeypatch, capsys):
    _mirror(monkeypatch, server + '/slow')
    monkeypatch.setattr(dl, 'PROGRESS_AFTER', 0.2)
    monkeypatch.setattr(dl, 'TIMEOUT', (2, 2))
    d2l.download('ornek', cache_dir=hub)
    out = capsys.readouterr().out
    assert 'ornek.txt indiriliyor' in out and 'kB' in out and out.endswith('\n')
    assert _leftovers(hub) == ['ornek.txt']


def test_quick_download_prints_nothing(server, hub, monkeypatch, capsys):
    _mirror(monkeypatch, server + '/good')
    d2l.download('ornek', cache_dir=hub)
    assert capsys.readouterr().out == ''


# --- Öldürülen indirme, kullanılamayan önbellek ------------------------------------------

KILLED = '''
import os, signal, sys
from d2lmini.files import atomic_write
with atomic_write(sys.argv[1]) as f:
    f.write(b'yarim' * 1000)
    f.flush()
    os.kill(os.getpid(), signal.SIGKILL)   # çekirdek yeniden başlatılmış gibi
'''


def test_partial_file_of_a_killed_download_is_cleaned_next_time(server, hub, monkeypatch):
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, '-c', KILLED, str(hub / 'ornek.txt')])
    assert proc.returncode != 0
    parts = [n for n in _leftovers(hub) if n.endswith('.part')]
    assert len(parts) == 1 and parts[0].startswith('.ornek.txt.')   # ölü artık
    _mirror(monkeypatch, server + '/good')
    d2l.download('ornek', cache_dir=hub)
    assert _leftovers(hub) == ['ornek.txt']


def test_a_running_download_is_not_cleaned(hub):
    """Süren (kilitli) bir yazmanın yarım dosyasına dokunulmaz."""
    from d2lmini.files import atomic_write, remove_stale_parts
    with atomic_write(hub / 'ornek.txt') as f:
        f.write(b'yaziliyor')
        assert remove_stale_parts(hub / 'ornek.txt') == []
        assert len(_leftovers(hub)) == 1
    assert _leftovers(hub) == ['ornek.txt']


def test_cache_dir_that_is_a_file(hub, monkeypatch):
    not_a_dir = hub / 'dosya'
    not_a_dir.write_text('x')
    monkeypatch.setenv('D2LMINI_DATA_DIR', str(not_a_dir))
    with pytest.raises(d2l.DownloadError, match='D2LMINI_DATA_DIR ile yazılabilir') as e:
        d2l.download('ornek')
    assert str(not_a_dir) in str(e.value)


def test_unwritable_cache_dir(server, hub, monkeypatch):
    """Salt okunur klasör (root olarak çalışırken izinler sınanamaz: mkstemp'in
    hatasıyla taklit edilir); ileti gizli geçici dosyayı değil klasörü adlandırır."""
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, 'Permission denied', str(hub / '.ornek.txt.x.part'))

    monkeypatch.setattr(tempfile, 'mkstemp', denied)
    _mirror(monkeypatch, server + '/good')
    with pytest.raises(d2l.DownloadError, match='D2LMINI_DATA_DIR ile yazılabilir') as e:
        d2l.download('ornek', cache_dir=hub)
    assert str(hub) in str(e.value) and '.part' not in str(e.value)


@pytest.mark.skipif(not os.path.isdir('/proc/self/fd'), reason='açık dosyalar /proc ile sayılır')
def test_atomic_write_without_fcntl_moves_a_closed_file(tmp_path, monkeypatch):
    """Windows'ta (fcntl yok) açık bir dosya yeniden adlandırılamaz: taşımadan önce kapanmalı."""
    from d2lmini import files
    monkeypatch.setattr(files, 'fcntl', None)
    acik = []
    gercek = os.replace

    def replace(src, dst):
        acik.extend(p for p in os.listdir(f'/proc/{os.getpid()}/fd')
                    if os.path.realpath(f'/proc/{os.getpid()}/fd/{p}') == os.path.realpath(src))
        gercek(src, dst)
    monkeypatch.setattr(files.os, 'replace', replace)
    with files.atomic_write(tmp_path / 'a.txt') as f:
        f.write(b'veri')
    assert (tmp_path / 'a.txt').read_bytes() == b'veri' and acik == []
