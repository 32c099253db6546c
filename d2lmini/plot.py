"""Animator: eğitim eğrisini JupyterLab'de tek bir şekil olarak yerinde yeniden
çizer.
"""
import io

from matplotlib.figure import Figure

from .numfmt import turkish_axes


def _in_notebook():
    """Bir Jupyter çekirdeğinde miyiz? (Düz Python'da çizim gösterilmez.)
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and 'IPKernelApp' in shell.config


class Animator:
    """Veri noktaları eklendikçe çizgileri güncelleyen çizici.

    Defterde şekil bir görüntüleme tutamacıyla (display handle) yerinde
    güncellenir: titreme ya da üst üste yığılan şekiller olmaz. Ekransız bir
    süreçte yalnızca veri tutulur; şekil ``fig`` özniteliğindedir (ör.
    ``animator.fig.savefig('egri.png')``).
    """

    def __init__(self, xlabel=None, ylabel=None, legend=None, xlim=None,
                 ylim=None, xscale='linear', yscale='linear',
                 fmts=('-', 'm--', 'g-.', 'r:'),
                 nrows=1, ncols=1, figsize=(3.5, 2.5)):
        # pyplot değil doğrudan Figure: hücre sonunda kendiliğinden ikinci bir
        # kopya gösterilmez
        self.fig = Figure(figsize=figsize)
        axes = self.fig.subplots(nrows, ncols, squeeze=False).ravel()
        self.axes = axes
        ax = axes[0]
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_xscale(xscale)
        ax.set_yscale(yscale)
        # Doğrusal eksenlerin işaretleri ondalık virgülle (0,5; 1,5);
        # logaritmik eksenlere dokunulmaz
        turkish_axes(*axes)
        if xlim:
            lo, hi = xlim
            # tek dönemlik eğitimde xlim=[1, 1]: noktayı ortalayan bir aralık
            ax.set_xlim((lo - 0.5, hi + 0.5) if lo == hi else (lo, hi))
        if ylim:
            ax.set_ylim(ylim)
        ax.grid(True)
        self.legend, self.fmts = legend, fmts
        self.X, self.Y, self.lines = None, None, []
        self.handle = None
        self._show = _in_notebook()

    def add(self, x, y):
        """Her çizgiye bir nokta ekler; ``y`` tek sayı ya da çizgi başına bir
        değer listesi.
        """
        if not hasattr(y, '__len__'):
            y = [y]
        n = len(y)
        if not hasattr(x, '__len__'):
            x = [x] * n
        if self.X is None:
            self.X, self.Y = [[] for _ in range(n)], [[] for _ in range(n)]
            ax = self.axes[0]
            self.lines = [ax.plot([], [], fmt)[0] for fmt in self.fmts[:n]]
            if self.legend:
                ax.legend(self.lines, self.legend)
        for i, (a, b) in enumerate(zip(x, y)):
            if a is not None and b is not None:
                self.X[i].append(a)
                self.Y[i].append(b)
        for line, xs, ys in zip(self.lines, self.X, self.Y):
            line.set_data(xs, ys)
        ax = self.axes[0]
        ax.relim()
        ax.autoscale_view()
        if self._show:
            self._display()

    def to_png(self):
        """Şeklin PNG baytları."""
        buf = io.BytesIO()
        self.fig.savefig(buf, format='png', bbox_inches='tight')
        return buf.getvalue()

    def _display(self):
        from IPython.display import Image, display
        image = Image(data=self.to_png(), format='png')
        if self.handle is None:
            self.handle = display(image, display_id=True)
        else:
            self.handle.update(image)
