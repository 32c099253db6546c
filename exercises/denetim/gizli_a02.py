"""02'nin gizli vakaları (dağıtılmaz)."""


def _params(r):
    return [{'V': r.randint(5, 40), 'h': r.randint(60, 160), 'seed': r.getrandbits(31)}
            for _ in range(2)]


VAKALAR = {'get_params': _params}
