"""Hızlı katmanın defter kopyalarını yazar: ``build/quick/*.ipynb``.

Kullanım (deponun kökünde): ``python tools/quick_notebooks.py [--out build/quick]``

- ``notebooks/quick.yml``'da değerleri olan bir defter papermill ile
  (``prepare_only=True``: hiçbir şey çalıştırılmaz) küçük değerlerle
  parametrelenir. Papermill, ``parameters`` etiketli hücreden hemen sonra
  yeni değerleri atayan bir hücre ekler. Böyle bir kopyada çıktılar az dönemle
  doğal olarak farklıdır: her kod hücresi ``nbval-ignore-output`` alır (nbval
  yalnızca hatasız çalıştığına ve ``assert`` hücrelerinin tuttuğuna bakar),
  tam koşunun kalitesini denetleyen ``full-only`` hücreleri ``nbval-skip`` alır.
- Değeri olmayan defterler olduğu gibi kopyalanır: nbval çıktılarını kayıtlı
  olanlarla karşılaştırır.

Aynı modül, sınamaların kullandığı denetimleri de içerir (``check_overrides``,
``training_notebooks``).
"""
import argparse
import ast
import pathlib
import re
import shutil
import sys

import nbformat
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / 'notebooks'
QUICK_YML = NOTEBOOKS / 'quick.yml'
OUT = ROOT / 'build' / 'quick'
FULL_ONLY = 'full-only'   # tam koşunun kalitesini denetleyen hücre
# Eğiten defter: bir güncelleyici (sgd, optimizer.step) ya da eğitim döngüsü çağırır
TRAINING = re.compile(r'\b(sgd|train_ch8|train_epoch_ch8)\(|\.step\(\)')


def load_quick(path=QUICK_YML):
    """quick.yml: {defter adı (uzantısız): {parametre: değer}}."""
    data = yaml.safe_load(path.read_text(encoding='utf-8')) or {}
    if not isinstance(data, dict) or not all(
        isinstance(v, dict) for v in data.values()
    ):
        raise ValueError(
            f'{path}: her defter adının altında bir eşleme olmalı '
            '(ör. "06-egitim: {num_epochs: 20}" ya da "05-gradyan-kirpma: {}")'
        )
    return data


def parameters_cell(nb):
    """``parameters`` etiketli ilk hücre (papermill onu kullanır) ya da None."""
    for cell in nb.cells:
        if 'parameters' in cell.metadata.get('tags', []):
            return cell
    return None


def parameter_names(nb):
    """parameters hücresinde atanan adlar."""
    cell = parameters_cell(nb)
    if cell is None:
        return set()
    names = set()
    for node in ast.parse(cell.source).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                elts = target.elts if isinstance(target, ast.Tuple) else [target]
                names |= {e.id for e in elts if isinstance(e, ast.Name)}
    return names


def check_overrides(quick, notebooks_dir=NOTEBOOKS):
    """Her hızlı değer var olan bir defterin var olan bir parametresini adlandırır.

    Sorunların listesini döndürür (boş liste: her şey yolunda).
    """
    problems = []
    for name, overrides in quick.items():
        path = notebooks_dir / f'{name}.ipynb'
        if not path.exists():
            problems.append(f'quick.yml: {name}.ipynb diye bir defter yok')
            continue
        if not overrides:
            continue
        known = parameter_names(nbformat.read(path, as_version=4))
        if not known:
            problems.append(
                f'{name}: hızlı değerleri var ama "parameters" etiketli '
                'bir hücresi yok'
            )
        for key in overrides:
            if key not in known:
                problems.append(
                    f'{name}: "{key}" parameters hücresinde atanmıyor '
                    f'(atananlar: {", ".join(sorted(known)) or "hiçbiri"})'
                )
    return problems


def training_notebooks(notebooks_dir=NOTEBOOKS):
    """Kod hücrelerinden biri eğitim yapan defterlerin adları."""
    names = []
    for path in sorted(notebooks_dir.glob('*.ipynb')):
        nb = nbformat.read(path, as_version=4)
        code = '\n'.join(c.source for c in nb.cells if c.cell_type == 'code')
        if TRAINING.search(code):
            names.append(path.stem)
    return names


def add_tag(cell, tag):
    tags = cell.metadata.setdefault('tags', [])
    if tag not in tags:
        tags.append(tag)


def quick_copy(src, dst, overrides):
    """Tek bir defterin hızlı kopyası; değer yoksa birebir kopya."""
    if not overrides:
        shutil.copyfile(src, dst)
        return
    import papermill   # yalnızca gerektiğinde: içe aktarması birkaç saniye sürer

    papermill.execute_notebook(
        str(src), str(dst), parameters=dict(overrides), prepare_only=True,
        kernel_name='python3', language='python', progress_bar=False,
    )
    nb = nbformat.read(dst, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != 'code':
            continue
        add_tag(cell, 'nbval-ignore-output')
        if FULL_ONLY in cell.metadata.get('tags', []):
            add_tag(cell, 'nbval-skip')
    nbformat.write(nb, dst)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', type=pathlib.Path, default=OUT)
    args = parser.parse_args(argv)
    quick = load_quick()
    problems = check_overrides(quick)
    if problems:
        sys.exit('notebooks/quick.yml hatalı:\n' + '\n'.join(problems))
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    for src in sorted(NOTEBOOKS.glob('*.ipynb')):
        quick_copy(src, args.out / src.name, quick.get(src.stem))
    n = sum(1 for v in quick.values() if v)
    print(f'{args.out}: {len(list(args.out.glob("*.ipynb")))} defter, '
          f'{n} tanesi küçük değerlerle')


if __name__ == '__main__':
    main()
