"""CUDA çizgeli RNN katmanı, eager katmanla aynıdır.

CPU'da kayıt yerine ``record_eager`` kullanılır: sabit tamponlara kopyalama,
yeniden oynatma, çıktıların kopyalanması ve autograd bağlantısı sınanır. Asıl
CUDA kaydı yalnızca GPU'lu makinede sınanır (``make test-gpu``); GPU yoksa o
sınamalar atlanır.
"""
import warnings

import pytest
import torch
from torch.nn import functional as F

import d2lmini as d2l
from d2lmini.fast import rnn_fast
from d2lmini.graphs import LayerGraphs, record_eager
from d2lmini.recurrence import RNNLayer

V, H = 28, 32
cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason='CUDA yok')


def grads_of(fn, tokens, state, params):
    """(Y, son durum, parametrelerin ve gelen durumun gradyanları)."""
    for t in params + list(state):
        t.grad = None
    Y, (H_last,) = fn(tokens, state, params)
    (Y.sin().sum() + H_last.cos().sum()).backward()
    grads = [t.grad.clone() for t in params + list(state)]
    return [Y.detach(), H_last.detach()] + grads


def leaves(device, dtype=torch.float32, batch=4):
    d2l.set_seed(0)
    params = [p.detach().to(dtype) for p in d2l.get_params(V, H, device)]
    params[1].normal_(0, 0.3)
    params[2].normal_(0, 0.1)
    params = [p.requires_grad_() for p in params]
    H0 = torch.randn(batch, H, dtype=dtype, device=device, requires_grad=True)
    return params, (H0,)


def compare(graphs, device, dtype, tol):
    params, state = leaves(device, dtype)
    for step in range(3):   # her çağrıda yeni değerler: tamponlar yenilenir
        tokens = torch.randint(0, V, (7, 4), device=device)
        with torch.no_grad():
            params[1].mul_(1.1)
        eager = grads_of(rnn_fast, tokens, state, params)
        graphed = grads_of(
            lambda *a: rnn_fast(*a, layer=graphs.apply),
            tokens, state, params)
        for a, b in zip(graphed, eager):
            torch.testing.assert_close(a, b, rtol=tol, atol=tol)
    return graphed


def test_recorded_recurrence_equals_eager_on_cpu():
    graphs = LayerGraphs(record=record_eager)
    compare(graphs, 'cpu', torch.float64, 1e-12)
    assert len(graphs.shapes) == 1   # aynı biçim: tek kayıt, yeniden oynatıldı


def layer_args(params, H0, T, B):
    W_xh, W_hh, b_h, W_hq, b_q = [p.detach() for p in params]
    tokens = torch.randint(0, V, (T, B))
    return tokens, W_xh + b_h, H0[:B].detach(), W_hh, W_hq, b_q


def test_outputs_are_copies_not_the_static_buffers():
    graphs = LayerGraphs(record=record_eager)
    params, (H0,) = leaves('cpu')
    tokens, W_in, *rest = layer_args(params, H0, 5, 4)
    first = graphs.apply(tokens, W_in, *rest)
    kept = [t.clone() for t in first]
    graphs.apply(tokens, 2 * W_in, *rest)
    for a, b in zip(first, kept):
        assert torch.equal(a, b)


def test_a_new_shape_is_recorded_separately():
    graphs = LayerGraphs(record=record_eager)
    params, (H0,) = leaves('cpu')
    for T, B in ((5, 4), (1, 1), (5, 4)):
        args = layer_args(params, H0, T, B)
        for a, b in zip(graphs.apply(*args), RNNLayer.apply(*args)):
            torch.testing.assert_close(a, b)
    assert len(graphs.shapes) == 2


def test_failed_recording_warns_and_falls_back_to_eager():
    def broken(fn):
        raise RuntimeError('kayıt desteklenmiyor')

    graphs = LayerGraphs(record=broken)
    with pytest.warns(RuntimeWarning, match='CUDA çizgesi kaydedilemedi'):
        compare(graphs, 'cpu', torch.float64, 1e-12)
    assert list(graphs.shapes.values()) == [None]


def test_model_on_cpu_does_not_use_graphs():
    d2l.set_seed(0)
    net = d2l.RNNModelFast(V, H, 'cpu', cuda_graphs=True)
    X = torch.randint(0, V, (4, 6))
    net(X, net.begin_state(4, 'cpu'))
    assert net.graphs.shapes == {}


def test_eager_is_the_default_and_graphs_are_one_switch_away():
    # CUDA çizgeleri bir GPU'da sınanana dek varsayılan yol eager'dır
    assert d2l.RNNModelFast(V, H, 'cpu').graphs is None
    assert isinstance(d2l.RNNModelFast(V, H, 'cpu', cuda_graphs=True).graphs,
                      LayerGraphs)


@cuda
def test_cuda_graph_recurrence_equals_eager_on_gpu():
    graphs = LayerGraphs()   # gerçek CUDA kaydı
    with warnings.catch_warnings():
        warnings.simplefilter('error')   # eager'a dönüş burada bir hatadır
        compare(graphs, 'cuda', torch.float32, 1e-5)
    assert all(g is not None for g in graphs.shapes.values())


@cuda
def test_model_default_eager_and_graphs_switch_match_on_gpu():
    X = torch.randint(0, V, (32, 35), device='cuda')
    y = torch.randint(0, V, (32 * 35,), device='cuda')
    outs = []
    for kwargs in ({}, {'cuda_graphs': True}):   # varsayılan (eager), çizgeler
        d2l.set_seed(0)
        net = d2l.RNNModelFast(V, 256, 'cuda', **kwargs)
        for _ in range(2):   # ikinci çağrı kaydı yeniden oynatır
            for p in net.params:
                p.grad = None
            Y, (H_last,) = net(X, net.begin_state(32, 'cuda'))
            F.cross_entropy(Y, y).backward()
        outs.append([Y.detach(), H_last.detach()]
                    + [p.grad for p in net.params])
    assert len(net.graphs.shapes) == 1   # çizgeli model kaydetti ve oynattı
    assert all(g is not None for g in net.graphs.shapes.values())
    for a, b in zip(*outs):
        torch.testing.assert_close(b, a, rtol=1e-5, atol=1e-6)


@cuda
def test_training_and_prediction_on_gpu_match_eager():
    train_iter, vocab = d2l.load_data_time_machine(32, 35, max_tokens=3000)
    results = []
    for cuda_graphs in (False, True):
        d2l.set_seed(0)
        net = d2l.RNNModelFast(len(vocab), 128, 'cuda',
                               cuda_graphs=cuda_graphs)
        ppl, _ = d2l.train_epoch_ch8(
            net, train_iter, torch.nn.CrossEntropyLoss(),
            lambda batch_size: d2l.sgd(net.params, 1, batch_size),
            'cuda', False)
        text = d2l.predict_ch8('time traveller', 20, net, vocab, 'cuda')
        results.append((ppl, text))
    assert results[1][0] == pytest.approx(results[0][0], rel=1e-4)
    assert results[1][1] == results[0][1]
