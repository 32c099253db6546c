"""Dersin sitesi gerçek bir tarayıcıda (Debian'ın chromium'u, Playwright, ekransız).

Kurulmuş site (``make site``: ``build/site/html/``; yoksa sınama kendisi kurar) 127.0.0.1'de
sunulur. Açılanlar: ana sayfa, şekilli bir defter sayfası, bir alıştırma sayfası ve bir slayt
destesi (bir slayt ilerletilir). Dışarıya giden her istek engellenir ve sayılır: site
çevrimdışı açılmalı. Ekran görüntüleri ``artifacts/site/``.
"""
import contextlib
import functools
import http.server
import os
import pathlib
import subprocess
import sys
import threading
from urllib.parse import urlsplit

import pytest

from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser

pytestmark = pytest.mark.browser

ROOT = pathlib.Path(__file__).resolve().parent.parent
SITE = ROOT / 'build' / 'site' / 'html'
ARTIFACTS = ROOT / 'artifacts' / 'site'


def _ensure_site():
    """Kurulmuş site; yoksa (ör. temiz bir klonda make site'tan önce) kurulur."""
    if (SITE / 'index.html').exists() and (SITE / 'slaytlar').is_dir():
        return SITE
    if not (ROOT / 'node_modules' / 'reveal.js').is_dir():
        pytest.fail('site kurulamaz: node_modules yok (make npm-tools)')
    env = dict(os.environ, OMP_NUM_THREADS='1')
    if not list((ROOT / 'build' / 'exercises' / 'ogrenci').glob('*.ipynb')):
        subprocess.run([sys.executable, 'tools/exercises.py', 'build'], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=600)
    result = subprocess.run([sys.executable, 'tools/build_site.py'], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return SITE


@contextlib.contextmanager
def _serve(folder):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}'
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope='module')
def site_page():
    """(sayfa, taban adres, dışarıya giden isteklerin listesi)."""
    _require_browser()
    from playwright.sync_api import sync_playwright
    folder = _ensure_site()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    blocked = []
    with _serve(folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={'width': 1280, 'height': 900}, locale='tr-TR')

            def route(r):
                if urlsplit(r.request.url).hostname == '127.0.0.1':
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()
            context.route('**/*', route)
            yield context.new_page(), base, blocked
        finally:
            browser.close()


def test_home_page(site_page):
    page, base, blocked = site_page
    page.goto(f'{base}/index.html')
    assert page.locator('html').get_attribute('lang') == 'tr'
    assert 'Sıfırdan karakter düzeyinde RNN dil modeli' in page.locator('h1').first.inner_text()
    nav = page.locator('nav.bd-links')
    for title in ('Defterler', 'Alıştırmalar', 'Slaytlar', 'Sözlük', 'Öğrenci rehberi'):
        assert nav.get_by_text(title, exact=False).count() >= 1, title
    page.screenshot(path=str(ARTIFACTS / 'ana-sayfa.png'))
    assert not blocked, blocked


def test_notebook_page_with_figure_and_launch_menu(site_page):
    page, base, blocked = site_page
    page.goto(f'{base}/defterler/06-egitim.html')
    assert page.locator('h1').first.inner_text().startswith('6. Eğitim')
    img = page.locator('.cell_output img').first
    img.scroll_into_view_if_needed()
    page.wait_for_function('el => el.complete && el.naturalWidth > 100', arg=img.element_handle())
    links = {a.get_attribute('href') for a in page.locator('.dropdown-d2lmini-launch a').all()}
    assert any('colab.research.google.com/github/' in h for h in links), links
    assert any('/v2/gh/' in h for h in links) and any('slides.html' in h for h in links)
    # matematik yerel MathJax ile dizildi
    page.goto(f'{base}/defterler/02-model-parametreleri.html')
    page.locator('mjx-container').first.wait_for(timeout=30_000)
    page.goto(f'{base}/defterler/06-egitim.html')
    img = page.locator('.cell_output img').first
    img.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / 'defter-06.png'))
    assert not blocked, blocked


def test_exercise_page(site_page):
    page, base, blocked = site_page
    page.goto(f'{base}/alistirmalar/03-rnn-modeli.html')
    assert 'Alıştırma' in page.locator('h1').first.inner_text()
    assert page.get_by_text('grader.check', exact=False).count() >= 1
    body = page.locator('article').inner_text()
    assert '# BEGIN SOLUTION' not in body and 'hidden: true' not in body   # öğrenci sürümü
    page.screenshot(path=str(ARTIFACTS / 'alistirma-03.png'))
    assert not blocked, blocked


def test_slide_deck_advances(site_page):
    page, base, blocked = site_page
    page.goto(f'{base}/slaytlar/05-gradyan-kirpma.slides.html')
    page.wait_for_function("() => document.documentElement.classList.contains('d2l-slaytlar-hazir')",
                           timeout=30_000)
    assert page.locator('html').get_attribute('lang') == 'tr'
    first = page.evaluate('() => [Reveal.getIndices().h, Reveal.getIndices().v]')
    total = page.evaluate('() => Reveal.getTotalSlides()')
    assert first == [0, 0] and total >= 10
    page.screenshot(path=str(ARTIFACTS / 'slayt-1.png'))
    page.keyboard.press('ArrowRight')
    page.wait_for_function('() => Reveal.getIndices().h === 1', timeout=10_000)
    title = page.locator('.reveal .slides section.present h2, .reveal .slides section.present h1')
    assert title.first.is_visible()
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / 'slayt-2.png'))
    assert not blocked, blocked
