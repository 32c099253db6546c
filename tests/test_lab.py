"""make lab'ın başlatıcısı (tools/lab.py): belirteçsiz JupyterLab asla açılmaz; arayüz deponun
ayarlarıyla Türkçe ve ilk açılış sorusu olmadan açılır."""
import os
import pathlib
import re
import socket
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
LAB = ROOT / 'tools' / 'lab.py'


def test_make_lab_uses_the_launcher():
    recipe = re.search(r'^lab:.*\n((?:\t.*\n)+)', (ROOT / 'Makefile').read_text(), re.M)
    assert recipe and 'tools/lab.py' in recipe.group(1)
    assert 'jupyter lab' not in recipe.group(1)   # doğrudan değil, denetimli başlatıcıyla


def _env(tmp_path, **extra):
    home = tmp_path / 'jupyter'
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / 'config'),
               JUPYTER_DATA_DIR=str(home / 'data'), JUPYTER_RUNTIME_DIR=str(home / 'runtime'),
               IPYTHONDIR=str(home / 'ipython'))
    env.pop('JUPYTER_TOKEN', None)
    env.update(extra)
    return env


def _port_closed(port):
    with socket.socket() as s:
        return s.connect_ex(('127.0.0.1', port)) != 0


def _run(tmp_path, env, port):
    args = [sys.executable, str(LAB), '--no-browser', f'--ServerApp.port={port}',
            '--ServerApp.port_retries=0', f'--ServerApp.root_dir={tmp_path}']
    if os.getuid() == 0:
        args.append('--allow-root')
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_empty_token_in_the_environment_is_refused(tmp_path):
    port = _free_port()
    proc = _run(tmp_path, _env(tmp_path, JUPYTER_TOKEN=''), port)
    assert proc.returncode != 0
    assert 'JUPYTER_TOKEN boş' in proc.stderr and 'unset JUPYTER_TOKEN' in proc.stderr
    assert _port_closed(port)


@pytest.mark.parametrize('setting', ["c.IdentityProvider.token = ''", "c.ServerApp.token = ''"])
def test_config_that_disables_the_token_is_refused(tmp_path, setting):
    """Kullanıcının ayarı belirteci kapatıyorsa sunucu açılır açılmaz kapatılır."""
    env = _env(tmp_path)
    config = pathlib.Path(env['JUPYTER_CONFIG_DIR'])
    config.mkdir(parents=True)
    (config / 'jupyter_server_config.py').write_text(setting + '\n')
    port = _free_port()
    proc = _run(tmp_path, env, port)
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert 'doğrulamayı kapatıyor' in proc.stderr
    assert _port_closed(port)   # sunucu açık bırakılmadı


def test_project_settings_turkish_without_news_prompt(tmp_path):
    """Başlatıcı deponun ayarlarını (d2lmini/lab_ayarlari/overrides.json) verir: sunucunun
    ayar şemalarında varsayılan dil Türkçe, haber sorusu ve güncelleme denetimi kapalı; Türkçe
    dil paketi kurulu (çevirileri sunuluyor). Tarayıcısız; arayüzün kendisi
    tests/test_exercises_browser.py'de."""
    import requests
    from test_browser import running_lab

    root = tmp_path / 'kok'
    root.mkdir()
    with running_lab(root, tmp_path) as (base, token):
        def get(path):
            r = requests.get(f'{base}{path}', params={'token': token}, timeout=30)
            assert r.status_code == 200, (path, r.status_code)
            return r.json()

        props = get('/lab/api/settings/@jupyterlab/translation-extension:plugin')['schema'][
            'properties']
        assert props['locale']['default'] == 'tr_TR'
        props = get('/lab/api/settings/@jupyterlab/apputils-extension:notification')['schema'][
            'properties']
        assert props['fetchNews']['default'] == 'false'
        assert props['checkForUpdates']['default'] is False
        assert get('/lab/api/translations/tr_TR')['data'], 'Türkçe dil paketi kurulu değil'


def test_start_without_make_on_a_fresh_clone(tmp_path):
    """README'nin make'siz yolu, temiz bir klonda: ``python -m d2lmini.lab`` okuma
    defterlerini 127.0.0.1'de, belirteçle açar (Windows ve macOS'ta da aynı komut)."""
    import requests

    clone = tmp_path / 'klon'
    subprocess.run(['git', 'clone', '-q', str(ROOT), str(clone)], check=True)
    port, token = _free_port(), 'klon-belirteci'
    env = _env(tmp_path, JUPYTER_TOKEN=token, PYTHONPATH=str(clone))   # klonun d2lmini'si
    proc = subprocess.Popen([sys.executable, '-m', 'd2lmini.lab', '--', '--no-browser',
                             f'--ServerApp.port={port}'], cwd=clone, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f'http://127.0.0.1:{port}'
        for _ in range(240):
            try:
                r = requests.get(f'{base}/api/contents', params={'token': token}, timeout=2)
                if r.status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None, proc.stdout.read()
            import time
            time.sleep(0.5)
        names = {c['name'] for c in r.json()['content']}
        assert '01-bire-bir-kodlama.ipynb' in names, names   # klonun notebooks/ klasörü
        assert requests.get(f'{base}/api/contents', timeout=5).status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=30)
