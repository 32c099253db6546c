"""Notlandırıcı: teslimleri kum havuzunda çalıştırır, yargıyı ayrı bir süreçte verir.

Modüller: ``defter`` (teslimi okumak), ``kum`` (yalıtılmış işçiler), ``isci`` (kum havuzunun
içinde çalışan işçi), ``notlandir`` (toplu notlandırma, kaldığı yerden sürme), ``rapor``
(sınıfın raporu, geri bildirim), ``benzerlik`` (kopya adayları), ``sinif`` (sentetik sınıf).
Denetimlerin kendisi ``exercises/denetim`` paketindedir.
"""
import pathlib
import sys

_DENETIM_YERI = str(pathlib.Path(__file__).resolve().parents[2] / 'exercises')
if _DENETIM_YERI not in sys.path:
    sys.path.insert(0, _DENETIM_YERI)
