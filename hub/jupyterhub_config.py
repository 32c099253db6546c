# Sınıfın JupyterHub'ı (make hub). Bütün ayarlar ortam değişkenlerinden; hub/run.py onları
# komut satırından yazar. Depoda hiçbir sır yok: veritabanı, çerez sırrı ve vekilin belirteci
# hub'ın durum klasöründe (D2LMINI_HUB_STATE, 0700, git'e girmez) ya da yalnızca bellekte.
#
# ortam değişkeni              varsayılan           anlamı
# D2LMINI_HUB_STATE            hub/durum            durum klasörü (sqlite, çerez sırrı, pid)
# D2LMINI_HUB_IP               127.0.0.1            dinlenen adres (0.0.0.0: ağa açık)
# D2LMINI_HUB_PORT             8000                 dinlenen kapı
# D2LMINI_HUB_SSL_CERT/_KEY    (yok)                TLS sertifikası ve anahtarı (PEM)
# D2LMINI_HUB_ADMIN            egitmen              eğitmenin (yöneticinin) hub'daki adı
# D2LMINI_HUB_HOMES            /home/d2lmini        öğrencilerin ev klasörlerinin kökü
# D2LMINI_HUB_USER_PREFIX      d2l-                 sistem kullanıcılarının ön eki
# D2LMINI_HUB_MEM              2G                   öğrenci başına bellek sınırı (0: yok)
# D2LMINI_HUB_CPU              1                    öğrenci başına çekirdek sınırı (0: yok)
# D2LMINI_HUB_CULL             3600                 bu kadar saniye boşta kalan sunucu kapanır
# D2LMINI_HUB_DATA_URL         (D2LMINI_DATA_URL)   öğrencilerin veriyi indirdiği yansı
# D2LMINI_HUB_DATA_DIR         ~/.cache/d2lmini     öğrencinin veri önbelleği ('~': ev klasörü)
#
# Varsayılanlar hub/class_defaults.py'de: Kubernetes yapılandırması (hub/k8s/values.yaml) da
# aynı değerleri kullanır; tests/test_hub_k8s.py ikisinin ayrılmadığını denetler.
# D2LMINI_HUB_LOCAL_REPOS      (yok)                nbgitpuller'ın çektiği yerel depolar (:'yla)
# D2LMINI_HUB_API_PORT         8081                 hub'ın iç API'si (127.0.0.1)
# D2LMINI_HUB_PROXY_API_PORT   8001                 vekilin iç API'si (127.0.0.1)
import os
import pathlib
import sys

HUB = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HUB))
import class_defaults as D  # noqa: E402
from class_defaults import parse_bytes  # noqa: E402
from course_spawner import CourseSpawner, student_python  # noqa: E402


def env(name, default):
    return os.environ.get(f'D2LMINI_HUB_{name}', default)


c = get_config()  # noqa: F821

state = pathlib.Path(env('STATE', HUB / 'durum')).resolve()
state.mkdir(mode=0o700, parents=True, exist_ok=True)
os.chmod(state, 0o700)

# --- Dışarıya açılan adres ---------------------------------------------------------------
ip, port = env('IP', '127.0.0.1'), int(env('PORT', '8000'))
cert, key = env('SSL_CERT', ''), env('SSL_KEY', '')
if cert and key:
    c.JupyterHub.ssl_cert = cert
    c.JupyterHub.ssl_key = key
c.JupyterHub.bind_url = f"{'https' if cert else 'http'}://{ip}:{port}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env('API_PORT', '8081')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(HUB / 'node_modules' / '.bin' / 'configurable-http-proxy')]
c.ConfigurableHTTPProxy.pid_file = str(state / 'proxy.pid')

# --- Durum: tek klasörde ------------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / 'jupyterhub_cookie_secret')
c.JupyterHub.pid_file = str(state / 'jupyterhub.pid')

# --- Kimlik: NativeAuthenticator (kaydol + eğitmen onayı) ---------------------------------
# Öğrenci /hub/signup'ta kaydolur; eğitmen /hub/authorize'da onaylar. Parolalar bcrypt ile hub'ın
# veritabanında; sık kullanılan parolalar reddedilir. Eğitmen kendi adıyla kaydolunca
# kendiliğinden onaylıdır ve yöneticidir.
c.JupyterHub.authenticator_class = D.AUTHENTICATOR
admin = env('ADMIN', D.ADMIN)
c.Authenticator.admin_users = {admin}
c.Authenticator.allow_all = True   # kim girebilir: NativeAuthenticator'ın onayı karar verir
# Hub adı = sistem kullanıcısının son eki: küçük harf ve rakam, harfle başlar
c.Authenticator.username_pattern = D.USERNAME_PATTERN
for key, value in D.NATIVE.items():
    setattr(c.NativeAuthenticator, key, value)

# --- Öğrencinin sunucusu ----------------------------------------------------------------
c.JupyterHub.spawner_class = CourseSpawner
c.CourseSpawner.homes = env('HOMES', '/home/d2lmini')
c.CourseSpawner.user_prefix = env('USER_PREFIX', 'd2l-')
c.CourseSpawner.cgroup_mem_limit = parse_bytes(env('MEM', D.MEM_LIMIT))
c.CourseSpawner.cgroup_cpu_limit = float(env('CPU', D.CPU_LIMIT))
c.CourseSpawner.git_safe_directories = [p for p in env('LOCAL_REPOS', '').split(':') if p]
# Dersin kendi ortamı (aynı bağımlılık listesi): bu sanal ortamın jupyterhub-singleuser'ı.
# Sanal ortamın temel Python'u öğrencilere kapalıysa hub/kopru/ köprü ortamı (course_spawner)
python = student_python(sys.executable, HUB / 'kopru')
c.Spawner.cmd = [python, '-m', 'jupyterhub.singleuser']
c.Spawner.default_url = D.DEFAULT_URL
c.Spawner.notebook_dir = '~'
# JupyterLab Türkçe açılır (hub/lab_ayarlari/overrides.json)
c.Spawner.args = [f"--LabApp.app_settings_dir={HUB / 'lab_ayarlari'}"]
cpu = float(env('CPU', D.CPU_LIMIT))
c.Spawner.environment = {
    # eğitim sınırın kadar iş parçacığı kullanır (fazlası cgroup'ta yalnızca bekler)
    'OMP_NUM_THREADS': str(max(1, int(cpu))) if cpu else '1',
    'LANG': D.LANG,
    # Zaman Makinesi'nin metni öğrencinin kendi önbelleğine iner (defter 01'in ilk hücreleri)
    'D2LMINI_DATA_DIR': env('DATA_DIR', D.DATA_DIR),
    # sunucu uzantıları (nbgitpuller) ve JupyterLab uzantıları dersin sanal ortamından
    # (köprü ortamda sys.prefix başkadır)
    'JUPYTER_CONFIG_PATH': str(pathlib.Path(sys.prefix) / 'etc' / 'jupyter'),
    'JUPYTER_PATH': str(pathlib.Path(sys.prefix) / 'share' / 'jupyter'),
}
# Verinin yansısı (sınıfın makinesi internete çıkamıyorsa): hub'ınki öğrencilere geçer
data_url = env('DATA_URL', os.environ.get('D2LMINI_DATA_URL', ''))
if data_url:
    c.Spawner.environment['D2LMINI_DATA_URL'] = data_url
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 90

# --- Boşta kalan sunucular kapatılır (jupyterhub-idle-culler) ------------------------------
cull = int(env('CULL', D.CULL_TIMEOUT_S))
if cull:
    c.JupyterHub.services = [{
        'name': 'idle-culler',
        'command': [sys.executable, '-m', 'jupyterhub_idle_culler', f'--timeout={cull}',
                    f'--cull-every={D.cull_every(cull)}'],
    }]
    c.JupyterHub.load_roles = [{
        'name': 'idle-culler',
        'scopes': ['list:users', 'read:users:activity', 'read:servers', 'delete:servers'],
        'services': ['idle-culler'],
    }]
