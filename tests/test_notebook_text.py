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


# Deponun sözlüğü: notebooks/sozluk.md (Türkçe terim, İngilizce terim, ilk geçtiği defter).
# Öğrenciler onu JupyterLab'de açar; her defterin ilk hücresi ona bağlanır.
GLOSSARY = ROOT / 'notebooks' / 'sozluk.md'


def glossary_rows(path=GLOSSARY):
    """Sözlük tablosunun satırları: [(Türkçe, İngilizce, defter), ...]."""
    rows = []
    for line in path.read_text(encoding='utf-8').splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if line.startswith('|') and len(cells) == 3 and not set(cells[0]) <= set('-'):
            rows.append(tuple(cells))
    return rows[1:]   # başlık satırı


def test_glossary_names_existing_notebooks_and_is_linked_from_every_notebook():
    rows = glossary_rows()
    english = {en for _, en, _ in rows}
    assert {'token', 'perplexity', 'epoch', 'vocabulary', 'corpus', 'sequential partitioning',
            'detach (from the graph)', 'warm-up period', 'temperature'} <= english
    stems = {p.stem for p in NOTEBOOKS}
    assert all(nb in stems for _, _, nb in rows), [r for r in rows if r[2] not in stems]
    unlinked = [p.name for p in NOTEBOOKS
                if '(sozluk.md)' not in nbformat.read(p, as_version=4).cells[0].source]
    assert not unlinked, f'ilk hücresi sözlüğe (sozluk.md) bağlanmayan defterler: {unlinked}'


# Anahtar terimler: her defterde düzyazıdaki ilk geçişinde İngilizcesiyle (*token*) yazılır.
# Türkçe ekler gövdeyi değiştirir (andıç -> andıcın, şaşkınlık -> şaşkınlığı): gövde kalıbı.
KEY_TERMS = {
    r'andı[çc]': 'token',
    r'şaşkınl[ıi][kğ]': 'perplexity',
    r'dönem': 'epoch',
    r'kelime dağarcı[kğ]': 'vocabulary',
    r'derlem': 'corpus',
    r'sıralı bölümleme': 'sequential partitioning',
    r'kopar(?:ıp|ılıp|ılarak) ayr?ı': 'detach',
}


def _prose(markdown):
    """Başlıklar, kod ve LaTeX dışındaki düzyazı (ilk geçiş ondan aranır)."""
    text = '\n'.join(line for line in markdown.splitlines() if not line.startswith('#'))
    return _NOT_PROSE.sub(' ', text)


def first_use_glosses(markdown_cells, english_of=None):
    """Her anahtar terim ilk geçtiği yerde (ardındaki 120 karakterde, aynı paragrafta)
    *İngilizcesiyle* mi?
    Eksik olanların listesi: [(terim, bağlam), ...]."""
    english_of = english_of or KEY_TERMS
    text = '\n\n'.join(_prose(c) for c in markdown_cells)
    missing = []
    for pattern, english in english_of.items():
        m = re.search(pattern, text, re.I)
        window = text[m.start():m.start() + 120].split('\n\n')[0] if m else ''
        if m and f'*{english}' not in window:
            missing.append((english, text[m.start():m.start() + 60].replace('\n', ' ')))
    return missing


def test_first_use_checker():
    assert first_use_glosses(['Bir andıç (*token*) ve andıçlar.']) == []
    assert first_use_glosses(['# Başlıkta andıç\n\nMetinde andıcın (*token*) indisi']) == []
    assert first_use_glosses(['Andıçlar burada.', 'Sonra andıç (*token*).'])[0][0] == 'token'


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_key_terms_glossed_at_first_use(path):
    nb = nbformat.read(path, as_version=4)
    missing = first_use_glosses([c.source for c in nb.cells if c.cell_type == 'markdown'])
    assert not missing, (f'{path.name}: ilk geçişinde İngilizcesi yazılmayan terimler '
                         f'(sözlük: notebooks/sozluk.md): {missing}')


def test_one_hot_titles():
    # "bire bir" Türk matematiğinde "injective" demektir: başlıklar "one-hot (bire bir)" der
    bad = [(p.name, line) for p in NOTEBOOKS
           for c in nbformat.read(p, as_version=4).cells if c.cell_type == 'markdown'
           for line in c.source.splitlines()
           if line.startswith('#') and re.search(r'bire bir kodlama', line, re.I)
           and not re.search(r'one-hot \(bire bir\) kodlama', line, re.I)]
    assert not bad, bad


# Sözlük (notebooks/sozluk.md) ve tutarlılık: yanlış -> doğru
WORDING = {
    r'\bsapma\b': 'bias için "ek" (01-03 gibi)',
    r'\boptimizasyon': '"eniyileme"',
    r'kırpılmış zaman boyunca': '"kesilmiş zaman boyunca geri yayılım"',
    r'\bkahin\b': '"doğruluğu bilinen bir başvuru"',
    r'bit bit aynı': '"bit düzeyinde aynı"',
    r'iyi bir takas': '"iyi bir ödünleşim"',
    r"tanh\$?'(?:i|in|ten|e|le|li)\b": "tanh kalın ünlüyle okunur: 'ı, 'ın, 'tan",
    r'[ıI]sınma dönem': '"ısınma aşaması" (dönem yalnızca epoch)',
    r'\b[Rr]esim': 'grafik için "şekil" ya da "grafik"',
    r'değiştirge': 'fonksiyonun girdisi için "bağımsız değişken"',
    r'[Rr]egresyon': '"bağlanım" (softmax bağlanımı)',
    r'iki yüzlü': '"iki yüzü vardır" (iki yüzlü: ikiyüzlü, riyakâr)',
    r'\b[Bb]u makine|\b[Bb]u projenin|\b[Bb]u depo': 'kayıtlı koşu ve aygıtı ("kayıtlı koşuda")',
}


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_wording_follows_the_glossary(path):
    nb = nbformat.read(path, as_version=4)
    bad = [(i, m.group(0), fix) for i, c in enumerate(nb.cells) if c.cell_type == 'markdown'
           for pattern, fix in WORDING.items() for m in re.finditer(pattern, c.source)]
    assert not bad, f'{path.name}: {bad}'


# Sayıların Türkçe yazımı (d2lmini/numfmt.py): ondalık virgül (0,25; 1,5), binlik nokta
# (10.000; 68.806). Düzyazıda İngilizce yazım ("1.5", "0.25", "60,000") yanlış okunur:
# Türk okur "2,365"i iki virgül üç yüz altmış beş diye okur. Kod, LaTeX ve bağlantı
# adresleri düzyazı değildir; LaTeX ayrıca denetlenir (ondalık virgül {,} ile yazılır).
# Kod hücrelerinin kayıtlı çıktıları taranmaz: tensör gösterimleri (tensor([0.1, ...]))
# Python'un kendi yazımıdır ve onları düzyazı satırlarından kesin ayırmak mümkün değil.
_NOT_PROSE = re.compile(
    r'```.*?```'                       # çitli kod
    r'|`[^`\n]*`'                      # satır içi kod
    r'|\$\$.*?\$\$|\$[^$]*\$'          # LaTeX (ayrıca denetlenir)
    r'|\\\(.*?\\\)|\\\[.*?\\\]'
    r'|\]\([^)\s]*\)'                  # bağlantı adresi: [metin](adres)
    r'|</?[A-Za-z][^>\n]*>'            # HTML etiketi
    r'|https?://\S+',
    re.S)
_MATH = re.compile(r'\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]', re.S)
_NUMBER = re.compile(r'(?<![\w.,])\d+(?:[.,]\d+)+(?!\w)|(?<![\w.,])\d{5,}(?![\w.,]\d)')
# Sürüm numaraları sayı değildir: "Python 3.11", "d2l 0.17", "torch 2.3"
_VERSION_BEFORE = re.compile(
    r'(?:python|d2l|torch|pytorch|numpy|matplotlib|jupyterlab|ipywidgets|nbformat|'
    r'sürüm(?:ü|de|ünde)?|version|v|§|bölüm(?:ü|ünde)?)\s*$', re.I)


def _english(token):
    """Türkçe yazıma uymayan bir sayı mı? (10.000 ve 1,125 Türkçedir.)"""
    if '.' in token and ',' in token:                      # 1.234,5 Türkçe, 1,234.5 değil
        return not re.fullmatch(r'\d{1,3}(\.\d{3})+,\d+', token)
    if '.' in token:
        head, *groups = token.split('.')
        if len(groups) > 1 and any(len(g) != 3 for g in groups):
            return False                                    # 0.17.6, 127.0.0.1, 28.11.2026
        # binlik nokta: 10.000, 1.234.567; "1.5", "0.25", "1.0000" İngilizce ondalık
        return not (len(head) <= 3 and all(len(g) == 3 for g in groups))
    if ',' in token:
        head, *groups = token.split(',')
        # "60,000", "68,806", "1,000,000" İngilizce binlik; "1,125" Türkçe ondalık olabilir
        return len(groups) > 1 or (len(groups[0]) == 3 and (len(head) >= 2 or groups[0] == '000'))
    return len(token) >= 5                                  # 10000 yerine 10.000


def english_numbers(markdown):
    """Markdown düzyazısında ve LaTeX'inde Türkçe yazıma uymayan sayılar (liste)."""
    prose = _NOT_PROSE.sub(' ', markdown)
    found = [m.group(0) for m in _NUMBER.finditer(prose)
             if _english(m.group(0))
             and not _VERSION_BEFORE.search(prose[max(0, m.start() - 20):m.start()])]
    # LaTeX'te ondalık ayırıcı {,} olmalı: $0{,}01$ ($0.01$ İngilizce, $0,01$ fazladan boşluklu)
    for m in _MATH.finditer(re.sub(r'```.*?```|`[^`\n]*`', ' ', markdown, flags=re.S)):
        found += [f'{d.group(0)} ({m.group(0)})'
                  for d in re.finditer(r'\d+[.,]\d+', m.group(0))]
    return found


def test_number_checker_flags_english_style_and_spares_turkish():
    bad = ('Şaşkınlığı 1.5 olan model; normlar 0.1 ile 0.4 arasında; %4.9; 4.9%; 60,000 '
           'andıç/sn; 68,806; 1,234.5; 10000 andıç; 1.0000; $\\theta = 0.3$ ve $0,01$')
    assert english_numbers(bad) == ['1.5', '0.1', '0.4', '4.9', '4.9', '60,000', '68,806',
                                    '1,234.5', '10000', '1.0000',
                                    '0.3 ($\\theta = 0.3$)', '0,01 ($0,01$)']
    good = ('Şaşkınlığı 1,5; 0,25; %4,9; 60.473 andıç/sn; 10.000 andıç; 1.800 kat; 1,12 kat; '
            '1.234,5; 1,125; 1800 yılı; `lr=0.25` kodda; $0{,}01^2$; d2l 0.17.6, d2l 0.17; '
            'Python 3.11; 127.0.0.1; 09. defter; 2. alıştırma; [bağlantı](https://x.org/a/1.5)\n'
            '```python\nx = 0.25\n```\n| tablo | 1,0 | 68.806 |')
    assert english_numbers(good) == []


@pytest.mark.parametrize('path', NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_numbers_are_written_the_turkish_way(path):
    nb = nbformat.read(path, as_version=4)
    bad = [(i, found) for i, c in enumerate(nb.cells) if c.cell_type == 'markdown'
           for found in english_numbers(c.source)]
    assert not bad, (f'{path.name}: sayılar Türkçe yazılmalı (ondalık virgül 1,5; binlik '
                     f'nokta 10.000; LaTeX\'te 0{{,}}01). (hücre, sayı): {bad}')
