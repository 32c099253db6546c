"""Eğitim yardımcıları: zamanlayıcı, toplayıcı, aygıt seçimi, SGD ve tohumlama.
"""
import random
import time

import numpy as np
import torch


class Timer:
    """Birden çok ölçümü kaydeden basit bir kronometre."""

    def __init__(self):
        self.times = []
        self.start()

    def start(self):
        self.tik = time.perf_counter()

    def stop(self):
        """Son ölçümü kaydeder ve saniye olarak döndürür."""
        self.times.append(time.perf_counter() - self.tik)
        return self.times[-1]

    def avg(self):
        return sum(self.times) / len(self.times)

    def sum(self):
        return sum(self.times)

    def cumsum(self):
        return np.cumsum(self.times).tolist()


class Accumulator:
    """``n`` değişken üzerinde ayrı ayrı toplam tutar.

    Değerler sayı ya da tensör olabilir: bir GPU tensörü aygıtta birikir ve
    ancak okunduğunda (``float(metric[0])``) beklenir, her eklemede değil.
    """

    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        self.data = [a + b for a, b in zip(self.data, args)]

    def reset(self):
        self.data = [0.0] * len(self.data)

    def __getitem__(self, idx):
        return self.data[idx]


def try_gpu(i=0):
    """Varsa i. GPU'yu, yoksa CPU'yu döndürür."""
    if torch.cuda.device_count() >= i + 1:
        return torch.device(f'cuda:{i}')
    return torch.device('cpu')


def try_all_gpus():
    """Bütün GPU'lar; hiç yoksa ``[cpu]``."""
    count = torch.cuda.device_count()
    devices = [torch.device(f'cuda:{i}') for i in range(count)]
    return devices if devices else [torch.device('cpu')]


def synchronize(device):
    """GPU'daki işler bitene dek bekler (ölçüm için); CPU'da bir şey yapmaz."""
    if torch.device(device).type == 'cuda':
        torch.cuda.synchronize(device)


def sgd(params, lr, batch_size):
    """Minigrup rastgele gradyan inişi: her parametreyi gradyanının tersine bir
    adım taşır.
    """
    with torch.no_grad():
        for param in params:
            # param -= lr * grad / batch_size, ara tensör olmadan tek geçişte
            param.add_(param.grad, alpha=-lr / batch_size)
            param.grad.zero_()


def set_seed(seed):
    """Python, NumPy ve torch üreteçlerini tohumlar.

    Aynı tohum aynı minigrupları ve aynı ilk ağırlıkları verir.
    """
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)   # CUDA üreteçlerini de tohumlar
