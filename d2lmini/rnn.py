"""Sıfırdan RNN: parametreler, gizli durum, ileri yayılım, model sınıfı ve tahmin."""
import torch
from torch.nn import functional as F


def get_params(vocab_size, num_hiddens, device):
    """RNN'in parametreleri: W_xh, W_hh, b_h, W_hq, b_q (gradyanları izlenir).

    Girdi ve çıktı boyutu kelime dağarcığının boyutudur. Ağırlıklar N(0, 0.01²)'den
    CPU'da çekilip aygıta taşınır: aynı tohum CPU'da ve GPU'da aynı ilk modeli verir.
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
    """Sıfırlarla ilklenmiş gizli durum; demet, çünkü sonraki modeller birden çok durum tutar."""
    return (torch.zeros((batch_size, num_hiddens), device=device),)


def rnn(inputs, state, params):
    """Zaman adımları üzerinde döngü. ``inputs``: (adım sayısı, minigrup, V) bire bir kodlanmış.

    Her adımda H = tanh(X W_xh + H W_hh + b_h) ve Y = H W_hq + b_q. Çıktılar ilk eksende
    birleştirilir: (adım sayısı · minigrup, V). Dönüş: (çıktılar, (H,)).
    """
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for X in inputs:   # zaman en dış eksende: döngü onun üzerinde
        H = torch.tanh(X @ W_xh + H @ W_hh + b_h)
        outputs.append(H @ W_hq + b_q)
    return torch.cat(outputs, dim=0), (H,)


class RNNModelScratch:
    """Parametreleri, durum ilklemeyi ve ileri yayılım fonksiyonunu bir araya getiren model."""

    def __init__(self, vocab_size, num_hiddens, device, get_params, init_state, forward_fn):
        self.vocab_size, self.num_hiddens = vocab_size, num_hiddens
        self.params = get_params(vocab_size, num_hiddens, device)
        self.init_state, self.forward_fn = init_state, forward_fn

    def __call__(self, X, state):
        """``X``: (minigrup, adım sayısı) andıç indisleri. Zaman öne gelsin diye önce devrik alınır."""
        X = F.one_hot(X.T, self.vocab_size).type(torch.float32)
        return self.forward_fn(X, state, self.params)

    def begin_state(self, batch_size, device):
        return self.init_state(batch_size, self.num_hiddens, device)


def predict_ch8(prefix, num_preds, net, vocab, device):
    """``prefix``'ten sonra ``num_preds`` karakter üretir (her adımda en olası karakter).

    Önce ısınma dönemi: önekin karakterleri modele verilir, yalnızca gizli durum güncellenir.
    Kelime dağarcığında olmayan önek karakterleri ``<unk>`` olarak işlenir (ve öyle yazılır).
    """
    if not prefix:
        raise ValueError('prefix boş olamaz: en az bir karakterlik bir önek verin, ör. "time traveller"')
    if num_preds < 0:
        raise ValueError(f'num_preds negatif olamaz (verilen: {num_preds}); 0 ya da pozitif bir sayı verin')
    state = net.begin_state(batch_size=1, device=device)
    outputs = [vocab[prefix[0]]]
    with torch.no_grad():
        for ch in prefix[1:]:   # ısınma dönemi
            _, state = net(torch.tensor([[outputs[-1]]], device=device), state)
            outputs.append(vocab[ch])
        for _ in range(num_preds):
            y, state = net(torch.tensor([[outputs[-1]]], device=device), state)
            outputs.append(int(y.argmax(dim=1)))
    return ''.join(vocab.to_tokens(outputs))
