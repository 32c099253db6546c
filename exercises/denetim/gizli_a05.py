"""05'in gizli vakaları (dağıtılmaz)."""
import math


from .izleme import grads


def _toplam(seed, norms):
    return math.sqrt(sum(float(p.grad.norm()) ** 2 for p in grads(seed, norms)))


def _scratch(r, buyuk):
    seed, k = r.getrandbits(31), r.randint(2 if buyuk else 1, 4)
    norms = [round(r.uniform(0.2, 4.0), 3) for _ in range(k)]
    total = _toplam(seed, norms)
    # büyük: norm θ'yı belirgin aşar (kırpılır; en az iki parametre: parametre başına
    # kırpma ayırt edilsin); küçük: θ'nın belirgin altında (dokunulmaz)
    theta = round(total * (r.uniform(0.15, 0.45) if buyuk else r.uniform(1.3, 3.0)), 3)
    vaka = {'tur': 'scratch', 'seed': seed, 'theta': theta}
    vaka.update({f'norm{i}': n for i, n in enumerate(norms)})
    return vaka


def _clip(r):
    torch_model = {'tur': 'sequential', 'seed': r.getrandbits(31), 'd_in': r.randint(3, 7),
                   'd_h': r.randint(4, 8), 'd_out': r.randint(2, 4), 'b': r.randint(3, 6),
                   'olcek': 50, 'theta': round(r.uniform(0.3, 1.0), 3)}
    return [torch_model, _scratch(r, True), _scratch(r, r.random() < 0.5)]


VAKALAR = {'grad_clipping': _clip}
