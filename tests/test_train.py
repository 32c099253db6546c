"""Gradyan kırpma ve eğitim: torch.nn.utils.clip_grad_norm_'a karşı, durum yönetimi, hatalar."""
import contextlib
import io
import math

import pytest
import torch
from torch import nn

import d2lmini as d2l


def scratch(vocab_size=28, num_hiddens=32, device='cpu'):
    return d2l.RNNModelScratch(vocab_size, num_hiddens, device, d2l.get_params,
                               d2l.init_rnn_state, d2l.rnn)


def _fill_grads(params, scale):
    for p in params:
        p.grad = torch.randn_like(p) * scale


@pytest.mark.parametrize('scale', [10.0, 1e-3])   # kırpılan ve kırpılmayan durumlar
def test_grad_clipping_scratch_equals_clip_grad_norm(scale):
    net = scratch()
    _fill_grads(net.params, scale)
    ref = [p.detach().clone().requires_grad_() for p in net.params]
    for r, p in zip(ref, net.params):
        r.grad = p.grad.clone()
    d2l.grad_clipping(net, 1)
    total = torch.nn.utils.clip_grad_norm_(ref, 1)
    for p, r in zip(net.params, ref):
        assert torch.allclose(p.grad, r.grad, rtol=1e-6, atol=1e-9)
    norm = torch.sqrt(sum((p.grad ** 2).sum() for p in net.params))
    assert norm <= 1 + 1e-5 if total > 1 else torch.isclose(norm, total)


def test_grad_clipping_module_equals_clip_grad_norm():
    net = nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 3))
    ref = nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 3))
    ref.load_state_dict(net.state_dict())
    x = torch.randn(11, 5) * 30
    for m in (net, ref):
        (m(x) ** 2).sum().backward()
    d2l.grad_clipping(net, 0.5)
    torch.nn.utils.clip_grad_norm_(ref.parameters(), 0.5)
    for p, r in zip(net.parameters(), ref.parameters()):
        assert torch.allclose(p.grad, r.grad, rtol=1e-6, atol=1e-9)


def test_grad_clipping_keeps_direction():
    net = scratch()
    _fill_grads(net.params, 5.0)
    before = torch.cat([p.grad.flatten() for p in net.params])
    d2l.grad_clipping(net, 2.0)
    after = torch.cat([p.grad.flatten() for p in net.params])
    assert torch.nn.functional.cosine_similarity(before, after, dim=0) > 0.99999


class Spy:
    """Modeli sarar; her çağrıda gelen durumu kaydeder."""

    def __init__(self, net):
        self.net, self.seen, self.returned = net, [], []
        self.vocab_size, self.params = net.vocab_size, net.params

    def __call__(self, X, state):
        self.seen.append(state[0])
        Y, state = self.net(X, state)
        self.returned.append(state[0])
        return Y, state

    def begin_state(self, batch_size, device):
        return self.net.begin_state(batch_size, device)


def _epoch(net, use_random_iter):
    train_iter, _ = d2l.load_data_time_machine(32, 35, use_random_iter)
    updater = lambda batch_size: d2l.sgd(net.params, 1, batch_size)
    return d2l.train_epoch_ch8(net, train_iter, nn.CrossEntropyLoss(), updater, 'cpu',
                               use_random_iter)


def test_sequential_carries_state_and_detaches():
    spy = Spy(scratch())
    ppl, speed = _epoch(spy, use_random_iter=False)
    assert len(spy.seen) == 8 and ppl > 1 and speed > 0
    assert torch.count_nonzero(spy.seen[0]) == 0   # dönem başında ilklenir
    for prev_out, nxt_in in zip(spy.returned, spy.seen[1:]):
        assert torch.equal(prev_out, nxt_in)        # durum taşınır...
        assert nxt_in.grad_fn is None and not nxt_in.requires_grad   # ...ama koparılıp ayrılır


def test_random_sampling_reinitialises_state():
    spy = Spy(scratch())
    _epoch(spy, use_random_iter=True)
    assert len(spy.seen) == 8
    assert all(torch.count_nonzero(s) == 0 for s in spy.seen)


def test_no_gradient_reaches_previous_minibatch():
    """Koparıp ayırma olmasaydı ikinci geri yayılım, serbest bırakılmış çizgeye ulaşıp hata verirdi."""
    net = scratch()
    train_iter, _ = d2l.load_data_time_machine(32, 35)
    losses = []
    def updater(batch_size):
        losses.append(True)
        d2l.sgd(net.params, 1, batch_size)
    d2l.train_epoch_ch8(net, train_iter, nn.CrossEntropyLoss(), updater, 'cpu', False)
    assert len(losses) == 8


def test_train_ch8_rejects_mismatched_vocabulary():
    train_iter, vocab = d2l.load_data_time_machine(32, 35)
    with pytest.raises(ValueError, match='len\\(vocab\\)'):
        d2l.train_ch8(scratch(vocab_size=30), train_iter, vocab, 1, 1, 'cpu')


def test_non_finite_loss_stops_at_once():
    train_iter, vocab = d2l.load_data_time_machine(32, 35)
    net = scratch()
    calls = []
    forward = net.forward_fn
    def poisoned(inputs, state, params):
        calls.append(1)
        Y, state = forward(inputs, state, params)
        return Y * float('nan'), state
    net.forward_fn = poisoned
    with pytest.raises(FloatingPointError, match='1. dönemde.*öğrenme oranını'):
        d2l.train_ch8(net, train_iter, vocab, 1, 500, 'cpu')
    assert len(calls) == 8   # yalnızca bir dönem


def test_nn_module_trains_with_optimizer():
    """train_ch8'in nn.Module dalı: torch.optim.SGD ve tek tensörlük durum."""
    class TorchRNN(nn.Module):
        def __init__(self, vocab_size, h):
            super().__init__()
            self.vocab_size, self.h = vocab_size, h
            self.rnn, self.out = nn.RNN(vocab_size, h), nn.Linear(h, vocab_size)

        def forward(self, X, state):
            Y, state = self.rnn(nn.functional.one_hot(X.T, self.vocab_size).float(), state)
            return self.out(Y.reshape(-1, Y.shape[-1])), state

        def begin_state(self, batch_size, device):
            return torch.zeros(1, batch_size, self.h, device=device)

    train_iter, vocab = d2l.load_data_time_machine(32, 35)
    ppl, speed = d2l.train_ch8(TorchRNN(len(vocab), 64), train_iter, vocab, 1, 10, 'cpu')
    assert 1 < ppl < 20 and speed > 0


@pytest.mark.slow
def test_short_real_training(capsys):
    """60 dönem, h=256, bölümün verisi: şaşkınlık 9'un altına iner; aynı tohum aynı sonucu verir."""
    results = []
    for _ in range(2):
        d2l.set_seed(0)
        train_iter, vocab = d2l.load_data_time_machine(32, 35)
        net = scratch(len(vocab), 256)
        results.append(d2l.train_ch8(net, train_iter, vocab, 1, 60, 'cpu')[0])
    assert results[0] < 9 and math.isfinite(results[0])
    assert results[0] == results[1]
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith('time traveller') for line in out) == 2 * (6 + 1)
    assert any(line.startswith('şaşkınlık ') and 'andıç/sn cpu' in line for line in out)
    assert out[-1].startswith('traveller')


@pytest.mark.parametrize('lr', [-1, 0, float('nan'), float('inf'), 'bir', None, True])
def test_bad_learning_rate_is_refused_before_training(lr):
    """Negatif öğrenme oranı sessizce 8,5e30 şaşkınlığa giderdi; dizgi ilgisiz bir
    TypeError verirdi. Şimdi eğitim başlamadan, neyin değişeceğini söyleyen hata."""
    train_iter, vocab = d2l.load_data_time_machine(2, 5, max_tokens=200)
    net = scratch()
    before = [p.detach().clone() for p in net.params]
    with pytest.raises(ValueError, match='lr'):
        d2l.train_ch8(net, train_iter, vocab, lr, 1, 'cpu')
    assert all(torch.equal(p, q) for p, q in zip(net.params, before))


def test_huge_learning_rate_gives_the_advice_not_an_overflow(capsys):
    """lr=1e4: kayıp sonlu ama exp(kayıp) taşar; OverflowError değil, öğüt."""
    train_iter, vocab = d2l.load_data_time_machine(32, 35, max_tokens=2000)
    with pytest.raises(FloatingPointError, match='öğrenme oranını düşürün'):
        d2l.train_ch8(scratch(), train_iter, vocab, 1e4, 30, 'cpu')


def test_check_finite_ppl_limits():
    from d2lmini.checks import check_finite_ppl
    check_finite_ppl(math.exp(700.0), 3)   # exp(700) gösterilebilir
    for bad in (float('inf'), float('nan')):
        with pytest.raises(FloatingPointError, match='3. dönemde.*taşacak'):
            check_finite_ppl(bad, 3)


def test_model_is_bound_to_its_vocabulary():
    """Zaman Makinesi ve Dünyalar Savaşı'nın ikisi de 28 andıç: bir kitabın modeli
    ötekinin dağarcığıyla eğitilmeye devam edemez (sessizce çöp üretirdi)."""
    tm_iter, tm_vocab = d2l.load_data_time_machine(4, 5, max_tokens=300)
    wotw_iter, wotw_vocab = d2l.load_data_text('war_of_the_worlds', 4, 5, max_tokens=300)
    assert len(tm_vocab) == len(wotw_vocab) and tm_vocab.idx_to_token != wotw_vocab.idx_to_token
    net = scratch()
    with contextlib.redirect_stdout(io.StringIO()):
        d2l.train_ch8(net, tm_iter, tm_vocab, 1, 1, 'cpu')
        d2l.train_ch8(net, tm_iter, tm_vocab, 1, 1, 'cpu')   # aynı dağarcık: sorun yok
    with pytest.raises(ValueError, match='başka bir kelime dağarcığıyla'):
        d2l.train_ch8(net, wotw_iter, wotw_vocab, 1, 1, 'cpu')
    with pytest.raises(ValueError, match='başka bir kelime dağarcığıyla'):
        d2l.generation_widget(net, wotw_vocab, 'cpu')
