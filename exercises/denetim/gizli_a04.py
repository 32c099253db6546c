"""04'ün gizli vakaları (dağıtılmaz)."""
from .a04 import _METIN


def _predict(r):
    # metnin bir parçası (bütün karakterleri dağarcıkta); L >= 3: L = 2 iken ısınmada
    # fazladan bir tahmin ile ilk karakterin iki kez beslenmesi aynı uzunluğu verir
    L = r.randint(3, 14)
    i = r.randint(0, len(_METIN) - L)
    # num_preds >= 1: tahmin yoksa modele önekin tamamı hiç verilmez (kayıklık sezgisi)
    return [{'prefix': _METIN[i:i + L], 'num_preds': r.randint(3, 20),
             'seed': r.getrandbits(20), 'h': r.randint(8, 16), 'modul': r.random() < 0.5},
            # tek karakterlik önek: ısınma yok
            {'prefix': r.choice(_METIN.replace(' ', '')), 'num_preds': r.randint(1, 8),
             'seed': r.getrandbits(20), 'h': r.randint(8, 16), 'modul': r.random() < 0.5},
            # verilen choose'la (en olası ikinci andıç)
            {'prefix': _METIN[i:i + L], 'num_preds': r.randint(3, 12),
             'seed': r.getrandbits(20), 'h': r.randint(8, 16), 'secim': True}]


VAKALAR = {'predict_ch8': _predict}
