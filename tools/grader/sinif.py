"""Sentetik sınıf: ana defterlerden üretilen teslimler (bench-grade ve sınamalar).

Her alıştırma için: çözüm, adlandırılmış her yanlış (ana çözüme tek bir değişiklik:
``MUTASYONLAR``), boş defter, sahtecilikler (sahte denetim modülü, başvuru fonksiyonunu
çağırma) ve takılan bir soru. Mutasyonlar tests/test_exercises.py'de de sınanır: her biri
açık denetimde adıyla tanınır.
"""
import pathlib
import re

import nbformat

# (defter, soru, eski, yeni, yanlışın anahtarı)
MUTASYONLAR = [
    ('03-rnn-modeli', 'rnn_shapes', "'inputs': (s, b, V)", "'inputs': (b, s, V)",
     'devrik_eksik'),
    ('03-rnn-modeli', 'rnn_shapes', "'y_hat': (s * b, V)", "'y_hat': (s, b, V)",
     'yanlis_eksen'),
    ('06-egitim', 'perplexity_from_losses', 'math.exp(total / sum(num_tokens))',
     'total / sum(num_tokens)', 'us_yok'),
    ('06-egitim', 'perplexity_from_losses',
     'total = sum(l * n for l, n in zip(mean_losses, num_tokens))\n'
     '    return math.exp(total / sum(num_tokens))',
     'return sum(math.exp(l) for l in mean_losses) / len(mean_losses)',
     'sasikinlik_ortalamasi'),
    ('06-egitim', 'perplexity_from_losses', 'sum(l * n for l, n in zip(mean_losses, num_tokens))',
     'sum(mean_losses) * sum(num_tokens) / len(mean_losses)', 'agirliksiz_ortalama'),
    ('07-rastgele-ornekleme', 'position_perplexity',
     'l.reshape(num_steps, batch_size).mean(dim=1)',
     'l.reshape(batch_size, num_steps).mean(dim=0)', 'konum_devrik'),
    ('07-rastgele-ornekleme', 'position_perplexity', 'Y.T.reshape(-1)', 'Y.reshape(-1)',
     'devrik_eksik'),
    ('07-rastgele-ornekleme', 'position_perplexity', '.mean(dim=1).exp()', '.exp().mean(dim=1)',
     'sasikinlik_ortalamasi'),
    ('09-bolum-alistirmalari', 'generate', 'sample_next(y, alpha, generator)',
     'sample_next(y, alpha, None)', 'uretec_yok'),
    ('01-bire-bir-kodlama', 'one_hot_inputs', 'F.one_hot(X.T, vocab_size)',
     'F.one_hot(X, vocab_size)', 'devrik_eksik'),
    ('01-bire-bir-kodlama', 'one_hot_inputs', 'F.one_hot(X.T, vocab_size)',
     'F.one_hot(X.T)', 'yanlis_genislik'),
    ('02-model-parametreleri', 'get_params', 'param.requires_grad_(True)', 'pass',
     'gradyan_yok'),
    ('02-model-parametreleri', 'get_params', 'torch.randn(shape) * 0.01',
     'torch.randn(shape)', 'ilkleme_olcegi'),
    ('02-model-parametreleri', 'get_params', 'torch.randn(shape) * 0.01',
     'torch.randn(shape, requires_grad=True) * 0.01', 'yaprak_degil'),
    ('03-rnn-modeli', 'init_rnn_state', 'return (torch.zeros((batch_size, num_hiddens), '
     'device=device),)', 'return torch.zeros((batch_size, num_hiddens), device=device)',
     'durum_demet_degil'),
    ('03-rnn-modeli', 'rnn', 'return torch.cat(outputs, dim=0), (H,)',
     'return torch.cat(outputs, dim=0), H', 'durum_demet_degil'),
    ('03-rnn-modeli', 'rnn', 'H = torch.tanh(X @ W_xh + H @ W_hh + b_h)',
     'H = X @ W_xh + H @ W_hh + b_h', 'tanh_eksik'),
    ('03-rnn-modeli', 'rnn', 'outputs.append(H @ W_hq + b_q)',
     'outputs.append(torch.tanh(H @ W_hq + b_q))', 'tanh_ciktida'),
    ('03-rnn-modeli', 'rnn', 'H = torch.tanh(X @ W_xh + H @ W_hh + b_h)\n'
     '        outputs.append(H @ W_hq + b_q)',
     'H = X @ W_xh + H @ W_hh + b_h\n'
     '        outputs.append(torch.tanh(H @ W_hq + b_q))', 'tanh_ciktida'),
    ('03-rnn-modeli', 'rnn', 'torch.cat(outputs, dim=0)', 'torch.cat(outputs, dim=1)',
     'yanlis_eksen'),
    ('03-rnn-modeli', 'rnn', 'torch.cat(outputs, dim=0)', 'torch.stack(outputs)',
     'yanlis_eksen'),
    ('03-rnn-modeli', 'RNNModelScratch', 'F.one_hot(X.T, self.vocab_size)',
     'F.one_hot(X, self.vocab_size)', 'devrik_eksik'),
    ('03-rnn-modeli', 'RNNModelScratch', 'F.one_hot(X.T, self.vocab_size)',
     'F.one_hot(X.T)', 'yanlis_genislik'),
    ('03-rnn-modeli', 'RNNModelScratch',
     'return self.init_state(batch_size, self.num_hiddens, device)',
     'return self.init_state(batch_size, self.num_hiddens, device)[0]', 'durum_demet_degil'),
    # ısınma aşaması: önek için tahmin yazmak (yerine ya da ek olarak)
    ('04-tahmin', 'predict_ch8', '_, state = net(get_input(), state)\n'
     '            outputs.append(vocab[ch])',
     'y_hat, state = net(get_input(), state)\n'
     '            outputs.append(int(y_hat.argmax(dim=1)))', 'isinma_tahmin'),
    ('04-tahmin', 'predict_ch8', '_, state = net(get_input(), state)\n',
     'y_hat, state = net(get_input(), state)\n'
     '            outputs.append(int(y_hat.argmax(dim=1)))\n', 'isinma_tahmin'),
    # bir adım kayık: ilk karakter iki kez / her adımda bir önceki yerine kendisi beslenir
    ('04-tahmin', 'predict_ch8', 'for ch in prefix[1:]:', 'for ch in prefix:', 'isinma_kayik'),
    ('04-tahmin', 'predict_ch8', '_, state = net(get_input(), state)\n'
     '            outputs.append(vocab[ch])', 'outputs.append(vocab[ch])\n'
     '            _, state = net(get_input(), state)', 'isinma_kayik'),
    ('04-tahmin', 'predict_ch8', 'for ch in prefix[1:]:', 'for ch in prefix[1:-1]:',
     'onek_eksik'),
    ('04-tahmin', 'predict_ch8', 'for ch in prefix[1:]:', 'for ch in prefix[2:]:', 'onek_eksik'),
    ('04-tahmin', 'predict_ch8', 'outputs.append(choose(y))',
     'outputs.append(int(y.argmax(dim=1)))', 'secim_yok'),
    ('05-gradyan-kirpma', 'grad_clipping',
     'for g in grads:\n        g.mul_(scale)',
     'for g in grads:\n        g.mul_(torch.clamp(theta / (g.norm() + 1e-6), max=1.0))',
     'parametre_basina_kirpma'),
    ('05-gradyan-kirpma', 'grad_clipping', 'g.mul_(scale)',
     'g.clamp_(-theta, theta)', 'yon_degisti'),
    ('05-gradyan-kirpma', 'grad_clipping', 'g.mul_(scale)',
     'g.clamp_(-theta / 10, theta / 10)', 'yon_degisti'),
    # koparıp ayırmamak: geri yayılım ikinci kez / çizge minigruptan minigruba büyür
    ('06-egitim', 'train_epoch_ch8', 'state = tuple(s.detach() for s in state)',
     'pass', 'koparma_yok'),
    ('06-egitim', 'train_epoch_ch8', 'tuple(s.detach() for s in state)',
     'tuple(s for s in state)', 'koparma_yok'),
    ('06-egitim', 'train_epoch_ch8', 'if state is None or use_random_iter:', 'if True:',
     'sirali_yeniden_ilkleme'),
    ('06-egitim', 'train_epoch_ch8', 'if state is None or use_random_iter:',
     'if state is None:', 'rastgele_tasima'),
    ('06-egitim', 'train_epoch_ch8', 'loss(y_hat, y).mean()',
     'loss(y_hat, y).sum()', 'kayip_toplam'),
    ('06-egitim', 'train_epoch_ch8', 'l.backward()\n            grad_clipping(net, 1)\n'
     '            updater(batch_size=1)', 'l.backward()\n            updater(batch_size=1)',
     'kirpma_yok'),
    ('06-egitim', 'prepare_state', 'if state is None or use_random_iter:',
     'if state is None:', 'rastgele_tasima'),
    ('06-egitim', 'prepare_state', 'if state is None or use_random_iter:',
     'if True:', 'sirali_yeniden_ilkleme'),
    ('06-egitim', 'prepare_state', 'return tuple(s.detach() for s in state)',
     'return state', 'koparma_yok'),
    ('09-bolum-alistirmalari', 'embed_by_one_hot', 'F.one_hot(X, W.shape[0])',
     'F.one_hot(X)', 'yanlis_genislik'),
    ('09-bolum-alistirmalari', 'embed_inputs', 'return E[X.T]', 'return E[X]',
     'devrik_eksik'),
    ('09-bolum-alistirmalari', 'sampling_probs', 'F.softmax(alpha * logits, dim=0)',
     'F.softmax(logits, dim=0)', 'alfa_yok'),
    ('09-bolum-alistirmalari', 'sampling_probs', 'if math.isinf(alpha):', 'if False:',
     'alfa_sonsuz'),
    ('09-bolum-alistirmalari', 'sample_next', 'F.softmax(alpha * logits.double(), dim=0)',
     'F.softmax(logits.double(), dim=0)', 'alfa_yok'),
    ('09-bolum-alistirmalari', 'sample_next', 'if math.isinf(alpha):', 'if False:',
     'alfa_sonsuz'),
    ('09-bolum-alistirmalari', 'sample_next', 'torch.multinomial(q, 1, generator=generator)',
     'torch.multinomial(q, 1)', 'uretec_yok'),
]


SAHTE_DENETIM = ("import sys, types\nm = types.ModuleType('denetim')\n"
                 "m.__getattr__ = lambda n: (lambda env: None)\nsys.modules['denetim'] = m")


def _tanim_hucresi(nb, ad):
    tanim = re.compile(rf'^\s*(def|class)\s+{re.escape(ad)}\b', re.M)
    return next(c for c in nb.cells if c.cell_type == 'code' and tanim.search(c.source))


def teslimler(built, stem):
    """[(ad, defter)]: bir alıştırmanın sentetik teslimleri (hepsi bellekte)."""
    built = pathlib.Path(built)
    solved = built / 'otter' / stem / 'autograder' / f'{stem}.ipynb'
    blank = built / 'ogrenci' / f'{stem}.ipynb'
    out = [('cozum', nbformat.read(solved, as_version=4)),
           ('bos', nbformat.read(blank, as_version=4))]
    for i, (s, soru, eski, yeni, anahtar) in enumerate(MUTASYONLAR):
        if s == stem:
            nb = nbformat.read(solved, as_version=4)
            cell = _tanim_hucresi(nb, soru)
            cell.source = cell.source.replace(eski, yeni)
            out.append((f'yanlis{i:02d}-{anahtar}', nb))
    nb = nbformat.read(blank, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(SAHTE_DENETIM))
    out.append(('sahte-denetim', nb))
    nb = nbformat.read(solved, as_version=4)
    cell = _tanim_hucresi(nb, MUTASYONLAR_ILK_SORU.get(stem, ''))
    imza = cell.source.lstrip().split('\n')[0]
    if imza.startswith('def '):
        ad = imza[4:imza.index('(')]
        cell.source = imza + f'\n    return d2l.{ad}(*locals().values())'
        out.append(('basvuru', nb))
        nb = nbformat.read(solved, as_version=4)
        cell = _tanim_hucresi(nb, ad)
        cell.source = imza + '\n    while True:\n        pass'
        out.append(('takilan', nb))
    return out


# her alıştırmanın bir fonksiyon sorusu (başvuru çağrısı ve takılma teslimleri için)
MUTASYONLAR_ILK_SORU = {
    '01-bire-bir-kodlama': 'one_hot_inputs', '02-model-parametreleri': 'get_params',
    '03-rnn-modeli': 'rnn', '04-tahmin': 'predict_ch8', '05-gradyan-kirpma': 'grad_clipping',
    '06-egitim': 'train_epoch_ch8', '07-rastgele-ornekleme': 'position_perplexity',
    '09-bolum-alistirmalari': 'sample_next',
}
