"""Dosyaya atomik yazma: yarım kalan bir yazma asıl adın altında iz bırakmaz.
"""
import contextlib
import os
import pathlib
import tempfile


@contextlib.contextmanager
def atomic_write(path, mode=0o644):
    """``path`` için yazılabilir bir ikili dosya verir; blok başarıyla biterse
    yerine koyar.

    Önce aynı klasörde gizli bir geçici dosyaya yazılır; blok hatasız biterse
    dosyaya ``mode`` izni verilir (varsayılan 0644: sınıf sunucusunda grup da
    okuyabilsin) ve ``os.replace`` ile asıl adına taşınır. Hata olursa geçici
    dosya silinir, varsa eski dosya olduğu gibi kalır.
    """
    path = pathlib.Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f'.{path.name}.', suffix='.part',
                               dir=path.parent)
    try:
        with os.fdopen(fd, 'wb') as f:
            yield f
        os.chmod(tmp, mode)      # mkstemp yalnızca sahibine izin verir (0600)
        os.replace(tmp, path)    # atomik: ya eski dosya ya yenisi, yarımı asla
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
