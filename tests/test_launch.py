"""Başlatma bağlantıları (tools/launch.py): her URL çözülür, her parçası denetlenir."""
import ast
import pathlib
import sys
from urllib.parse import parse_qs, unquote, urlsplit

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'tools'))
import launch  # noqa: E402

HUB = 'https://hub.universite.edu.tr'
S = launch.settings(repository='ders/rnn-kursu', branch='main', hub=HUB,
                    student_branch='ogrenci', binder='https://binder.ornek.org/')
ALL = launch.reading_notebooks() + launch.exercise_notebooks()


def _query(url):
    """Sorgu: her anahtarın tek değeri (iki kez geçen anahtar hatadır)."""
    q = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in q.values()), q
    return {k: v[0] for k, v in q.items()}


def _expected(path):
    """(dal, depodaki yol, nbgitpuller klasörü) bağımsız olarak."""
    if path.parent.name == 'exercises':
        return 'ogrenci', path.name, launch.EXERCISE_FOLDER
    return 'main', f'notebooks/{path.name}', 'rnn-kursu'


def test_there_is_something_to_link():
    assert len(launch.reading_notebooks()) == 9 and len(launch.exercise_notebooks()) >= 8


@pytest.mark.parametrize('path', ALL, ids=lambda p: f'{p.parent.name}/{p.stem}')
def test_jupyterhub_link(path):
    branch, repo_path, folder = _expected(path)
    parts = urlsplit(launch.hub_url(path, S))
    assert (parts.scheme, parts.netloc) == ('https', 'hub.universite.edu.tr')
    assert parts.path == '/hub/user-redirect/git-pull'
    q = _query(parts.geturl())
    assert q['repo'] == 'https://github.com/ders/rnn-kursu'
    assert q['branch'] == branch
    assert q['urlpath'] == f'lab/tree/{folder}/{repo_path}'
    # alıştırmalar ayrı bir klasöre: okuma defterlerinin klonuyla çakışmaz
    assert q.get('targetpath') == (folder if folder != 'rnn-kursu' else None)


@pytest.mark.parametrize('path', ALL, ids=lambda p: f'{p.parent.name}/{p.stem}')
def test_canvas_link_wraps_the_same_pull(path):
    parts = urlsplit(launch.canvas_url(path, S))
    assert (parts.netloc, parts.path) == ('hub.universite.edu.tr', '/hub/lti/launch')
    nxt = _query(parts.geturl())['next']
    assert nxt.startswith('/hub/user-redirect/git-pull?')
    hub = urlsplit(launch.hub_url(path, S))
    assert _query(nxt) == _query(hub.geturl())


@pytest.mark.parametrize('path', ALL, ids=lambda p: f'{p.parent.name}/{p.stem}')
def test_binder_link(path):
    branch, repo_path, folder = _expected(path)
    parts = urlsplit(launch.binder_url(path, S))
    assert (parts.scheme, parts.netloc) == ('https', 'binder.ornek.org')
    # ortam her zaman ana daldan (environment.yml orada)
    assert parts.path == '/v2/gh/ders/rnn-kursu/main'
    urlpath = _query(parts.geturl())['urlpath']
    if branch == 'main':
        assert urlpath == f'lab/tree/{repo_path}'
    else:   # alıştırma: öğrenci dalı nbgitpuller ile çekilir
        assert urlpath.startswith('git-pull?')
        q = _query('x:?' + urlpath.split('?', 1)[1])
        assert q == {'repo': 'https://github.com/ders/rnn-kursu', 'branch': 'ogrenci',
                     'urlpath': f'lab/tree/{folder}/{repo_path}', 'targetpath': folder}


@pytest.mark.parametrize('path', ALL, ids=lambda p: f'{p.parent.name}/{p.stem}')
def test_colab_link(path):
    branch, repo_path, _ = _expected(path)
    parts = urlsplit(launch.colab_url(path, S))
    assert (parts.scheme, parts.netloc, parts.query) == ('https', 'colab.research.google.com', '')
    assert unquote(parts.path) == f'/github/ders/rnn-kursu/blob/{branch}/{repo_path}'


def test_links_without_hub_have_no_jupyterhub():
    s = launch.settings(repository='ders/rnn-kursu', hub='')
    assert set(launch.links(ALL[0], s)) == {'binder', 'colab'}
    assert set(launch.links(ALL[0], S)) == {'binder', 'colab', 'jupyterhub'}
    with pytest.raises(ValueError, match='hub'):
        launch.hub_url(ALL[0], s)


def test_settings_come_from_pyproject_then_environment(monkeypatch):
    monkeypatch.delenv('D2LMINI_REPOSITORY', raising=False)
    base = launch.settings()
    assert base['repository'] == launch._pyproject_settings()['repository']
    monkeypatch.setenv('D2LMINI_REPOSITORY', 'baska/depo')
    monkeypatch.setenv('D2LMINI_HUB', 'https://hub.ornek.edu/')
    s = launch.settings()
    assert s['repository'] == 'baska/depo' and s['hub'] == 'https://hub.ornek.edu'
    assert launch.settings(repository='ucuncu/depo')['repository'] == 'ucuncu/depo'
    for bad in ({'repository': 'tek-parca'}, {'hub': 'hub.ornek.edu'}):
        with pytest.raises(ValueError):
            launch.settings(**bad)


def test_not_a_course_file_is_refused():
    with pytest.raises(ValueError):
        launch.colab_url(ROOT / 'README.md', S)


def test_instructor_command_prints_every_link(capsys):
    assert launch.main(['--hub', HUB, '--repository', 'ders/rnn-kursu', '--canvas']) == 0
    out = capsys.readouterr().out
    for path in ALL:
        assert f' {path.stem}\n' in out
        assert launch.hub_url(path, S) in out
        assert launch.canvas_url(path, S) in out
    assert 'ltiauthenticator' in out
    with pytest.raises(SystemExit):
        launch.main(['--canvas', '--repository', 'ders/rnn-kursu'])   # hub'sız Canvas olmaz


# --- Colab hücresi ---------------------------------------------------------------------

def test_setup_cell_is_python_and_pins_this_version():
    src = launch.colab_setup_source('notebook', S)
    ast.parse(src)
    assert f"'d2lmini @ git+https://github.com/ders/rnn-kursu@v{S['version']}'" in src
    from packaging.requirements import Requirement
    req = Requirement(launch.install_source(S))
    assert req.name == 'd2lmini'
    assert req.url == f"git+https://github.com/ders/rnn-kursu@v{S['version']}"
    exercise = launch.colab_setup_source('exercise', S)
    ast.parse(exercise)
    assert max(len(line) for line in exercise.splitlines()) <= 79   # defterlerin satır sınırı
    assert "'--branch', 'ogrenci'" in exercise and 'git clone' not in src
    with pytest.raises(ValueError):
        launch.colab_setup_source('slayt', S)


def test_setup_cell_is_hidden_on_the_site_and_in_slides():
    cell = launch.colab_setup_cell('exercise', S)
    assert cell.cell_type == 'code' and 'remove-cell' in cell.metadata['tags']
    assert cell.metadata['slideshow'] == {'slide_type': 'skip'}


@pytest.mark.parametrize('path', launch.reading_notebooks(), ids=lambda p: p.stem[:2])
def test_every_reading_notebook_starts_with_the_setup_cell(path):
    nb = nbformat.read(path, as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == 'code')
    assert launch.COLAB_TAG in first_code.metadata.get('tags', []), \
        f'{path.name}: ilk kod hücresi Colab hücresi değil (python tools/launch.py --write-notebooks)'
    assert first_code.source == launch.colab_setup_source('notebook')
    assert not first_code.outputs   # paketin kurulu olduğu yerde hiçbir şey yazmaz


def test_check_mode_finds_a_notebook_without_the_cell(tmp_path):
    nb = nbformat.read(launch.reading_notebooks()[0], as_version=4)
    del nb.cells[launch.find_setup_cell(nb)]
    path = tmp_path / '01-kopya.ipynb'
    nbformat.write(nb, path)
    assert launch.write_setup_cells([path], check=True) == ['01-kopya.ipynb']
    assert launch.write_setup_cells([path]) == ['01-kopya.ipynb']   # yazar
    assert launch.write_setup_cells([path], check=True) == []
    nb = nbformat.read(path, as_version=4)
    assert launch.find_setup_cell(nb) == next(i for i, c in enumerate(nb.cells)
                                              if c.cell_type == 'code')
