"""07'nin gizli vakaları (dağıtılmaz)."""


def _konum(r):
    out = []
    for _ in range(2):
        b = r.randint(2, 8)
        s = r.choice([x for x in range(3, 12) if x != b])   # kare değil: devrik görünsün
        out.append({'V': r.randint(5, 30), 'b': b, 's': s, 'seed': r.getrandbits(31)})
    return out


VAKALAR = {'position_perplexity': _konum}
