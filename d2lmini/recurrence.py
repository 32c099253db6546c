"""Teknik 4: RNN katmanının ileri ve geri yayılımı elle yazılmış.

H_t = tanh(A_t), A_t = W_in[x_t] + H_{t-1} W_hh (W_in = W_xh + b_h) ve
O_t = H_t W_hq + b_q. Gömme (satır seçme) ve çıkış katmanı da aynı autograd
işleminde: büyük (adım, minigrup, h) gradyanlar autograd'a hiç çıkmaz, geri
yayılım kendi tamponlarında çalışır ve yalnızca parametrelerin küçük
gradyanlarını döndürür.
"""
import threading

import torch
from torch.autograd.function import once_differentiable
from torch.nn import functional as F

_work = threading.local()


def work_buffer(name, like):
    """``like`` biçiminde bir ara tampon; CPU'da çağrılar arasında yeniden
    kullanılır.

    İşlemcide yeni ayrılan büyük bir tensör, ilk yazılışında işletim
    sisteminden yeni bellek sayfaları isteyebilir; tamponu saklamak bunu
    her minigrupta yinelemez. Tampon geri yayılımın dışına çıkmaz: döndürülen
    gradyanlar her zaman yeni tensörlerdir. GPU'da PyTorch'un önbellekli
    ayırıcısı bunu zaten yapar; orada her çağrı yeni bir tensör alır (CUDA
    çizgesine kaydedilen tamponlar da böylece çizgenin kendi belleğinde olur).
    """
    if like.device.type != 'cpu':
        return torch.empty_like(like, memory_format=torch.contiguous_format)
    # Ad başına bir tampon: biçim değişirse eskisi bırakılır, bellek büyümez
    cache = _work.__dict__.setdefault('buffers', {})
    buffer = cache.get(name)
    if buffer is None or buffer.shape != like.shape or (
            buffer.dtype != like.dtype):
        buffer = cache[name] = torch.empty_like(
            like, memory_format=torch.contiguous_format)
    return buffer


def recurrence_forward(tokens, W_in, H0, W_hh):
    """Bütün gizli durumlar, (adım, minigrup, h).

    ``tokens``: (adım, minigrup) andıç indisleri. Defter: 08-hizlandirma.
    """
    # Tampon önce girdi katkısıyla (gömme) dolar: A_t'nin ilk terimi hazır
    Hs = F.embedding(tokens, W_in)
    # Aynı matris, başka bellek düzeni: W_hhᵀ'nin bitişik kopyasının devriği.
    # Küçük çarpımlar bu düzende daha hızlı olabilir (geri yayılımın W_hhᵀ'si
    # zaten böyle); ``ceiling`` iki düzeni de ölçer
    W = W_hh.T.contiguous().T
    H = H0
    for t in range(tokens.shape[0]):
        # Yerinde: A_t += H_{t-1} W_hh, sonra H_t = tanh(A_t); adım başına yeni
        # tensör yok
        H = Hs[t].addmm_(H, W).tanh_()
    return Hs


def recurrence_backward(G, Hs, tokens, H0, W_hh, vocab_size,
                        need_dH0=True):
    """Zaman boyunca geri yayılım: (dW_in, dH0, dW_hh).

    ``G``: çıkış katmanından gelen gradyan, (adım, minigrup, h); yerinde
    dA'ya çevrilir. G_t, kaybın H_t'ye göre gradyanı olsun. tanh'ın türevi
    1 - tanh² olduğundan
        dA_t = G_t ⊙ (1 - H_t²),
        G_t = (çıkıştan gelen)_t + dA_{t+1} W_hhᵀ  (ikincisi: sonraki adım)
    Döngüde yalnızca dA_{t+1} W_hhᵀ kalır. W_hh'nin gradyanı Σ_t H_{t-1}ᵀ
    dA_t'dir: adımları alt alta dizince bu tek bir büyük çarpımdır. W_in'in
    her satırının gradyanı, o andıcın geçtiği konumlardaki dA'ların toplamı.
    Defter: 08-hizlandirma.
    """
    T, h = Hs.shape[0], Hs.shape[-1]
    # tanh'ın türevi bütün adımlar için tek geçişte: 1 - H²
    deriv = torch.addcmul(Hs.new_ones(()), Hs, Hs, value=-1,
                          out=work_buffer('deriv', Hs))
    dA = G
    dA[T - 1].mul_(deriv[T - 1])
    for t in range(T - 2, -1, -1):
        # Yerinde: G_t += dA_{t+1} W_hhᵀ, sonra dA_t = G_t ⊙ (1 - H_t²)
        dA[t].addmm_(dA[t + 1], W_hh.T).mul_(deriv[t])
    # W_hh'nin gradyanı Σ_t H_{t-1}ᵀ dA_t: t ≥ 1 için önceki durumlar Hs'nin
    # kendisinde, t = 0 için H0; birleştirip kopyalamak yerine iki çarpım (biri
    # büyük, biri küçük)
    dW_hh = torch.addmm(H0.T @ dA[0], Hs[:-1].reshape(-1, h).T,
                        dA[1:].reshape(-1, h))
    # Gömmenin gradyanı: her konumun dA'sı kendi andıcının satırına eklenir
    dW_in = dA.new_zeros(vocab_size, h).index_add_(
        0, tokens.reshape(-1), dA.reshape(-1, h))
    # Gelen durumun gradyanı (eğitimde durum koparılır: çoğu zaman gerekmez)
    dH0 = dA[0] @ W_hh.T if need_dH0 else None
    return dW_in, dH0, dW_hh


def layer_forward(tokens, W_in, H0, W_hh, W_hq, b_q):
    """Yineleme ve çıkış katmanı: (Y, Hs); Y, (adım · minigrup, V).

    Defter: 08-hizlandirma.
    """
    Hs = recurrence_forward(tokens, W_in, H0, W_hh)
    # Çıkış katmanı döngünün dışında, tek çarpımda
    return torch.addmm(b_q, Hs.reshape(-1, Hs.shape[-1]), W_hq), Hs


def layer_backward(dY, dH, Hs, tokens, H0, W_hh, W_hq, need_dH0=True):
    """Katmanın geri yayılımı: (dW_in, dH0, dW_hh, dW_hq, db_q).

    ``dY``: çıktıların, ``dH``: son durumun gradyanı. Defter: 08-hizlandirma.
    """
    h = Hs.shape[-1]
    # Çıkış katmanından H_t'lere gelen gradyan doğrudan ara tampona yazılır
    G = work_buffer('G', Hs)
    torch.mm(dY, W_hq.T, out=G.view(-1, h))
    G[-1] += dH   # son durum da kullanıldıysa (ör. kayıpta) onun gradyanı
    grads = recurrence_backward(G, Hs, tokens, H0, W_hh, W_hq.shape[1],
                                need_dH0)
    return grads + (Hs.reshape(-1, h).T @ dY, dY.sum(dim=0))


class RNNLayer(torch.autograd.Function):
    """Gömme, yineleme ve çıkış katmanı tek bir autograd işlemi olarak.

    Autograd her adımın her işlemini ayrı kaydeder ve geri yayılımda W_hh'nin
    35 küçük gradyanını tek tek toplar. Burada ileri yayılım
    ``layer_forward``, geri yayılım ``layer_backward``: adım başına tek çarpım
    ve W_hh için tek büyük çarpım. Defter: 08-hizlandirma.
    """

    @staticmethod
    def forward(ctx, tokens, W_in, H0, W_hh, W_hq, b_q):
        Y, Hs = layer_forward(tokens, W_in, H0, W_hh, W_hq, b_q)
        ctx.save_for_backward(tokens, H0, W_hh, W_hq, Hs)
        # Son durum bir kopya: Hs'nin bir görünümü (view) olsaydı, durumu
        # yerinde koparıp ayıran eğitim döngüleri (ör. kitabın detach_()
        # kullanan döngüsü) hata verirdi
        return Y, Hs[-1].clone()

    # Geri yayılım yerinde işlemlerle yazıldı: ikinci türev yok
    @staticmethod
    @once_differentiable
    def backward(ctx, dY, dH):
        tokens, H0, W_hh, W_hq, Hs = ctx.saved_tensors
        need = ctx.needs_input_grad
        grads = layer_backward(dY, dH, Hs, tokens, H0, W_hh, W_hq, need[2])
        # andıçların gradyanı yok; istenmeyen gradyanlar None
        return (None,) + tuple(g if n else None
                               for g, n in zip(grads, need[1:]))
