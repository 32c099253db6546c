"""sample_ch8: q ∝ P^α'dan örnekleme; α=∞ predict_ch8'in kendisi, tohum metni belirler,
çekilen karakterlerin sıklıkları softmax olasılıklarına uyar. Ve etkileşimli üretici."""
import math

import pytest
import torch
from torch.nn import functional as F

import d2lmini as d2l

VOCAB = d2l.Vocab([list('time traveller said the psychologist')])


@pytest.fixture
def net():
    """Ağırlıkları büyütülmüş rastgele bir model: dağılımlar ne tekdüze ne tek bir karakter."""
    model = d2l.RNNModelScratch(len(VOCAB), 32, 'cpu', d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    with torch.no_grad():
        for p in model.params:
            p.normal_(0, 0.4)
    return model


def gen(seed):
    return torch.Generator().manual_seed(seed)


@pytest.mark.parametrize('prefix', ['t', 'time traveller ', 'said the'])
def test_alpha_inf_equals_predict_ch8(net, prefix):
    expected = d2l.predict_ch8(prefix, 60, net, VOCAB, 'cpu')
    assert d2l.sample_ch8(prefix, 60, net, VOCAB, 'cpu', alpha=math.inf) == expected
    assert d2l.sample_ch8(prefix, 60, net, VOCAB, 'cpu', alpha=float('inf'), generator=gen(3)) == expected


def test_large_alpha_approaches_greedy(net):
    greedy = d2l.predict_ch8('time ', 60, net, VOCAB, 'cpu')
    agreement = []
    for alpha in [0.5, 1.0, 4.0, 1e6]:
        texts = [d2l.sample_ch8('time ', 60, net, VOCAB, 'cpu', alpha=alpha, generator=gen(s))
                 for s in range(5)]
        agreement.append(sum(a == b for t in texts for a, b in zip(t, greedy)) / (5 * len(greedy)))
        if alpha == 1e6:
            assert texts == [greedy] * 5
    assert agreement == sorted(agreement)   # α büyüdükçe açgözlü metne yaklaşır
    assert agreement[0] < 0.6
    # q'nun en büyük olasılığı α ile artar ve 1'e gider
    logits = torch.tensor([[0.3, 1.2, -0.5, 1.0]])
    tops = [float(d2l.sampling.next_token_probs(logits, a).max()) for a in [0.1, 1, 2, 5, 50]]
    assert tops == sorted(tops) and tops[-1] > 0.9999


def test_q_is_p_to_the_alpha():
    logits = torch.randn(1, 7)
    p = F.softmax(logits.double(), dim=1)[0]
    for alpha in [0.3, 1.0, 2.5]:
        q = d2l.sampling.next_token_probs(logits, alpha)
        torch.testing.assert_close(q, p ** alpha / (p ** alpha).sum())


@pytest.mark.parametrize('alpha', [1.0, 3.0])
def test_empirical_frequencies_match_probabilities(alpha):
    # W_xh = W_hh = 0: gizli durum hep tanh(b_h), çıktı dağılımı girdiden bağımsız. Böylece
    # tek bir uzun üretim, aynı P'den bağımsız çekimler dizisidir.
    net = d2l.RNNModelScratch(len(VOCAB), 8, 'cpu', d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    W_xh, W_hh, b_h, W_hq, b_q = net.params
    with torch.no_grad():
        W_xh.zero_()
        W_hh.zero_()
        b_h.normal_(0, 1)
        W_hq.normal_(0, 0.6)
    # Oracle: softmax ile elle hesaplanan P, ondan q = P^α / Σ P^α
    p = F.softmax((torch.tanh(b_h) @ W_hq + b_q).detach().double(), dim=0)
    q = p ** alpha / (p ** alpha).sum()
    assert float(q.max()) < 0.9 and int((q > 0.05).sum()) >= 3   # sınama anlamlı olsun
    n = 4000
    text = d2l.sample_ch8('t', n, net, VOCAB, 'cpu', alpha=alpha, generator=gen(1234))
    # '<unk>' metinde beş karakterdir: saymadan önce tek bir (dağarcıkta olmayan) karaktere indir
    tokens = list(text[1:].replace('<unk>', '\0'))
    assert len(tokens) == n
    counts = torch.bincount(torch.tensor(VOCAB[tokens]), minlength=len(VOCAB))
    freq = counts.double() / n
    # Bir sıklığın standart sapması en çok 0.5/sqrt(n) ≈ 0.008: 0.04 beş sigma. Tohum sabit
    # olduğundan sonuç her çalıştırmada aynıdır; pay, başka bir torch sürümünde de tutsun diye geniş.
    assert float((freq - q).abs().max()) < 0.04
    assert counts[q < 1e-6].sum() == 0   # olasılığı ~0 olan karakter çekilmez


def test_same_seed_same_text(net):
    a = d2l.sample_ch8('time ', 80, net, VOCAB, 'cpu', generator=gen(7))
    b = d2l.sample_ch8('time ', 80, net, VOCAB, 'cpu', generator=gen(7))
    c = d2l.sample_ch8('time ', 80, net, VOCAB, 'cpu', generator=gen(8))
    assert a == b and a != c
    assert a.startswith('time ') and len(a) == 85
    # Üreteç verilmezse genel üreteç: set_seed ile tekrarlanır
    d2l.set_seed(5)
    x = d2l.sample_ch8('time ', 80, net, VOCAB, 'cpu')
    d2l.set_seed(5)
    assert d2l.sample_ch8('time ', 80, net, VOCAB, 'cpu') == x


def test_bad_input(net):
    with pytest.raises(ValueError, match='prefix boş olamaz'):
        d2l.sample_ch8('', 5, net, VOCAB, 'cpu')
    with pytest.raises(ValueError, match='num_preds negatif'):
        d2l.sample_ch8('t', -1, net, VOCAB, 'cpu')
    for alpha in [0, -1.0, -math.inf]:
        with pytest.raises(ValueError, match='alpha pozitif olmalı'):
            d2l.sample_ch8('t', 5, net, VOCAB, 'cpu', alpha=alpha)
    for alpha in [math.nan, '2', None, True]:
        with pytest.raises(ValueError, match='alpha bir sayı olmalı'):
            d2l.sample_ch8('t', 5, net, VOCAB, 'cpu', alpha=alpha)


@pytest.mark.skipif(not torch.cuda.is_available(), reason='GPU yok')
def test_cpu_and_gpu_agree():
    d2l.set_seed(0)
    cpu_net = d2l.RNNModelScratch(len(VOCAB), 32, 'cpu', d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    d2l.set_seed(0)   # ağırlıklar CPU'da çekilir: aynı tohum aynı model
    gpu_net = d2l.RNNModelScratch(len(VOCAB), 32, 'cuda', d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    # ×10: W_hh büzüşen (spektral yarıçap < 1), eğitilmiş bir model gibi; ×40 gibi kaotik bir
    # yinelemede yuvarlama farkları adım adım büyür ve bir çekim sonunda sınırın öte yanına düşer
    with torch.no_grad():
        for pc, pg in zip(cpu_net.params, gpu_net.params):
            pc.mul_(10)
            pg.mul_(10)
    with pytest.raises(ValueError, match='CPU üreteci'):
        d2l.sample_ch8('t', 5, gpu_net, VOCAB, 'cuda', generator=torch.Generator('cuda'))
    X = torch.tensor([VOCAB[list('time traveller')]])
    with torch.no_grad():
        y_cpu, _ = cpu_net(X, cpu_net.begin_state(1, 'cpu'))
        y_gpu, _ = gpu_net(X.cuda(), gpu_net.begin_state(1, 'cuda'))
    torch.testing.assert_close(F.softmax(y_gpu, 1).cpu(), F.softmax(y_cpu, 1), rtol=0, atol=1e-5)
    a = d2l.sample_ch8('time ', 100, cpu_net, VOCAB, 'cpu', generator=gen(11))
    b = d2l.sample_ch8('time ', 100, gpu_net, VOCAB, 'cuda', generator=gen(11))
    assert a == b


def test_generation_widget(net):
    w = d2l.generation_widget(net, VOCAB, 'cpu')

    def shown():
        html = w.output.value
        assert html.startswith('<pre') and html.endswith('</pre>')
        return html[html.index('>') + 1:-len('</pre>')]

    first = shown()
    assert first.startswith('time traveller') and len(first) == len('time traveller') + 100
    w.prefix.value = 'Said'   # büyük harf küçültülür: kelime dağarcığı küçük harflidir
    assert shown() == d2l.sample_ch8('said', 100, net, VOCAB, 'cpu', alpha=1.0, generator=gen(0))
    w.seed.value = 1
    assert shown() == d2l.sample_ch8('said', 100, net, VOCAB, 'cpu', alpha=1.0, generator=gen(1))
    assert w.alpha_value.value == '1,00'   # α Türkçe yazımla (ondalık virgül)
    w.alpha.value = 4.0
    assert w.alpha_value.value == '4,00'
    w.length.value = 30
    assert shown() == d2l.sample_ch8('said', 30, net, VOCAB, 'cpu', alpha=4.0, generator=gen(1))
    w.mode.value = 'greedy'
    assert shown() == d2l.predict_ch8('said', 30, net, VOCAB, 'cpu')
    assert w.alpha.disabled and w.seed.disabled
    w.prefix.value = ''
    assert 'önek' in w.output.value.lower() and '<pre' not in w.output.value


@pytest.mark.parametrize('alpha', [1e6, 1e308, float(torch.finfo(torch.float64).max)])
def test_huge_finite_alpha_is_greedy_not_overflow(net, alpha):
    """α = 1e308 taşıp son andıcı sonsuza dek yazmazdı; en olası karakteri seçer."""
    probs = d2l.sampling.next_token_probs(torch.tensor([[0.3, 2.0, -1.0, 2.0]]), alpha)
    assert torch.isfinite(probs).all() and probs.tolist() == [0.0, 0.5, 0.0, 0.5]
    expected = d2l.predict_ch8('time ', 40, net, VOCAB, 'cpu')
    assert d2l.sample_ch8('time ', 40, net, VOCAB, 'cpu', alpha=alpha, generator=gen(0)) == expected
