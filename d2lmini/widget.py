"""Etkileşimli metin üretici: önek, uzunluk, α ya da tohum değişince metin
yeniden üretilir."""
import html

import torch

from .checks import bind_vocab
from .numfmt import fmt_num
from .sampling import sample_ch8

GREEDY, SAMPLE = 'greedy', 'sample'


def _generate(net, vocab, device, prefix, num_preds, mode, alpha, seed):
    """Denetimlerin değerlerinden metni üretir.

    Önek küçük harfe çevrilir: kelime dağarcığı yalnızca küçük harf ve boşluk
    içerir, büyük harfler ``<unk>`` olurdu.
    """
    prefix = prefix.lower()
    if mode == GREEDY:
        return sample_ch8(prefix, num_preds, net, vocab, device,
                          alpha=float('inf'))
    # Her üretimde aynı tohumla yeni bir üreteç: aynı ayarlar hep aynı metin
    generator = torch.Generator().manual_seed(seed)
    return sample_ch8(prefix, num_preds, net, vocab, device, alpha=alpha,
                      generator=generator)


def generation_widget(net, vocab, device, prefix='time traveller',
                      num_preds=100):
    """Eğitilmiş bir model için etkileşimli üretici (ipywidgets) döndürür.

    Denetimler: önek, üretilecek karakter sayısı, yöntem (en olası karakter ya
    da örnekleme), örneklemede α (q ∝ P^α) ve tohum. Herhangi biri değişince
    metin hemen yeniden üretilir. Denetimlere öznitelik olarak da erişilir:
    ``w.prefix``, ``w.length``, ``w.mode``, ``w.alpha``, ``w.seed``,
    ``w.alpha_value`` (α'nın Türkçe yazımla gösterildiği etiket, ör. 1,00),
    ``w.output`` (metnin ``<pre>`` içinde yazıldığı HTML).
    """
    import ipywidgets as widgets   # yalnız burada: paket hızlı yüklensin

    bind_vocab(net, vocab)

    style = {'description_width': '8em'}
    wide = widgets.Layout(width='36em')
    prefix_box = widgets.Text(value=prefix, description='Önek',
                              continuous_update=True, style=style,
                              layout=wide)
    length = widgets.IntSlider(value=num_preds, min=0, max=500, step=10,
                               description='Uzunluk', style=style, layout=wide)
    options = [('En olası karakter', GREEDY), ('Örnekleme', SAMPLE)]
    mode = widgets.ToggleButtons(options=options, value=SAMPLE,
                                 description='Yöntem', style=style)
    alpha = widgets.FloatLogSlider(value=1.0, base=10, min=-1, max=1.5,
                                   step=0.05, description='α (q ∝ Pᵅ)',
                                   readout=False, style=style, layout=wide)
    # Kaydırıcının kendi göstergesi tarayıcıda ondalık noktayla yazar; α'yı
    # Türkçe yazımla (1,00) yanındaki etikette gösteriyoruz
    alpha_value = widgets.Label(fmt_num(alpha.value, 2))
    alpha_row = widgets.HBox([alpha, alpha_value])
    seed = widgets.IntText(value=0, description='Tohum', style=style)
    output = widgets.HTML(layout=widgets.Layout(width='100%'))
    # Tarayıcı sınaması denetimleri bu sınıflarla bulur
    for control, name in [(prefix_box, 'prefix'), (length, 'length'),
                          (mode, 'mode'), (alpha, 'alpha'), (seed, 'seed'),
                          (output, 'generated')]:
        control.add_class(f'd2l-{name}')

    def update(change=None):
        sampling = mode.value == SAMPLE
        alpha_value.value = fmt_num(alpha.value, 2)
        # En olası karakterde α ve tohum etkisiz
        alpha.disabled = seed.disabled = not sampling
        if not prefix_box.value:
            output.value = '<i>Bir önek yazın (en az bir karakter).</i>'
            return
        text = _generate(net, vocab, device, prefix_box.value, length.value,
                         mode.value, alpha.value, seed.value)
        output.value = ('<pre style="white-space: pre-wrap; margin: 0">'
                        f'{html.escape(text)}</pre>')

    for control in (prefix_box, length, mode, alpha, seed):
        control.observe(update, names='value')
    update()

    box = widgets.VBox([prefix_box, length, mode, alpha_row, seed, output])
    box.prefix, box.length, box.mode = prefix_box, length, mode
    box.alpha, box.alpha_value, box.seed = alpha, alpha_value, seed
    box.output = output
    return box
