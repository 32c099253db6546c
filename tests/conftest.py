"""Ortak sınama ayarları.

Derlem gerçek indirme koduyla alınır: CI, doğrulanmış kopyaları 127.0.0.1'de sunar ve
D2LMINI_DATA_URL'i oraya yöneltir. Ne yansı ne de önbellekte doğrulanmış bir kopya varsa,
ilk indirme sınamaları açık bir hata iletisiyle düşer.
"""
import pytest
import torch

import d2lmini as d2l


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
