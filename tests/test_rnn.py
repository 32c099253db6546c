"""Sıfırdan model, PyTorch'un kendi nn.RNN'ine karşı kanıtlanır."""
import pytest
import torch
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l

V, H = 28, 16


def scratch(num_hiddens=H, vocab_size=V):
    return d2l.RNNModelScratch(vocab_size, num_hiddens, 'cpu', d2l.get_params,
                               d2l.init_rnn_state, d2l.rnn)


def torch_twin(net):
    """Aynı ağırlıklarla nn.RNN (tanh, ikinci sapma sıfır) + çıkış katmanı."""
    W_xh, W_hh, b_h, W_hq, b_q = [p.detach() for p in net.params]
    rnn = nn.RNN(W_xh.shape[0], W_xh.shape[1])   # varsayılan etkinleştirme: tanh
    out = nn.Linear(W_hq.shape[0], W_hq.shape[1])
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(W_xh.T)
        rnn.weight_hh_l0.copy_(W_hh.T)
        rnn.bias_ih_l0.copy_(b_h)
        rnn.bias_hh_l0.zero_()
        out.weight.copy_(W_hq.T)
        out.bias.copy_(b_q)
    return rnn, out


def test_get_params_shapes_and_init():
    params = d2l.get_params(V, 512, 'cpu')
    assert [tuple(p.shape) for p in params] == [(V, 512), (512, 512), (512,), (512, V), (V,)]
    assert all(p.requires_grad and p.is_leaf and p.dtype == torch.float32 for p in params)
    W_hh = params[1].detach()
    assert abs(W_hh.mean()) < 1e-3 and W_hh.std() == pytest.approx(0.01, rel=0.02)
    assert torch.count_nonzero(params[2]) == 0 and torch.count_nonzero(params[4]) == 0


def test_init_rnn_state():
    state = d2l.init_rnn_state(3, 7, 'cpu')
    assert isinstance(state, tuple) and len(state) == 1
    assert state[0].shape == (3, 7) and torch.count_nonzero(state[0]) == 0


def test_book_shape_check():
    net = scratch(512)
    X = torch.arange(10).reshape(2, 5)
    Y, state = net(X, net.begin_state(X.shape[0], 'cpu'))
    assert Y.shape == (10, 28) and len(state) == 1 and state[0].shape == (2, 512)


@pytest.mark.parametrize('with_state', [False, True])
def test_forward_and_gradients_equal_nn_rnn(with_state):
    net = scratch()
    with torch.no_grad():   # sapmalar da sınansın diye sıfır olmasınlar
        net.params[2].normal_(0, 0.1)
        net.params[4].normal_(0, 0.1)
    rnn, out = torch_twin(net)
    X = torch.randint(0, V, (4, 9))
    state = (torch.randn(4, H) * 0.5,) if with_state else net.begin_state(4, 'cpu')
    Y, (H_T,) = net(X, state)

    x = F.one_hot(X.T, V).float()
    outputs, h_n = rnn(x, state[0].unsqueeze(0))
    Y_ref = out(outputs).reshape(-1, V)   # (adım, minigrup) sırası: bizimkiyle aynı
    assert torch.allclose(Y, Y_ref, atol=1e-5)
    assert torch.allclose(H_T, h_n[0], atol=1e-5)

    target = torch.randint(0, V, (Y.shape[0],))
    F.cross_entropy(Y, target).backward()
    F.cross_entropy(Y_ref, target).backward()
    W_xh, W_hh, b_h, W_hq, b_q = [p.grad for p in net.params]
    assert torch.allclose(W_xh, rnn.weight_ih_l0.grad.T, atol=1e-5)
    assert torch.allclose(W_hh, rnn.weight_hh_l0.grad.T, atol=1e-5)
    assert torch.allclose(b_h, rnn.bias_ih_l0.grad, atol=1e-5)
    assert torch.allclose(W_hq, out.weight.grad.T, atol=1e-5)
    assert torch.allclose(b_q, out.bias.grad, atol=1e-5)


def test_gradcheck_rnn_float64():
    params = [(torch.randn(*p.shape, dtype=torch.float64) * 0.3).requires_grad_()
              for p in d2l.get_params(5, 4, 'cpu')]
    inputs = torch.randn(3, 2, 5, dtype=torch.float64, requires_grad=True)
    H0 = torch.randn(2, 4, dtype=torch.float64, requires_grad=True)

    def f(inputs, H0, *params):
        Y, (H,) = d2l.rnn(inputs, (H0,), params)
        return Y, H

    assert torch.autograd.gradcheck(f, (inputs, H0, *params))


def test_one_hot_times_matrix_selects_rows():
    """Bölümün ilk alıştırması: bire bir kodlama ile çarpım, W_xh'nin satırlarını seçer (gömme)."""
    W_xh = torch.randn(V, H)
    idx = torch.randint(0, V, (6, 4))
    assert torch.equal(F.one_hot(idx, V).float() @ W_xh, W_xh[idx])


def test_predict_ch8_is_greedy_like_nn_rnn():
    vocab = d2l.Vocab(list('the time traveller said'))
    net = scratch(vocab_size=len(vocab))
    rnn, out = torch_twin(net)
    text = d2l.predict_ch8('time ', 12, net, vocab, 'cpu')
    # oracle: aynı ağırlıklarla nn.RNN'in açgözlü (greedy) devamı
    idx, h = vocab[list('time ')], None
    with torch.no_grad():
        o, h = rnn(F.one_hot(torch.tensor(idx), len(vocab)).float().unsqueeze(1))
        for _ in range(12):
            nxt = int(out(o[-1]).argmax())
            idx.append(nxt)
            o, h = rnn(F.one_hot(torch.tensor([nxt]), len(vocab)).float().unsqueeze(1), h)
    assert text == ''.join(vocab.to_tokens(idx))
    assert text.startswith('time ') and len(idx) == 5 + 12


def test_predict_ch8_unknown_prefix_and_bad_input():
    vocab = d2l.Vocab(list('abc'))
    net = scratch(vocab_size=len(vocab))
    assert d2l.predict_ch8('aXb', 0, net, vocab, 'cpu') == 'a<unk>b'
    # predict_ch8 kitabın boyunda kalır; kullanıcı girdisini örnekleyici denetler
    with pytest.raises(ValueError, match='prefix boş'):
        d2l.sample_ch8('', 5, net, vocab, 'cpu')
    with pytest.raises(ValueError, match='num_preds negatif'):
        d2l.sample_ch8('ab', -1, net, vocab, 'cpu')
