"""Defterlerin metni: JupyterLab'de yanlış görünen Markdown, sözlükten sapan terimler."""
import pathlib
import re

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.ipynb'))
ITEM = re.compile(r'^\s*(\d+[.)]|[-*+])\s')


def accidental_list_items(markdown):
    """Sarılmış bir satırın başına düşen "09. defterde" gibi sayılar: JupyterLab
    onları liste maddesi (ya da bir maddenin içinde iç içe liste) yapar.
    Gerçek bir madde boş satırdan ya da iki noktayla biten bir satırdan sonra,
    ya da aynı girintideki bir önceki maddenin kardeşi olarak gelir. (satır no, satır) listesi."""
    found, previous, item_indent, fenced = [], '', None, False
    for n, line in enumerate(markdown.splitlines(), 1):
        if line.lstrip().startswith('```'):
            fenced = not fenced
        if fenced or not line.strip():
            item_indent = None if not line.strip() and not fenced else item_indent
            previous = line
            continue
        indent = len(line) - len(line.lstrip())
        if ITEM.match(line):
            numbered = re.match(r'^\s*\d+[.)]\s', line)
            sibling = item_indent is not None and indent == item_indent
            introduced = previous.rstrip().endswith(':')   # "…teknik:" + liste
            if numbered and previous.strip() and not (sibling or introduced):
                found.append((n, line.strip()))
            else:
                item_indent = indent
        previous = line
    return found


def test_checker_finds_wrapped_numbers_and_spares_real_lists():
    text = ('Bu soruyu\n09. defterde yanıtlayacağız.\n\n'
            '1. bir\n2. iki\n   sürer\n3. üç\n\nMetin:\n\n1. madde\n'
            '- nokta, yanıtı\n   09. defterde\n- teknikler:\n  1. bir\n  2. iki\n')
    assert accidental_list_items(text) == [(2, '09. defterde yanıtlayacağız.'),
                                            (13, '09. defterde')]


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_no_accidental_list_items(path):
    nb = nbformat.read(path, as_version=4)
    bad = [(i, n, line) for i, c in enumerate(nb.cells) if c.cell_type == 'markdown'
           for n, line in accidental_list_items(c.source)]
    assert not bad, (f'{path.name}: sarılmış satır bir sayıyla başlıyor, JupyterLab onu liste '
                     f'maddesi yapar (hücre, satır, metin): {bad}')


# Sözlük (shared/COURSE.md) ve tutarlılık: yanlış -> doğru
WORDING = {
    r'\bsapma\b': 'bias için "ek" (01-03 gibi)',
    r'\boptimizasyon': '"eniyileme"',
    r'kırpılmış zaman boyunca': '"kesilmiş zaman boyunca geri yayılım"',
    r'\bkahin\b': '"doğruluğu bilinen bir başvuru"',
    r'bit bit aynı': '"bit düzeyinde aynı"',
    r'iyi bir takas': '"iyi bir ödünleşim"',
    r"tanh\$?'(?:i|in|ten|e|le|li)\b": "tanh kalın ünlüyle okunur: 'ı, 'ın, 'tan",
}


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_wording_follows_the_glossary(path):
    nb = nbformat.read(path, as_version=4)
    bad = [(i, m.group(0), fix) for i, c in enumerate(nb.cells) if c.cell_type == 'markdown'
           for pattern, fix in WORDING.items() for m in re.finditer(pattern, c.source)]
    assert not bad, f'{path.name}: {bad}'
