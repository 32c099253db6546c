"""Dersin sitesi: ``make site`` (kayıtlı çıktılardan; hiçbir defter yeniden çalıştırılmaz).

    python tools/build_site.py [--out build/site] [--linkcheck]

1. ``docs/`` klasörü ``build/site/src/`` altına kopyalanır; okuma defterleri ve sözlük
   ``defterler/``, alıştırmaların öğrenci sürümleri (``tools/exercises.py build``'in çıktısı,
   ``build/exercises/ogrenci/``) ``alistirmalar/`` altına eklenir; MathJax npm paketinden.
2. Sphinx (myst-nb, sphinx-book-theme) ``-n -W`` ile kurar: her uyarı, ör. kırık bir iç
   bağlantı ya da içindekilere girmeyen bir sayfa, hatadır. Çıktı ``build/site/html/``.
3. Her okuma defterinden bir reveal.js destesi: ``html/slaytlar/<defter>.slides.html``;
   reveal.js ve MathJax sitenin içinden gelir (npm paketleri), hiçbir CDN'den değil.
4. Denetim: her defterin, alıştırmanın ve destenin sayfası var; sitedeki her iç bağlantı ve
   çapa (``#…``) var olan bir dosyaya ve kimliğe gider; hiçbir sayfa betiğini ya da stilini
   dışarıdan yüklemez. Bir sorun varsa çıkış kodu 1.

``--linkcheck``: ayrıca Sphinx'in ``linkcheck``'i dış bağlantılara gider (internet ister; yalnız
zamanlanmış iş akışında, ``.github/workflows/links.yml``).
"""
import argparse
import html.parser
import os
import pathlib
import posixpath
import re
import shutil
import subprocess
import sys
import time
from urllib.parse import unquote, urlsplit

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / 'docs'
NOTEBOOKS = ROOT / 'notebooks'
STUDENT = ROOT / 'build' / 'exercises' / 'ogrenci'
NODE = ROOT / 'node_modules'
OUT = ROOT / 'build' / 'site'
# MathJax'in sitede gereken parçaları (es5/ altında): bileşik dosya, yazı tipleri ve
# gerektiğinde yüklenen TeX eklentileri, menü
MATHJAX_PARTS = ['tex-chtml.js', 'output/chtml/fonts/woff-v2', 'input/tex/extensions', 'ui',
                 'a11y']
# reveal.js'in destelerde gereken parçaları; 'white' teması yazı tipini yerelden alır
# (başka temalar Google Fonts'u içe aktarır)
REVEAL_PARTS = ['dist/reveal.js', 'dist/reveal.css', 'dist/reset.css', 'dist/theme/white.css',
                'dist/theme/fonts/source-sans-pro', 'plugin/notes/notes.js', 'LICENSE']
# Eski tarayıcıların yazı tipi biçimleri kopyalanmaz
SKIP_FILES = shutil.ignore_patterns('*.eot', '*.ttf', '*.map', '__pycache__')


def reading_notebooks():
    return sorted(NOTEBOOKS.glob('[0-9][0-9]-*.ipynb'))


def student_notebooks(folder=STUDENT):
    return sorted(pathlib.Path(folder).glob('[0-9][0-9]-*.ipynb'))


def _copy_parts(src, dst, parts):
    for part in parts:
        s, d = src / part, dst / part
        if not s.exists():
            raise SystemExit(f'{s} yok: npm paketleri kurulu değil (make site ya da npm ci)')
        d.parent.mkdir(parents=True, exist_ok=True)
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True, ignore=SKIP_FILES)
        else:
            shutil.copy2(s, d)


# --- 1. Kaynak ---------------------------------------------------------------------------

def stage(src, student=STUDENT):
    """Sitenin kaynağını ``src`` altına kurar."""
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns('_slides', '__pycache__'))
    for nb in reading_notebooks():
        shutil.copy2(nb, src / 'defterler' / nb.name)
    shutil.copy2(NOTEBOOKS / 'sozluk.md', src / 'defterler' / 'sozluk.md')
    exercises = student_notebooks(student)
    if not exercises:
        raise SystemExit(f'{student} içinde alıştırma yok: önce tools/exercises.py build '
                         '(make site bunu yapar)')
    for nb in exercises:
        shutil.copy2(nb, src / 'alistirmalar' / nb.name)
    _copy_parts(NODE / 'mathjax' / 'es5', src / '_static' / 'mathjax', MATHJAX_PARTS)
    slides = src / 'slaytlar.md'
    items = '\n'.join(f'<li><a href="slaytlar/{nb.stem}.slides.html">{title_of(nb)}</a></li>'
                      for nb in reading_notebooks())
    slides.write_text(slides.read_text(encoding='utf-8').replace('SLAYT_LISTESI', items),
                      encoding='utf-8')


def title_of(path):
    """Defterin ilk başlığı (ör. '6. Eğitim')."""
    import html as html_lib
    import nbformat
    nb = nbformat.read(path, as_version=4)
    for line in nb.cells[0].source.splitlines():
        if line.startswith('# '):
            return html_lib.escape(line[2:].strip())
    return path.stem


# --- 2. Sphinx ---------------------------------------------------------------------------

def sphinx(src, out, builder='html', strict=True):
    cmd = [sys.executable, '-m', 'sphinx', '-b', builder, '-q']
    if strict:
        cmd += ['-n', '-W', '--keep-going']
    cmd += [str(src), str(out)]
    env = dict(os.environ, D2LMINI_ROOT=str(ROOT), PYTHONDONTWRITEBYTECODE='1')
    return subprocess.run(cmd, env=env).returncode


# --- 3. Slaytlar -------------------------------------------------------------------------

# Defterin yanındaki bir dosyaya bağlantı: [sözlük](sozluk.md), [06](06-egitim.ipynb)
LOCAL_LINK = re.compile(r'\]\((?![a-z]+:|#|/)([^)\s#]+)\.(md|ipynb)(#[^)\s]*)?\)')


def _to_site_page(m):
    """Slayttaki yerel bağlantı sitedeki sayfaya gider (desteler slaytlar/ altında)."""
    return f'](../defterler/{m.group(1)}.html{m.group(3) or ""})'


def build_decks(html_dir, notebooks=None):
    """Her defterden bir reveal.js destesi; yazılan dosyaların listesi."""
    import nbformat
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    out = html_dir / 'slaytlar'
    out.mkdir(parents=True, exist_ok=True)
    _copy_parts(NODE / 'reveal.js', out / 'reveal.js', REVEAL_PARTS)
    c = Config()
    c.SlidesExporter.reveal_url_prefix = 'reveal.js'
    c.SlidesExporter.reveal_theme = 'white'
    c.SlidesExporter.language_code = 'tr'
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    c.TagRemovePreprocessor.remove_cell_tags = {'remove-cell'}
    c.TagRemovePreprocessor.enabled = True   # Colab hücresi slaytlarda da yok
    exporter = SlidesExporter(config=c, template_name='reveal',
                              extra_template_paths=[str(DOCS / '_slides')],
                              template_file='d2lmini.html.j2')
    written = []
    for path in notebooks or reading_notebooks():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == 'markdown':
                cell.source = LOCAL_LINK.sub(_to_site_page, cell.source)
        body, _ = exporter.from_notebook_node(
            nb, resources={'d2lmini': {'mathjax_url': '../_static/mathjax/tex-chtml.js'},
                           'metadata': {'name': path.stem}})
        target = out / f'{path.stem}.slides.html'
        target.write_text(body, encoding='utf-8')
        written.append(target)
    return written


# --- 4. Denetim --------------------------------------------------------------------------

class _Page(html.parser.HTMLParser):
    """Bir HTML sayfasının kimlikleri, bağlantıları ve dışarıdan yüklediği kaynaklar."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.external = set(), [], []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'html':
            self.lang = a.get('lang')
        for key in ('id', 'name'):
            if a.get(key) and (key == 'id' or tag == 'a'):
                self.ids.add(a[key])
        for key in ('href', 'src'):
            value = a.get(key)
            if not value:
                continue
            if urlsplit(value).scheme in ('http', 'https') or value.startswith('//'):
                # Yüklenen kaynaklar (betik, stil, resim, yazı tipi) yerel olmalı; bağlantılar
                # (<a>) dışarı gidebilir: onları zamanlanmış linkcheck denetler
                if tag in ('script', 'img', 'iframe') or (tag == 'link' and
                                                          a.get('rel') != ['canonical']):
                    self.external.append(value)
            else:
                self.links.append((tag, value))


def check_site(html_dir, notebooks=None, exercises=None):
    """Sitenin sorunlarının listesi (boşsa site tamam)."""
    html_dir = pathlib.Path(html_dir)
    problems = []
    expected = [f'defterler/{p.stem}.html' for p in (notebooks or reading_notebooks())]
    expected += [f'slaytlar/{p.stem}.slides.html' for p in (notebooks or reading_notebooks())]
    expected += [f'alistirmalar/{p.stem}.html' for p in (exercises or student_notebooks())]
    expected += ['index.html', 'defterler/sozluk.html']
    problems += [f'sitede eksik sayfa: {page}' for page in expected
                 if not (html_dir / page).is_file()]

    # Stil dosyaları da dışarıdan bir şey içe aktarmamalı (ör. Google Fonts)
    for css in sorted(html_dir.rglob('*.css')):
        text = re.sub(r'/\*.*?\*/', '', css.read_text(encoding='utf-8', errors='replace'), flags=re.S)
        problems += [f'{css.relative_to(html_dir)}: dışarıdan yüklenen kaynak {m}'
                     for m in re.findall(r'url\(\s*[\'"]?((?:https?:)?//[^)\'"]+)', text)]
    pages = {}
    for path in sorted(html_dir.rglob('*.html')):
        if path.relative_to(html_dir).parts[0] in ('_static', '_sources'):
            continue   # temaların şablon parçaları, sayfa değil
        parser = _Page()
        parser.feed(path.read_text(encoding='utf-8', errors='replace'))
        pages[path.relative_to(html_dir).as_posix()] = parser
    for name, page in pages.items():
        if page.lang != 'tr' and not name.startswith('slaytlar/reveal.js/'):
            problems.append(f'{name}: <html lang="tr"> değil ({page.lang!r})')
        problems += [f'{name}: dışarıdan yüklenen kaynak {url}' for url in page.external]
        for tag, link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(('mailto:', 'javascript:', 'data:')):
                continue
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name),
                                                           unquote(parts.path)))
                if target.startswith('..'):
                    problems.append(f'{name}: sitenin dışına giden bağlantı {link}')
                    continue
                if (html_dir / target).is_dir():
                    target = posixpath.join(target, 'index.html')
            else:
                target = name
            if not (html_dir / target).exists():
                problems.append(f'{name}: kırık bağlantı {link} ({target} yok)')
            elif parts.fragment and target in pages and target.endswith('.html'):
                anchor = unquote(parts.fragment)
                ids = pages[target].ids   # nbconvert yüzde kodlu kimlik yazar: ikisi de olur
                if anchor not in ids and parts.fragment not in ids and not anchor.startswith('/'):
                    problems.append(f'{name}: kırık çapa {link} ({target} içinde #{anchor} yok)')
    return problems


def size_of(folder):
    return sum(p.stat().st_size for p in pathlib.Path(folder).rglob('*') if p.is_file())


def build(out=OUT, student=STUDENT, linkcheck=False):
    start = time.monotonic()
    src, html_dir = out / 'src', out / 'html'
    stage(src, student)
    if html_dir.exists():
        shutil.rmtree(html_dir)
    if sphinx(src, html_dir) != 0:
        print('site: Sphinx uyarı ya da hata verdi (yukarıda)', file=sys.stderr)
        return 1
    decks = build_decks(html_dir)
    (html_dir / '.nojekyll').write_text('')
    problems = check_site(html_dir, exercises=student_notebooks(student))
    for p in problems:
        print(f'site: {p}', file=sys.stderr)
    if problems:
        return 1
    if linkcheck and sphinx(src, out / 'linkcheck', builder='linkcheck', strict=False) != 0:
        print(f'site: dış bağlantılarda sorun: {out / "linkcheck" / "output.txt"}',
              file=sys.stderr)
        return 1
    pages = len(list(html_dir.rglob('*.html')))
    print(f'site: {html_dir} ({pages} sayfa, {len(decks)} slayt destesi, '
          f'{size_of(html_dir) / 2**20:.1f} MiB) {time.monotonic() - start:.0f} sn')
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description='Dersin sitesi (kayıtlı çıktılardan)')
    parser.add_argument('--out', type=pathlib.Path, default=OUT)
    parser.add_argument('--student', type=pathlib.Path, default=STUDENT,
                        help='alıştırmaların öğrenci sürümleri (tools/exercises.py build)')
    parser.add_argument('--linkcheck', action='store_true',
                        help="dış bağlantıları da denetle (internet ister)")
    args = parser.parse_args(argv)
    return build(args.out, args.student, args.linkcheck)


if __name__ == '__main__':
    sys.exit(main())
