"""Sitenin d2lmini'ye özgü parçaları (Sphinx eklentisi).

- Her okuma defterinin ve alıştırmanın başlığında "Çalıştır" menüsü: Binder, Colab ve
  (ayarlarda hub varsa) JupyterHub bağlantıları ``tools/launch.py``'den; okuma defterlerinde
  ayrıca sayfanın slayt destesi. Temanın kendi başlatma düğmeleri kullanılmaz: alıştırmaların
  dalı ve yolu sitenin kaynağınınkiyle aynı değil.
- ``{launch-table}`` yönergesi: bütün defterlerin ve alıştırmaların bağlantı tablosu
  (eğitmen sayfası).
"""
import pathlib

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

import launch

LABELS = {'binder': ('Binder', '_static/images/logo_binder.svg'),
          'colab': ('Colab', '_static/images/logo_colab.png'),
          'jupyterhub': ('JupyterHub', '_static/images/logo_jupyterhub.svg')}


def source_of(pagename):
    """Sayfanın depodaki defteri ya da None: defterler/X -> notebooks/X.ipynb,
    alistirmalar/X -> exercises/X.ipynb."""
    folder, _, stem = pagename.partition('/')
    base = {'defterler': launch.NOTEBOOKS, 'alistirmalar': launch.EXERCISES}.get(folder)
    if base is None or not stem[:2].isdigit():
        return None
    return base / f'{stem}.ipynb'


def add_launch_menu(app, pagename, templatename, context, doctree):
    path = source_of(pagename)
    if path is None or 'header_buttons' not in context:
        return
    settings = app.config.html_context.get('d2lmini_settings') or launch.settings()
    buttons = []
    for key, url in launch.links(path, settings).items():
        text, icon = LABELS[key]
        buttons.append({'type': 'link', 'text': text, 'url': url, 'icon': icon,
                        'tooltip': f'{text} üzerinde çalıştır', 'label': f'launch-{key}'})
    if path.parent == launch.NOTEBOOKS:
        buttons.append({'type': 'link', 'text': 'Slaytlar',
                        'url': context['pathto'](f'slaytlar/{path.stem}.slides.html', 1),
                        'icon': 'fas fa-person-chalkboard',
                        'tooltip': 'Bu defterin slayt destesi (reveal.js)',
                        'label': 'launch-slides'})
    context['header_buttons'].append({
        'type': 'group', 'tooltip': 'Çalıştır', 'icon': 'fas fa-rocket',
        'buttons': buttons, 'label': 'd2lmini-launch'})


class LaunchTable(SphinxDirective):
    """Bütün defterlerin ve alıştırmaların başlatma bağlantıları, bir tablo."""

    def run(self):
        s = launch.settings()
        table = nodes.table()
        kinds = ['binder', 'colab'] + (['jupyterhub'] if s['hub'] else [])
        group = nodes.tgroup(cols=1 + len(kinds))
        table += group
        for _ in range(1 + len(kinds)):
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        group += head
        row = nodes.row()
        for title in ['defter'] + [LABELS[k][0] for k in kinds]:
            row += nodes.entry('', nodes.paragraph(text=title))
        head += row
        body = nodes.tbody()
        group += body
        for path in launch.reading_notebooks() + launch.exercise_notebooks():
            row = nodes.row()
            kind = 'alıştırma' if path.parent == launch.EXERCISES else 'defter'
            row += nodes.entry('', nodes.paragraph(text=f'{kind} {path.stem}'))
            urls = launch.links(path, s)
            for k in kinds:
                para = nodes.paragraph()
                para += nodes.reference('', LABELS[k][0], refuri=urls[k])
                row += nodes.entry('', para)
            body += row
        return [table]


def setup(app):
    app.connect('html-page-context', add_launch_menu, priority=600)
    app.add_directive('launch-table', LaunchTable)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
