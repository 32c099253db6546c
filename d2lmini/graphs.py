"""GPU'da RNN katmanının CUDA çizgeleri (CUDA graphs).

GPU'da 32 × 512'lik bir çarpım birkaç mikrosaniye sürer; zamanı her işlemin
Python'dan başlatılma maliyeti alır. Bir CUDA çizgesi, yinelemenin 35 adımının
ve çıkış katmanının bütün işlemlerini bir kez kaydeder; sonra her minigrupta
sabit tamponlara kopyalanan yeni değerlerle tek çağrıda yeniden oynatılır.
``RNNModelFast`` GPU'da bunu kendiliğinden kullanır; kayıt olmazsa her adımı
ayrı başlatan (eager) yola döner. Sonuç aynıdır: aynı işlemler, aynı sırayla.
"""
import warnings

import torch
from torch.autograd.function import once_differentiable

from .recurrence import RNNLayer, layer_backward, layer_forward


def record_cuda(fn):
    """``fn``'i bir CUDA çizgesine kaydeder; (yeniden oynat, çıktılar)."""
    stream = torch.cuda.Stream()
    stream.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(stream):   # ısınma: hazırlıklar kayda girmesin
        for _ in range(2):
            fn()
    torch.cuda.current_stream().wait_stream(stream)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        outputs = fn()
    return graph.replay, outputs


def record_eager(fn):
    """``record_cuda``'nın CPU'daki eşi (sınamalar için): yeniden oynatmak,
    ``fn``'i yeniden çalıştırıp sonucu aynı çıktı tamponlarına yazmaktır."""
    outputs = fn()

    def replay():
        for out, new in zip(outputs, fn()):
            out.copy_(new)
    return replay, outputs


class StaticCall:
    """``fn(*girdiler)``, sabit girdi tamponlarıyla kaydedilmiş.

    Her çağrıda yeni değerler tamponlara kopyalanır, kayıt yeniden oynatılır
    ve çıktıların kopyaları döner (tamponlar bir sonraki çağrıda değişir).
    """

    def __init__(self, fn, examples, record):
        self.inputs = [x.detach().clone() for x in examples]
        with torch.no_grad():
            self.replay, self.outputs = record(
                lambda: tuple(fn(*self.inputs)))

    def __call__(self, *values):
        for buffer, value in zip(self.inputs, values):
            buffer.copy_(value)
        self.replay()
        return tuple(out.clone() for out in self.outputs)


class GraphedLayer(torch.autograd.Function):
    """``RNNLayer``'ın aynısı; ileri ve geri yayılım kayıttan oynatılır."""

    @staticmethod
    def forward(ctx, tokens, W_in, H0, W_hh, W_hq, b_q, graphs):
        Y, Hs = graphs.forward(tokens, W_in, H0, W_hh, W_hq, b_q)
        ctx.save_for_backward(tokens, H0, W_hh, W_hq, Hs)
        ctx.graphs = graphs
        return Y, Hs[-1].clone()

    @staticmethod
    @once_differentiable
    def backward(ctx, dY, dH):
        tokens, H0, W_hh, W_hq, Hs = ctx.saved_tensors
        grads = ctx.graphs.backward(dY, dH, Hs, tokens, H0, W_hh, W_hq)
        return (None,) + grads + (None,)


class ShapeGraphs:
    """Bir biçim için iki kayıt, ileri ve geri yayılım; ikisi de ilk ileri
    yayılımda, kullanıcının iş parçacığında kaydedilir (geri yayılım
    autograd'ın kendi iş parçacığında koşar)."""

    def __init__(self, args, record):
        self.forward = StaticCall(layer_forward, args, record)
        Y, Hs = self.forward.outputs
        tokens, W_in, H0, W_hh, W_hq, b_q = args
        self.backward = StaticCall(
            layer_backward, (torch.zeros_like(Y), torch.zeros_like(H0), Hs,
                             tokens, H0, W_hh, W_hq), record)


class LayerGraphs:
    """Biçim başına kaydedilmiş katman; ``apply``, ``RNNLayer.apply`` ile aynı
    arayüz. Kayıt olmazsa (ör. eski bir sürücü) bir uyarı verir ve o biçim
    için eager yola döner."""

    def __init__(self, record=record_cuda):
        self.record, self.shapes = record, {}

    def apply(self, tokens, W_in, H0, W_hh, W_hq, b_q):
        args = (tokens, W_in, H0, W_hh, W_hq, b_q)
        key = tuple((tuple(a.shape), a.dtype, a.device) for a in args)
        if key not in self.shapes:
            self.shapes[key] = self._record(args)
        graphs = self.shapes[key]
        if graphs is None:
            return RNNLayer.apply(*args)
        return GraphedLayer.apply(*args, graphs)

    def _record(self, args):
        try:
            return ShapeGraphs(args, self.record)
        except RuntimeError as e:
            warnings.warn(f'CUDA çizgesi kaydedilemedi ({e}); katman her '
                          'adımı ayrı başlatarak sürüyor (aynı sonuç, daha '
                          'yavaş)', RuntimeWarning, stacklevel=3)
            return None
