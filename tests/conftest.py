"""Ortak sınama ayarları.

Derlem gerçek indirme koduyla alınır: CI, doğrulanmış kopyaları 127.0.0.1'de sunar ve
D2LMINI_DATA_URL'i oraya yöneltir. Ne yansı ne de önbellekte doğrulanmış bir kopya varsa,
ilk indirme sınamaları açık bir hata iletisiyle düşer.
"""
import os

import pytest
import torch

import d2lmini as d2l
from d2lmini.claims import STRICT_ENV

# Sınama katmanları katıdır: defterlerdeki makineye bağlı iddialar (d2l.claim) tutmazsa
# hücre düşer. Çekirdekler (nbval) ortamı bu süreçten alır. Öğrencinin JupyterLab'inde bu
# değişken yoktur: orada iddia tutmazsa bir açıklama yazılır (tests/test_student_run.py).
os.environ[STRICT_ENV] = '1'
# Alıştırmaların gizli vakaları bir tohumdan çekilir (eğitmende gizli; sınamalarda sabit)
os.environ.setdefault('D2LMINI_GIZLI_TOHUM', 'sinamalarin-tohumu')


@pytest.fixture(scope='session')
def time_machine():
    """(derlem, kelime dağarcığı): bütün kitap, karakter andıçları."""
    return d2l.load_corpus_time_machine()


@pytest.fixture(autouse=True)
def _seeded():
    d2l.set_seed(0)
    yield


@pytest.fixture
def cpu():
    return torch.device('cpu')


# --- Hızlı katmanın süre sınırı ----------------------------------------------------------
# make test, defterlerin küçük değerli kopyalarını (build/quick/) nbval ile çalıştırır. Bir
# kopyanın hücrelerinin süreleri (çekirdeğin açılıp kapanması dahil) toplamı sınırı aşarsa
# oturum başarısız olur: hızlı katman hızlı kalsın. pytest-xdist ile raporlar ana süreçte
# de toplanır; bu yüzden denetim yalnızca ana süreçte yapılır.
QUICK_DIR = 'build/quick/'
QUICK_LIMIT_S = 90.0


def quick_notebook_times(reports):
    """(nodeid, süre) çiftlerinden: {build/quick/X.ipynb: toplam saniye}."""
    times = {}
    for nodeid, duration in reports:
        path = nodeid.split('::', 1)[0]
        if path.startswith(QUICK_DIR) and path.endswith('.ipynb'):
            times[path] = times.get(path, 0.0) + duration
    return times


def too_slow(times, limit=QUICK_LIMIT_S):
    """Sınırı aşan hızlı defterler için birer Türkçe ileti."""
    return [f'{path}: {seconds:.0f} sn sürdü, hızlı katmanın sınırı {limit:.0f} sn. '
            f'notebooks/quick.yml\'da bu defterin değerlerini küçültün.'
            for path, seconds in sorted(times.items()) if seconds > limit]


class QuickNotebookGuard:
    def __init__(self):
        self.reports, self.failures = [], []

    def pytest_runtest_logreport(self, report):
        self.reports.append((report.nodeid, report.duration))

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session):
        self.failures = too_slow(quick_notebook_times(self.reports))
        if self.failures and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        times = quick_notebook_times(self.reports)
        if not times:
            return
        terminalreporter.section('hızlı defterlerin süreleri')
        for path, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
            terminalreporter.write_line(f'{seconds:6.1f} sn  {path}')
        for message in self.failures:
            terminalreporter.write_line(f'SÜRE SINIRI AŞILDI: {message}', red=True, bold=True)


def pytest_configure(config):
    # Eklenti olarak kaydedilir: conftest kancaları yalnızca tests/ altındaki öğeler için
    # çağrılırdı, build/quick/ altındaki defter hücreleri için değil
    if not hasattr(config, 'workerinput'):
        config.pluginmanager.register(QuickNotebookGuard(), 'd2lmini-quick-guard')
