"""Yalıtılmış işçi: kum havuzunun (bubblewrap) içinde çalışır, teslimleri tek tek çalıştırır.

torch'u, d2lmini'yi (bütün alıştırmaların başvuru fonksiyonları çıkarılmış kopyası) ve
denetimlerin yoklamalarını bir kez içe aktarır; her teslim için bir çocuk süreç çatallar (fork):

1. çocuk: yeni oturum, kaynak sınırları (bellek, CPU süresi, dosya boyu, süreç sayısı),
   atılacak çalışma klasörü; alıştırmanın izinli başvurularını (önceki alıştırmaların
   fonksiyonları) işin klasöründen geri yükler; öğrencinin kod hücrelerini sırayla çalıştırır (hücre başına
   süre sınırı; hata veren hücre atlanır, defterdeki gibi);
2. torun: her soru için ayrı bir süreç; sorunun yoklamasını (öğrencinin fonksiyonlarını
   çağırma) vakalar üzerinde çalıştırır ve gözlemi güvenli biçimde (kodlama.yaz) dosyaya
   yazar. Soru başına süre sınırı: biri takılırsa yalnızca o soru sıfır alır.

İşçi hiçbir şeyi yargılamaz: dosyaları olduğu gibi notlandırıcıya (kum havuzunun dışında)
gönderir. Öğrencinin kodunu işçinin kendisi hiç çalıştırmaz ve okumaz.
İletişim: stdin'den bir satır JSON iş, stdout'a bir satır JSON yanıt.
"""
import base64
import json
import os
import resource
import signal
import sys
import time

os.environ.setdefault('MPLBACKEND', 'Agg')
import matplotlib  # noqa: E402

matplotlib.use('Agg')
import torch  # noqa: E402

torch.set_num_threads(1)
import d2lmini  # noqa: E402,F401 -- bütün alıştırmaların başvuruları çıkarılmış kopya
import denetim  # noqa: E402
from denetim import kodlama  # noqa: E402

CIKTI_SINIRI = 64 * 2 ** 20


class SureDoldu(KeyboardInterrupt):
    """Hücrenin ya da sorunun süresi doldu."""


_SAYAC = {'acik': False}


def _alarm(_sig, _frame):
    if not _SAYAC['acik']:   # sayaç kapandıktan sonra gelen geç sinyal
        return
    # Yutulabilir (ör. fork'un yan çağrılarında "Exception ignored"): kısa aralıkla yinelenir
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    raise SureDoldu()


def _sayac(sure):
    """Süre sayacını kurar (sure > 0) ya da kapatır (0)."""
    _SAYAC['acik'] = sure > 0
    signal.setitimer(signal.ITIMER_REAL, sure)


def _sinirlar(is_):
    mb = 2 ** 20
    with open('/proc/self/statm') as f:
        sanal = int(f.read().split()[0]) * os.sysconf('SC_PAGE_SIZE')
    resource.setrlimit(resource.RLIMIT_AS, (sanal + is_['bellek_mb'] * mb,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (is_['cpu_s'], is_['cpu_s'] + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (is_['dosya_mb'] * mb,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Kum havuzunda RLIMIT_NPROC bağlamaz (kullanıcı dışarıda root'a eşli): orada süreç sayısını
    # işçinin pids cgroup'u sınırlar (kum.pids_grubu)
    if is_.get('nproc') and not is_.get('kum'):
        resource.setrlimit(resource.RLIMIT_NPROC, (is_['nproc'],) * 2)


def _kacaklar(kum):
    """Öğrenci kodunun bıraktığı canlı süreçler (zombiler sayılmaz).

    Kum havuzunda işçi, çocuk ve 1 dışındaki her süreç; havuz yoksa çocuğun süreç grubu.
    """
    ben, grup = os.getpid(), os.getpgid(0)
    disari = {1, ben, os.getppid()}
    bulunan = []
    for ad in os.listdir('/proc'):
        if not ad.isdigit() or int(ad) in disari:
            continue
        try:
            with open(f'/proc/{ad}/stat') as f:
                alanlar = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        if alanlar[0] not in 'ZX' and (kum or int(alanlar[2]) == grup):
            bulunan.append(int(ad))
    return bulunan


def _kacaklari_oldur(kum):
    """Hücreden ya da sorudan sonra kalan süreçleri (çatallanan döngüler, bombalar) öldürür.

    Süre sınırı yalnızca çocuğun kendisini keser; çatalladıkları dönmeye devam edip işlemciyi
    öbür teslimlerden çalardı. Öldürürken yenileri çatallanabilir: hiç kalmayana dek yinelenir.
    """
    for _ in range(200):
        kalan = _kacaklar(kum)
        if not kalan:
            break
        for pid in kalan:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass


def _yamala(yol):
    """Alıştırmanın izinli başvurularını kum havuzundaki d2lmini'ye geri yükler.

    Kaynak bu işin klasöründen okunur (yalnızca bu alıştırmanınkiler); saplarla bağlanmış her
    ad (ör. ``d2lmini.rnn``, ``from .rnn import rnn`` yapan modüller) gerçeğine bağlanır.
    """
    with open(yol, encoding='utf-8') as f:
        yama = json.load(f)
    yeni = {}
    for modul_adi, kaynak in yama.items():
        m = sys.modules[modul_adi]
        onceki = dict(vars(m))
        exec(compile(kaynak, m.__file__, 'exec'), vars(m))   # noqa: S102 -- d2lmini'nin kaynağı
        for ad, deger in vars(m).items():
            if ad in onceki and onceki[ad] is not deger:
                yeni[id(onceki[ad])] = (onceki[ad], deger)
    for m in [m for ad, m in sys.modules.items() if ad.split('.')[0] == 'd2lmini']:
        for ad, deger in list(vars(m).items()):
            if id(deger) in yeni and yeni[id(deger)][0] is deger:
                setattr(m, ad, yeni[id(deger)][1])


def _hucreler(yol, env, sure, kum):
    """Öğrencinin hücreleri; her biri sure saniyeyle sınırlı. Dönüş: hücre başına durum."""
    with open(yol, encoding='utf-8') as f:
        hucreler = json.load(f)
    durum = []
    for kaynak in hucreler:
        try:
            try:
                _sayac(sure)
                exec(compile(kaynak, '<öğrenci>', 'exec'), env)   # noqa: S102
            finally:
                _sayac(0)
            durum.append('tamam')
        except SureDoldu:
            durum.append('süre doldu')
        except BaseException as e:   # noqa: BLE001 -- SystemExit dahil: sonraki hücre
            durum.append(f'{type(e).__name__}'[:100])
        _kacaklari_oldur(kum)
    return durum


def _soru(is_, soru, env, cikis):
    """Torun: bir sorunun yoklaması; sonucu cikis dosyasına."""
    sorular = denetim.sorular(is_['alistirma'])
    gozlemler = []
    try:
        try:
            _sayac(is_['soru_s'])
            s = sorular[soru['ad']]
            for vaka in soru['vakalar']:
                gozlemler.append(s.yokla(env, vaka))
        finally:
            _sayac(0)
    except SureDoldu:
        gozlemler.append({'__sure__': True})
    gecici = cikis + '.yaziliyor'
    kodlama.yaz(gecici, gozlemler)
    os.rename(gecici, cikis)


def _bekle(pid, sure):
    """Süreci en çok sure saniye bekler; dolarsa öldürür. Dönüş: süresi doldu mu."""
    son = time.monotonic() + sure
    while time.monotonic() < son:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
        time.sleep(0.002)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    return True


def _cocuk(is_):
    os.setsid()
    klasor = is_['calisma']
    os.chdir(klasor)
    fd = os.open(os.path.join(klasor, 'cikti.txt'), os.O_WRONLY | os.O_CREAT, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(0)
    _sinirlar(is_)
    _yamala(is_['yama'])
    signal.signal(signal.SIGALRM, _alarm)
    env = {'__name__': '__main__'}
    durum = _hucreler(is_['hucreler'], env, is_['hucre_s'], is_.get('kum'))
    with open(os.path.join(klasor, 'hucreler.json'), 'w') as f:
        json.dump(durum, f)
    for i, soru in enumerate(is_['sorular']):
        cikis = os.path.join(klasor, f'soru{i}.kayit')
        pid = os.fork()
        if pid == 0:
            try:
                os.setpgid(0, 0)
                _soru(is_, soru, env, cikis)
            finally:
                os._exit(0)
        if _bekle(pid, is_['soru_s'] + 2):
            open(cikis + '.sure', 'w').close()
        try:   # sorunun bıraktıkları (grup öldürmesi çatallanmaya karşı eksiksizdir)
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _kacaklari_oldur(is_.get('kum'))


def _artiklari_oldur():
    """Kum havuzunun süreç ad alanında işçiden ve 1'den başka süreç kalmasın."""
    ben = os.getpid()
    for ad in os.listdir('/proc'):
        if ad.isdigit() and int(ad) not in (1, ben):
            try:
                os.kill(int(ad), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def _topla(klasor):
    dosyalar, toplam = {}, 0
    for ad in sorted(os.listdir(klasor)):
        yol = os.path.join(klasor, ad)
        if not os.path.isfile(yol) or os.path.islink(yol):
            continue
        boy = os.path.getsize(yol)
        if ad == 'cikti.txt':
            with open(yol, 'rb') as f:
                veri = f.read(20_000)
        elif toplam + boy > CIKTI_SINIRI:
            dosyalar[ad + '.buyuk'] = ''
            continue
        else:
            with open(yol, 'rb') as f:
                veri = f.read()
        toplam += len(veri)
        dosyalar[ad] = base64.b64encode(veri).decode()
    return dosyalar


def _temizle(klasor):
    for kok, dirs, files in os.walk(klasor, topdown=False):
        for ad in files:
            try:
                os.unlink(os.path.join(kok, ad))
            except OSError:
                pass
        for ad in dirs:
            try:
                os.rmdir(os.path.join(kok, ad))
            except OSError:
                pass


def main():
    try:   # işçinin belleği çocuklarca okunamasın (ptrace, /proc/pid/mem)
        import ctypes
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)   # PR_SET_DUMPABLE = 4
    except Exception:   # noqa: BLE001
        pass
    cikis = sys.stdout
    sys.stdout = sys.stderr
    print(json.dumps({'hazir': True}), file=cikis, flush=True)
    for satir in sys.stdin:
        is_ = json.loads(satir)
        klasor = is_['calisma']
        os.makedirs(klasor, exist_ok=True)
        basla = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                _cocuk(is_)
            finally:
                os._exit(0)
        asim = _bekle(pid, is_['sure_s'])
        _artiklari_oldur() if is_.get('kum') else None
        yanit = {'sure_asimi': asim, 'sure': time.monotonic() - basla,
                 'dosyalar': _topla(klasor)}
        _temizle(klasor)
        print(json.dumps(yanit), file=cikis, flush=True)


if __name__ == '__main__':
    main()
