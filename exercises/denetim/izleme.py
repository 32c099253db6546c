"""Yoklamaların casusları: öğrencinin koduna verilen, gördüğünü kaydeden nesneler.

Bunlar yalnızca kaydeder; karşılaştırma yargıda yapılır. Kaydettikleri gözleme girer
(bkz. ``ortak``). Yardımcı kurucular (``scratch_net``, ``grads``, ``batches``) aynı vakadan
iki süreçte de aynı nesneleri kurar.
"""
import math

import torch
from torch import nn

import d2lmini as d2l

from .ortak import CPU, gen

class IzliModel:
    """Bir modeli sarar: begin_state çağrılarını, verilen girdileri ve durumları,
    çıktıların gradyanlarını kaydeder."""

    def __init__(self, net):
        self.net = net
        self.vocab_size, self.num_hiddens = net.vocab_size, net.num_hiddens
        self.begin_calls, self.fed, self.states_in = 0, [], []
        self.outputs, self.grads = [], {}

    @property
    def params(self):
        return self.net.params

    def parameters(self):
        return self.net.parameters()

    def begin_state(self, batch_size, device):
        self.begin_calls += 1
        return self.net.begin_state(batch_size=batch_size, device=device)

    def __call__(self, X, state):
        self.fed.append(X.detach().clone())
        self.states_in.append(state)
        y_hat, new_state = self.net(X, state)
        if y_hat.requires_grad:
            i = len(self.outputs)
            y_hat.register_hook(lambda g, i=i: self.grads.__setitem__(i, g))
        self.outputs.append(y_hat.detach())
        return y_hat, new_state


class IzliModul(nn.Module):
    """``IzliModel``in nn.Module olanı: isinstance(net, nn.Module) dalları sınansın."""

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.vocab_size, self.num_hiddens = net.vocab_size, net.num_hiddens
        self.begin_calls, self.fed, self.states_in = 0, [], []
        self.outputs, self.grads = [], {}

    begin_state = IzliModel.begin_state
    forward = IzliModel.__call__


class Scratch:
    def __init__(self, params):
        self.params = params


def grads(seed, norms):
    g = gen(seed)
    params = []
    for i, nrm in enumerate(norms):
        p = torch.zeros(3 + i, 4, requires_grad=True)
        d = torch.randn(p.shape, generator=g)
        d[0, 0] = 6.0   # bir öğe baskın: öğe öğe kırpma yönü belirgin değiştirir
        p.grad = d / d.norm() * nrm
        params.append(p)
    return params


def batches(V, b, s, n, seed, sequential=True):
    g = gen(seed)
    if sequential:   # satır i, minigrup k+1'de minigrup k'nınkini sürdürür
        corpus = torch.randint(0, V, (b, n * s + 1), generator=g)
        return [(corpus[:, k * s:(k + 1) * s], corpus[:, k * s + 1:(k + 1) * s + 1])
                for k in range(n)]
    out = []
    for _ in range(n):
        seq = torch.randint(0, V, (b, s + 1), generator=g)
        out.append((seq[:, :-1], seq[:, 1:]))
    return out


class IzliGuncelleyici:
    def __init__(self, params, lr):
        self.params, self.lr = params, lr
        self.calls = []   # (batch_size, toplam gradyan normu)

    def __call__(self, batch_size):
        norm = math.sqrt(sum(float((p.grad ** 2).sum()) for p in self.params
                             if p.grad is not None))
        self.calls.append((batch_size, norm))
        d2l.sgd(self.params, self.lr, batch_size)


def scratch_net(V, h, seed, scale=1.0):
    torch.manual_seed(seed)
    net = d2l.RNNModelScratch(V, h, CPU, d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    with torch.no_grad():   # büyük ağırlıklar: gradyan normu θ=1'i aşsın, kırpma iş görsün
        for p in net.params:
            p.mul_(scale)
    return net
