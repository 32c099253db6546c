"""Sınıfın JupyterHub'ını başlatır (make hub): ayarlar hub/jupyterhub_config.py'de.

Kullanım (root olarak; hub öğrencilerin sistem kullanıcılarını oluşturur):

    python hub/run.py                         # http://127.0.0.1:8000, yalnızca bu makineden
    python hub/run.py --ip 0.0.0.0 --ssl-cert sertifika.pem --ssl-key anahtar.pem
    python hub/run.py --yonetici ayse --bellek 3G --cpu 1 --bosta 1800
    python hub/run.py --veri-adresi http://127.0.0.1:8800   # veri bir yansıdan

Komut satırındaki her seçenek bir ``D2LMINI_HUB_*`` ortam değişkenine yazılır (config onları
okur). Durum klasörü (varsayılan hub/durum/) 0700 oluşturulur; veritabanı ve çerez sırrı
oradadır, git'e girmez.
"""
import argparse
import os
import pathlib
import sys

HUB = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HUB))
import class_defaults as D  # noqa: E402

OPTIONS = {   # seçenek: (ortam değişkeni, yardım)
    'state': ('STATE', 'durum klasörü (hub/durum)'),
    'ip': ('IP', 'dinlenen adres (127.0.0.1; ağa açmak için 0.0.0.0, TLS ile)'),
    'port': ('PORT', 'kapı (8000)'),
    'ssl_cert': ('SSL_CERT', 'TLS sertifikası (PEM, zincir dahil)'),
    'ssl_key': ('SSL_KEY', 'TLS anahtarı (PEM)'),
    'yonetici': ('ADMIN', f"eğitmenin hub'daki adı ({D.ADMIN})"),
    'evler': ('HOMES', 'öğrencilerin ev klasörlerinin kökü (/home/d2lmini)'),
    'bellek': ('MEM', f'öğrenci başına bellek sınırı ({D.MEM_LIMIT}; 0: yok)'),
    'cpu': ('CPU', f'öğrenci başına çekirdek sınırı ({D.CPU_LIMIT:g}; 0: yok)'),
    'yerel_depolar': ('LOCAL_REPOS', "nbgitpuller'ın çektiği yerel git depoları (:'yla ayrılmış)"),
    'bosta': ('CULL', f'boşta kalan sunucu kaç saniyede kapanır ({D.CULL_TIMEOUT_S}; 0: hiç)'),
    'veri_adresi': ('DATA_URL', 'öğrencilerin veriyi indirdiği yansı (D2LMINI_DATA_URL; '
                                'yoksa hub\'ınki)'),
    'veri_klasoru': ('DATA_DIR', f'öğrencinin veri önbelleği ({D.DATA_DIR})'),
}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    for opt, (_, text) in OPTIONS.items():
        ap.add_argument('--' + opt.replace('_', '-'), help=text)
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit("hub root olarak çalışmalı: öğrencilerin sistem kullanıcılarını o oluşturur "
                 "ve sunucularını onların kimliğiyle başlatır")
    if (args.ip not in (None, '127.0.0.1', 'localhost')
            and not (args.ssl_cert and args.ssl_key)):
        print('uyarı: hub ağa TLS olmadan açılıyor; parolalar açık metin gider. '
              '--ssl-cert/--ssl-key verin ya da önüne TLS sonlandıran bir vekil koyun.',
              file=sys.stderr)
    proxy = HUB / 'node_modules' / '.bin' / 'configurable-http-proxy'
    if not proxy.exists():
        sys.exit(f'{proxy} yok: önce `npm ci --prefix hub` (make hub bunu yapar)')
    for opt, (name, _) in OPTIONS.items():
        if getattr(args, opt) is not None:
            os.environ[f'D2LMINI_HUB_{name}'] = str(getattr(args, opt))
    state = pathlib.Path(os.environ.get('D2LMINI_HUB_STATE', HUB / 'durum')).resolve()
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(state, 0o700)
    os.environ['D2LMINI_HUB_STATE'] = str(state)
    os.chdir(state)
    # jupyterhub'ın kendisi; exec: sinyaller (Ctrl-C) doğrudan hub'a gider
    os.execv(sys.executable, [sys.executable, '-m', 'jupyterhub', '-f',
                              str(HUB / 'jupyterhub_config.py')])


if __name__ == '__main__':
    main()
