"""Eğitim: gradyan kırpma, bir dönemlik eğitim ve tam eğitim döngüsü."""
import math

import torch
from torch import nn

from .checks import (bind_vocab, check_finite_ppl, check_positive,
                     check_positive_int)
from .numfmt import fmt_num
from .plot import Animator
from .rnn import predict_ch8
from .utils import Accumulator, Timer, sgd


def grad_clipping(net, theta):
    """Gradyanları birlikte θ yarıçaplı topa izdüşürür: g ← min(1, θ/‖g‖) g.

    Sıfırdan model (``.params``) ve her ``nn.Module`` için çalışır. Ölçek bir
    tensör olarak kalır: ``if`` ile karşılaştırmak GPU'yu her minigrupta
    bekletirdi. Defter: 05-gradyan-kirpma.
    """
    params = net.parameters() if isinstance(net, nn.Module) else net.params
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return
    norm = torch.sqrt(sum((g * g).sum() for g in grads))
    scale = torch.clamp(theta / (norm + 1e-6), max=1.0)
    for g in grads:
        g.mul_(scale)


def train_epoch_ch8(net, train_iter, loss, updater, device, use_random_iter):
    """Bir dönem eğitir; (şaşkınlık, andıç/sn) döndürür. Defter: 06-egitim."""
    state, timer = None, Timer()
    metric = Accumulator(2)   # kayıp toplamı, andıç sayısı
    for X, Y in train_iter:
        if state is None or use_random_iter:
            # İlk minigrup ya da rastgele örnekleme: durumu ilkle
            state = net.begin_state(batch_size=X.shape[0], device=device)
        else:
            # Sıralı bölümleme: durum taşınır ama çizgeden koparılıp ayrılır,
            # gradyan önceki minigrupların zaman adımlarına akmasın
            if isinstance(state, tuple):   # sıfırdan model: tensör demeti
                state = tuple(s.detach() for s in state)
            else:                          # nn.RNN: tek tensör
                state = state.detach()
        y = Y.T.reshape(-1)   # çıktılar (adım · minigrup) sırasında
        X, y = X.to(device), y.to(device)
        y_hat, state = net(X, state)
        l = loss(y_hat, y).mean()
        if isinstance(updater, torch.optim.Optimizer):
            updater.zero_grad()
            l.backward()
            grad_clipping(net, 1)
            updater.step()
        else:
            l.backward()
            grad_clipping(net, 1)
            updater(batch_size=1)   # kayıp zaten ortalama
        # Toplam aygıtta bir tensörde birikir: GPU her minigrupta beklemez
        metric.add(l.detach() * y.numel(), y.numel())
    return math.exp(float(metric[0]) / metric[1]), metric[1] / timer.stop()


def train_ch8(net, train_iter, vocab, lr, num_epochs, device,
              use_random_iter=False):
    """Modeli eğitir, şaşkınlığı çizer; (son şaşkınlık, andıç/sn) döndürür.

    Defter: 06-egitim.
    """
    bind_vocab(net, vocab)
    check_positive('lr', lr, '; ör. lr=1')
    check_positive_int('num_epochs', num_epochs)
    loss = nn.CrossEntropyLoss()
    animator = Animator(xlabel='dönem', ylabel='şaşkınlık',
                        legend=['eğitim'], xlim=[1, num_epochs])
    if isinstance(net, nn.Module):
        updater = torch.optim.SGD(net.parameters(), lr)
    else:
        updater = lambda batch_size: sgd(net.params, lr, batch_size)
    predict = lambda prefix: predict_ch8(prefix, 50, net, vocab, device)
    for epoch in range(num_epochs):
        try:
            ppl, speed = train_epoch_ch8(
                net, train_iter, loss, updater, device, use_random_iter)
        except OverflowError:   # kayıp o kadar büyük ki exp(kayıp) taştı
            ppl = math.inf
        check_finite_ppl(ppl, epoch + 1)   # ıraksayan eğitim sessizce sürmesin
        if (epoch + 1) % 10 == 0:
            print(predict('time traveller'))
        if (epoch + 1) % 10 == 0 or epoch + 1 == num_epochs:
            animator.add(epoch + 1, [ppl])
    # Türkçe sayı yazımı: 1,0 ve 60.473; iki sayıyı noktalı virgül ayırır
    print(f'şaşkınlık {fmt_num(ppl, 1)}; {fmt_num(speed)} andıç/sn '
          f'{device}')
    print(predict('time traveller'))
    print(predict('traveller'))
    return ppl, speed
