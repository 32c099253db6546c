"""03'ün gizli vakaları (dağıtılmaz)."""


def _durum(r):
    return [{'b': r.randint(1, 9), 'h': r.randint(2, 40)} for _ in range(2)]


def _rnn(r):
    return [{'V': r.randint(4, 12), 'h': r.randint(3, 10), 'steps': r.randint(2, 7),
             'b': r.randint(2, 5), 'seed': r.getrandbits(31)} for _ in range(2)]


def _model(r):
    kare = r.randint(3, 5)   # kare girdi (minigrup = adım): devrik eksikse biçim tutar
    return [{'V': r.randint(6, 12), 'h': r.randint(3, 9), 'b': kare, 's': kare,
             'seed': r.getrandbits(31)},
            {'V': r.randint(6, 30), 'h': r.randint(3, 20), 'b': r.randint(2, 4),
             's': r.randint(5, 8), 'seed': r.getrandbits(31)}]


VAKALAR = {'init_rnn_state': _durum, 'rnn': _rnn, 'RNNModelScratch': _model}


def _bicimler(r):
    out = []
    for _ in range(2):
        b = r.randint(2, 40)
        out.append({'b': b, 's': r.choice([x for x in range(2, 60) if x != b]),
                    'V': r.randint(5, 80), 'h': r.randint(8, 600)})
    return out


VAKALAR['rnn_shapes'] = _bicimler
