"""01'in gizli vakaları (dağıtılmaz)."""


def _one_hot(r):
    out = []
    for _ in range(3):
        b = r.randint(2, 6)
        out.append({'V': r.randint(5, 40), 'b': b, 's': r.choice([b, r.randint(2, 9)]),
                    'seed': r.getrandbits(31)})
    return out


VAKALAR = {'one_hot_inputs': _one_hot}
