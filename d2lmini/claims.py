"""Makineye bağlı iddialar: sınamada düşer, öğrencinin koşusunu durdurmaz.

Bazı sonuçlar makineye bağlıdır: 500 dönemlik eğitim kaotiktir (iş parçacığı
sayısı yuvarlamayı, o da eğitilen modeli değiştirir), hızların sırası o anki
yüke bağlıdır. Defter bu sonuçları ``claim`` ile söyler:

- iddia tutarsa iki durumda da aynı satır yazılır (``tuttu: ...``): kayıtlı
  çıktı, sınama ve öğrencinin koşusu aynı metni gösterir;
- tutmazsa, sınama katmanlarında (ortamda ``D2LMINI_STRICT=1``: pytest'in
  ``conftest.py``'si ve ``make notebooks`` bunu verir) ``AssertionError``;
  JupyterLab'de ise ölçülen değeri söyleyen Türkçe bir açıklama yazılır ve
  defter durmadan sürer.

Makineden bağımsız sonuçlar (biçimler, eşitlikler) düz ``assert`` ile kalır.
"""
import os

STRICT_ENV = 'D2LMINI_STRICT'


def strict():
    """Sınama katmanında mıyız? (``D2LMINI_STRICT`` boş ya da 0 değilse.)"""
    return os.environ.get(STRICT_ENV, '').strip() not in ('', '0')


def claim(holds, statement, measured=''):
    """Makineye bağlı bir iddia; tutup tutmadığını döndürür.

    ``statement``: iddia, Türkçe (ör. "şaşkınlık 1,3'ün altında");
    ``measured``: bu koşuda ölçülen (ör. "şaşkınlık 1,52"), yalnızca iddia
    tutmazsa yazılır: kayıtlı çıktı makineden bağımsız kalır.
    """
    if holds:
        print(f'tuttu: {statement}')
        return True
    detail = f' (bu koşuda: {measured})' if measured else ''
    if strict():
        raise AssertionError(f'tutmadı: {statement}{detail}')
    print(f'tutmadı: {statement}{detail}\n'
          '  Bu sonuç makineye bağlıdır (iş parçacığı sayısı, aygıt, o anki '
          'yük):\n  kayıtlı koşuda tuttu, bu koşuda tutmadı. Bir hata değil; '
          'defter sürüyor.')
    return False
