"""Sıfırdan RNN: parametreler, gizli durum, ileri yayılım, model ve tahmin.

Bir de karşılaştırma için aynı modelin PyTorch'un hazır katmanlarıyla kurulmuşu
(``RNNModelTorch``, nn.RNN + nn.Linear): kitabın bir sonraki bölümü.
"""
import torch
from torch import nn
from torch.nn import functional as F


def get_params(vocab_size, num_hiddens, device):
    """RNN'in parametreleri: W_xh, W_hh, b_h, W_hq, b_q (gradyanları izlenir).

    Girdi ve çıktı boyutu kelime dağarcığının boyutudur. Ağırlıklar
    N(0; 0,01²)'den CPU'da çekilip aygıta taşınır: aynı tohum CPU'da ve GPU'da
    aynı ilk modeli verir. Defter: 02-model-parametreleri.
    """
    def normal(*shape):
        return (torch.randn(shape) * 0.01).to(device)

    W_xh = normal(vocab_size, num_hiddens)    # girdi -> gizli
    W_hh = normal(num_hiddens, num_hiddens)   # gizli -> gizli (zaman içinde)
    b_h = torch.zeros(num_hiddens, device=device)
    W_hq = normal(num_hiddens, vocab_size)    # gizli -> çıktı
    b_q = torch.zeros(vocab_size, device=device)
    params = [W_xh, W_hh, b_h, W_hq, b_q]
    for param in params:
        param.requires_grad_(True)
    return params


def init_rnn_state(batch_size, num_hiddens, device):
    """Sıfırlarla ilklenmiş gizli durum; demet, çünkü sonraki modeller birden
    çok durum tensörü tutar. Defter: 03-rnn-modeli."""
    return (torch.zeros((batch_size, num_hiddens), device=device),)


def rnn(inputs, state, params):
    """Zaman adımları üzerinde döngü; ``inputs``: (adım, minigrup, V).

    Her adımda H = tanh(X W_xh + H W_hh + b_h) ve O = H W_hq + b_q. Çıktılar
    ilk eksende birleşir: (adım · minigrup, V). Dönüş: (çıktılar, (H,)).
    Defter: 03-rnn-modeli.
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for X in inputs:   # zaman en dış eksende: döngü onun üzerinde
        H = torch.tanh(X @ W_xh + H @ W_hh + b_h)
        outputs.append(H @ W_hq + b_q)
    return torch.cat(outputs, dim=0), (H,)


class RNNModelScratch:
    """Parametreleri, durum ilklemeyi ve ileri yayılımı bir araya getirir.

    Defter: 03-rnn-modeli.
    """

    def __init__(self, vocab_size, num_hiddens, device,
                 get_params, init_state, forward_fn):
        self.vocab_size, self.num_hiddens = vocab_size, num_hiddens
        self.params = get_params(vocab_size, num_hiddens, device)
        self.init_state, self.forward_fn = init_state, forward_fn

    def __call__(self, X, state):
        # X: (minigrup, adım) indisler; devrik alınır ki zaman öne gelsin
        X = F.one_hot(X.T, self.vocab_size).type(torch.float32)
        return self.forward_fn(X, state, self.params)

    def begin_state(self, batch_size, device):
        return self.init_state(batch_size, self.num_hiddens, device)


def greedy(y):
    """Bir adımın (1, V) çıktısından en olası andıcın indisi.

    Defter: 04-tahmin.
    """
    return int(y.argmax(dim=1))


def predict_ch8(prefix, num_preds, net, vocab, device, choose=greedy):
    """``prefix``'ten sonra ``num_preds`` karakter üretir.

    Önce ısınma aşaması: önekin karakterleri modele verilir, yalnızca gizli
    durum güncellenir. Sonra her adımda ``choose`` bir sonraki andıcı seçer
    (varsayılan: en olası). Defter: 04-tahmin.
    """
    state = net.begin_state(batch_size=1, device=device)
    outputs = [vocab[prefix[0]]]
    get_input = lambda: torch.tensor([[outputs[-1]]], device=device)
    with torch.no_grad():
        for ch in prefix[1:]:   # ısınma aşaması
            _, state = net(get_input(), state)
            outputs.append(vocab[ch])
        for _ in range(num_preds):   # tahmin
            y, state = net(get_input(), state)
            outputs.append(choose(y))
    return ''.join(vocab.to_tokens(outputs))


class RNNModelTorch(nn.Module):
    """Aynı model PyTorch'un katmanlarıyla: nn.RNN + nn.Linear.

    Ağırlıklar ``get_params`` ile çekilip kopyalanır: aynı tohum sıfırdan
    modelle aynı ilk modeli verir. nn.RNN'in ikinci sapması (bias_hh) sıfırda
    sabittir; eğitilseydi b_h iki kat adım atar, model sıfırdan modelden
    ayrılırdı. Defter 08 hızını ölçer.
    """

    def __init__(self, vocab_size, num_hiddens, device):
        super().__init__()
        params = get_params(vocab_size, num_hiddens, device)
        W_xh, W_hh, b_h, W_hq, b_q = [p.detach() for p in params]
        self.vocab_size, self.num_hiddens = vocab_size, num_hiddens
        self.rnn = nn.RNN(vocab_size, num_hiddens, device=device)
        self.linear = nn.Linear(num_hiddens, vocab_size, device=device)
        with torch.no_grad():
            self.rnn.weight_ih_l0.copy_(W_xh.T)
            self.rnn.weight_hh_l0.copy_(W_hh.T)
            self.rnn.bias_ih_l0.copy_(b_h)
            self.rnn.bias_hh_l0.zero_()
            self.linear.weight.copy_(W_hq.T)
            self.linear.bias.copy_(b_q)
        self.rnn.bias_hh_l0.requires_grad_(False)

    def forward(self, X, state):
        X = F.one_hot(X.T, self.vocab_size).type(torch.float32)
        Y, state = self.rnn(X, state)
        return self.linear(Y.reshape(-1, Y.shape[-1])), state

    def begin_state(self, batch_size, device):
        return torch.zeros((1, batch_size, self.num_hiddens), device=device)
