"""Hızlı model, sıfırdan modelle aynı modeldir: aynı ilk ağırlıklar, aynı çıktılar, aynı gradyanlar.

Kâhin (oracle) bölümün kendi ``rnn`` fonksiyonudur (o da test_rnn.py'de nn.RNN'e karşı kanıtlanır).
"""
import pytest
import torch
from torch import nn
from torch.nn import functional as F

import d2lmini as d2l
from d2lmini.fast import rnn_fast, rnn_hoisted, rnn_lookup
from d2lmini.recurrence import RNNLayer, work_buffer

V, H = 28, 16
FORWARD_FNS = [rnn_lookup, rnn_hoisted, rnn_fast]
DEVICES = ['cpu'] + (['cuda'] if torch.cuda.is_available() else [])


def scratch(num_hiddens=H, device='cpu'):
    return d2l.RNNModelScratch(V, num_hiddens, device, d2l.get_params, d2l.init_rnn_state, d2l.rnn)


def random_params(dtype, num_hiddens=H):
    """Sapmaları da sıfır olmayan parametreler: sapma gradyanları da sınansın."""
    params = [p.detach().to(dtype) for p in d2l.get_params(V, num_hiddens, 'cpu')]
    params[2].normal_(0, 0.1)
    params[4].normal_(0, 0.1)
    params[1].normal_(0, 0.3)   # tanh doyuma yaklaşsın: türev 1'den belirgin biçimde uzak
    return [p.requires_grad_() for p in params]


def run(fn, tokens, state, params, onehot):
    """İleri yayılım + her çıktıya dokunan bir kayıp; (Y, son durum, gradyanlar) döndürür."""
    for p in params:
        p.grad = None
    inputs = F.one_hot(tokens, V).to(params[0].dtype) if onehot else tokens
    Y, (H_last,) = fn(inputs, state, params)
    (Y.sin().sum() + H_last.cos().sum()).backward()
    return Y.detach(), H_last.detach(), [p.grad.clone() for p in params]


def assert_close_all(a, b, tol):
    for x, y in zip(a[:2] + tuple(a[2]), b[:2] + tuple(b[2])):
        torch.testing.assert_close(x, y, rtol=tol, atol=tol)


def test_same_initial_params_as_scratch():
    d2l.set_seed(3)
    ref = scratch(512)
    d2l.set_seed(3)
    net = d2l.RNNModelFast(V, 512, 'cpu')
    assert net.vocab_size == V and net.num_hiddens == 512
    assert len(net.params) == 5
    for p, q in zip(net.params, ref.params):
        assert p.shape == q.shape and p.dtype == q.dtype and p.is_leaf and p.requires_grad
        assert torch.equal(p, q)


@pytest.mark.parametrize('fn', FORWARD_FNS, ids=lambda f: f.__name__)
@pytest.mark.parametrize('with_state', [False, True])
def test_float64_equals_rnn(fn, with_state):
    params = random_params(torch.float64)
    tokens = torch.randint(0, V, (7, 5))   # (adım, minigrup)
    if with_state:
        H0 = torch.randn(5, H, dtype=torch.float64, requires_grad=True)
    else:
        H0 = torch.zeros(5, H, dtype=torch.float64)
    ref = run(d2l.rnn, tokens, (H0,), params, onehot=True)
    ref_dH0 = H0.grad.clone() if with_state else None
    if with_state:
        H0.grad = None
    got = run(fn, tokens, (H0,), params, onehot=False)
    assert got[0].shape == (7 * 5, V) and got[1].shape == (5, H)
    assert_close_all(got, ref, 1e-12)
    if with_state:   # gradyan gelen duruma da akar
        torch.testing.assert_close(H0.grad, ref_dH0, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize('device', DEVICES)
@pytest.mark.parametrize('with_state', [False, True])
def test_model_float32_equals_scratch(device, with_state):
    """Modeller üzerinden, float32'de, gerçek boyutta: kayıp çapraz entropi (eğitimdeki gibi)."""
    d2l.set_seed(1)
    ref = scratch(256, device)
    d2l.set_seed(1)
    net = d2l.RNNModelFast(V, 256, device)
    X = torch.randint(0, V, (32, 35), device=device)   # (minigrup, adım): modelin girdisi
    y = torch.randint(0, V, (32 * 35,), device=device)
    outs = []
    for model in (ref, net):
        state = model.begin_state(32, device)
        if with_state:
            state = (torch.randn(32, 256, generator=torch.Generator().manual_seed(0)).to(device),)
        Y, new_state = model(X, state)
        (F.cross_entropy(Y, y) + new_state[0].square().mean()).backward()
        outs.append((Y.detach(), new_state[0].detach(), [p.grad for p in model.params]))
    assert isinstance(outs[1][1], torch.Tensor) and outs[1][1].shape == (32, 256)
    assert_close_all(outs[1], outs[0], 1e-5)


@pytest.mark.parametrize('fn', FORWARD_FNS, ids=lambda f: f.__name__)
def test_state_carried_across_calls(fn):
    """İki ardışık çağrı (durum koparılmadan) tek bir uzun çağrıyla aynıdır; gradyanlar da."""
    params = random_params(torch.float64)
    tokens = torch.randint(0, V, (9, 4))
    H0 = torch.zeros(4, H, dtype=torch.float64)
    whole = run(fn, tokens, (H0,), params, onehot=False)
    for p in params:
        p.grad = None
    Y1, state = fn(tokens[:4], (H0,), params)
    Y2, (H_last,) = fn(tokens[4:], state, params)
    Y = torch.cat((Y1, Y2))
    (Y.sin().sum() + H_last.cos().sum()).backward()
    split = (Y.detach(), H_last.detach(), [p.grad for p in params])
    assert_close_all(split, whole, 1e-12)


def layer_inputs(T=6, B=3, V_=4, h=5, dtype=torch.float64):
    tokens = torch.randint(0, V_, (T, B))
    W_in = torch.randn(V_, h, dtype=dtype, requires_grad=True)
    H0 = torch.randn(B, h, dtype=dtype, requires_grad=True)
    W_hh = (0.5 * torch.randn(h, h, dtype=dtype)).requires_grad_()
    W_hq = torch.randn(h, V_, dtype=dtype, requires_grad=True)
    b_q = torch.randn(V_, dtype=dtype, requires_grad=True)
    return tokens, W_in, H0, W_hh, W_hq, b_q


def test_gradcheck_layer():
    tokens, W_in, H0, W_hh, W_hq, b_q = layer_inputs()
    assert torch.autograd.gradcheck(RNNLayer.apply, (tokens, W_in, H0, W_hh, W_hq, b_q))
    # Gelen durum sabitse (sıfırlar ya da koparılmış durum) onun gradyanı hesaplanmaz
    assert torch.autograd.gradcheck(RNNLayer.apply, (tokens, W_in, H0.detach(), W_hh, W_hq, b_q))
    # Tek adım (tahmindeki gibi): döngüler boş, W_hh'nin gradyanı yalnızca H0'dan gelir
    assert torch.autograd.gradcheck(RNNLayer.apply, (tokens[:1], W_in, H0, W_hh, W_hq, b_q))
    # Bir andıç hiç geçmiyorsa onun satırının gradyanı sıfır
    Y, H = RNNLayer.apply(torch.tensor([[0, 1], [1, 0]]), W_in, H0[:2], W_hh, W_hq, b_q)
    (Y.sum() + H.sum()).backward()
    assert torch.all(W_in.grad[2:] == 0) and torch.all(W_in.grad[:2] != 0)


def test_layer_work_buffers_do_not_leak_into_gradients():
    """Ara tamponlar çağrılar arasında yeniden kullanılır; döndürülen gradyanlar
    onlara bağlı değildir: ikinci bir geri yayılım ilkinin sonucunu değiştirmez."""
    tokens, *leaves = layer_inputs(5, 3, 4, 6, torch.float32)
    Y, H = RNNLayer.apply(tokens, *leaves)
    first = torch.autograd.grad(Y.sin().sum() + H.sum(), leaves)
    saved = [g.clone() for g in first]
    Y, H = RNNLayer.apply(tokens, *leaves)
    second = torch.autograd.grad(Y.cos().sum(), leaves)
    for a, b, c in zip(first, saved, second):
        assert torch.equal(a, b) and not torch.equal(a, c)


def test_work_buffers_are_kept_per_name_and_replaced_on_a_new_shape():
    like = torch.empty(3, 2, 4)
    a, b = work_buffer('a', like), work_buffer('b', like)
    assert a is not b and work_buffer('a', like) is a and work_buffer('b', like) is b
    bigger = work_buffer('a', torch.empty(5, 2, 4))
    assert bigger.shape == (5, 2, 4) and work_buffer('b', like) is b
    assert work_buffer('a', like.double()).dtype == torch.float64


def test_layer_double_backward_is_refused():
    tokens, W_in, H0, W_hh, W_hq, b_q = layer_inputs()
    Y, _ = RNNLayer.apply(tokens, W_in, H0.detach(), W_hh, W_hq, b_q)
    g, = torch.autograd.grad(Y.sum(), W_hh, create_graph=True)
    with pytest.raises(RuntimeError):
        g.sum().backward()


def test_grad_clipping_on_fast_model_equals_torch():
    net = d2l.RNNModelFast(V, H, 'cpu')
    Y, _ = net(torch.randint(0, V, (4, 6)), net.begin_state(4, 'cpu'))
    (100 * Y.square().sum()).backward()
    twins = [p.detach().clone().requires_grad_() for p in net.params]
    for twin, p in zip(twins, net.params):
        twin.grad = p.grad.clone()
    total_norm = torch.nn.utils.clip_grad_norm_(twins, 1.0)
    assert total_norm > 1   # kırpma gerçekten bir şey yapsın
    d2l.grad_clipping(net, 1)
    for p, twin in zip(net.params, twins):
        torch.testing.assert_close(p.grad, twin.grad, rtol=1e-5, atol=1e-7)


def test_bad_input_gives_clear_error():
    with pytest.raises(ValueError, match='pozitif'):
        d2l.RNNModelFast(V, 0, 'cpu')
    net = d2l.RNNModelFast(V, H, 'cpu')
    state = net.begin_state(2, 'cpu')
    with pytest.raises(ValueError, match='indis'):   # bire bir kodlanmış girdi
        net(F.one_hot(torch.randint(0, V, (2, 3)), V).float(), state)
    with pytest.raises(ValueError, match='indis'):   # tek boyutlu
        net(torch.randint(0, V, (3,)), state)


def test_state_can_be_detached_in_place():
    """Kitabın eğitim döngüsü durumu yerinde koparır (detach_): döndürülen durum bir görünüm olmamalı."""
    net = d2l.RNNModelFast(V, H, 'cpu')
    _, (state,) = net(torch.randint(0, V, (2, 3)), net.begin_state(2, 'cpu'))
    state.detach_()
    assert not state.requires_grad


@pytest.mark.parametrize('use_random_iter', [False, True])
def test_train_ch8_same_result_as_scratch(use_random_iter, capsys):
    """Aynı tohum, aynı veri: hız sonucu değiştirmez (şaşkınlık ve üretilen metin aynı)."""
    results = []
    for make in (lambda: scratch(64), lambda: d2l.RNNModelFast(V, 64, 'cpu')):
        d2l.set_seed(0)
        train_iter, vocab = d2l.load_data_time_machine(32, 35, use_random_iter)
        net = make()
        ppl, speed = d2l.train_ch8(net, train_iter, vocab, 1, 12, 'cpu', use_random_iter)
        assert speed > 0
        text = d2l.predict_ch8('time traveller ', 20, net, vocab, 'cpu')
        results.append((ppl, text))
    capsys.readouterr()
    (ppl_ref, text_ref), (ppl, text) = results
    assert ppl < 20   # bir şeyler öğrendi (tekdüze tahminin şaşkınlığı 28 olurdu)
    assert ppl == pytest.approx(ppl_ref, rel=1e-4)
    assert text == text_ref and text.startswith('time traveller ')


def test_predict_ch8_untrained_same_as_scratch():
    d2l.set_seed(5)
    ref = scratch(32)
    d2l.set_seed(5)
    net = d2l.RNNModelFast(V, 32, 'cpu')
    _, vocab = d2l.load_data_time_machine(32, 35)
    expected = d2l.predict_ch8('time traveller ', 10, ref, vocab, 'cpu')
    assert d2l.predict_ch8('time traveller ', 10, net, vocab, 'cpu') == expected
    assert expected.startswith('time traveller ') and len(expected) > len('time traveller ')


def test_nn_module_twin_equals_scratch():
    """Karşılaştırmadaki nn.RNN modeli, aynı ilk ağırlıklarla sıfırdan modelin aynısıdır."""
    from d2lmini.rnn import RNNModelTorch
    d2l.set_seed(2)
    ref = scratch(32)
    d2l.set_seed(2)
    net = RNNModelTorch(V, 32, 'cpu')
    assert isinstance(net, nn.Module)
    X = torch.randint(0, V, (4, 6))
    Y_ref, (H_ref,) = ref(X, ref.begin_state(4, 'cpu'))
    Y, H_n = net(X, net.begin_state(4, 'cpu'))
    torch.testing.assert_close(Y, Y_ref, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(H_n[0], H_ref, rtol=1e-5, atol=1e-6)
    trained = [p for p in net.parameters() if p.requires_grad]
    assert len(trained) == 5   # nn.RNN'in ikinci sapması sıfırda sabit: aynı model


def test_bench_smoke(tmp_path, capsys):
    """Karşılaştırma küçük ayarlarla uçtan uca çalışır ve JSON yazar (hız eşiği yok)."""
    import json

    import importlib.util
    import pathlib
    script = pathlib.Path(__file__).resolve().parent.parent / 'tools' / 'bench.py'
    spec = importlib.util.spec_from_file_location('bench_cli', script)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = tmp_path / 'bench.json'
    bench.main(['--device', 'cpu', '--threads', '1', '--num-hiddens', '32', '--epochs', '1', '--repeats', '1',
                '--scaling-hiddens', '16', '32', '--scaling-epochs', '1', '--scaling-repeats', '1',
                '--gemm-repeats', '1', '--json', str(out)])
    printed = capsys.readouterr().out
    report = json.loads(out.read_text())
    rows = {row['model']: row for row in report['models']}
    assert {'scratch', 'fast', 'nn.RNN'} <= set(rows)
    assert all(row['tokens_per_s'] > 0 for row in rows.values())
    assert rows['fast']['perplexity'] == pytest.approx(rows['scratch']['perplexity'], rel=1e-4)
    assert min(report['machine']['gemm_gflops'].values()) > 0
    assert report['flops_per_token'] > 0
    assert 0 < report['models'][0]['share_of_limit'] < 2
    assert report['limit_tokens_per_s'] == pytest.approx(
        32 * 35 / sum(report['limit_parts_s'].values()))
    assert report['machine']['device_name'] and report['machine']['threads'] >= 1
    assert [row['num_hiddens'] for row in report['scaling_hiddens']] == [16, 32]
    assert 'andıç/sn' in printed


@pytest.mark.parametrize('X, why', [
    (torch.tensor([[1, -1, 2]]), 'arasında olmayan'),   # eksi indis sessizce sondan seçerdi
    (torch.tensor([[1, V, 2]]), 'arasında olmayan'),
    (torch.zeros((2, 0), dtype=torch.long), 'hiç zaman adımı'),
    (torch.zeros((2, 3)), 'indis'),
])
def test_bad_tokens_are_refused_never_silently_used(X, why):
    """Hızlı model neyin yanlış olduğunu söyler; kitabın boyundaki sıfırdan model girdiyi
    denetlemez ama sessizce de çalışmaz: PyTorch'un kendi hatasıyla durur."""
    batch = X.shape[0] if X.dim() == 2 else 1
    fast = d2l.RNNModelFast(V, H, 'cpu')
    with pytest.raises(ValueError, match=why):
        fast(X, fast.begin_state(batch, 'cpu'))
    net = scratch()
    with pytest.raises((RuntimeError, ValueError)):
        net(X, net.begin_state(batch, 'cpu'))
