"""JupyterLab gerçek bir tarayıcıda: öğrenciler orada çalışır, o yüzden orada sınıyoruz.

127.0.0.1'de, rastgele bir belirteçle (token) bir ``jupyter lab`` başlatılır; Debian'ın
chromium'u Playwright ile ekransız sürülür. Geçici klasördeki küçük bir defter (Türkçe)
menüden Çalıştır > Tüm Hücreleri Çalıştır ile çalıştırılır; hiçbir hücrenin hata göstermediği,
eğitim eğrisinin (bir PNG) çizildiği ve üretici denetiminin yazılan yeni öneke yanıt verdiği
denetlenir.
Ekran görüntüsü deponun git'e girmeyen ``artifacts/`` klasörüne yazılır.
"""
import contextlib
import os
import pathlib
import secrets
import signal
import socket
import subprocess
import sys
import time

import nbformat
import pytest
import requests

pytestmark = pytest.mark.browser

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
REPO = pathlib.Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / 'artifacts' / 'browser'
NEW_PREFIX = 'the machine'

CELLS = [
    "%config InlineBackend.figure_formats = ['png']\n"
    "import d2lmini as d2l\n"
    "d2l.set_seed(0)\n"
    "device = d2l.try_gpu()",
    "train_iter, vocab = d2l.load_data_time_machine(8, 10, max_tokens=2000)\n"   # kısa: birkaç saniye
    "net = d2l.RNNModelScratch(len(vocab), 32, device, d2l.get_params, d2l.init_rnn_state, d2l.rnn)\n"
    "ppl, speed = d2l.train_ch8(net, train_iter, vocab, 1, 20, device)",   # eğride iki nokta
    "d2l.generation_widget(net, vocab, device)",
]


def _require_browser():
    """Tarayıcı ya da Playwright yoksa: yerelde açık bir iletiyle atla, CI'da başarısız ol."""
    missing = None
    if not os.path.exists(CHROMIUM):
        missing = f'{CHROMIUM} yok (Debian/Ubuntu: apt-get install chromium)'
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "Playwright'in Python paketi yok (pip install -e '.[dev]')"
    if missing:
        if os.environ.get('CI'):
            pytest.fail(f'CI ortamında tarayıcı sınaması atlanamaz: {missing}')
        pytest.skip(f'tarayıcı sınaması atlandı: {missing}')


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """Geçici bir kök klasörde JupyterLab; (taban adres, belirteç, kök). Sonunda hep kapatılır."""
    _require_browser()
    root = tmp_path / 'defterler'
    root.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}
    nbformat.write(nb, root / 'uretec.ipynb')

    with running_lab(root, tmp_path) as (base, token):
        yield base, token, root


@contextlib.contextmanager
def running_lab(root, tmp_path):
    """``root``'ta make lab'ın kendi başlatıcısıyla (tools/lab.py: 127.0.0.1,
    belirteç şart; bkz. tests/test_lab.py) bir JupyterLab; (taban adres,
    belirteç). Ayarlar ve çekirdek dosyaları ``tmp_path``'e gider, depoya değil;
    sunucu sonunda hep kapatılır."""
    home = tmp_path / 'jupyter'
    port, token = _free_port(), secrets.token_hex(24)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / 'config'),
               JUPYTER_DATA_DIR=str(home / 'data'), JUPYTER_RUNTIME_DIR=str(home / 'runtime'),
               IPYTHONDIR=str(home / 'ipython'), MPLCONFIGDIR=str(home / 'mpl'),
               PYTHONDONTWRITEBYTECODE='1', JUPYTER_TOKEN=token)
    cmd = [sys.executable, str(REPO / 'tools' / 'lab.py'), '--no-browser',
           f'--ServerApp.port={port}', '--ServerApp.port_retries=0',
           f'--ServerApp.root_dir={root}',
           f'--LabApp.user_settings_dir={home / "settings"}',
           f'--LabApp.workspaces_dir={home / "workspaces"}',
           '--LabApp.news_url=None', '--LabApp.extension_manager=readonly',
           '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate']
    if os.getuid() == 0:
        cmd.append('--allow-root')
    log = open(tmp_path / 'jupyter.log', 'wb')
    server = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)   # kendi süreç grubu: çekirdekle birlikte kapanır
    base = f'http://127.0.0.1:{port}'
    try:
        _wait_until_up(server, base, token, tmp_path / 'jupyter.log')
        yield base, token
    finally:
        _stop(server)
        log.close()


def _wait_until_up(server, base, token, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f'jupyter lab kapandı (çıkış {server.returncode}):\n{log_path.read_text()}')
        try:
            r = requests.get(f'{base}/api/status', params={'token': token}, timeout=2)
            if r.status_code == 200:
                assert requests.get(f'{base}/api/status', timeout=2).status_code == 403  # belirteç şart
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    pytest.fail(f'jupyter lab {timeout} sn içinde yanıt vermedi:\n{log_path.read_text()}')


def _stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
    try:   # sunucu kapanınca çekirdek öksüz kalmasın (aynı süreç grubunda)
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _run_all_cells(page):
    """Menüden: Çalıştır > Tüm Hücreleri Çalıştır (öğrencinin yaptığı gibi; tools/lab.py
    arayüzü Türkçe açar)."""
    page.locator('.lm-MenuBar-itemLabel', has_text='Çalıştır').first.click()
    page.locator('.lm-Menu-itemLabel', has_text='Tüm Hücreleri Çalıştır').first.click()


def _wait_for_completion(page, n_cells, timeout_ms=90_000):
    """Hiçbir hücre [*] göstermesin; ya hepsinin yürütme numarası olsun ya da bir hata çıksın
    (hatada "Run All" durur, sonraki hücreler hiç çalışmaz)."""
    page.wait_for_function(
        """n => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                .map(p => p.textContent.trim());
            if (prompts.length !== n || prompts.some(t => t.includes('*'))) return false;
            const failed = document.querySelector(
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
            return failed !== null || prompts.every(t => /^\\[\\d+\\]:$/.test(t));
        }""", arg=n_cells, timeout=timeout_ms)


def test_run_all_figure_and_widget(lab):
    from playwright.sync_api import sync_playwright

    base, token, root = lab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={'width': 1280, 'height': 1000})
            page.goto(f'{base}/lab/tree/uretec.ipynb?token={token}')
            page.locator('.jp-Notebook .jp-CodeCell').first.wait_for(timeout=60_000)
            # çekirdek hazır olsun: durum çubuğunda "Idle"
            page.get_by_text('| Idle').first.wait_for(timeout=60_000)
            _run_all_cells(page)
            try:
                _wait_for_completion(page, len(CELLS))
            finally:
                page.screenshot(path=str(ARTIFACTS / 'run-all.png'), full_page=True)

            # hiçbir hücre hata ya da stderr çıktısı göstermiyor
            stderr = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
            texts = stderr.all_inner_texts()
            assert not texts, 'hücre hata gösteriyor:\n' + '\n---\n'.join(texts)
            outputs = '\n'.join(page.locator('.jp-OutputArea').all_inner_texts())
            assert 'Traceback' not in outputs and 'Error' not in outputs, outputs
            assert 'şaşkınlık' in outputs   # train_ch8'in son satırı yazıldı

            # eğitim eğrisi bir PNG olarak çizildi ve tarayıcıda gerçekten açıldı
            img = page.locator('.jp-OutputArea-output img').first
            img.wait_for(timeout=10_000)
            assert img.evaluate('el => el.complete && el.naturalWidth > 100 && el.naturalHeight > 50')
            assert img.get_attribute('src').startswith('data:image/png')

            # üretici yeni öneke yanıt veriyor
            generated = page.locator('.d2l-generated pre')
            generated.wait_for(timeout=30_000)
            before = generated.inner_text()
            assert before.startswith('time traveller')
            page.locator('.d2l-prefix input').fill(NEW_PREFIX)
            page.wait_for_function(
                """([prefix, before]) => {
                    const el = document.querySelector('.d2l-generated pre');
                    return el && el.textContent.startsWith(prefix) && el.textContent !== before;
                }""", arg=[NEW_PREFIX, before], timeout=30_000)
            after = generated.inner_text()
            assert after.startswith(NEW_PREFIX) and len(after) > len(NEW_PREFIX) and after != before
            # yöntemi "En olası karakter" yapınca α kaydırıcısı devre dışı kalır
            disabled = page.locator('.d2l-alpha .slider[disabled], .d2l-seed input:disabled')
            assert disabled.count() == 0
            page.locator('.d2l-mode button', has_text='En olası karakter').click()
            page.wait_for_function(
                "() => document.querySelectorAll("
                "'.d2l-alpha .slider[disabled], .d2l-seed input:disabled').length === 2",
                timeout=10_000)
            page.screenshot(path=str(ARTIFACTS / 'jupyterlab.png'), full_page=True)
        finally:
            browser.close()


def test_turkish_interface_and_the_way_back_to_english(tmp_path):
    """Arayüz Türkçe açılır (deponun ayarları: d2lmini/lab_ayarlari/overrides.json); README'nin
    dediği yol (Ayarlar > Dil > English) İngilizceye döndürür ve seçim kullanıcı ayarlarına
    yazılır, deponun varsayılanından önce gelir."""
    from playwright.sync_api import sync_playwright

    _require_browser()
    root = tmp_path / 'bos'
    root.mkdir()
    with running_lab(root, tmp_path) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={'width': 1280, 'height': 800})
            page.goto(f'{base}/lab?token={token}')
            menus = page.locator('.lm-MenuBar-itemLabel')
            page.get_by_text('Çekirdek', exact=True).wait_for(timeout=60_000)
            assert 'Dosya' in menus.all_inner_texts()
            page.locator('.lm-MenuBar-itemLabel', has_text='Ayarlar').click()
            page.locator('.lm-Menu-itemLabel', has_text='Dil').first.hover()
            page.locator('.lm-Menu-itemLabel', has_text='English').first.click()
            page.locator('.jp-Dialog button').last.click()   # "Change and reload"
            page.get_by_text('Kernel', exact=True).wait_for(timeout=60_000)
            labels = menus.all_inner_texts()
            assert 'File' in labels and 'Dosya' not in labels, labels
        finally:
            browser.close()
    chosen = tmp_path / 'jupyter' / 'settings' / '@jupyterlab' / 'translation-extension'
    assert '"locale": "en"' in (chosen / 'plugin.jupyterlab-settings').read_text()
