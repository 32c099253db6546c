"""Dersin sitesi (tools/build_site.py) ve slaytlar (tools/slides.py): denetçinin kendisi ve
defterlerin slayt işaretleri. Sitenin kendisini tarayıcıda tests/test_site_browser.py açar."""
import os
import pathlib
import re
import sys

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
import build_site as site_tool  # noqa: E402
import slides  # noqa: E402

NOTEBOOKS = sorted((ROOT / 'notebooks').glob('[0-9][0-9]-*.ipynb'))


# --- Denetçi: kırık bağlantı, çapa, eksik sayfa, dış kaynak, dil ------------------------

def _page(path, body, lang='tr', head=''):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{body}'
                    '</body></html>', encoding='utf-8')


@pytest.fixture
def tiny_site(tmp_path):
    """Denetçinin beklediği bütün sayfaları olan küçük, sağlam bir site."""
    nb = [tmp_path / 'nb' / '01-bir.ipynb']
    ex = [tmp_path / 'ex' / '01-bir.ipynb']
    html = tmp_path / 'html'
    _page(html / 'index.html', '<a href="defterler/01-bir.html#baslik">1</a>'
          '<a href="https://d2l.ai/">dış bağlantı serbest</a><a href="#">yukarı</a>',
          head='<link rel="stylesheet" href="_static/a.css">')
    (html / '_static').mkdir()
    (html / '_static' / 'a.css').write_text('/* https://ornek.org yorum */ body {}')
    _page(html / 'defterler' / '01-bir.html', '<h1 id="baslik">Bir</h1><a href="sozluk.html">s</a>'
          '<a href="../slaytlar/01-bir.slides.html#/2">slayt</a>')
    _page(html / 'defterler' / 'sozluk.html', '<a href="../index.html">ana</a>')
    _page(html / 'slaytlar' / '01-bir.slides.html', '<h2 id="%C3%96zet">Özet</h2>'
          '<a href="#%C3%96zet">özet</a>', head='<script src="reveal.js/dist/reveal.js"></script>')
    (html / 'slaytlar' / 'reveal.js' / 'dist').mkdir(parents=True)
    (html / 'slaytlar' / 'reveal.js' / 'dist' / 'reveal.js').write_text('')
    _page(html / 'alistirmalar' / '01-bir.html', '<a href="../defterler/">defterler</a>')
    (html / 'defterler' / 'index.html').write_text('<html lang="tr"></html>')
    return html, nb, ex


def test_a_sound_site_passes(tiny_site):
    html, nb, ex = tiny_site
    assert site_tool.check_site(html, nb, ex) == []


@pytest.mark.parametrize('breakage, expected', [
    (lambda h: (h / 'defterler' / 'sozluk.html').unlink(), 'eksik sayfa: defterler/sozluk.html'),
    (lambda h: (h / 'slaytlar' / '01-bir.slides.html').unlink(), 'eksik sayfa: slaytlar/01-bir'),
    (lambda h: _page(h / 'extra.html', '<a href="defterler/yok.html">x</a>'), 'kırık bağlantı'),
    (lambda h: _page(h / 'extra.html', '<a href="defterler/01-bir.html#yok">x</a>'), 'kırık çapa'),
    (lambda h: _page(h / 'extra.html', '<a href="#yok">x</a>'), 'kırık çapa'),
    (lambda h: _page(h / 'extra.html', '', head='<script src="https://cdn.ornek.org/x.js"></script>'),
     'dışarıdan yüklenen kaynak https://cdn.ornek.org/x.js'),
    (lambda h: _page(h / 'extra.html', '<img src="//cdn.ornek.org/x.png">'), 'dışarıdan yüklenen'),
    (lambda h: (h / '_static' / 'b.css').write_text('@import url(https://fonts.ornek.org/f);'),
     'dışarıdan yüklenen kaynak https://fonts.ornek.org/f'),
    (lambda h: _page(h / 'extra.html', '', lang='en'), '<html lang="tr"> değil'),
    (lambda h: _page(h / 'extra.html', '<a href="../../disari.html">x</a>'), 'sitenin dışına'),
])
def test_the_checker_catches(tiny_site, breakage, expected):
    html, nb, ex = tiny_site
    breakage(html)
    problems = site_tool.check_site(html, nb, ex)
    assert any(expected in p for p in problems), problems


def test_slide_links_point_to_site_pages():
    text = ('[sozluk.md](sozluk.md), [06](06-egitim.ipynb#Özet), [dış](https://x.org/a.md), '
            '[çapa](#a)')
    out = site_tool.LOCAL_LINK.sub(site_tool._to_site_page, text)
    assert out == ('[sozluk.md](../defterler/sozluk.html), [06](../defterler/06-egitim.html#Özet), '
                   '[dış](https://x.org/a.md), [çapa](#a)')


# --- Slayt işaretleri ----------------------------------------------------------------------

@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_cell_has_a_slide_type(path):
    nb = nbformat.read(path, as_version=4)
    assert slides.unmarked(nb) == [], f'{path.name}: python tools/slides.py'
    types = [c.metadata['slideshow']['slide_type'] for c in nb.cells]
    assert types[0] == 'slide'                               # başlık
    assert types.count('slide') + types.count('subslide') >= 8
    for cell, kind in zip(nb.cells, types):
        if cell.cell_type == 'code' and slides.has_figure(cell):
            assert kind in ('slide', 'subslide', '-', 'fragment'), 'şekil slaytta görünmeli'
        if 'colab-kurulum' in cell.metadata.get('tags', []):
            assert kind == 'skip'


def test_the_rule():
    md = nbformat.v4.new_markdown_cell
    code = nbformat.v4.new_code_cell
    assert slides.slide_type_for(md('# Başlık'), 0, 2) == 'slide'
    assert slides.slide_type_for(md('## Bölüm'), 5, 2) == 'slide'
    assert slides.slide_type_for(md('Açıklama'), 5, 2) == 'subslide'
    assert slides.slide_type_for(code('import torch'), 2, 2) == 'skip'    # kurulum hücresi
    assert slides.slide_type_for(code('assert x < 1.3'), 7, 2) == 'skip'
    assert slides.slide_type_for(code('# d2lmini/rnn.py\ndef rnn(): pass'), 7, 2) == 'subslide'
    assert slides.slide_type_for(code('x.shape'), 7, 2) == '-'
    fig = code('plt.plot(x)')
    fig.outputs = [nbformat.v4.new_output('display_data', data={'image/png': 'iVBOR'})]
    assert slides.slide_type_for(fig, 7, 2) == 'subslide'
    nb = nbformat.v4.new_notebook(cells=[md('# T'), code('x')])
    nb.cells[1].metadata['slideshow'] = {'slide_type': 'fragment'}   # elle verilene dokunulmaz
    assert slides.mark(nb) == 1 and nb.cells[1].metadata['slideshow']['slide_type'] == 'fragment'


def test_a_deck_is_offline_and_has_slides(tmp_path):
    if not (ROOT / 'node_modules' / 'reveal.js' / 'dist' / 'reveal.js').exists():
        if os.environ.get('CI'):
            pytest.fail('node_modules/reveal.js yok: make npm-tools')
        pytest.skip('node_modules/reveal.js yok (make npm-tools)')
    (deck,) = site_tool.build_decks(tmp_path, [ROOT / 'notebooks' / '05-gradyan-kirpma.ipynb'])
    text = deck.read_text(encoding='utf-8')
    assert '<html lang="tr">' in text
    assert len(re.findall(r'<section', text)) >= 10
    assert 'src="reveal.js/dist/reveal.js"' in text
    assert (tmp_path / 'slaytlar' / 'reveal.js' / 'dist' / 'reveal.js').exists()
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', text)   # hiçbir şey dışarıdan yüklenmez
    assert 'd2lmini kuruluyor' not in text                           # Colab hücresi yok
    assert 'data:image/png;base64' in text                           # şekiller slaytta


# --- README: yeni gelenin rehberi -----------------------------------------------------------

README = ROOT / 'README.md'
# Depo nasıl hazırlandı değil, ders ve ölçülen koşular: bu sözler README'de ve sitede olmaz
PREPARATION = re.compile(r'hazırlayan|oturumunda|oturumda GPU|bu deponun|bu projenin|'
                         r'eski betikle|önceki düzende|when this was set up|this repo\'s', re.I)


def test_readme_is_a_short_guide_whose_links_resolve():
    text = README.read_text(encoding='utf-8')
    assert len(text.splitlines()) <= 150
    assert '\n## English\n' in text and '\n## Başlarken\n' in text
    links = re.findall(r'\]\(([^)#\s]+)', text)
    assert any(link.startswith('docs/') for link in links)
    missing = [link for link in links if not link.startswith('http') and not (ROOT / link).exists()]
    assert not missing, missing


def test_no_page_speaks_of_how_the_repository_was_prepared():
    pages = [README, *sorted((ROOT / 'docs').rglob('*.md'))]
    bad = [(p.relative_to(ROOT).as_posix(), m.group(0)) for p in pages
           for m in PREPARATION.finditer(p.read_text(encoding='utf-8'))]
    assert not bad, bad
