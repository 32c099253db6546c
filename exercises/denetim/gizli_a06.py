"""06'nın gizli vakaları (dağıtılmaz)."""


def _boyut(r, torch_model):
    # b · s >= 6: toplam kayıp ortalamanın b · s katı olsun, 1 katı değil
    v = {'V': r.randint(6, 12), 'h': r.randint(6, 14), 'b': r.randint(2, 4),
         's': r.randint(3, 6), 'n': r.randint(2, 4), 'seed': r.getrandbits(31)}
    if torch_model:
        v['torch'] = True
    else:   # sıfırdan model: ağırlıklar ölçeklenir, ilk gradyanın normu θ=1'i hep aşar
        v['olcek'] = 200
    return v


def _train(r):
    # nn.Module modeli (torch.optim.SGD) ve sıfırdan model; her biri sıralı ve rastgele
    return [dict(_boyut(r, t), rastgele=rastgele)
            for t in (True, False) for rastgele in (False, True)]


def _durum_boyutu(r):
    return {'V': r.randint(4, 12), 'h': r.randint(3, 10), 'b': r.randint(1, 5),
            's': r.randint(2, 6), 'seed': r.getrandbits(31)}


def _prepare(r):
    # nn.RNN modeli (durum tek tensör); nn.Module içinde sıfırdan model (durum demet)
    return [dict(_durum_boyutu(r), torch=True), dict(_durum_boyutu(r), modul=True)]


def _ppl(r):
    return [{'n': r.randint(2, 9), 'seed': r.getrandbits(31)} for _ in range(2)]


VAKALAR = {'perplexity_from_losses': _ppl, 'prepare_state': _prepare, 'train_epoch_ch8': _train}
