"""Sınıfın JupyterHub'ının ölçümü (make bench-hub): bir makine kaç öğrencinin sunucusunu taşır?

Gerçek bir hub (hub/run.py, sınıfın varsayılan sınırlarıyla: hub/class_defaults.py) 127.0.0.1'de,
geçici durum ve ev klasörleriyle açılır; öğrenciler kayıt formuyla kaydolur, eğitmen onaylar.
Ölçülenler:

- bir sunucunun açılış süresi (sistem kullanıcısının oluşturulması dahil, ilk giriş);
- boştaki bir sunucunun belleği (çekirdeksiz) ve defter 06'nın ilk hücrelerini çalıştırmış boştaki
  bir çekirdekle birlikte;
- defter 06'nın eğitimini (train_ch8, bölümün modeli h=512, daha az dönem) çalıştıran bir
  sunucunun belleği (öğrencinin süreçlerinin PSS toplamının en yükseği ve cgroup'un tepe değeri);
- aynı anda 1, 2, 3, 4 eğitimde her birinin hızı (andıç/sn) ve tek eğitime oranı.

Root ister (hub öğrencilerin sistem kullanıcılarını oluşturur). Sonuç artifacts/bench-hub.json;
makinede başka iş çalışmıyorken koşun. Süre: birkaç dakika.

    python tools/bench_hub.py [--ogrenci 4] [--donem 40]
"""
import argparse
import concurrent.futures
import contextlib
import json
import os
import pathlib
import platform
import pwd
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import psutil
import requests

ROOT = pathlib.Path(__file__).resolve().parent.parent
HUB = ROOT / 'hub'
sys.path.insert(0, str(HUB))
import class_defaults as D  # noqa: E402
from course_spawner import cgroup_paths, remove_system_user  # noqa: E402

PASSWORD = 'Zaman-Makinesi-1895'
NOTEBOOK = ROOT / 'notebooks' / '06-egitim.ipynb'


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def cpu_name():
    for line in pathlib.Path('/proc/cpuinfo').read_text().splitlines():
        if line.startswith('model name'):
            return line.split(':', 1)[1].strip()
    return platform.processor()


def notebook_cells(epochs):
    """Defter 06'nın kod hücreleri: (hazırlık hücreleri, eğitim hücresi). Koşunun boyu
    ('parameters' hücresi) daha az dönemle; gizli birim sayısı bölümünki (512)."""
    nb = json.loads(NOTEBOOK.read_text(encoding='utf-8'))
    code = [c for c in nb['cells'] if c['cell_type'] == 'code']
    setup, train = [], None
    for c in code:
        tags = c.get('metadata', {}).get('tags', [])
        src = ''.join(c['source'])
        if 'parameters' in tags:
            src = f'num_epochs = {epochs}\nnum_hiddens = 512'
        if 'train_ch8(net, train_iter, vocab, lr, num_epochs, device)' in src:
            train = src
            break
        setup.append(src)
    assert train, 'defter 06\'da eğitim hücresi bulunamadı'
    return setup, train


class Hub:
    def __init__(self, url):
        self.url, self.sessions = url, {}

    def form(self, name, path, data):
        """Hub'ın bir formu; yönlendirme izlenmez (girişten sonra sunucu kendiliğinden açılmaz,
        açılış süresi ayrı ölçülür)."""
        s = self.sessions.setdefault(name, requests.Session())
        s.get(f'{self.url}/hub/{path}', timeout=10)
        data = dict(data, _xsrf=s.cookies.get('_xsrf', path='/hub/'))
        return s.post(f'{self.url}/hub/{path}', data=data, timeout=10, allow_redirects=False)

    def api(self, name, method, path, **kw):
        s = self.sessions[name]
        headers = {'X-XSRFToken': s.cookies.get('_xsrf', path='/hub/')}
        return s.request(method, f'{self.url}/hub/api/{path}', headers=headers, timeout=30, **kw)

    def spawn(self, name):
        """Sunucuyu açar, hazır olana dek bekler; saniye."""
        t0 = time.monotonic()
        r = self.api(name, 'POST', f'users/{name}/server')
        assert r.status_code in (201, 202), r.text
        while True:
            server = self.api(name, 'GET', 'user').json().get('servers', {}).get('')
            if server and server.get('ready'):
                return time.monotonic() - t0
            assert time.monotonic() - t0 < 180, f'{name}: sunucu 180 sn içinde açılmadı'
            time.sleep(0.1)


class Kernel:
    """Öğrencinin sunucusunda bir çekirdek (REST API + websocket, hub'ın belirteciyle)."""

    def __init__(self, hub, name):
        import websocket
        token = hub.api(name, 'POST', f'users/{name}/tokens',
                        json={'note': 'ölçüm', 'expires_in': 3600}).json()['token']
        self.auth = {'Authorization': f'token {token}'}
        self.base = f'{hub.url}/user/{name}/api'
        r = requests.post(f'{self.base}/sessions', headers=self.auth, timeout=60,
                          json={'path': 'olcum.ipynb', 'type': 'notebook',
                                'kernel': {'name': 'python3'}})
        assert r.status_code == 201, r.text
        self.session_id, kernel_id = r.json()['id'], r.json()['kernel']['id']
        self.ws_url = f"ws{hub.url[4:]}/user/{name}/api/kernels/{kernel_id}/channels"
        self.connect = websocket.create_connection

    def run(self, code):
        """Kodu çalıştırır; akış çıktılarının metni. Hata: AssertionError. Her çalıştırma kendi
        bağlantısıyla: okunmayan bir websocket'i sunucu ping'e yanıt vermedi diye kapatır."""
        ws = self.connect(self.ws_url, header=[f'{k}: {v}' for k, v in self.auth.items()],
                          timeout=600)
        try:
            return self._run(ws, code)
        finally:
            ws.close()

    def _run(self, ws, code):
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            'header': {'msg_id': msg_id, 'username': 'olcum', 'session': uuid.uuid4().hex,
                       'msg_type': 'execute_request', 'version': '5.3'},
            'parent_header': {}, 'metadata': {}, 'buffers': [], 'channel': 'shell',
            'content': {'code': code, 'silent': False, 'store_history': True,
                        'user_expressions': {}, 'allow_stdin': False, 'stop_on_error': True}}))
        out, idle, reply = [], False, None
        while not (idle and reply):
            got = json.loads(ws.recv())
            if got['parent_header'].get('msg_id') != msg_id:
                continue
            kind = got['header']['msg_type']
            if kind == 'execute_reply':
                reply = got['content']
            elif kind == 'status':
                idle = got['content']['execution_state'] == 'idle'
            elif kind == 'stream':
                out.append(got['content']['text'])
            elif kind == 'error':
                out.append(f"{got['content']['ename']}: {got['content']['evalue']}")
        assert reply['status'] == 'ok', ''.join(out)[-2000:]
        return ''.join(out)

    def close(self):
        requests.delete(f'{self.base}/sessions/{self.session_id}', headers=self.auth, timeout=30)


def user_memory(system_user):
    """Öğrencinin bütün süreçlerinin PSS toplamı (bayt): sunucu ve çekirdekleri."""
    uid = pwd.getpwnam(system_user).pw_uid
    total = 0
    for p in psutil.process_iter(['uids']):
        with contextlib.suppress(psutil.Error):
            if p.info['uids'].real == uid:
                total += p.memory_full_info().pss
    return total


def cgroup_peak(system_user):
    """cgroup'un bellek tepe değeri (bayt; v1 memory.max_usage_in_bytes, v2 memory.peak)."""
    for kind, path in cgroup_paths(system_user).items():
        for name in ('memory.max_usage_in_bytes', 'memory.peak'):
            f = path / name
            if kind in ('memory', 'v2') and f.exists():
                return int(f.read_text())
    return None


class Sampler:
    """Eğitim sürerken öğrencinin belleğini yarım saniyede bir örnekler; en yükseği tutar."""

    def __init__(self, system_user):
        self.user, self.peak, self.stop = system_user, 0, threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self):
        while not self.stop.is_set():
            self.peak = max(self.peak, user_memory(self.user))
            self.stop.wait(0.5)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def busy_seconds():
    """Makinenin bütün çekirdeklerinde şimdiye dek harcanan meşgul süre (saniye)."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + t.irq + t.softirq + t.steal


def users_cpu_seconds(uids):
    total = 0.0
    for p in psutil.process_iter(['uids', 'cpu_times']):
        with contextlib.suppress(psutil.Error, TypeError):
            if p.info['uids'].real in uids:
                c = p.info['cpu_times']
                total += c.user + c.system + c.children_user + c.children_system
    return total


def wait_quiet(limit_s=300, idle=0.9):
    """Makine boşalana dek bekler (çekirdeklerin en az %90'ı 3 sn boyunca boş); saniye."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        if 1 - psutil.cpu_percent(interval=3) / 100 >= idle:
            break
    return round(time.monotonic() - t0)


def mib(n):
    return None if n is None else round(n / 2**20)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--ogrenci', type=int, default=4, help='en çok kaç eğitim aynı anda (4)')
    ap.add_argument('--donem', type=int, default=40, help='ölçülen eğitimin dönem sayısı (40)')
    ap.add_argument('--out', default=str(ROOT / 'artifacts' / 'bench-hub.json'))
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit('ölçüm root ister: hub öğrencilerin sistem kullanıcılarını oluşturur')
    students = [f'ogr{i}' for i in range(1, args.ogrenci + 1)]
    prefix = f'd2lb{os.getpid() % 100000}-'
    work = pathlib.Path(tempfile.mkdtemp(prefix='d2lmini-bench-hub-'))
    homes = work / 'evler'
    homes.mkdir()
    os.chmod(work, 0o711)
    os.chmod(homes, 0o711)
    port = free_port()
    env = dict(os.environ, D2LMINI_HUB_STATE=str(work / 'durum'), D2LMINI_HUB_HOMES=str(homes),
               D2LMINI_HUB_USER_PREFIX=prefix, D2LMINI_HUB_PORT=str(port),
               D2LMINI_HUB_API_PORT=str(free_port()), D2LMINI_HUB_PROXY_API_PORT=str(free_port()),
               D2LMINI_HUB_CULL='0')
    env.setdefault('D2LMINI_HUB_DATA_DIR', str(ROOT / 'data'))   # verinin doğrulanmış kopyası
    log = open(work / 'hub.log', 'w+')
    proc = subprocess.Popen([sys.executable, str(HUB / 'run.py')], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f'http://127.0.0.1:{port}')
    setup, train = notebook_cells(args.donem)
    result = {'tarih': time.strftime('%Y-%m-%d'), 'islemci': cpu_name(),
              'cekirdek': os.cpu_count(),
              'bellek_gib': round(psutil.virtual_memory().total / 2**30),
              'sinirlar': {'bellek': D.MEM_LIMIT, 'cpu': D.CPU_LIMIT},
              'donem': args.donem, 'gizli_birim': 512,
              'yuk_basta': [round(x, 1) for x in os.getloadavg()]}
    kernels = {}
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, 'hub başlamadan çıktı'
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f'{hub.url}/hub/login', timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, 'hub 60 sn içinde açılmadı'
            time.sleep(0.3)
        for name in [D.ADMIN, *students]:
            hub.form(name, 'signup', {'username': name, 'signup_password': PASSWORD,
                                      'signup_password_confirmation': PASSWORD})
        hub.form(D.ADMIN, 'login', {'username': D.ADMIN, 'password': PASSWORD})
        for name in students:
            hub.sessions[D.ADMIN].get(f'{hub.url}/hub/authorize/{name}', timeout=10)
            hub.sessions.pop(name)
            hub.form(name, 'login', {'username': name, 'password': PASSWORD})

        # 1. açılış süresi: sırayla, her biri ilk girişinde (sistem kullanıcısı oluşturulur)
        spawn = [hub.spawn(name) for name in students]
        result['acilis_sn'] = [round(t, 1) for t in spawn]
        print(f"açılış: {', '.join(f'{t:.1f}' for t in spawn)} sn", flush=True)

        # 2. boştaki sunucu (çekirdeksiz)
        time.sleep(5)
        idle = [user_memory(prefix + n) for n in students]
        result['bos_sunucu_mib'] = [mib(m) for m in idle]
        print(f"boştaki sunucu: {statistics.median(idle) / 2**20:.0f} MiB", flush=True)

        # 3. boştaki çekirdekle: defter 06'nın hazırlık hücreleri çalışmış
        for name in students:
            kernels[name] = Kernel(hub, name)
            for code in setup:
                kernels[name].run(code)
        time.sleep(3)
        with_kernel = [user_memory(prefix + n) for n in students]
        result['bos_cekirdekli_mib'] = [mib(m) for m in with_kernel]
        print(f'boştaki sunucu + çekirdek (06 hazır): '
              f'{statistics.median(with_kernel) / 2**20:.0f} MiB', flush=True)

        # 4. aynı anda k eğitim: her birinin hızı; belleğin tepe değeri
        speeds, peaks, cg_peaks, foreign = {}, [], [], {}
        code = train + '\nprint("HIZ", speed)'
        uids = {pwd.getpwnam(prefix + n).pw_uid for n in students}
        for k in range(1, len(students) + 1):
            group = students[:k]
            waited = wait_quiet()
            busy0, mine0, t0 = busy_seconds(), users_cpu_seconds(uids), time.monotonic()

            def one(name):
                with Sampler(prefix + name) as s:
                    out = kernels[name].run(code)
                speed = float(out.rsplit('HIZ', 1)[1].split()[0])
                return speed, s.peak
            with concurrent.futures.ThreadPoolExecutor(k) as pool:
                got = list(pool.map(one, group))
            wall = time.monotonic() - t0
            # öğrencilerin dışındaki süreçlerin (başka işler) ortalama kullandığı çekirdek
            foreign[k] = round(max(0.0, (busy_seconds() - busy0)
                                   - (users_cpu_seconds(uids) - mine0)) / wall, 2)
            speeds[k] = [round(s) for s, _ in got]
            peaks += [p for _, p in got]
            print(f"{k} eğitim aynı anda: {', '.join(f'{s:,.0f}' for s, _ in got)} andıç/sn "
                  f"(önce {waited} sn beklendi; başka işler {foreign[k]} çekirdek)", flush=True)
        cg_peaks = [cgroup_peak(prefix + n) for n in students]
        solo = speeds[1][0]
        result['egitim_hizi'] = {str(k): {'andic_sn': v, 'orani': round(min(v) / solo, 2),
                                          'baska_islerin_cekirdegi': foreign[k]}
                                 for k, v in speeds.items()}
        result['egitimde_mib'] = {'pss_en_yuksek': mib(max(peaks)),
                                  'cgroup_tepe': [mib(p) for p in cg_peaks]}
        result['yuk_sonda'] = [round(x, 1) for x in os.getloadavg()]
        print(f'eğitimdeki sunucu: PSS en çok {max(peaks) / 2**20:.0f} MiB, cgroup tepe '
              f'{[mib(p) for p in cg_peaks]} MiB', flush=True)
    finally:
        for k in kernels.values():
            with contextlib.suppress(Exception):
                k.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        for name in [D.ADMIN, *students]:
            remove_system_user(prefix + name)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + '\n', encoding='utf-8')
    print(json.dumps(result, ensure_ascii=False, indent=2))
    print(f'yazıldı: {out}')


if __name__ == '__main__':
    main()
