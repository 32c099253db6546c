"""Kum havuzu: öğrencinin kodunu çalıştıran yalıtılmış işçiler.

Yalıtım düzeyleri (rapora yazılır):

- ``bwrap``: bubblewrap (Debian paketi ``bubblewrap``). Kök dosya sistemi salt okunur; deponun
  kökü, ev klasörü, /tmp, /run görünmez (yalnız Python ve sanal ortam geri bağlanır); ağ yok
  (``--unshare-net``), ayrı süreç/IPC/UTS ad alanları, ayrı kullanıcı ad alanında yetkisiz
  kullanıcı (nobody, hiçbir yetenek yok), ortam değişkenleri silinir (gizli tohum içeri
  girmez), yazılabilir tek yer boyu sınırlı bir tmpfs (``/w``). Öğrencinin defteri salt okunur
  bir klasörden okunur ve iş biter bitmez silinir.
- ``rlimit``: yalnızca açıkça istenince (``make grade YALITIM=rlimit``; bubblewrap yoksa
  notlandırma başlamaz): kaynak sınırları + süre sınırı + geçici çalışma klasörü + temizlenmiş
  ortam. Ağ ve dosya sistemi kısıtlanmaz, kod eğitmenin haklarıyla çalışır: raporda uyarı çıkar.

Her iki düzeyde de çocuk süreçlerde bellek, CPU süresi ve dosya boyu sınırları, hücre/soru/
teslim başına süre sınırları vardır (isci.py); işçinin bütün süreçleri, yazılabildiği yerde, bir
pids cgroup'undadır (``pids_grubu``).
"""
import ast
import json
import os
import pathlib
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DENETIM = ROOT / 'exercises' / 'denetim'
D2LMINI = ROOT / 'd2lmini'
YASAK_ILETI = ('`d2l.{ad}` bu alıştırmanın notlandırmasında kullanılamaz: soru bu '
               'fonksiyonu sizin yazmanızı istiyor. d2lmini\'deki başvuru sürümünü çağırmak '
               'yerine kendi kodunuzu yazın (okuma defterindeki açıklama yol gösterir).')


def _yasakla(kaynak, adlar):
    """Kaynaktaki üst düzey fonksiyon/sınıf tanımlarını KaynakYasak veren saplarla değiştirir."""
    agac = ast.parse(kaynak)
    satirlar = kaynak.split('\n')
    parcalar = []
    for dugum in agac.body:
        if isinstance(dugum, (ast.FunctionDef, ast.ClassDef)) and dugum.name in adlar:
            bas = min([d.lineno for d in dugum.decorator_list] + [dugum.lineno]) - 1
            ileti = YASAK_ILETI.format(ad=dugum.name)
            if isinstance(dugum, ast.ClassDef):
                sap = (f'class {dugum.name}:\n    def __init__(self, *a, **k):\n'
                       f'        raise KaynakYasak({ileti!r})\n')
            else:
                sap = (f'def {dugum.name}(*a, **k):\n'
                       f'    raise KaynakYasak({ileti!r})\n')
            parcalar.append((bas, dugum.end_lineno, sap))
    for bas, son, sap in sorted(parcalar, reverse=True):
        satirlar[bas:son] = sap.split('\n')
    son = ('\n\nclass KaynakYasak(RuntimeError):\n'
           '    """Başvuru sürümü bu notlandırmada kullanılamaz."""\n')
    return '\n'.join(satirlar) + (son if parcalar else '')


def _modul_adlari(yasak):
    """YASAK listesi -> {modül dosyası: {adlar}}; 'rnn' gibi dışa açık ad ya da 'modul.ad'."""
    import d2lmini
    out = {}
    for ad in yasak:
        if '.' in ad:
            modul, isim = ad.split('.', 1)
        else:
            modul, isim = getattr(d2lmini, ad).__module__.rsplit('.', 1)[-1], ad
        out.setdefault(f'{modul}.py', set()).add(isim)
    return out


def _denetim():
    import denetim   # yolu grader paketi kurar
    return denetim


def tum_yasaklar():
    """Bütün alıştırmaların başvuru fonksiyonları: kum havuzundaki d2lmini'de hiçbiri yok."""
    return sorted({ad for m in _denetim().ALISTIRMALAR.values() for ad in m.YASAK})


def kutuphane(hedef):
    """Kum havuzuna bağlanacak klasör: bütün alıştırmaların başvuru fonksiyonları çıkarılmış
    d2lmini, denetimlerin dağıtılan kısmı (gizli vakalar olmadan) ve işçi."""
    hedef = pathlib.Path(hedef)
    if hedef.exists():
        shutil.rmtree(hedef)
    shutil.copytree(D2LMINI, hedef / 'd2lmini', ignore=shutil.ignore_patterns('__pycache__'))
    for dosya, adlar in _modul_adlari(tum_yasaklar()).items():
        yol = hedef / 'd2lmini' / dosya
        yol.write_text(_yasakla(yol.read_text(encoding='utf-8'), adlar), encoding='utf-8')
    shutil.copytree(DENETIM, hedef / 'denetim',
                    ignore=shutil.ignore_patterns('__pycache__', 'gizli*'))
    shutil.copy(pathlib.Path(__file__).with_name('isci.py'), hedef / 'isci.py')
    return hedef


def yama(alistirma):
    """Alıştırmanın kullanabileceği başvurular: {modül adı: tanımların kaynağı}.

    Kum havuzundaki d2lmini'de hiçbir alıştırmanın başvurusu yoktur; her teslimin çocuk süreci
    yalnızca kendi alıştırmasının izin verdiklerini (önceki alıştırmaların fonksiyonları: ör.
    06'nın casus modelleri için RNNModelScratch) bu kaynaktan geri yükler. Alıştırmanın kendi
    istedikleri hiçbir zaman kum havuzuna girmez.
    """
    kendi = _modul_adlari(_denetim().ALISTIRMALAR[alistirma].YASAK)
    out = {}
    for dosya, adlar in _modul_adlari(tum_yasaklar()).items():
        izinli = adlar - kendi.get(dosya, set())
        if not izinli:
            continue
        kaynak = (D2LMINI / dosya).read_text(encoding='utf-8')
        satirlar = kaynak.split('\n')
        parcalar = []
        for dugum in ast.parse(kaynak).body:
            if isinstance(dugum, (ast.FunctionDef, ast.ClassDef)) and dugum.name in izinli:
                bas = min([d.lineno for d in dugum.decorator_list] + [dugum.lineno]) - 1
                parcalar.append('\n'.join(satirlar[bas:dugum.end_lineno]))
        out[f'd2lmini.{dosya[:-3]}'] = '\n\n\n'.join(parcalar) + '\n'
    return out


_BWRAP = None


def bwrap_var():
    """bubblewrap bu makinede kullanıcı ad alanıyla çalışıyor mu (bir kez denenir)."""
    global _BWRAP
    if _BWRAP is None:
        yol = shutil.which('bwrap')
        try:
            _BWRAP = bool(yol) and subprocess.run(
                [yol, '--unshare-all', '--unshare-user', '--uid', '65534', '--gid', '65534',
                 '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', 'true'],
                capture_output=True, timeout=20).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            _BWRAP = False
    return _BWRAP


def _gizlenecekler():
    ev = pathlib.Path.home()
    return [p for p in [ROOT, ev, pathlib.Path('/tmp'), pathlib.Path('/var/tmp'),
                        pathlib.Path('/run'), pathlib.Path('/dev/shm')] if p.exists()]


KUM = '/tmp/kum-havuzu'
CGROUP = pathlib.Path('/sys/fs/cgroup')
# Bir işçinin bütün süreçleri ve iş parçacıkları (işçi, teslimin çocuğu, sorunun torunu,
# torch'un birkaç iş parçacığı; öğrencinin kodunun meşru bir ihtiyacı yok)
PIDS_SINIRI = 256


def _pids_ustu():
    """Notlandırmanın pids cgroup'larının klasörü (v2 ya da v1); yoksa None."""
    if (CGROUP / 'cgroup.controllers').exists():   # v2: denetleyici alt gruplara açılır
        ust = CGROUP / 'd2lmini-notlandirma'
        (CGROUP / 'cgroup.subtree_control').write_text('+pids')
        ust.mkdir(exist_ok=True)
        (ust / 'cgroup.subtree_control').write_text('+pids')
        return ust
    if (CGROUP / 'pids').is_dir():   # v1
        ust = CGROUP / 'pids' / 'd2lmini-notlandirma'
        ust.mkdir(exist_ok=True)
        return ust
    return None


def pids_grubu(ad):
    """Bir işçinin pids cgroup'u (``pids.max`` = PIDS_SINIRI); yazılamıyorsa None.

    Kum havuzunun kullanıcısı dışarıda root'a eşlenir ve çekirdek root'un süreçlerine
    RLIMIT_NPROC uygulamaz: çatal bombasını (binlerce süreç, makinenin belleği) bu grup durdurur.
    """
    try:
        ust = _pids_ustu()
        if ust is None:
            return None
        grup = ust / ad
        grup.mkdir(exist_ok=True)
        (grup / 'pids.max').write_text(str(PIDS_SINIRI))
        return grup
    except OSError:
        return None


def pids_var():
    """Bu makinede işçilere pids cgroup'u konabiliyor mu?"""
    grup = pids_grubu(f'deneme-{os.getpid()}')
    if grup is not None:
        pids_grubunu_sil(grup)
    return grup is not None


def pids_grubunu_sil(grup):
    for _ in range(50):   # öldürülen süreçler gruptan birkaç milisaniyede çıkar
        try:
            grup.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.02)


def bwrap_komutu(lib, gelen, calisma_mb):
    """İşçiyi kum havuzunda başlatan komut.

    Sıra önemli: önce gizlenen yerler (üst klasör önce: depo /tmp altında da olabilir), sonra
    Python'un ve sanal ortamın geri bağlanması, sonra bağlama noktaları, en sonda gizlenen
    yerlerin salt okunur yapılması (yalnız /tmp/kum-havuzu/w yazılır).
    """
    komut = ['bwrap', '--unshare-all', '--unshare-user', '--uid', '65534', '--gid', '65534',
             '--disable-userns', '--die-with-parent', '--new-session', '--clearenv',
             '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev']
    gizli = sorted(_gizlenecekler(), key=lambda p: len(p.parts))
    for yol in gizli:
        komut += (['--size', str(2 ** 20)] if yol == pathlib.Path('/tmp') else [])
        komut += ['--tmpfs', str(yol)]
    for yol in sorted({pathlib.Path(sys.base_prefix).resolve(), pathlib.Path(sys.prefix)}):
        if any(yol == g or g in yol.parents for g in gizli):
            komut += ['--ro-bind', str(yol), str(yol)]
    komut += ['--ro-bind', str(lib), KUM + '/kum', '--ro-bind', str(gelen), KUM + '/gelen',
              '--size', str(calisma_mb * 2 ** 20), '--tmpfs', KUM + '/w']
    # gizlenen yerlerin tmpfs'leri salt okunur: teslimler arasında bilgi taşınamasın
    for yol in gizli:
        komut += ['--remount-ro', str(yol)]
    komut += ['--setenv', 'HOME', KUM + '/w', '--setenv', 'PATH', '/usr/bin:/bin',
              '--setenv', 'OMP_NUM_THREADS', '1', '--setenv', 'MPLBACKEND', 'Agg',
              '--setenv', 'LANG', 'C.UTF-8', '--setenv', 'PYTHONDONTWRITEBYTECODE', '1',
              '--chdir', KUM + '/w', sys.executable, KUM + '/kum/isci.py']
    return komut


class Isci:
    """Bir alıştırmanın işçisi (kum havuzunda ya da kaynak sınırlı bir süreç)."""

    def __init__(self, lib, ayar):
        self.lib, self.ayar = pathlib.Path(lib), ayar
        self.kum = ayar['yalitim'] == 'bwrap'
        self.gelen = pathlib.Path(tempfile.mkdtemp(prefix='d2l-gelen-'))
        self.yerel_w = None if self.kum else pathlib.Path(tempfile.mkdtemp(prefix='d2l-w-'))
        self.surec = None
        self.pids = pids_grubu(self.gelen.name)

    def baslat(self):
        if self.kum:
            komut = bwrap_komutu(self.lib, self.gelen, self.ayar['calisma_mb'])
            env = {}
        else:
            komut = [sys.executable, str(self.lib / 'isci.py')]
            env = {'PATH': '/usr/bin:/bin', 'OMP_NUM_THREADS': '1', 'MPLBACKEND': 'Agg',
                   'LANG': 'C.UTF-8', 'HOME': str(self.yerel_w),
                   'PYTHONDONTWRITEBYTECODE': '1'}
        if self.pids is not None:   # kabuk kendini gruba koyar, sonra işçiye dönüşür
            komut = ['/bin/sh', '-c', '{ echo $$ > "$0"; } 2>/dev/null; exec "$@"',
                     str(self.pids / 'cgroup.procs'), *komut]
        self.surec = subprocess.Popen(komut, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, env=env,
                                      cwd=str(self.yerel_w or self.lib),
                                      start_new_session=True, text=True, bufsize=1)
        if self._satir(120) is None:
            self.kapat()
            raise RuntimeError('notlandırma işçisi başlamadı')

    def _satir(self, sure):
        sel = selectors.DefaultSelector()
        sel.register(self.surec.stdout, selectors.EVENT_READ)
        if not sel.select(timeout=sure):
            return None
        satir = self.surec.stdout.readline()
        return json.loads(satir) if satir.strip() else None

    def calistir(self, alistirma, hucreler, sorular, yama_, nproc):
        """Bir teslim: hücreler (kaynak listesi), sorular [{ad, vakalar}], alıştırmanın
        izinli başvuruları (``yama``); yanıt ya da None (işçi çöktü / yanıt vermedi: işçi
        yeniden başlatılır)."""
        if self.surec is None or self.surec.poll() is not None:
            self.baslat()
        ay = self.ayar
        (self.gelen / 'hucreler.json').write_text(json.dumps(hucreler), encoding='utf-8')
        (self.gelen / 'yama.json').write_text(json.dumps(yama_), encoding='utf-8')
        calisma = KUM + '/w/is' if self.kum else str(self.yerel_w / 'is')
        gelen = KUM + '/gelen' if self.kum else str(self.gelen)
        is_ = {'alistirma': alistirma, 'sorular': sorular, 'calisma': calisma,
               'hucreler': gelen + '/hucreler.json', 'yama': gelen + '/yama.json',
               'sure_s': ay['sure_s'], 'hucre_s': ay['hucre_s'], 'soru_s': ay['soru_s'],
               'cpu_s': ay['cpu_s'], 'bellek_mb': ay['bellek_mb'],
               'dosya_mb': ay['dosya_mb'], 'nproc': nproc, 'kum': self.kum}
        try:
            self.surec.stdin.write(json.dumps(is_) + '\n')
            self.surec.stdin.flush()
            yanit = self._satir(ay['sure_s'] + 30)
        except (OSError, ValueError):
            yanit = None
        finally:
            for p in self.gelen.iterdir():   # öğrencinin kodu bir sonraki işe kalmaz
                p.unlink()
        if yanit is None:
            self.kapat()
        return yanit

    def kapat(self):
        if self.surec is not None:
            try:
                os.killpg(self.surec.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.surec.wait()
            self.surec = None
        if self.yerel_w is not None:
            shutil.rmtree(self.yerel_w, ignore_errors=True)
            self.yerel_w.mkdir()

    def birak(self):
        self.kapat()
        if self.pids is not None:
            pids_grubunu_sil(self.pids)
        shutil.rmtree(self.gelen, ignore_errors=True)
        if self.yerel_w is not None:
            shutil.rmtree(self.yerel_w, ignore_errors=True)


def kok_surec_sayisi():
    """Bu kullanıcının (kök) şu anki süreç sayısı: RLIMIT_NPROC ona göre konur."""
    uid, n = os.getuid(), 0
    for ad in os.listdir('/proc'):
        if ad.isdigit():
            try:
                n += os.stat(f'/proc/{ad}').st_uid == uid
            except OSError:
                pass
    return n

