"""Kubernetes yapılandırması (hub/k8s/values.yaml) tek sunuculu hub'la aynı sınıfı mı kurar?

Çevrimdışı ve hızlı: ne docker ne helm gerekir. values.yaml ayrıştırılır; imajı deponun
Dockerfile'ının kurduğu imajdır (ad ve etiket hub/class_defaults.py'den); sınırlar, boşta kalma
süresi, kimlik doğrulayıcı ve öğrenci ortamı tek sunuculu hub'ın gerçekten yüklediği
yapılandırmayla (hub/jupyterhub_config.py, bir traitlets Config'e yüklenir) aynıdır.
"""
import os
import pathlib
import re
import sys

import pytest

yaml = pytest.importorskip('yaml')

ROOT = pathlib.Path(__file__).resolve().parent.parent
HUB = ROOT / 'hub'
K8S = HUB / 'k8s'
sys.path.insert(0, str(HUB))
import class_defaults as D  # noqa: E402

pytestmark = pytest.mark.hub


@pytest.fixture(scope='module')
def values():
    return yaml.safe_load((K8S / 'values.yaml').read_text(encoding='utf-8'))


@pytest.fixture(scope='module')
def dockerfile():
    return (K8S / 'Dockerfile').read_text(encoding='utf-8')


@pytest.fixture(scope='module')
def one_server(tmp_path_factory):
    """Tek sunuculu hub'ın yapılandırması, make hub'ın yüklediği gibi (varsayılanlarla)."""
    pytest.importorskip('jupyterhub', reason='hub eki kurulu değil: pip install -e ".[hub]"')
    from traitlets.config import Config
    c = Config()
    env = {'D2LMINI_HUB_STATE': str(tmp_path_factory.mktemp('hub') / 'durum')}
    with pytest.MonkeyPatch.context() as mp:
        for key in [k for k in os.environ if k.startswith('D2LMINI_HUB_')]:
            mp.delenv(key)
        mp.delenv('D2LMINI_DATA_URL', raising=False)
        for key, value in env.items():
            mp.setenv(key, value)
        path = HUB / 'jupyterhub_config.py'
        exec(compile(path.read_text(encoding='utf-8'), str(path), 'exec'),
             {'get_config': lambda: c, '__file__': str(path)})
    return c


def test_values_parse_and_name_the_repository_image(values, dockerfile):
    image = values['singleuser']['image']
    assert image['name'] == D.IMAGE_NAME
    assert str(image['tag']) == D.image_tag() == D.version()
    # Dockerfile'ın kurduğu imaj: make hub-image onu bu adla ve etiketle kurar
    makefile = (ROOT / 'Makefile').read_text(encoding='utf-8')
    rule = re.search(r'^hub-image:.*\n((?:\t.*\n)+)', makefile, re.M)
    assert rule, "Makefile'da hub-image kuralı yok"
    assert 'hub/k8s/Dockerfile' in rule.group(1) and 'HUB_IMAGE' in rule.group(1)
    assert re.search(r'^HUB_IMAGE\s*:?=.*class_defaults\.py image\)', makefile, re.M)
    # GPU profili aynı dersin CUDA'lı imajını kullanır
    gpu = [p for p in values['singleuser']['profileList']
           if 'nvidia.com/gpu' in p.get('kubespawner_override', {})
           .get('extra_resource_limits', {})]
    assert len(gpu) == 1, 'tek bir GPU profili olmalı'
    assert gpu[0]['kubespawner_override']['image'] == f'{D.IMAGE_NAME}:{D.image_tag(gpu=True)}'
    assert [p for p in values['singleuser']['profileList'] if p.get('default')], \
        'varsayılan (CPU) profil yok'


def test_limits_match_one_server(values, one_server):
    su = values['singleuser']
    assert D.parse_bytes(su['memory']['limit']) == one_server.CourseSpawner.cgroup_mem_limit
    assert float(su['cpu']['limit']) == one_server.CourseSpawner.cgroup_cpu_limit
    assert D.parse_bytes(su['memory']['guarantee']) == D.parse_bytes(D.MEM_GUARANTEE)
    assert float(su['cpu']['guarantee']) == D.CPU_GUARANTEE
    assert D.parse_bytes(su['memory']['guarantee']) <= D.parse_bytes(su['memory']['limit'])
    # öğrencinin ortam değişkenleri aynı (iş parçacıkları, dil, veri önbelleği)
    environment = one_server.Spawner.environment
    for key in ('OMP_NUM_THREADS', 'LANG', 'D2LMINI_DATA_DIR'):
        assert str(su['extraEnv'][key]) == environment[key], key
    assert su['defaultUrl'] == one_server.Spawner.default_url
    # profillerin açıklamaları sınırları doğru söyler
    for profile in su['profileList']:
        assert f"{D.MEM_LIMIT} bellek" in profile['description'], profile['display_name']


def test_culling_matches_one_server(values, one_server):
    service, = one_server.JupyterHub.services
    assert service['name'] == 'idle-culler'
    args = dict(a[2:].split('=', 1) for a in service['command'] if a.startswith('--'))
    cull = values['cull']
    assert cull['enabled'] is True and cull['users'] is False
    assert int(args['timeout']) == cull['timeout'] == D.CULL_TIMEOUT_S
    assert int(args['cull-every']) == cull['every']


def test_authenticator_matches_one_server(values, one_server):
    config = values['hub']['config']
    assert config['JupyterHub']['authenticator_class'] == \
        one_server.JupyterHub.authenticator_class == 'native'
    auth = config['Authenticator']
    assert set(auth['admin_users']) == one_server.Authenticator.admin_users
    assert auth['allow_all'] is one_server.Authenticator.allow_all is True
    assert auth['username_pattern'] == one_server.Authenticator.username_pattern
    native = config['NativeAuthenticator']
    assert native == D.NATIVE
    for key, value in native.items():
        assert one_server.NativeAuthenticator[key] == value, key
    # değerlerde sır yok: şema onları kendisi üretir
    text = (K8S / 'values.yaml').read_text(encoding='utf-8')
    assert not re.search(r'(?im)^\s*(secretToken|cookieSecret|password)\s*:', text)


def test_image_has_same_packages_as_one_server(dockerfile):
    # tek sunuculu hub'da öğrenci sunucusu dersin sanal ortamından (pip install -e ".[hub]")
    # çalışır; imaj aynı listeyi pyproject.toml'dan kurar
    assert re.search(r'^COPY pyproject\.toml README\.md ', dockerfile, re.M)
    assert re.search(r'^RUN pip install [^\n]*"/tmp/d2lmini\[hub\]"', dockerfile, re.M)
    assert 'requirements' not in dockerfile   # ikinci bir bağımlılık listesi yok
    deps = (ROOT / 'pyproject.toml').read_text(encoding='utf-8')
    for package in ('nbgitpuller', 'jupyterlab-language-pack-tr-TR', 'jupyterlab'):
        assert re.search(rf'^\s*"{re.escape(package)}[>=<]', deps, re.M), package
    hub_extra = re.search(r'^hub = \[(.*?)\]', deps, re.M | re.S).group(1)
    assert '"jupyterhub>=' in hub_extra   # jupyterhub-singleuser
    # torch: Makefile'daki gibi TORCH_SPEC; yalnız-CPU dizini environment.yml'dakiyle aynı
    makefile = (ROOT / 'Makefile').read_text(encoding='utf-8')
    spec = re.search(r'^TORCH_SPEC\s*\?=\s*(\S+)', makefile, re.M).group(1)
    assert re.search(rf'^ARG TORCH_SPEC={re.escape(spec)}$', dockerfile, re.M)
    cpu_index = re.search(r'--extra-index-url (\S+)',
                          (ROOT / 'environment.yml').read_text(encoding='utf-8')).group(1)
    assert re.search(rf'^ARG TORCH_INDEX={re.escape(cpu_index)}$', dockerfile, re.M)
    # Python sürümü environment.yml'daki (Binder) ile aynı
    python = re.search(r'python=(\d+\.\d+)',
                       (ROOT / 'environment.yml').read_text(encoding='utf-8')).group(1)
    assert re.search(rf'^FROM python:{re.escape(python)}-slim$', dockerfile, re.M)
    # JupyterLab Türkçe: tek sunuculu hub'ın ayar dosyası imajın uygulama ayarları olur
    assert re.search(r'^COPY hub/lab_ayarlari/overrides\.json '
                     r'\$VENV/share/jupyter/lab/settings/overrides\.json$', dockerfile, re.M)
    assert 'CMD ["jupyterhub-singleuser"]' in dockerfile
    assert re.search(r'--uid 1000 --gid 100', dockerfile)


def test_user_and_storage(values):
    su = values['singleuser']
    assert su['uid'] == 1000 and su['fsGid'] == 100   # Dockerfile'ın jovyan'ı
    assert su['storage']['type'] == 'dynamic'
