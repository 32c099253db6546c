"""JupyterLab'i yalnızca bu makineden (127.0.0.1), belirteçle başlatır.

    python -m d2lmini.lab                # okuma defterleri; make lab
    python -m d2lmini.lab alistirmalar   # alıştırmalar; make exercises
    python -m d2lmini.lab -- [jupyter lab seçenekleri ...]

``make`` gerekmez (Windows, macOS, Linux): Python ve ``pip install -e .``.

- Belirteç ``JUPYTER_TOKEN``'dan gelir; yoksa rastgele üretilir. Çocuk
  sürece ortam değişkeniyle verilir: komut satırında görünmez.
- ``JUPYTER_TOKEN`` boşsa başlamaz: boş belirteç doğrulamayı kapatırdı.
- Sunucu açılınca belirteçsiz bir istekle denenir. Kullanıcının Jupyter
  ayarları (ör. ``c.IdentityProvider.token = ''``) doğrulamayı yine de
  kapatmışsa sunucu hemen kapatılır ve nedeni yazılır.
- Arayüz Türkçe açılır, ilk açılıştaki "Jupyter haberleri" sorusu
  çıkmaz: ayarlar ``d2lmini/lab_ayarlari/overrides.json``'dan gelir
  (JupyterLab'in uygulama ayarları klasörü, ``--LabApp.app_settings_dir``;
  değerleri yalnızca varsayılandır). Türkçe dil paketi
  ``jupyterlab-language-pack-tr-TR`` projenin bağımlılığıdır. Kullanıcının
  kendi seçimi (Ayarlar > Dil > English) ev klasöründeki ayarlara yazılır
  ve bu varsayılanların önüne geçer.
"""
import importlib.util
import os
import pathlib
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HOST = '127.0.0.1'
START_TIMEOUT_S = 120
# Deponun JupyterLab ayarları: overrides.json (dil, ilk açılış soruları)
SETTINGS = pathlib.Path(__file__).resolve().parent / 'lab_ayarlari'
# Deponun kökü (düzenlenebilir kurulumda paketin bir üstü)
ROOT = pathlib.Path(__file__).resolve().parent.parent
LANGUAGE_PACK = 'jupyterlab_language_pack_tr_TR'


def _free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _status(port, token=None):
    """/api/status'un HTTP kodu (bağlantı yoksa None)."""
    url = f'http://{HOST}:{port}/api/status'
    if token:
        url += f'?token={token}'
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


def _stop(proc):
    # SIGTERM: Jupyter çekirdeklerini de kapatarak çıkar
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)   # finally bloğu sunucuyu da kapatsın


def _folder_args(args):
    """``alistirmalar`` / ``okuma``: hangi klasörde açılacağı."""
    if args[:1] == ['--']:
        args = args[1:]
    elif args[:1] == ['alistirmalar']:
        # öğrencinin kopyaları (var olanların üzerine yazılmaz)
        tool = ROOT / 'tools' / 'exercises.py'
        subprocess.run([sys.executable, str(tool), 'workspace'], check=True)
        args = [f'--ServerApp.root_dir={ROOT / "calisma"}'] + args[1:]
    elif args[:1] == ['okuma']:
        args = args[1:]
    if not any(a.startswith('--ServerApp.root_dir') for a in args):
        args = [f'--ServerApp.root_dir={ROOT / "notebooks"}'] + args
    if os.name == 'posix' and os.geteuid() == 0 and '--allow-root' not in args:
        args.append('--allow-root')
    return args


def main(argv=None):
    args = _folder_args(list(sys.argv[1:] if argv is None else argv))
    token = os.environ.get('JUPYTER_TOKEN')
    if token is not None and not token.strip():
        sys.exit('JUPYTER_TOKEN boş: JupyterLab belirteçsiz (herkese açık) '
                 'başlatılmaz. Değişkeni kaldırın (unset JUPYTER_TOKEN; '
                 'rastgele bir belirteç üretilir) ya da bir değer verin.')
    token = token or secrets.token_hex(24)
    port = next((a.split('=', 1)[1] for a in args
                 if a.startswith('--ServerApp.port=')), None)
    if port is None:
        port = _free_port()
        args += [f'--ServerApp.port={port}', '--ServerApp.port_retries=0']
    if importlib.util.find_spec(LANGUAGE_PACK) is None:
        print('Türkçe dil paketi kurulu değil, arayüz İngilizce açılacak. '
              'Kurmak için: make install (ya da pip install -e .)',
              file=sys.stderr, flush=True)
    # Depo ayarları başta: sonradan verilen bir değer onu geçersiz kılar.
    # ip en sonda: önceki bir --ServerApp.ip ayarını geçersiz kılar
    cmd = [sys.executable, '-m', 'jupyter', 'lab',
           f'--LabApp.app_settings_dir={SETTINGS}', *args,
           f'--ServerApp.ip={HOST}']
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    proc = subprocess.Popen(cmd, env=dict(os.environ, JUPYTER_TOKEN=token))
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while _status(port, token) != 200:
            if proc.poll() is not None:
                return proc.returncode
            if time.monotonic() > deadline:
                _stop(proc)
                sys.exit(f'JupyterLab {START_TIMEOUT_S} sn içinde açılmadı.')
            time.sleep(0.3)
        if _status(port) == 200:   # belirteçsiz istek kabul edildi
            _stop(proc)
            sys.exit('Jupyter ayarlarınız doğrulamayı kapatıyor (ör. '
                     "jupyter_server_config.py'de c.IdentityProvider.token = "
                     "'' ya da c.ServerApp.token = ''): sunucu kapatıldı. O "
                     'satırı silin; ayar klasörü: jupyter --config-dir')
        print(f'\nJupyterLab hazır: http://{HOST}:{port}/lab?token={token}\n',
              flush=True)
        return proc.wait()
    except KeyboardInterrupt:
        _stop(proc)
        return 130
    finally:
        if proc.poll() is None:
            _stop(proc)


if __name__ == '__main__':
    sys.exit(main())
