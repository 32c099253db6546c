"""Defterlerin slayt işaretleri (``metadata.slideshow.slide_type``) ve reveal.js desteleri.

Bir slayt destesi, defterin hücrelerinden ``jupyter nbconvert --to slides`` ile kurulur;
hangi hücrenin yeni bir slayt açtığını hücrenin üst verisi söyler:

- ``slide``: başlık hücresi ve ``##`` ile başlayan her açıklama (yeni bölüm),
- ``subslide``: başlıksız açıklama, öğretilen tanım (``# d2lmini/…`` ile başlayan kod) ve
  şekil çizen kod (aynı bölümün altında yeni bir slayt),
- ``-``: önceki slayda eklenen kısa kod ve çıktısı,
- ``skip``: kurulum ve içe aktarma hücreleri, ``parameters`` hücresi, Colab hücresi ve
  yalnızca ``assert`` ya da ``d2l.claim`` içeren denetim hücreleri.

``python tools/slides.py`` işareti olmayan hücreleri bu kurala göre işaretler; elle
verilmiş bir işarete dokunmaz (eğitmen bir hücreyi başka türlü göstermek isteyebilir).
``--check`` işareti eksik hücre varsa 1 ile çıkar.
"""
import argparse
import pathlib
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / 'notebooks'
SLIDE_TYPES = {'slide', 'subslide', 'fragment', 'skip', 'notes', '-'}


def has_figure(cell):
    return any('image/png' in out.get('data', {}) or 'image/svg+xml' in out.get('data', {})
               for out in cell.get('outputs', []))


def _is_check(source):
    lines = [ln.strip() for ln in source.splitlines() if ln.strip() and not ln.strip().startswith('#')]
    return bool(lines) and all(ln.startswith(('assert', 'd2l.claim', ')', '"', "'", 'f"', "f'"))
                               for ln in lines)


def slide_type_for(cell, index, first_code):
    """Kurala göre bir hücrenin slayt türü (modülün belgesine bakın)."""
    tags = cell.metadata.get('tags', [])
    if cell.cell_type == 'markdown':
        if index == 0 or cell.source.lstrip().startswith('#'):
            return 'slide'
        return 'subslide'
    if cell.cell_type != 'code':
        return 'skip'
    if ('colab-kurulum' in tags or 'parameters' in tags or index == first_code
            or _is_check(cell.source)):
        return 'skip'
    if has_figure(cell) or cell.source.startswith('# d2lmini/'):
        return 'subslide'
    return '-'


def mark(nb):
    """İşareti olmayan hücreleri işaretler; işaretlenen hücre sayısı."""
    code = [i for i, c in enumerate(nb.cells)
            if c.cell_type == 'code' and 'colab-kurulum' not in c.metadata.get('tags', [])]
    first_code = code[0] if code else -1
    changed = 0
    for i, cell in enumerate(nb.cells):
        if 'slide_type' not in cell.metadata.get('slideshow', {}):
            cell.metadata.setdefault('slideshow', {})['slide_type'] = slide_type_for(cell, i, first_code)
            changed += 1
    return changed


def unmarked(nb):
    return [i for i, c in enumerate(nb.cells)
            if c.metadata.get('slideshow', {}).get('slide_type') not in SLIDE_TYPES]


def main(argv=None):
    parser = argparse.ArgumentParser(description='Defter hücrelerinin slayt işaretleri')
    parser.add_argument('--check', action='store_true', help='işaretsiz hücre varsa 1 ile çık')
    parser.add_argument('notebooks', nargs='*', type=pathlib.Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob('[0-9][0-9]-*.ipynb'))
    bad = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if args.check:
            missing = unmarked(nb)
            if missing:
                bad += 1
                print(f'{path.name}: slayt işareti olmayan hücreler {missing} '
                      '(python tools/slides.py)')
        elif mark(nb):
            nbformat.write(nb, path)
            print(f'{path.name}: işaretlendi')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
