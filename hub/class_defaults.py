"""Sınıfın ortak ayarları: tek yer.

Tek sunuculu hub (``hub/jupyterhub_config.py``, ``hub/run.py``) ve Kubernetes yapılandırması
(``hub/k8s/values.yaml``) aynı sınırları, aynı boşta kalma süresini, aynı kimlik doğrulayıcıyı ve
aynı öğrenci kalıbını kullanır. ``values.yaml`` bir YAML dosyasıdır, bu modülü okuyamaz: değerleri
elle yazılır, ``tests/test_hub_k8s.py`` ikisinin ayrılmadığını denetler.

Sınırlar docs/hub.md'deki ölçümlerden (``make bench-hub``, 2026-12-04, 2 çekirdekli AMD EPYC):
06'nın eğitimini çalıştıran sunucu ~360 MiB kullanır, 2G sınırı birkaç açık defterle bile altında
kalır; eğitim tek iş parçacığıyla bir çekirdeği doldurur, 1 çekirdek sınırı bir öğrencinin
ötekileri yavaşlatmasını önler.

``python hub/class_defaults.py image`` imajın adını ve etiketini yazar (``make hub-image``).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# --- Öğrenci başına sınırlar ---------------------------------------------------------------
MEM_LIMIT = '2G'         # bellek sınırı (K/M/G: 1024 tabanlı, KubeSpawner'daki gibi)
CPU_LIMIT = 1.0          # çekirdek sınırı; OMP_NUM_THREADS buna eşit
MEM_GUARANTEE = '512M'   # Kubernetes: ayrılan bellek (eğitimdeki sunucu ~360 MiB ölçüldü)
CPU_GUARANTEE = 0.5      # Kubernetes: ayrılan çekirdek (eğitimin yarı hızı)
CULL_TIMEOUT_S = 3600    # bu kadar saniye boşta kalan sunucu kapanır


def cull_every(timeout):
    """Boşta kalanların ne sıklıkla denetlendiği (saniye)."""
    return max(10, min(300, timeout // 4))


# --- Kimlik: NativeAuthenticator ---------------------------------------------------------------
AUTHENTICATOR = 'native'                   # nativeauthenticator.NativeAuthenticator
ADMIN = 'egitmen'
USERNAME_PATTERN = r'^[a-z][a-z0-9]{1,19}$'   # küçük harf ve rakam, harfle başlar
NATIVE = {   # NativeAuthenticator'ın ayarları
    'open_signup': False,                  # kaydolan öğrenciyi eğitmen onaylar
    'minimum_password_length': 8,
    'check_common_password': True,
    'allowed_failed_logins': 5,
    'seconds_before_next_try': 60,
}

# --- Öğrencinin ortamı --------------------------------------------------------------------
DEFAULT_URL = '/lab'
LANG = 'C.UTF-8'
# Veri (Zaman Makinesi): öğrencinin kendi önbelleği; '~' öğrencinin ev klasörüdür
DATA_DIR = '~/.cache/d2lmini'
# Kubernetes'in öğrenci imajı (hub/k8s/Dockerfile): ad burada, etiket paketin sürümü
IMAGE_NAME = 'd2lmini/hub-ogrenci'
GPU_TAG_SUFFIX = '-gpu'   # GPU profilinin imajı: torch'un CUDA derlemesiyle


def version():
    """Paketin sürümü (pyproject.toml'un [project] bölümünden; Python 3.10'da tomllib yok)."""
    text = (ROOT / 'pyproject.toml').read_text(encoding='utf-8')
    project = text.split('[project]', 1)[1]
    return re.search(r'^version\s*=\s*"([^"]+)"', project, re.M).group(1)


def image_tag(gpu=False):
    return version() + (GPU_TAG_SUFFIX if gpu else '')


def parse_bytes(text):
    """'2G', '512M', '1.5G' ya da bayt sayısı -> bayt (1024 tabanlı)."""
    text = str(text).strip().upper()
    units = {'K': 2**10, 'M': 2**20, 'G': 2**30, 'T': 2**40}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


if __name__ == '__main__':
    if sys.argv[1:] == ['image']:
        print(f'{IMAGE_NAME}:{image_tag()}')
    elif sys.argv[1:] == ['image-gpu']:
        print(f'{IMAGE_NAME}:{image_tag(gpu=True)}')
    else:
        sys.exit('kullanım: python hub/class_defaults.py image|image-gpu')
