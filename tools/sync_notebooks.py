"""Defterlerdeki paket kopyalarını paketle eşitler (tek doğruluk kaynağı: d2lmini).

Paketten bir tanımı öğreten defter hücresi, ilk satırında hangi modülün
kopyası olduğunu söyler::

    # d2lmini/rnn.py
    def rnn(inputs, state, params):
        ...

Bu betik böyle işaretli her hücreyi, içindeki tanımların paketteki kaynağıyla
yeniden yazar (sıra korunur). ``--check`` ile hiçbir şey yazmaz; farklı bir
hücre varsa adını yazar ve 1 ile çıkar (sınamalar bunu kullanır).

Kullanım: ``python tools/sync_notebooks.py [--check] [defter ...]``
"""
import argparse
import ast
import importlib
import inspect
import pathlib
import re
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
MARKER = re.compile(r'^# (d2lmini/(\w+)\.py)\s*$')


def marker(cell):
    """Hücre işaretliyse modülün adı (ör. ``'rnn'``), değilse None."""
    if cell.cell_type != 'code' or not cell.source:
        return None
    m = MARKER.match(cell.source.splitlines()[0])
    return m.group(2) if m else None


def definitions(source):
    """Kaynaktaki üst düzey def/class adları; başka bir deyim varsa ValueError."""
    names = []
    for node in ast.parse(source).body:
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            raise ValueError(f'{ast.get_source_segment(source, node)!r}: '
                             'işaretli hücrede yalnızca def/class olabilir')
        names.append(node.name)
    return names


def expected_source(module_name, names):
    """İşaretli hücrenin olması gereken metni: işaret + paketteki kaynaklar."""
    module = importlib.import_module(f'd2lmini.{module_name}')
    parts = []
    for name in names:
        obj = getattr(module, name, None)
        if obj is None or getattr(obj, '__module__', None) != module.__name__:
            raise ValueError(f'{name}, d2lmini/{module_name}.py içinde '
                             'tanımlı değil')
        parts.append(inspect.getsource(obj).rstrip())
    return f'# d2lmini/{module_name}.py\n' + '\n\n\n'.join(parts)


def check_cell(cell):
    """(modül, adlar, beklenen metin) ya da sorun varsa ValueError."""
    module_name = marker(cell)
    names = definitions(cell.source)
    if not names:
        raise ValueError('işaretli hücre hiçbir tanım içermiyor')
    return module_name, names, expected_source(module_name, names)


def sync(path, write):
    """Defterin işaretli hücrelerini denetler/yazar; sorunların listesi."""
    nb = nbformat.read(path, as_version=4)
    problems, changed = [], False
    for i, cell in enumerate(nb.cells):
        if marker(cell) is None:
            continue
        try:
            _, names, expected = check_cell(cell)
        except (ValueError, SyntaxError) as e:
            problems.append(f'{path.name} hücre {i}: {e}')
            continue
        if cell.source != expected:
            if write:
                cell.source, changed = expected, True
            else:
                problems.append(f'{path.name} hücre {i}: {", ".join(names)} '
                                'paketteki kaynaktan farklı')
    if changed:
        nbformat.write(nb, path)
    return problems


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--check', action='store_true',
                   help='yazma, yalnızca denetle (fark varsa çıkış kodu 1)')
    p.add_argument('notebooks', nargs='*', type=pathlib.Path)
    args = p.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / 'notebooks').glob('*.ipynb'))
    problems = [msg for path in paths for msg in sync(path, not args.check)]
    for msg in problems:
        print(msg, file=sys.stderr)
    if problems and args.check:
        print('Düzeltmek için: python tools/sync_notebooks.py', file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
