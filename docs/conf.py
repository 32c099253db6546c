"""Dersin sitesi (make site): Sphinx + myst-nb + sphinx-book-theme.

Bu klasör ``tools/build_site.py`` tarafından ``build/site/src/`` altına kopyalanır; okuma defterleri
(``defterler/``), sözlük ve alıştırmaların öğrenci sürümleri (``alistirmalar/``) oraya
eklenir. Defterler yeniden çalıştırılmaz: site kayıtlı çıktılardan kurulur.
"""
import os
import pathlib
import sys

ROOT = pathlib.Path(os.environ.get('D2LMINI_ROOT', pathlib.Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / '_ext'))
sys.path.insert(0, str(ROOT / 'tools'))

import launch  # noqa: E402  (tools/launch.py: ayarlar ve bağlantılar)

SETTINGS = launch.settings()

project = 'd2lmini: Sıfırdan RNN dil modeli'
author = 'd2lmini'
copyright = 'd2lmini'
release = SETTINGS['version']
language = 'tr'

extensions = ['myst_nb', 'd2lmini_site']
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence', 'deflist']
myst_heading_anchors = 3
# Kayıtlı çıktılar: hiçbir defter yeniden çalıştırılmaz
nb_execution_mode = 'off'
nb_output_stderr = 'show'
# Etkileşimli üretici (ipywidgets) sitede çalışmaz: düz metin karşılığı gösterilir
nb_mime_priority_overrides = [('html', 'application/vnd.jupyter.widget-view+json', None)]
nb_ipywidgets_js = {}   # widget betikleri CDN'den yüklenmez

exclude_patterns = ['_build', '_slides', 'Thumbs.db', '.DS_Store', '**/.ipynb_checkpoints']
templates_path = []
html_static_path = ['_static']
html_css_files = ['d2lmini.css']

html_theme = 'sphinx_book_theme'
html_title = 'd2lmini'
html_baseurl = os.environ.get('D2LMINI_SITE_URL', '')
html_last_updated_fmt = None
# Kaynaklar kopyalanır: her defter sayfasından .ipynb dosyası indirilebilir
html_copy_source = True
html_show_sourcelink = False
html_theme_options = {
    'repository_url': launch.repo_url(SETTINGS),
    'repository_branch': SETTINGS['branch'],
    'use_repository_button': True,
    'use_download_button': True,
    'use_fullscreen_button': True,
    'show_toc_level': 2,
    'navigation_with_keys': False,
    # Başlatma düğmeleri tools/launch.py'den gelir (d2lmini_site): alıştırmaların yolu ve dalı
    # temanın varsaydığı gibi sitenin kaynağıyla aynı değil
}
# Matematik yerel MathJax ile (npm paketi; site ve slaytlar çevrimdışı açılır)
mathjax_path = 'mathjax/tex-chtml.js'
# Alıştırma defterlerinde soru başlıkları (###) bölüm başlığını atlayabilir: biçim, hata değil
suppress_warnings = ['myst.header']
