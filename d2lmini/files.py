"""Dosyaya atomik yazma: yarım kalan bir yazma asıl adın altında iz bırakmaz.

Geçici dosya yazılırken kilitlidir (``fcntl.flock``). Süreç öldürülse bile
kilit işletim sistemince bırakılır; ``remove_stale_parts`` böylece yalnızca
sahibi ölmüş yarım dosyaları siler, süren bir yazmaya dokunmaz.
"""
import contextlib
import os
import pathlib
import tempfile

try:
    import fcntl
except ImportError:   # Windows: kilit yok, yarım dosyalar yaşına göre silinir
    fcntl = None

SUFFIX = '.part'
STALE_AGE_S = 24 * 3600   # kilit yoksa: bu kadar eski yarım dosya ölüdür


def _prefix(path):
    return f'.{path.name}.'


@contextlib.contextmanager
def atomic_write(path, mode=None):
    """``path`` için yazılabilir bir ikili dosya verir; blok başarıyla biterse
    yerine koyar.

    Aynı klasörde gizli bir geçici dosyaya yazılır; blok hatasız biterse
    ``os.replace`` ile asıl adına taşınır. Hata olursa geçici dosya silinir,
    varsa eski dosya olduğu gibi kalır. ``path`` bir sembolik bağsa gösterdiği
    dosya yenilenir. İzin: eski dosyanınki, yoksa ``mode`` (varsayılan 0644:
    sınıf sunucusunda grup da okuyabilsin).
    """
    path = pathlib.Path(os.path.realpath(path))
    if mode is None:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=_prefix(path), suffix=SUFFIX,
                               dir=path.parent)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(fd, 'wb') as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
            os.chmod(tmp, mode)     # mkstemp yalnızca sahibine izin verir
            # Kilit tutulurken taşınır: temizleyici geçici dosyayı silmesin
            if fcntl is not None:
                os.replace(tmp, path)   # atomik: ya eski dosya ya yenisi
        if fcntl is None:   # Windows: açık bir dosya taşınamaz, önce kapanır
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def remove_stale_parts(path):
    """``path`` için öldürülmüş yazmalardan kalan yarım dosyaları siler.

    Dönüş: silinen dosyaların adları.
    """
    path = pathlib.Path(path)
    removed = []
    for part in path.parent.glob(_prefix(path) + '*' + SUFFIX):
        try:
            if _is_dead(part):
                part.unlink()
                removed.append(part.name)
        except OSError:   # bu arada silinmiş ya da erişilemiyor: dokunma
            pass
    return removed


def _is_dead(part):
    if fcntl is None:
        import time
        return time.time() - part.stat().st_mtime > STALE_AGE_S
    with open(part, 'rb') as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False   # sahibi hâlâ yazıyor
        return True
