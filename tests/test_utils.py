"""Yardımcılar: Timer, Accumulator, aygıt seçimi, sgd, set_seed ve ekransız Animator."""
import os
import subprocess
import sys
import time

import pytest
import torch

import d2lmini as d2l


def test_timer():
    timer = d2l.Timer()
    time.sleep(0.01)
    first = timer.stop()
    timer.start()
    second = timer.stop()
    assert first >= 0.01 and 0 <= second < first
    assert timer.sum() == pytest.approx(first + second)
    assert timer.avg() == pytest.approx((first + second) / 2)
    assert timer.cumsum() == pytest.approx([first, first + second])


def test_accumulator():
    acc = d2l.Accumulator(2)
    acc.add(1, torch.tensor(2.5))
    acc.add(3, 4)
    assert acc[0] == 4 and acc[1] == 6.5
    acc.reset()
    assert acc.data == [0.0, 0.0]


def test_devices():
    n = torch.cuda.device_count()
    assert d2l.try_gpu() == (torch.device('cuda:0') if n else torch.device('cpu'))
    assert d2l.try_gpu(n) == torch.device('cpu')   # olmayan GPU -> CPU
    assert d2l.try_all_gpus() == ([torch.device(f'cuda:{i}') for i in range(n)] or [torch.device('cpu')])


def test_sgd_matches_torch_optim():
    w = torch.randn(5, 3, requires_grad=True)
    w_ref = w.detach().clone().requires_grad_(True)
    for p in (w, w_ref):
        (p ** 2).sum().backward()
    d2l.sgd([w], lr=0.1, batch_size=4)
    torch.optim.SGD([w_ref], lr=0.1 / 4).step()
    assert torch.allclose(w, w_ref)
    assert torch.count_nonzero(w.grad) == 0   # gradyan sıfırlandı


def test_set_seed_reproducible():
    import numpy as np
    import random
    d2l.set_seed(3)
    a = (random.random(), np.random.rand(), d2l.get_params(28, 16, 'cpu')[0].detach())
    d2l.set_seed(3)
    b = (random.random(), np.random.rand(), d2l.get_params(28, 16, 'cpu')[0].detach())
    assert a[:2] == b[:2] and torch.equal(a[2], b[2])


def test_animator_headless_process(tmp_path):
    """Düz bir Python sürecinde (ekran yok, Jupyter yok) hatasız çalışır ve PNG üretir."""
    code = f'''
import d2lmini as d2l
a = d2l.Animator(xlabel='dönem', ylabel='şaşkınlık', legend=['eğitim', 'sınama'], xlim=[1, 5])
for i in range(1, 6):
    a.add(i, [10.0 / i, 12.0 / i])
assert a.handle is None and not a._show
assert list(a.lines[0].get_xdata()) == [1, 2, 3, 4, 5]
assert list(a.lines[1].get_ydata()) == [12.0, 6.0, 4.0, 3.0, 2.4]
png = a.to_png()
assert png[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
a.fig.savefig({str(tmp_path / 'egri.png')!r})
print('tamam')
'''
    env = {k: v for k, v in os.environ.items()
           if k not in ('DISPLAY', 'MPLBACKEND', 'JPY_PARENT_PID')}   # ekran yok, Jupyter yok
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == 'tamam'
    assert (tmp_path / 'egri.png').stat().st_size > 1000


def test_animator_updates_one_display_in_notebook(monkeypatch):
    """Defterde: ilk add bir görüntü açar, sonrakiler aynı tutamacı günceller (yığılma yok)."""
    import IPython.display

    shown = []

    class Handle:
        def update(self, obj):
            shown.append(('update', obj))

    def fake_display(obj, display_id=False):
        shown.append(('display', obj))
        return Handle()

    monkeypatch.setattr(IPython.display, 'display', fake_display)
    a = d2l.Animator(legend=['x'])
    a._show = True
    for i in range(3):
        a.add(i, i * i)
    assert [kind for kind, _ in shown] == ['display', 'update', 'update']
    assert all(obj.format == 'png' and obj.data[:4] == b'\x89PNG' for _, obj in shown)


def test_animator_single_epoch_axis_is_not_singular(recwarn):
    """train_ch8(..., num_epochs=1) xlim=[1, 1] verir: uyarısız, noktayı ortalayan eksen."""
    animator = d2l.Animator(xlabel='dönem', xlim=[1, 1])
    assert not [w for w in recwarn if 'singular' in str(w.message)]
    assert tuple(animator.axes[0].get_xlim()) == (0.5, 1.5)
