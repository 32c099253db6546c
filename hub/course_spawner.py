"""Sınıfın tek kullanıcılı sunucuları: her öğrenciye ayrı bir sistem kullanıcısı, ev klasörü,
süreç ve çekirdek; bellek ve işlemci sınırları cgroup'la (yazılabildiği yerde).

Neden ``LocalProcessSpawner`` ve sistem kullanıcıları: hub root olarak çalışır, her öğrencinin
sunucusunu kendi kullanıcısına geçerek (setuid) başlatır; ev klasörleri 0700'dür, bir öğrenci
ötekinin dosyasını okuyamaz. ``SystemdSpawner`` (The Littlest JupyterHub'ınki) systemd'nin
PID 1 olduğu makinelerde daha iyidir; çoğu kapta systemd yoktur. Sınırlar
bu yüzden cgroup'a doğrudan yazılır: cgroup v1 (``memory`` ve ``cpu`` denetleyicileri) ve
v2 (``memory.max``, ``cpu.max``). cgroup yazılamıyorsa sunucu sınırsız başlar ve hub'ın
günlüğüne uyarı düşer.

Hub'daki kullanıcı adı ile sistem kullanıcısı aynı değildir: sistem kullanıcısı
``ön ek + ad``dır (``d2l-ayse``). Böylece "root" adıyla kaydolan biri root olamaz.
"""
import grp
import os
import pathlib
import pwd
import shutil
import stat
import subprocess
import sys

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Float, Integer, List, Unicode

CGROUP_ROOT = pathlib.Path('/sys/fs/cgroup')
CGROUP_GROUP = 'd2lmini-hub'


def system_name(prefix, hub_name):
    return f'{prefix}{hub_name}'


def ensure_system_user(name, home, log=None):
    """Sistem kullanıcısını ve 0700 ev klasörünü oluşturur (varsa dokunmaz, izinleri düzeltir)."""
    home = pathlib.Path(home)
    home.parent.mkdir(parents=True, exist_ok=True)
    # üst klasör: herkes geçebilir (x) ama listeleyemez; öğrenci ötekilerin adını göremez
    os.chmod(home.parent, 0o711)
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(['useradd', '--home-dir', str(home), '--create-home',
                        '--shell', '/bin/bash', '--user-group', '--no-log-init',
                        '--comment', 'd2lmini hub ogrencisi', name],
                       check=True, capture_output=True, text=True)
        if log:
            log.info('Sistem kullanıcısı oluşturuldu: %s (%s)', name, home)
    pw = pwd.getpwnam(name)
    home.mkdir(exist_ok=True)
    os.chown(home, pw.pw_uid, pw.pw_gid)
    os.chmod(home, 0o700)
    return pw


def _write(path, value):
    pathlib.Path(path).write_text(str(value))


def cgroup_paths(name):
    """Bu makinedeki cgroup sürümüne göre öğrencinin cgroup klasörleri: {denetleyici: yol}."""
    if (CGROUP_ROOT / 'cgroup.controllers').exists():   # v2
        return {'v2': CGROUP_ROOT / CGROUP_GROUP / name}
    out = {}
    for ctrl in ('memory', 'cpu'):
        if (CGROUP_ROOT / ctrl).is_dir():
            out[ctrl] = CGROUP_ROOT / ctrl / CGROUP_GROUP / name
    return out


def apply_limits(name, pid, mem_bytes, cpu):
    """Süreci (ve ileride açacağı çekirdekleri) öğrencinin cgroup'una koyar, sınırları yazar.

    Dönüş: uygulanan sınırların açıklaması (günlük için). Yazılamazsa OSError."""
    done = []
    for kind, path in cgroup_paths(name).items():
        if kind == 'v2':
            for p in (CGROUP_ROOT, CGROUP_ROOT / CGROUP_GROUP):
                p.mkdir(exist_ok=True)
                _write(p / 'cgroup.subtree_control', '+memory +cpu')
            path.mkdir(exist_ok=True)
            if mem_bytes:
                _write(path / 'memory.max', mem_bytes)
                _write(path / 'memory.swap.max', 0)
                done.append(f'memory.max={mem_bytes}')
            if cpu:
                _write(path / 'cpu.max', f'{int(cpu * 100000)} 100000')
                done.append(f'cpu.max={cpu:g}')
        else:
            path.mkdir(parents=True, exist_ok=True)
            if kind == 'memory' and mem_bytes:
                _write(path / 'memory.limit_in_bytes', mem_bytes)
                done.append(f'memory.limit_in_bytes={mem_bytes}')
            if kind == 'cpu' and cpu:
                _write(path / 'cpu.cfs_period_us', 100000)
                _write(path / 'cpu.cfs_quota_us', int(cpu * 100000))
                done.append(f'cpu.cfs_quota_us={int(cpu * 100000)}')
        _write(path / 'cgroup.procs', pid)
    return ', '.join(done)


def remove_cgroups(name):
    for path in cgroup_paths(name).values():
        try:
            path.rmdir()   # yalnızca boşsa (süreçler bitmişse) silinir
        except OSError:
            pass


class CourseSpawner(LocalProcessSpawner):
    """Öğrencinin sunucusu kendi sistem kullanıcısıyla, kendi cgroup'unda."""

    user_prefix = Unicode('d2l-', config=True, help='sistem kullanıcılarının ön eki')
    homes = Unicode('/home/d2lmini', config=True, help='öğrencilerin ev klasörlerinin kökü')
    cgroup_mem_limit = Integer(0, config=True, help='bayt; 0: sınırsız')
    cgroup_cpu_limit = Float(0.0, config=True, help='çekirdek; 0: sınırsız')
    git_safe_directories = List(Unicode(), config=True,
                                help="öğrencilerin nbgitpuller'la çektiği yerel (file://) depolar: "
                                     "root'un deposu git'in safe.directory denetiminden geçsin")

    @property
    def system_user(self):
        return system_name(self.user_prefix, self.user.name)

    @property
    def home(self):
        return pathlib.Path(self.homes) / self.user.name

    def make_preexec_fn(self, name):
        return set_user_setuid(self.system_user)

    def user_env(self, env):
        pw = pwd.getpwnam(self.system_user)
        env.update(USER=pw.pw_name, LOGNAME=pw.pw_name, HOME=pw.pw_dir, SHELL=pw.pw_shell)
        return env

    async def move_certs(self, paths):   # iç TLS kullanılmıyor
        raise NotImplementedError('internal_ssl bu spawner ile desteklenmiyor')

    def _trust_local_repos(self):
        """Yerel depoları öğrencinin ~/.gitconfig'ine safe.directory olarak, öğrencinin
        kimliğiyle ekler (root öğrencinin ev klasörüne yazmaz)."""
        env = {'HOME': str(self.home), 'PATH': '/usr/local/bin:/usr/bin:/bin'}
        run = dict(preexec_fn=set_user_setuid(self.system_user), env=env, capture_output=True,
                   text=True, cwd='/')
        have = subprocess.run(['git', 'config', '--global', '--get-all', 'safe.directory'],
                              **run).stdout.split()
        for repo in self.git_safe_directories:
            if repo not in have:
                subprocess.run(['git', 'config', '--global', '--add', 'safe.directory', repo],
                               check=True, **run)

    async def start(self):
        ensure_system_user(self.system_user, self.home, self.log)
        if self.git_safe_directories:
            self._trust_local_repos()
        ip_port = await super().start()
        if self.cgroup_mem_limit or self.cgroup_cpu_limit:
            try:
                done = apply_limits(self.system_user, self.pid, self.cgroup_mem_limit,
                                    self.cgroup_cpu_limit)
                self.log.info('%s için sınırlar: %s', self.user.name, done)
            except OSError as e:
                self.log.warning('%s için cgroup sınırları uygulanamadı (%s); sunucu sınırsız',
                                 self.user.name, e)
        return ip_port

    async def stop(self, now=False):
        await super().stop(now)
        remove_cgroups(self.system_user)


def reachable_by_others(path):
    """Yol ve bütün üst klasörleri herkesçe geçilebilir (o+x) mi? Öğrenci çalıştırabilir mi?"""
    path = pathlib.Path(path).resolve()
    for p in [path, *path.parents]:
        if p.is_dir() and not os.stat(p).st_mode & stat.S_IXOTH:
            return False
    return bool(os.stat(path).st_mode & stat.S_IXOTH)


def student_python(venv_python, bridge_dir):
    """Öğrencilerin sunucularını çalıştıracak yorumlayıcı: dersin sanal ortamınınki.

    Sanal ortamın temel yorumlayıcısı öğrencilerin giremediği bir yerdeyse (ör. root'un
    ev klasöründeki pyenv), aynı sürümdeki sistem Python'uyla bir köprü ortam kurulur:
    ``bridge_dir``'da bir sanal ortam, site-packages'ı dersin sanal ortamınınkini ekler
    (aynı paketler, aynı sürümler). Dönüş: yorumlayıcının yolu."""
    venv_python = pathlib.Path(venv_python)
    if reachable_by_others(os.path.realpath(venv_python)):
        return str(venv_python)
    version = f'{sys.version_info.major}.{sys.version_info.minor}'
    system = shutil.which(f'python{version}', path='/usr/local/bin:/usr/bin')
    if not system or not reachable_by_others(os.path.realpath(system)):
        raise RuntimeError(f'{venv_python} öğrencilerce çalıştırılamıyor ve sistemde '
                           f'python{version} yok: sanal ortamı herkesin okuyabildiği bir '
                           f'Python ile kurun')
    bridge = pathlib.Path(bridge_dir)
    py = bridge / 'bin' / 'python'
    if not py.exists():
        subprocess.run([system, '-m', 'venv', '--without-pip', str(bridge)], check=True)
    site = [p for p in sys.path if p.endswith('site-packages') and
            pathlib.Path(p).resolve().is_relative_to(pathlib.Path(sys.prefix).resolve())]
    pth = bridge / 'lib' / f'python{version}' / 'site-packages' / 'd2lmini_ders_ortami.pth'
    pth.write_text(''.join(f'import site; site.addsitedir({p!r})\n' for p in site))
    os.chmod(bridge, 0o755)
    return str(py)


def remove_system_user(name):
    """Sınamaların temizliği: kullanıcıyı, grubunu ve ev klasörünü siler."""
    try:
        home = pwd.getpwnam(name).pw_dir
    except KeyError:
        return
    uid = pwd.getpwnam(name).pw_uid
    for proc in pathlib.Path('/proc').glob('[0-9]*'):   # bu kullanıcının kalan süreçleri
        try:
            if proc.stat().st_uid == uid:
                os.kill(int(proc.name), 9)
        except OSError:
            pass
    subprocess.run(['userdel', name], capture_output=True)
    try:
        grp.getgrnam(name)
        subprocess.run(['groupdel', name], capture_output=True)
    except KeyError:
        pass
    shutil.rmtree(home, ignore_errors=True)
    remove_cgroups(name)
