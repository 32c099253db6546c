"""Teslimleri toplar ve geri bildirimleri geri verir (make collect, make collect-feedback).

    python hub/collect.py topla --out build/hub/teslimler        # öğrencilerin ev klasörlerinden
    python tools/exercises.py grade build/hub/teslimler           # make grade TESLIM=...
    python hub/collect.py geri-ver --puanlar build/exercises/puanlar

``topla``: her öğrencinin ``~/d2lmini-alistirmalar/NN-*.ipynb`` defterleri
``OUT/<öğrenci>/NN-*.ipynb`` olarak kopyalanır (make grade bu düzeni bekler; geri bildirim
dosyaları ``<öğrenci>__NN-….md`` adını alır). ``geri-ver``: her geri bildirim öğrencinin
``~/geri_bildirim/NN-….md`` dosyasına yazılır; klasör ve dosyalar root'undur, öğrenci okur ama
değiştiremez.

Yalnızca root (hub'ın yöneticisi) çalıştırabilir. Öğrencinin ev klasörü onun denetimindedir:
bir öğrenci defterinin yerine başka bir dosyaya (ör. ötekinin defterine) bağ (symlink) koyabilir.
Bu yüzden hiçbir yolda bağ izlenmez (O_NOFOLLOW, klasör tanıtıcısına göre açma), yalnızca
öğrencinin kendi düzenli dosyaları alınır.
"""
import argparse
import os
import pathlib
import pwd
import re
import stat
import sys
import time

EXERCISE_FOLDER = 'd2lmini-alistirmalar'   # tools/launch.py'nin alıştırma klasörü
FEEDBACK_FOLDER = 'geri_bildirim'
NOTEBOOK = re.compile(r'^[0-9][0-9]-[\w.-]+\.ipynb$')
NAME = re.compile(r'^[a-z][a-z0-9]{1,19}$')
MAX_BYTES = 50 * 2**20
O_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW


def students(homes, prefix):
    """[(hub adı, passwd kaydı)]: ev klasörü kökündeki, ön ekli sistem kullanıcısına ait klasörler."""
    out = []
    for home in sorted(pathlib.Path(homes).iterdir()):
        if not NAME.match(home.name):
            continue
        try:
            pw = pwd.getpwnam(prefix + home.name)
        except KeyError:
            continue
        st = os.lstat(home)
        if stat.S_ISDIR(st.st_mode) and st.st_uid == pw.pw_uid:
            out.append((home.name, pw))
    return out


def _open_dir(path, uid, parent_fd=None):
    """Bağ olmayan, ``uid``'ye ait bir klasörün tanıtıcısı (yoksa None)."""
    try:
        fd = os.open(path, O_DIR, dir_fd=parent_fd)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:   # ELOOP: bir bağ
        print(f'  atlandı ({path}): {e.strerror}', file=sys.stderr)
        return None
    if os.fstat(fd).st_uid != uid:
        os.close(fd)
        print(f'  atlandı ({path}): sahibi öğrenci değil', file=sys.stderr)
        return None
    return fd


def _read_own_file(dir_fd, name, uid):
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except OSError as e:
        print(f'  atlandı ({name}): {e.strerror}', file=sys.stderr)
        return None
    with os.fdopen(fd, 'rb') as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != uid or st.st_size > MAX_BYTES:
            print(f'  atlandı ({name}): öğrencinin düzenli bir dosyası değil ya da çok büyük',
                  file=sys.stderr)
            return None
        return f.read()


def collect(homes, prefix, out):
    """Öğrencilerin alıştırma defterlerini ``out/<öğrenci>/`` altına kopyalar; {öğrenci: [ad]}."""
    out = pathlib.Path(out)
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(out, 0o700)   # sınıfın çalışmaları yalnızca eğitmenin
    found = {}
    for name, pw in students(homes, prefix):
        home_fd = _open_dir(str(pathlib.Path(homes) / name), pw.pw_uid)
        if home_fd is None:
            continue
        try:
            ex_fd = _open_dir(EXERCISE_FOLDER, pw.pw_uid, home_fd)
            if ex_fd is None:
                continue
            try:
                got = []
                for entry in sorted(os.listdir(ex_fd)):
                    if not NOTEBOOK.match(entry):
                        continue
                    data = _read_own_file(ex_fd, entry, pw.pw_uid)
                    if data is None:
                        continue
                    dst = out / name
                    dst.mkdir(mode=0o700, exist_ok=True)
                    (dst / entry).write_bytes(data)
                    got.append(entry)
                if got:
                    found[name] = got
            finally:
                os.close(ex_fd)
        finally:
            os.close(home_fd)
    return found


def _fresh_root_dir(home_fd, name):
    """Öğrencinin ev klasöründe root'a ait, 0755 bir klasör (öğrencinin koyduğu aynı adlı şey
    kenara alınır, silinmez)."""
    try:
        st = os.stat(name, dir_fd=home_fd, follow_symlinks=False)
        if not (stat.S_ISDIR(st.st_mode) and st.st_uid == 0):
            os.rename(name, f'{name}.eski-{int(time.time())}', src_dir_fd=home_fd,
                      dst_dir_fd=home_fd)
    except FileNotFoundError:
        pass
    try:
        os.mkdir(name, 0o755, dir_fd=home_fd)
    except FileExistsError:
        pass
    fd = os.open(name, O_DIR, dir_fd=home_fd)
    st = os.fstat(fd)
    if st.st_uid != 0 or not stat.S_ISDIR(st.st_mode):
        os.close(fd)
        raise RuntimeError(f'{name}: root klasörü oluşturulamadı')
    os.fchmod(fd, 0o755)
    return fd


def return_feedback(grades, homes, prefix):
    """``grades/geri_bildirim/<öğrenci>__<alıştırma>.md`` → ``~öğrenci/geri_bildirim/<alıştırma>.md``
    (root'un, 0444). Dönüş: {öğrenci: [dosya]}."""
    src = pathlib.Path(grades) / 'geri_bildirim'
    by_student = {}
    for f in sorted(src.glob('*__*.md')):
        name, _, rest = f.name.partition('__')
        by_student.setdefault(name, []).append((rest, f.read_bytes()))
    known = dict(students(homes, prefix))
    done = {}
    for name, files in by_student.items():
        if name not in known:
            print(f'  {name}: hub\'da böyle bir öğrenci yok, atlandı', file=sys.stderr)
            continue
        home_fd = _open_dir(str(pathlib.Path(homes) / name), known[name].pw_uid)
        if home_fd is None:
            continue
        try:
            fb_fd = _fresh_root_dir(home_fd, FEEDBACK_FOLDER)
            try:
                for rest, data in files:
                    try:
                        os.unlink(rest, dir_fd=fb_fd)
                    except FileNotFoundError:
                        pass
                    fd = os.open(rest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                                 0o444, dir_fd=fb_fd)
                    with os.fdopen(fd, 'wb') as out:
                        out.write(data)
                    done.setdefault(name, []).append(rest)
            finally:
                os.close(fb_fd)
        finally:
            os.close(home_fd)
    return done


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--evler', default=os.environ.get('D2LMINI_HUB_HOMES', '/home/d2lmini'),
                    help='öğrencilerin ev klasörlerinin kökü (/home/d2lmini)')
    ap.add_argument('--onek', default=os.environ.get('D2LMINI_HUB_USER_PREFIX', 'd2l-'),
                    help='sistem kullanıcılarının ön eki (d2l-)')
    sub = ap.add_subparsers(dest='cmd', required=True)
    t = sub.add_parser('topla', help='öğrencilerin alıştırma defterlerini topla')
    t.add_argument('--out', default='build/hub/teslimler', type=pathlib.Path)
    g = sub.add_parser('geri-ver', help='geri bildirimleri öğrencilerin ev klasörlerine yaz')
    g.add_argument('--puanlar', default='build/exercises/puanlar', type=pathlib.Path,
                   help='notlandırmanın çıktısı (make grade: build/exercises/puanlar)')
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit('yalnızca hub\'ın yöneticisi (root) toplayabilir ve geri verebilir')
    if args.cmd == 'topla':
        found = collect(args.evler, args.onek, args.out)
        for name, nbs in found.items():
            print(f'{name}: {len(nbs)} defter')
        print(f'{sum(map(len, found.values()))} defter, {len(found)} öğrenci: {args.out}/ '
              f'(notlandırmak için: make grade TESLIM={args.out})')
    else:
        done = return_feedback(args.puanlar, args.evler, args.onek)
        for name, files in done.items():
            print(f'{name}: ~/{FEEDBACK_FOLDER}/ ({len(files)} dosya)')
        print(f'{len(done)} öğrenciye geri bildirim yazıldı')


if __name__ == '__main__':
    main()
