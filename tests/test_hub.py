"""Sınıfın JupyterHub'ı uçtan uca (make hub, make collect): gerçek hub, gerçek vekil, gerçek
öğrenci sunucuları; bütün trafik 127.0.0.1'de, durum ve ev klasörleri geçici.

İki öğrenci hub'ın kayıt formuyla kaydolur, eğitmen onları onaylar; her biri nbgitpuller
bağlantılarıyla (tools/launch.py'nin ürettiği) dersin yerel bir git kopyasını çeker: okuma
defteri 01'i (ana dal) ve alıştırmaları (öğrenci dalı). Her öğrencinin sunucusunda bir çekirdek
defter 01'in ilk hücrelerini çalıştırır; veri 127.0.0.1'deki bir yansıdan öğrencinin kendi
önbelleğine iner (hub'ın --veri-adresi'i öğrencilere geçer). Biri bir
defteri düzenler, ders yeni bir commit alır, öğrenci yeniden çeker: düzenlemesi kalır,
yenilik gelir. Öğrenciler birbirinin ev klasörünü okuyamaz; kimliksiz istek reddedilir.
Teslimler toplanır, notlandırılır, geri bildirim öğrencinin ev klasörüne salt okunur yazılır.
Bir öğrenci tarayıcıda (Debian'ın chromium'u, Playwright) defter 01'in bağlantısını açıp girer:
JupyterLab Türkçe, çekilen dersle açılır (ekran görüntüsü artifacts/hub/).

Root ister (hub öğrencilerin sistem kullanıcılarını oluşturur); CI'da (CI=1) bir eksik
atlanmaz, düşer.
"""
import concurrent.futures
import contextlib
import functools
import http.server
import json
import os
import pathlib
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

requests = pytest.importorskip('requests')

ROOT = pathlib.Path(__file__).resolve().parent.parent
HUB = ROOT / 'hub'
sys.path.insert(0, str(HUB))
sys.path.insert(0, str(ROOT / 'tools'))
from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser  # noqa: E402

pytestmark = pytest.mark.hub

PROXY = HUB / 'node_modules' / '.bin' / 'configurable-http-proxy'
ARTIFACTS = ROOT / 'artifacts' / 'hub'   # tarayıcı sınamasının ekran görüntüsü (git'e girmez)
ADMIN = 'egitmen'
STUDENTS = ('ayse', 'bora')
PASSWORD = 'Zaman-Makinesi-1895'
EXERCISE = '01-bire-bir-kodlama.ipynb'
READING = '01-bire-bir-kodlama.ipynb'   # okuma defteri (notebooks/)
READING_CELLS = 4   # çekirdeğin çalıştırdığı ilk kod hücreleri: kurulum, içe aktarma, veri
DEADLINE_S = 120   # iki sunucunun açılışı; meşgul 2 çekirdekte 14 sn ölçüldü
KERNEL_S = 120     # iki çekirdeğin aynı anda açılıp ilk hücreleri çalıştırması


def _missing():
    if os.geteuid() != 0:
        return 'root değil (hub sistem kullanıcıları oluşturur)'
    try:
        import jupyterhub  # noqa: F401
        import nativeauthenticator  # noqa: F401
        import jupyterhub_idle_culler  # noqa: F401
    except ImportError as e:
        return f'hub bağımlılıkları yok ({e.name}): pip install -e ".[hub]"'
    if not PROXY.exists():
        return f'{PROXY} yok: npm ci --prefix hub'
    if not shutil.which('useradd'):
        return 'useradd yok'
    return None


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _git(*args, cwd):
    subprocess.run(['git', *args], cwd=cwd, check=True, capture_output=True, text=True,
                   env=dict(os.environ, GIT_AUTHOR_NAME='Eğitmen', GIT_AUTHOR_EMAIL='e@example.org',
                            GIT_COMMITTER_NAME='Eğitmen', GIT_COMMITTER_EMAIL='e@example.org'))


def _cgroup_writable():
    from course_spawner import cgroup_paths
    probe = 'd2lmini-yoklama'
    try:
        for path in cgroup_paths(probe).values():
            path.mkdir(parents=True)
            path.rmdir()
        return bool(cgroup_paths(probe))
    except OSError:
        return False


def _as_user(name, code):
    """Python kodunu bir sistem kullanıcısının kimliğiyle çalıştırır; (çıkış kodu, çıktı)."""
    from course_spawner import student_python
    pw = pwd.getpwnam(name)
    python = student_python(sys.executable, HUB / 'kopru')   # öğrencinin çalıştırabildiği

    def drop():
        os.setgroups([])
        os.setgid(pw.pw_gid)
        os.setuid(pw.pw_uid)
    r = subprocess.run([python, '-c', code], preexec_fn=drop, capture_output=True,
                       text=True, cwd='/', timeout=30)
    return r.returncode, r.stdout + r.stderr


@contextlib.contextmanager
def data_mirror(folder):
    """127.0.0.1'de verinin yansısı (D2LMINI_DATA_URL'in gösterdiği gibi): (adres, istekler)."""
    import d2lmini as d2l
    shutil.copy(d2l.download('time_machine'), folder)   # doğrulanmış kopya
    requested = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            requested.append(self.path)

    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0),
                                            functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{httpd.server_address[1]}', requested
    finally:
        httpd.shutdown()
        httpd.server_close()


def _message(session, code):
    """Jupyter'in ileti protokolüyle (5.3) bir execute_request."""
    return {'header': {'msg_id': uuid.uuid4().hex, 'username': 'sinama', 'session': session,
                       'msg_type': 'execute_request', 'version': '5.3',
                       'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())},
            'parent_header': {}, 'metadata': {}, 'buffers': [], 'channel': 'shell',
            'content': {'code': code, 'silent': False, 'store_history': True,
                        'user_expressions': {}, 'allow_stdin': False, 'stop_on_error': True}}


def _text_outputs(outputs):
    """Bir hücrenin metin çıktıları (akışlar, sonuç): kayıtlı defterle karşılaştırmak için."""
    out = []
    for o in outputs:
        if o['output_type'] == 'stream':
            out.append(('stream', ''.join(o['text'])))
        elif o['output_type'] == 'execute_result':
            out.append(('result', ''.join(o['data'].get('text/plain', ''))))
        elif o['output_type'] == 'error':
            out.append(('error', f"{o['ename']}: {o['evalue']}"))
    return out


class Hub:
    def __init__(self, url, prefix, homes, repo):
        self.url, self.prefix, self.homes, self.repo = url, prefix, pathlib.Path(homes), repo
        self.sessions = {}

    def form(self, session, path, data):
        session.get(f'{self.url}/hub/{path}', timeout=10)
        data = dict(data, _xsrf=session.cookies.get('_xsrf', path='/hub/'))
        return session.post(f'{self.url}/hub/{path}', data=data, timeout=10)

    def api(self, session, method, path, **kw):
        headers = {'X-XSRFToken': session.cookies.get('_xsrf', path='/hub/')}
        return session.request(method, f'{self.url}/hub/api/{path}', headers=headers,
                               timeout=10, **kw)

    def user_api(self, name, method, path, **kw):
        s = self.sessions[name]
        headers = {'X-XSRFToken': s.cookies.get('_xsrf', path=f'/user/{name}/') or ''}
        return s.request(method, f'{self.url}/user/{name}/{path}', headers=headers,
                         timeout=20, **kw)

    def pull(self, name, link):
        """nbgitpuller bağlantısını açar (sayfa), sonra çekmenin olay akışını sonuna kadar okur."""
        s = self.sessions[name]
        page = s.get(link, timeout=30)
        assert page.status_code == 200, (page.status_code, page.url)
        assert urlsplit(page.url).path == f'/user/{name}/git-pull', page.url
        query = {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()
                 if k in ('repo', 'branch', 'targetpath')}
        events = s.get(f'{self.url}/user/{name}/git-pull/api?{urlencode(query)}', timeout=60).text
        assert '"phase": "finished"' in events, events[-2000:]
        return events

    def run_cells(self, name, notebook_path, cells, timeout):
        """Öğrencinin sunucusunda, defterin klasöründe bir çekirdek açar, hücreleri sırayla
        çalıştırır (sunucunun REST API'si ve çekirdeğin websocket'i; hub'ın verdiği
        belirteçle). Dönüş: her hücrenin metin çıktıları."""
        import websocket
        deadline = time.monotonic() + timeout
        token = self.api(self.sessions[name], 'POST', f'users/{name}/tokens',
                         json={'note': 'sınama: çekirdek', 'expires_in': 600})
        assert token.status_code in (200, 201), token.text
        auth = {'Authorization': f"token {token.json()['token']}"}
        base = f'{self.url}/user/{name}/api'
        r = requests.post(f'{base}/sessions', headers=auth, timeout=60,
                          json={'path': notebook_path, 'type': 'notebook',
                                'kernel': {'name': 'python3'}})
        assert r.status_code == 201, r.text[:500]
        session_id, kernel_id = r.json()['id'], r.json()['kernel']['id']
        ws_url = f"ws{self.url[4:]}/user/{name}/api/kernels/{kernel_id}/channels"
        ws = websocket.create_connection(ws_url, header=[f'{k}: {v}' for k, v in auth.items()],
                                         timeout=10)
        results = []
        try:
            for code in cells:
                msg = _message(uuid.uuid4().hex, code)
                ws.send(json.dumps(msg))
                outputs, idle, reply = [], False, None
                while not (idle and reply):
                    ws.settimeout(max(1.0, deadline - time.monotonic()))
                    assert time.monotonic() < deadline, f'{name}: çekirdek zamanında bitmedi'
                    got = json.loads(ws.recv())
                    if got['parent_header'].get('msg_id') != msg['header']['msg_id']:
                        continue
                    kind = got['header']['msg_type']
                    if kind == 'execute_reply':
                        reply = got['content']
                    elif kind == 'status':
                        idle = got['content']['execution_state'] == 'idle'
                    elif kind in ('stream', 'execute_result', 'display_data', 'error'):
                        outputs.append({'output_type': kind, **got['content']})
                assert reply['status'] == 'ok', (name, code, _text_outputs(outputs))
                results.append(_text_outputs(outputs))
        finally:
            ws.close()
            requests.delete(f'{base}/sessions/{session_id}', headers=auth, timeout=30)
        return results

    def home(self, name):
        return self.homes / name

    def system_user(self, name):
        return self.prefix + name


@pytest.fixture(scope='module')
def hub(tmp_path_factory):
    why = _missing()
    if why:
        if os.environ.get('CI'):
            pytest.fail(why)
        pytest.skip(why)
    import launch
    from course_spawner import remove_system_user

    prefix = f'd2lt{os.getpid() % 100000}-'
    state = tmp_path_factory.mktemp('hub') / 'durum'
    homes = pathlib.Path(tempfile.mkdtemp(prefix='d2lmini-hub-evler-'))
    os.chmod(homes, 0o711)
    course = pathlib.Path(tempfile.mkdtemp(prefix='d2lmini-hub-ders-'))
    os.chmod(course, 0o755)
    mirror = contextlib.ExitStack()
    data_url, data_requests = mirror.enter_context(
        data_mirror(tmp_path_factory.mktemp('veri-yansisi')))

    # Dersin yerel kopyası: öğrenci dalı (alıştırmaların öğrenci sürümleri, kökte)
    build = tmp_path_factory.mktemp('alistirmalar')
    subprocess.run([sys.executable, str(ROOT / 'tools' / 'exercises.py'), 'build', '--out',
                    str(build)], check=True, capture_output=True, timeout=120)
    work = course / 'calisma'
    shutil.copytree(build / 'ogrenci', work)
    _git('init', '-q', '-b', 'ogrenci', cwd=work)
    _git('add', '.', cwd=work)
    _git('commit', '-q', '-m', 'alıştırmalar', cwd=work)
    # çıplak depo; adı GitHub'daki deponunki gibi 'd2lmini' (nbgitpuller okuma defterlerini
    # deponun adını taşıyan klasöre çeker, '.git' ekiyle değil)
    bare = course / 'd2lmini'
    _git('clone', '-q', '--bare', str(work), str(bare), cwd=course)
    # ana dal: okuma defterleri (burada yalnızca 01)
    reading = course / 'okuma'
    (reading / 'notebooks').mkdir(parents=True)
    shutil.copy(ROOT / 'notebooks' / READING, reading / 'notebooks')
    _git('init', '-q', '-b', 'main', cwd=reading)
    _git('add', '.', cwd=reading)
    _git('commit', '-q', '-m', 'okuma defteri 01', cwd=reading)
    _git('push', '-q', str(bare), 'main', cwd=reading)

    port = _free_port()
    env = dict(os.environ, D2LMINI_HUB_STATE=str(state), D2LMINI_HUB_HOMES=str(homes),
               D2LMINI_HUB_USER_PREFIX=prefix, D2LMINI_HUB_PORT=str(port),
               D2LMINI_HUB_API_PORT=str(_free_port()), D2LMINI_HUB_PROXY_API_PORT=str(_free_port()),
               D2LMINI_HUB_ADMIN=ADMIN, D2LMINI_HUB_MEM='1G', D2LMINI_HUB_CPU='1',
               D2LMINI_HUB_CULL='600', D2LMINI_HUB_LOCAL_REPOS=str(bare),
               D2LMINI_HUB_DATA_URL=data_url)
    env.pop('D2LMINI_HUB_DATA_DIR', None)   # öğrencinin önbelleği: varsayılanı (ev klasöründe)
    log = open(tmp_path_factory.mktemp('hub-gunluk') / 'hub.log', 'w+')
    proc = subprocess.Popen([sys.executable, str(HUB / 'run.py')], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f'http://127.0.0.1:{port}'
    h = Hub(url, prefix, homes, f'file://{bare}')
    h.state, h.log, h.course, h.work, h.proc = state, log, course, work, proc
    h.data_requests = data_requests
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, 'hub başlamadan çıktı'
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f'{url}/hub/login', timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, 'hub 60 sn içinde açılmadı'
            time.sleep(0.3)

        # Eğitmen kaydolur (yönetici: kendiliğinden onaylı), öğrenciler kaydolur
        for name in (ADMIN, *STUDENTS):
            s = h.sessions[name] = requests.Session()
            r = h.form(s, 'signup', {'username': name, 'signup_password': PASSWORD,
                                     'signup_password_confirmation': PASSWORD})
            assert r.status_code == 200, r.text[:500]
        # Onaysız öğrenci giremez
        h.form(h.sessions['ayse'], 'login', {'username': 'ayse', 'password': PASSWORD})
        h.unapproved_status = h.api(h.sessions['ayse'], 'GET', 'user').status_code
        # Eğitmen girer ve onaylar (NativeAuthenticator'ın /hub/authorize/<ad> sayfası)
        admin = h.sessions[ADMIN]
        h.form(admin, 'login', {'username': ADMIN, 'password': PASSWORD})
        me = h.api(admin, 'GET', 'user').json()
        assert me['name'] == ADMIN and me['admin'] is True, me
        for name in STUDENTS:
            assert admin.get(f'{url}/hub/authorize/{name}', timeout=10).status_code == 200
        # Öğrenciler girer; sunucuları açılır
        for name in STUDENTS:
            s = h.sessions[name] = requests.Session()
            h.form(s, 'login', {'username': name, 'password': PASSWORD})
            assert h.api(s, 'GET', 'user').json()['name'] == name
            r = h.api(s, 'POST', f'users/{name}/server')
            assert r.status_code in (201, 202), r.text
        h.spawn_s = {}
        t0 = time.monotonic()
        for name in STUDENTS:
            while True:
                model = h.api(h.sessions[name], 'GET', 'user').json()
                server = model.get('servers', {}).get('')
                if server and server.get('ready'):
                    h.spawn_s[name] = time.monotonic() - t0
                    break
                assert time.monotonic() - t0 < DEADLINE_S, f'{name}: sunucu açılmadı'
                time.sleep(0.3)
        # Bağlantılar tools/launch.py'den; depo adresi yerel kopya
        s = launch.settings(hub=url)
        link = launch.hub_url(ROOT / 'exercises' / EXERCISE, s, url)
        parts = urlsplit(link)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        q['repo'] = h.repo
        h.link = f'{url}{parts.path}?{urlencode(q)}'
        h.folder = launch.EXERCISE_FOLDER
        for name in STUDENTS:
            h.pull(name, h.link)
        # okuma defteri 01: ana daldan, deponun adını taşıyan klasöre
        reading_link = urlsplit(launch.hub_url(ROOT / 'notebooks' / READING, s, url))
        q = {k: v[0] for k, v in parse_qs(reading_link.query).items()}
        assert 'targetpath' not in q and q['branch'] == s['branch'], q
        q['repo'], q['branch'] = h.repo, 'main'
        h.reading_folder = launch.target(ROOT / 'notebooks' / READING, s)[2]
        h.reading_link = f'{url}{reading_link.path}?{urlencode(q)}'
        for name in STUDENTS:
            h.pull(name, h.reading_link)
        yield h
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        for name in (ADMIN, *STUDENTS):
            remove_system_user(prefix + name)
        shutil.rmtree(homes, ignore_errors=True)
        shutil.rmtree(course, ignore_errors=True)
        mirror.close()
        log.seek(0)
        print(log.read()[-5000:])


def test_students_get_course_in_own_home(hub):
    # onaydan önce giriş yoktu
    assert hub.unapproved_status == 403
    for name in STUDENTS:
        home = hub.home(name)
        pw = pwd.getpwnam(hub.system_user(name))
        st = home.stat()
        assert st.st_uid == pw.pw_uid and (st.st_mode & 0o777) == 0o700, oct(st.st_mode)
        nb = home / hub.folder / EXERCISE
        assert nb.exists(), sorted(p.name for p in (home / hub.folder).iterdir())
        assert nb.stat().st_uid == pw.pw_uid
        assert (home / hub.folder / 'denetim').is_dir()


def test_kernel_runs_first_cells_of_notebook_01(hub):
    """Her öğrencinin sunucusunda (ikisi aynı anda) bir çekirdek, çektiği defter 01'in ilk kod
    hücrelerini çalıştırır; metin çıktıları defterin kayıtlı çıktılarıyla aynıdır. Veri hub'ın
    yansısından, öğrencinin kendi önbelleğine iner."""
    nb_path = f'{hub.reading_folder}/notebooks/{READING}'
    pulled = json.loads((hub.home(STUDENTS[0]) / nb_path).read_text(encoding='utf-8'))
    code = [c for c in pulled['cells'] if c['cell_type'] == 'code'][:READING_CELLS]
    assert any('load_data_time_machine' in ''.join(c['source']) for c in code)
    sources = [''.join(c['source']) for c in code]
    with concurrent.futures.ThreadPoolExecutor(len(STUDENTS)) as pool:
        runs = dict(zip(STUDENTS, pool.map(
            lambda name: hub.run_cells(name, nb_path, sources, KERNEL_S), STUDENTS)))
    recorded = [_text_outputs(c['outputs']) for c in code]
    assert ('result', '28') in recorded[2]   # len(vocab): defterin kayıtlı çıktısı
    for name, outputs in runs.items():
        assert outputs == recorded, (name, outputs)
        cached = hub.home(name) / '.cache' / 'd2lmini' / 'timemachine.txt'
        assert cached.stat().st_uid == pwd.getpwnam(hub.system_user(name)).pw_uid
    assert hub.data_requests.count('/timemachine.txt') == len(STUDENTS), hub.data_requests


def test_isolation_and_unauthenticated(hub):
    a, b = STUDENTS
    # kimliksiz: hub API'si ve öğrencinin sunucusu reddeder
    assert requests.get(f'{hub.url}/hub/api/users', timeout=10).status_code == 403
    r = requests.get(f'{hub.url}/user/{a}/api/contents', timeout=10, allow_redirects=False)
    assert r.status_code in (302, 403), r.status_code
    if r.status_code == 302:
        assert '/hub/login' in r.headers['Location'] or 'oauth' in r.headers['Location']
    # B, A'nın sunucusuna giremez (kendi hub çerezleriyle)
    r = hub.sessions[b].get(f'{hub.url}/user/{a}/api/contents/{hub.folder}', timeout=20)
    assert r.status_code in (403, 404) or f'/user/{b}/' in r.url, (r.status_code, r.url)
    assert hub.user_api(a, 'GET', f'api/contents/{hub.folder}').status_code == 200
    # B'nin sistem kullanıcısı A'nın ev klasörünü okuyamaz; ev klasörlerinin kökü listelenemez
    rc, out = _as_user(hub.system_user(b), f'import os; os.listdir({str(hub.home(a))!r})')
    assert rc != 0 and 'PermissionError' in out, out
    rc, out = _as_user(hub.system_user(b), f'open({str(hub.home(a) / hub.folder / EXERCISE)!r})')
    assert rc != 0 and 'PermissionError' in out, out
    rc, out = _as_user(hub.system_user(b), f'import os; os.listdir({str(hub.homes)!r})')
    assert rc != 0 and 'PermissionError' in out, out
    # kendi ev klasörünü okur
    rc, out = _as_user(hub.system_user(b), f'import os; print(os.listdir({str(hub.home(b))!r}))')
    assert rc == 0 and hub.folder in out, out


def test_limits_applied_where_cgroups_writable(hub):
    if not _cgroup_writable():
        pytest.skip('cgroup yazılamıyor: sunucular sınırsız (hub günlüğe yazar)')
    from course_spawner import cgroup_paths
    name = STUDENTS[0]
    pid = hub.api(hub.sessions[name], 'GET', 'user').json()  # sunucu açık
    assert pid['servers']['']['ready']
    paths = cgroup_paths(hub.system_user(name))
    procs = set()
    for kind, path in paths.items():
        procs |= set((path / 'cgroup.procs').read_text().split())
        if kind == 'memory':
            assert int((path / 'memory.limit_in_bytes').read_text()) == 2**30
        if kind == 'cpu':
            assert int((path / 'cpu.cfs_quota_us').read_text()) == 100000
        if kind == 'v2':
            assert (path / 'memory.max').read_text().strip() == str(2**30)
    owners = {pwd.getpwuid(pathlib.Path(f'/proc/{p}').stat().st_uid).pw_name
              for p in procs if pathlib.Path(f'/proc/{p}').exists()}
    assert owners == {hub.system_user(name)}, owners


def test_pull_again_keeps_edit_and_brings_update(hub):
    a = STUDENTS[0]
    path = f'api/contents/{hub.folder}/{EXERCISE}'
    hub.user_api(a, 'GET', 'lab')   # sunucunun _xsrf çerezi
    model = hub.user_api(a, 'GET', path).json()
    nb = model['content']
    marker = "# Ayşe'nin çözümü: bire bir kodlama elle"
    nb['cells'].append({'cell_type': 'code', 'metadata': {}, 'source': marker,
                        'outputs': [], 'execution_count': None})
    r = hub.user_api(a, 'PUT', path, json={'type': 'notebook', 'format': 'json', 'content': nb})
    assert r.status_code == 200, r.text[:500]
    # Eğitmen derse yeni bir commit ekler
    (hub.work / 'DUYURU.md').write_text('# Duyuru\n\nAlıştırma 02 güncellendi.\n', encoding='utf-8')
    _git('add', 'DUYURU.md', cwd=hub.work)
    _git('commit', '-q', '-m', 'duyuru', cwd=hub.work)
    _git('push', '-q', str(hub.course / 'd2lmini'), 'ogrenci', cwd=hub.work)
    hub.pull(a, hub.link)
    folder = hub.home(a) / hub.folder
    assert (folder / 'DUYURU.md').read_text(encoding='utf-8').startswith('# Duyuru')
    assert marker in (folder / EXERCISE).read_text(encoding='utf-8')
    # B henüz çekmedi: onda duyuru yok, A'nın düzenlemesi de yok
    other = hub.home(STUDENTS[1]) / hub.folder
    assert not (other / 'DUYURU.md').exists()
    assert marker not in (other / EXERCISE).read_text(encoding='utf-8')


def test_collect_grade_and_return_feedback(hub, tmp_path):
    collect = [sys.executable, str(HUB / 'collect.py'), '--evler', str(hub.homes),
               '--onek', hub.prefix]
    # Bir öğrenci başkasının defterine bağ koyarsa toplanmaz
    b_folder = hub.home(STUDENTS[1]) / hub.folder
    trap = b_folder / '02-tuzak.ipynb'
    trap.symlink_to(hub.home(STUDENTS[0]) / hub.folder / EXERCISE)
    os.lchown(trap, *(lambda p: (p.pw_uid, p.pw_gid))(pwd.getpwnam(hub.system_user(STUDENTS[1]))))
    subs = tmp_path / 'teslimler'
    r = subprocess.run([*collect, 'topla', '--out', str(subs)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert (subs.stat().st_mode & 0o777) == 0o700
    for name in STUDENTS:
        got = subs / name / EXERCISE
        assert got.read_bytes() == (hub.home(name) / hub.folder / EXERCISE).read_bytes()
    assert not (subs / STUDENTS[1] / trap.name).exists()
    assert sorted(p.name for p in subs.iterdir()) == sorted(STUDENTS)   # eğitmenin klasörü yok

    grades = tmp_path / 'puanlar'
    r = subprocess.run([sys.executable, str(ROOT / 'tools' / 'exercises.py'), 'grade',
                        str(subs), '--out', str(grades), '--sure', '60', '--jobs', '1'],
                       capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, OMP_NUM_THREADS='1'))
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    # her toplanan defter için bir geri bildirim: <öğrenci>__<alıştırma>.md
    collected = sorted(f'{p.parent.name}__{p.stem}.md' for p in subs.glob('*/*.ipynb'))
    assert sorted(p.name for p in (grades / 'geri_bildirim').iterdir()) == collected
    assert len(collected) >= 2 * len(STUDENTS)

    r = subprocess.run([*collect, 'geri-ver', '--puanlar', str(grades)], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    for name in STUDENTS:
        returned = sorted(p.name for p in (hub.home(name) / 'geri_bildirim').iterdir())
        assert returned == sorted(f[len(name) + 2:] for f in collected if f.startswith(name + '__'))
        fb = hub.home(name) / 'geri_bildirim' / f'{EXERCISE[:-6]}.md'
        expected = (grades / 'geri_bildirim' / f'{name}__{EXERCISE[:-6]}.md').read_bytes()
        assert fb.read_bytes() == expected
        assert fb.stat().st_uid == 0 and (fb.stat().st_mode & 0o777) == 0o444
        assert (fb.parent.stat().st_mode & 0o777) == 0o755 and fb.parent.stat().st_uid == 0
        me = hub.system_user(name)
        rc, out = _as_user(me, f'print(open({str(fb)!r}, encoding="utf-8").read()[:40])')
        assert rc == 0, out
        rc, out = _as_user(me, f'open({str(fb)!r}, "a")')
        assert rc != 0 and 'PermissionError' in out, out
    # B, A'nın geri bildirimini okuyamaz
    a_fb = hub.home(STUDENTS[0]) / 'geri_bildirim' / f'{EXERCISE[:-6]}.md'
    rc, out = _as_user(hub.system_user(STUDENTS[1]), f'open({str(a_fb)!r})')
    assert rc != 0 and 'PermissionError' in out, out


def test_only_root_collects(hub):
    rc, out = _as_user(hub.system_user(STUDENTS[0]),
                       f'import runpy, sys; sys.argv = ["collect.py", "topla", "--out", "/tmp/x"]; '
                       f'runpy.run_path({str(HUB / "collect.py")!r}, run_name="__main__")')
    assert rc != 0 and 'yalnızca' in out, out


@pytest.mark.browser
def test_student_logs_in_and_sees_turkish_lab_with_the_course(hub):
    """Öğrenci tarayıcıda defter 01'in nbgitpuller bağlantısını açar, hub'ın giriş sayfasında
    girer; JupyterLab Türkçe açılır, çekilen ders (okuma defteri ve alıştırmalar) dosya
    tarayıcısında, defter 01 açık. Ekran görüntüsü artifacts/hub/'da."""
    _require_browser()
    from playwright.sync_api import sync_playwright
    name = STUDENTS[1]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={'width': 1280, 'height': 800}, locale='tr-TR')
            page.goto(hub.reading_link, timeout=30_000)   # kimliksiz: giriş sayfasına gider
            assert '/hub/login' in page.url, page.url
            page.fill('input[name=username]', name)
            page.fill('input[name=password]', PASSWORD)
            page.locator('form [type=submit]').first.click()
            # giriş → nbgitpuller çeker → JupyterLab defteri açar
            page.get_by_text('Çekirdek', exact=True).wait_for(timeout=90_000)
            assert f'/user/{name}/lab' in page.url, page.url
            menus = page.locator('.lm-MenuBar-itemLabel').all_inner_texts()
            assert {'Dosya', 'Düzenle', 'Çalıştır', 'Çekirdek'} <= set(menus), menus
            page.locator('.jp-RenderedMarkdown h1', has_text='One-hot (bire bir) kodlama') \
                .first.wait_for(timeout=60_000)
            tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tabLabel',
                               has_text=READING)
            assert tab.count() == 1
            # dosya tarayıcısı: ev klasörünün kökünde çekilen iki klasör
            page.locator('.jp-BreadCrumbs-home').first.click()
            listing = page.locator('.jp-DirListing-itemText')
            listing.filter(has_text=hub.folder).first.wait_for(timeout=30_000)
            names = listing.all_inner_texts()
            assert hub.reading_folder in names and hub.folder in names, names
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / 'ogrenci-jupyterlab.png'))
        finally:
            browser.close()
