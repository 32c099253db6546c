"""Başlatma bağlantıları: her defter ve alıştırma için Binder, Colab ve JupyterHub (nbgitpuller).

Ayarlar ``pyproject.toml``'un ``[tool.d2lmini.site]`` bölümündedir; ortam değişkenleri
onları geçersiz kılar (ör. GitHub Pages iş akışı deponun gerçek adını verir):

========================  ================================  ==========================
ayar                      ortam değişkeni                   anlamı
========================  ================================  ==========================
``repository``            ``D2LMINI_REPOSITORY``            GitHub'daki depo (sahip/ad)
``branch``                ``D2LMINI_BRANCH``                okuma defterlerinin dalı
``student_branch``        ``D2LMINI_STUDENT_BRANCH``        alıştırmaların öğrenci dalı
``hub``                   ``D2LMINI_HUB``                   JupyterHub adresi (boşsa yok)
``binder``                ``D2LMINI_BINDER``                BinderHub adresi
``colab``                 ``D2LMINI_COLAB``                 Colab adresi
========================  ================================  ==========================

Alıştırmaların öğrenci sürümleri (``tools/exercises.py build``) git'e girmez; GitHub Pages
iş akışı onları ``student_branch`` dalına yayımlar (kökte defterler ve ``denetim/``).
Okuma defterleri ``notebooks/`` altında, ``branch`` dalındadır.

Eğitmen kendi hub'ı için bağlantıları şöyle yazdırır::

    python tools/launch.py --hub https://hub.universite.edu.tr
    python tools/launch.py --hub https://hub.universite.edu.tr --canvas   # Canvas (LTI) biçimi

Colab'ın ilk hücresi: ``colab_setup_cell()`` (okuma defterleri, alıştırmalar için
``colab_setup_cell('exercise')``). ``python tools/launch.py --write-notebooks`` okuma
defterlerindeki hücreyi ayarlardan yeniden yazar; ``--check`` bir fark varsa düşer.
"""
import argparse
import os
import pathlib
import re
import sys
from urllib.parse import quote, urlencode

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / 'notebooks'
EXERCISES = ROOT / 'exercises'

DEFAULTS = {
    'repository': 'd2lmini/d2lmini',
    'branch': 'main',
    'student_branch': 'ogrenci',
    'hub': '',
    'binder': 'https://mybinder.org',
    'colab': 'https://colab.research.google.com',
}
ENV = {key: f'D2LMINI_{key.upper()}' for key in DEFAULTS}
# Alıştırma dalının hub'da ve Colab'da açılacağı klasör (okuma defterlerinin klasörüyle,
# yani deponun adıyla çakışmasın diye ayrı)
EXERCISE_FOLDER = 'd2lmini-alistirmalar'
# Colab hücresinin kurulum kaynağını geçersiz kılan ortam değişkenleri (sınamalar yerel bir
# tekerlek ve yerel bir git deposu verir; Colab'da tanımlı değildir)
INSTALL_SOURCE_ENV = 'D2LMINI_INSTALL_SOURCE'
STUDENT_REPO_ENV = 'D2LMINI_STUDENT_REPO'
COLAB_TAG = 'colab-kurulum'


def _version():
    text = (ROOT / 'd2lmini' / '__init__.py').read_text(encoding='utf-8')
    return re.search(r"^__version__ = '([^']+)'", text, re.M).group(1)


def _pyproject_settings():
    try:
        import tomllib
    except ImportError:   # Python 3.10
        import tomli as tomllib
    data = tomllib.loads((ROOT / 'pyproject.toml').read_text(encoding='utf-8'))
    return data.get('tool', {}).get('d2lmini', {}).get('site', {})


def settings(**overrides):
    """Ayarlar: varsayılanlar < pyproject.toml < ortam değişkenleri < ``overrides``."""
    values = dict(DEFAULTS)
    values.update({k: v for k, v in _pyproject_settings().items() if k in DEFAULTS})
    values.update({k: os.environ[e] for k, e in ENV.items() if os.environ.get(e)})
    values.update({k: v for k, v in overrides.items() if v is not None})
    unknown = set(values) - set(DEFAULTS)
    if unknown:
        raise ValueError(f'bilinmeyen ayar: {sorted(unknown)}')
    if not re.fullmatch(r'[\w.-]+/[\w.-]+', values['repository']):
        raise ValueError(f"repository 'sahip/ad' biçiminde olmalı: {values['repository']!r}")
    for key in ('hub', 'binder', 'colab'):
        values[key] = values[key].rstrip('/')
        if values[key] and not re.match(r'https?://[^/]+', values[key]):
            raise ValueError(f'{key} bir http(s) adresi olmalı: {values[key]!r}')
    values['version'] = _version()
    return values


# --- Hangi dosya, hangi dal ------------------------------------------------------------

def reading_notebooks():
    return sorted(NOTEBOOKS.glob('[0-9][0-9]-*.ipynb'))


def exercise_notebooks():
    return sorted(EXERCISES.glob('[0-9][0-9]-*.ipynb'))


def target(path, s):
    """(dal, depodaki yol, nbgitpuller'ın açacağı klasör) bir defter ya da alıştırma için."""
    path = pathlib.Path(path)
    repo_name = s['repository'].split('/')[1]
    if path.parent.name == 'exercises':
        return s['student_branch'], path.name, EXERCISE_FOLDER
    if path.parent.name == 'notebooks':
        return s['branch'], f'notebooks/{path.name}', repo_name
    raise ValueError(f'{path}: ne okuma defteri (notebooks/) ne alıştırma (exercises/)')


def repo_url(s):
    return f"https://github.com/{s['repository']}"


# --- Bağlantılar -----------------------------------------------------------------------

def _git_pull_query(s, branch, repo_path, folder):
    """nbgitpuller'ın bağımsız değişkenleri (sırası nbgitpuller'ın bağlantı üretecininki)."""
    params = {'repo': repo_url(s), 'urlpath': f'lab/tree/{folder}/{repo_path}',
              'branch': branch}
    if folder != s['repository'].split('/')[1]:
        params['targetpath'] = folder
    return urlencode(params, quote_via=quote)


def hub_url(path, s, hub=None):
    """JupyterHub: ``{hub}/hub/user-redirect/git-pull?repo=…&urlpath=…&branch=…``."""
    hub = (hub or s['hub']).rstrip('/')
    if not hub:
        raise ValueError('hub adresi yok: --hub ya da D2LMINI_HUB verin')
    return f'{hub}/hub/user-redirect/git-pull?{_git_pull_query(s, *target(path, s))}'


def canvas_url(path, s, hub=None):
    """Canvas (LTI, ltiauthenticator): ``{hub}/hub/lti/launch?next=/hub/user-redirect/git-pull?…``.

    Canvas'ta "Harici Araç" (*External Tool*) ödevinin adresine yapıştırılır."""
    hub = (hub or s['hub']).rstrip('/')
    if not hub:
        raise ValueError('hub adresi yok: --hub ya da D2LMINI_HUB verin')
    nxt = f'/hub/user-redirect/git-pull?{_git_pull_query(s, *target(path, s))}'
    return f"{hub}/hub/lti/launch?{urlencode({'next': nxt}, quote_via=quote)}"


def binder_url(path, s):
    """Binder: ortam ``branch`` dalından (environment.yml). Okuma defteri doğrudan açılır;
    alıştırma, öğrenci dalından nbgitpuller ile çekilip açılır."""
    branch, repo_path, folder = target(path, s)
    base = f"{s['binder']}/v2/gh/{s['repository']}/{s['branch']}"
    if branch == s['branch']:
        urlpath = f'lab/tree/{repo_path}'
    else:
        urlpath = f'git-pull?{_git_pull_query(s, branch, repo_path, folder)}'
    return f"{base}?{urlencode({'urlpath': urlpath}, quote_via=quote)}"


def colab_url(path, s):
    """Colab: ``{colab}/github/{sahip}/{ad}/blob/{dal}/{yol}``."""
    branch, repo_path, _ = target(path, s)
    return f"{s['colab']}/github/{s['repository']}/blob/{quote(branch)}/{quote(repo_path)}"


def links(path, s, hub=None):
    """{'binder': …, 'colab': …, 'jupyterhub': … (hub varsa)} bir defter için."""
    out = {'binder': binder_url(path, s), 'colab': colab_url(path, s)}
    if hub or s['hub']:
        out['jupyterhub'] = hub_url(path, s, hub)
    return out


# --- Colab'ın ilk hücresi ----------------------------------------------------------------

def install_source(s):
    """Colab'da kurulacak paket: deponun bu sürümünün etiketi (v0.1.0), git üzerinden."""
    return f"d2lmini @ git+{repo_url(s)}@v{s['version']}"


def colab_setup_source(kind='notebook', s=None):
    """İlk hücrenin kaynağı. ``import d2lmini`` başarısızsa (Colab) paketi kurar; başka her
    yerde (make lab, JupyterHub, Binder) hiçbir şey yapmaz, hiçbir şey yazmaz.

    ``kind='exercise'``: ayrıca alıştırmanın ``denetim/`` klasörü yoksa öğrenci dalını
    klonlayıp oraya geçer (otter defteri ve denetimleri orada bulur)."""
    s = s or settings()
    if kind not in ('notebook', 'exercise'):
        raise ValueError(f'kind: notebook ya da exercise, {kind!r} değil')
    lines = [
        "# Colab gibi dersin paketinin kurulu olmadığı yerler için: d2lmini",
        f"# yoksa deponun sürümü (v{s['version']}) kurulur. make lab, JupyterHub ya da",
        "# Binder'da hiçbir şey yapmaz.",
        "import os, subprocess, sys",
        "try:",
        "    import d2lmini",
        "except ImportError:",
        "    source = os.environ.get(",
        f"        {INSTALL_SOURCE_ENV!r},",
        f"        {install_source(s)!r})",
        "    print('d2lmini kuruluyor: pip install', source)",
        "    subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet',",
        "                    source], check=True)",
    ]
    if kind == 'exercise':
        lines += [
            "    if not os.path.isdir('denetim'):  # alıştırmanın denetimleri",
            "        repo = os.environ.get(",
            f"            {STUDENT_REPO_ENV!r},",
            f"            {repo_url(s) + '.git'!r})",
            f"        if not os.path.isdir({EXERCISE_FOLDER!r}):",
            "            print('alıştırmalar indiriliyor: git clone', repo)",
            "            subprocess.run(['git', 'clone', '--quiet', '--depth', '1',",
            f"                            '--branch', {s['student_branch']!r}, repo,",
            f"                            {EXERCISE_FOLDER!r}], check=True)",
            f"        os.chdir({EXERCISE_FOLDER!r})",
        ]
    return '\n'.join(lines)


def colab_setup_cell(kind='notebook', s=None):
    """Defterin başına konacak kod hücresi (nbformat). Sitede gösterilmez (``remove-cell``),
    slaytlarda atlanır; ``colab-kurulum`` etiketi onu bulmaya yarar."""
    import nbformat
    cell = nbformat.v4.new_code_cell(colab_setup_source(kind, s))
    cell.metadata['tags'] = [COLAB_TAG, 'remove-cell']
    cell.metadata['slideshow'] = {'slide_type': 'skip'}
    cell.pop('id', None)
    return cell


def find_setup_cell(nb):
    """Defterdeki Colab hücresinin indisi ya da None."""
    for i, cell in enumerate(nb.cells):
        if COLAB_TAG in cell.metadata.get('tags', []):
            return i
    return None


def write_setup_cells(paths=None, check=False, s=None):
    """Okuma defterlerinde Colab hücresi: başlık hücresinden hemen sonra, ilk kod hücresi.
    Sorunlu defterlerin listesini döndürür (``check=True``: yazmadan)."""
    import nbformat
    s = s or settings()
    problems = []
    for path in paths or reading_notebooks():
        nb = nbformat.read(path, as_version=4)
        expected = colab_setup_source('notebook', s)
        i = find_setup_cell(nb)
        first_code = next(j for j, c in enumerate(nb.cells) if c.cell_type == 'code')
        if i is not None and i == first_code and nb.cells[i].source == expected:
            continue
        problems.append(path.name)
        if check:
            continue
        if i is not None and i == first_code:   # yalnızca metni eski: yürütme numarası kalır
            nb.cells[i].source = expected
            nbformat.write(nb, path)
            continue
        if i is not None:
            del nb.cells[i]
        first_code = next(j for j, c in enumerate(nb.cells) if c.cell_type == 'code')
        cell = colab_setup_cell('notebook', s)
        cell.id = f'colab-{path.stem[:2]}'
        cell.execution_count, cell.outputs = None, []
        nb.cells.insert(first_code, cell)
        nbformat.write(nb, path)
    return problems


# --- Komut satırı ----------------------------------------------------------------------

def _table(s, hub, canvas):
    rows = []
    for path in reading_notebooks() + exercise_notebooks():
        kind = 'alıştırma' if path.parent.name == 'exercises' else 'defter'
        rows.append((f'{kind} {path.stem}', links(path, s, hub)))
        if canvas:
            rows[-1][1]['canvas'] = canvas_url(path, s, hub)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description='Defterlerin ve alıştırmaların başlatma '
                                     'bağlantılarını yazar (Binder, Colab, JupyterHub).')
    parser.add_argument('--hub', help='JupyterHub adresi, ör. https://hub.universite.edu.tr')
    parser.add_argument('--repository', help="GitHub'daki depo (sahip/ad)")
    parser.add_argument('--branch', help='okuma defterlerinin dalı')
    parser.add_argument('--canvas', action='store_true',
                        help="Canvas'ın LTI biçimi de (hub'da ltiauthenticator gerekir)")
    parser.add_argument('--write-notebooks', action='store_true',
                        help="okuma defterlerindeki Colab hücresini ayarlardan yeniden yazar")
    parser.add_argument('--check', action='store_true',
                        help='Colab hücresi eksik ya da eski bir defter varsa 1 ile çıkar')
    args = parser.parse_args(argv)
    s = settings(repository=args.repository, branch=args.branch, hub=args.hub)
    if args.write_notebooks or args.check:
        problems = write_setup_cells(check=args.check, s=s)
        verb = 'eksik ya da eski' if args.check else 'yeniden yazıldı'
        for name in problems:
            print(f'{name}: Colab hücresi {verb}')
        return 1 if (args.check and problems) else 0
    if args.canvas and not s['hub']:
        parser.error('--canvas bir hub adresi ister (--hub)')
    print(f"Depo: {repo_url(s)} (dal {s['branch']}; alıştırmalar {s['student_branch']} dalında)")
    if not s['hub']:
        print('JupyterHub bağlantıları için: --hub https://hub.universite.edu.tr')
    for title, urls in _table(s, None, args.canvas):
        print(f'\n{title}')
        for name, url in urls.items():
            print(f'  {name:<10} {url}')
    if args.canvas:
        print("\nCanvas: her alıştırma için bir 'Harici Araç' (External Tool) ödevi açın ve "
              "'canvas' satırındaki adresi yapıştırın; hub'da ltiauthenticator (LTI 1.1) "
              "kurulu olmalı, Canvas'taki tüketici anahtarı ve parolası hub'ınkilerle aynı.")
    return 0


if __name__ == '__main__':
    sys.exit(main())
