"""Alıştırma defteri gerçek bir tarayıcıda: öğrencinin yaptığı gibi.

JupyterLab (``make lab``'ın başlatıcısı ``tools/lab.py``, 127.0.0.1, belirteçle; ilk açılış:
kullanıcı ayarları boş) bir öğrenci defterini açar. Arayüz Türkçedir ve hiçbir açılır pencere
(ör. "Jupyter haberleri" sorusu) çıkmaz. Bütün hücreler menüden çalıştırılır (boş defter hata
vermez), cevap hücresine yanlış bir çözüm yazılır, denetim Türkçe tanıyı gösterir (otter'ın
İngilizce çerçevesi, satır numarası, denetim fonksiyonlarının adları olmadan); doğru çözüm
yazılınca denetim ve defterin sonundaki özet TAMAM der. Ekran görüntüleri artifacts/browser/
altında. Yardımcılar tests/test_browser.py'den.
"""
import pathlib
import sys

import pytest

from test_browser import (ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, _require_browser,
                          _run_all_cells, _wait_for_completion, running_lab)

pytestmark = pytest.mark.browser

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / 'tools'))
import exercises as ex  # noqa: E402

NOTEBOOK = '01-bire-bir-kodlama.ipynb'
# Türkçe menü çubuğu (jupyterlab-language-pack-tr-TR, d2lmini/lab_ayarlari/overrides.json)
MENUS = ['Dosya', 'Düzenle', 'Görünüm', 'Çalıştır', 'Çekirdek', 'Ayarlar', 'Yardım']
# Öğrencinin hiçbir yerde görmemesi gerekenler: otter'ın çerçevesi, denetimin iç adları
FORBIDDEN = ['results', 'Test case failed', 'Error at line', 'Traceback', '_acik', 'denetim.',
             'yargila', 'passed', 'failed']
WRONG = 'def one_hot_inputs(X, vocab_size):\n    return F.one_hot(X, vocab_size).float()\n'
RIGHT = 'def one_hot_inputs(X, vocab_size):\n    return F.one_hot(X.T, vocab_size).float()\n'


@pytest.fixture
def exercise_lab(tmp_path):
    _require_browser()
    root = tmp_path / 'calisma'
    ex.workspace(root, tmp_path / 'uretim')
    with running_lab(root, tmp_path) as (base, token):
        yield base, token, root


def _write_and_check(page, answer, source):
    """Cevap hücresinin metnini değiştirir; onu ve altındaki denetimi çalıştırır."""
    editor = answer.locator('.cm-content')
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press('Control+a')
    page.keyboard.press('Delete')
    page.keyboard.insert_text(source)   # tuş tuş değil: otomatik girinti/parantez karışmasın
    page.keyboard.press('Shift+Enter')   # cevap hücresi; seçim denetim hücresine geçer
    page.keyboard.press('Shift+Enter')   # grader.check(...)


def _no_english_frame(text):
    found = [w for w in FORBIDDEN if w in text]
    assert not found, f'denetimin yanıtında {found}: {text}'


def test_student_fixes_a_wrong_solution(exercise_lab):
    from playwright.sync_api import sync_playwright

    base, token, root = exercise_lab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    import nbformat
    code = [c for c in nbformat.read(root / NOTEBOOK, 4).cells if c.cell_type == 'code']
    n_code = len(code)
    ANSWER = next(i for i, c in enumerate(code)
                  if 'otter_answer_cell' in c.metadata.get('tags', []))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={'width': 1280, 'height': 1000})
            page.goto(f'{base}/lab/tree/{NOTEBOOK}?token={token}')
            page.locator('.jp-Notebook .jp-CodeCell').first.wait_for(timeout=60_000)
            page.get_by_text('| Idle').first.wait_for(timeout=60_000)
            # arayüz Türkçe; ilk açılışta açılır pencere yok (haber sorusu uygulama hazır
            # olunca, bir bildirim olarak çıkardı)
            labels = page.locator('.lm-MenuBar-itemLabel').all_inner_texts()
            assert all(m in labels for m in MENUS) and 'File' not in labels, labels
            page.wait_for_timeout(3_000)
            toasts = page.locator('.Toastify__toast').all_inner_texts()
            assert not toasts, f'açılır bildirim: {toasts}'
            assert page.locator('.jp-Dialog').count() == 0
            _run_all_cells(page)
            _wait_for_completion(page, n_code)
            cells = page.locator('.jp-Notebook .jp-CodeCell')
            answer, check = cells.nth(ANSWER), cells.nth(ANSWER + 1)
            summary = cells.nth(n_code - 1)
            answer.scroll_into_view_if_needed()
            assert 'def one_hot_inputs' in answer.locator('.jp-InputArea').inner_text()
            assert 'grader.check("one_hot_inputs")' in check.locator('.jp-InputArea').inner_text()
            # boş defter: denetim "henüz yazılmadı" der
            text = check.locator('.jp-OutputArea').inner_text()
            assert 'Soru one_hot_inputs: EKSİK' in text and 'henüz yazılmadı' in text, text
            _no_english_frame(text)

            _write_and_check(page, answer, WRONG)
            out = check.locator('.jp-OutputArea')
            out.get_by_text('devrik (transpoz) eksik').wait_for(timeout=30_000)
            text = out.inner_text()
            assert 'Soru one_hot_inputs: EKSİK' in text, text
            assert 'Olası hata' in text and '(adım, minigrup, V)' in text, text
            _no_english_frame(text)
            check.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / 'alistirma-yanlis.png'), full_page=True)

            _write_and_check(page, answer, RIGHT)
            out.get_by_text('Soru one_hot_inputs: TAMAM').wait_for(timeout=30_000)
            text = out.inner_text()
            assert 'EKSİK' not in text and 'Olası hata' not in text, text
            _no_english_frame(text)

            # defterin sonundaki özet: bütün sorular ve puanları
            summary.locator('.cm-content').click()
            page.keyboard.press('Shift+Enter')
            summary.locator('.jp-OutputArea').get_by_text('TAMAM: 1 / 1 soru').wait_for(
                timeout=30_000)
            text = summary.locator('.jp-OutputArea').inner_text()
            assert 'Açık denetimlere göre 2 / 2 puan' in text, text
            _no_english_frame(text)
            summary.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / 'alistirma-dogru.png'), full_page=True)
            # oturum boyunca da hiçbir bildirim açılmadı
            assert not page.locator('.Toastify__toast').all_inner_texts()
        finally:
            browser.close()
