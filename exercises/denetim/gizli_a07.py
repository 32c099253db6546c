"""07'nin gizli vakaları (dağıtılmaz)."""


def _boyut(r):
    return {'V': r.randint(4, 12), 'h': r.randint(3, 10), 'b': r.randint(1, 5),
            's': r.randint(2, 6), 'seed': r.getrandbits(31)}


def _prepare(r):
    # nn.RNN modeli (durum tek tensör); nn.Module içinde sıfırdan model (durum demet)
    return [dict(_boyut(r), torch=True), dict(_boyut(r), modul=True)]


VAKALAR = {'prepare_state': _prepare}
