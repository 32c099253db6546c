"""Bir koşunun makinesi: işlemci, iş parçacığı, GPU, sürücü, torch/CUDA/Python sürümleri.

``make notebooks`` bunu her defterin üst verisine (``metadata["d2lmini"]["run"]``)
yazar; ``make test-gpu`` aynı bilgiyi ortam raporu olarak kaydeder.

    python tools/provenance.py [--json DOSYA] [--require-cuda]   # ortam raporu
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys


def cpu_model():
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def gpu_driver():
    """NVIDIA sürücüsünün sürümü (nvidia-smi yoksa None)."""
    try:
        out = subprocess.run(
            ['nvidia-smi', '--query-gpu=driver_version', '--format=csv,noheader'],
            capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else None


def machine_record():
    """Defterlerin üst verisine yazılan kayıt (JSON'a çevrilebilir bir sözlük)."""
    import torch

    cuda = torch.cuda.is_available()
    return {
        'cpu': cpu_model(),
        'cpu_count': os.cpu_count(),
        'threads': torch.get_num_threads(),
        'gpu': torch.cuda.get_device_name(0) if cuda else None,
        'gpu_driver': gpu_driver() if cuda else None,
        'cuda': torch.version.cuda if cuda else None,
        'torch': torch.__version__,
        'python': platform.python_version(),
        'date': datetime.date.today().isoformat(),
    }


def report(record):
    names = {'cpu': 'işlemci', 'cpu_count': 'mantıksal çekirdek', 'threads': 'torch iş parçacığı',
             'gpu': 'GPU', 'gpu_driver': 'GPU sürücüsü', 'cuda': 'CUDA (torch)',
             'torch': 'torch', 'python': 'Python', 'date': 'tarih'}
    return '\n'.join(f'{names.get(k, k):20s} {v if v is not None else "-"}'
                     for k, v in record.items())


def main(argv=None):
    parser = argparse.ArgumentParser(description='ortam raporu')
    parser.add_argument('--json', type=pathlib.Path,
                        help='kaydı bu dosyaya (ve yanına .txt olarak) da yaz')
    parser.add_argument('--require-cuda', action='store_true',
                        help='CUDA aygıtı yoksa açık bir iletiyle dur (make test-gpu)')
    args = parser.parse_args(argv)
    record = machine_record()
    if args.require_cuda and record['gpu'] is None:
        import torch
        sys.exit('make test-gpu: CUDA aygıtı bulunamadı (torch.cuda.is_available() False; '
                 f'torch {torch.__version__}, CUDA derlemesi: {torch.version.cuda or "yok"}). '
                 'GPU\'lu bir makinede, CUDA\'lı bir torch derlemesiyle çalıştırın; '
                 'CPU için make test ya da make test-full.')
    print(report(record))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(record, indent=1, ensure_ascii=False) + '\n',
                             encoding='utf-8')
        args.json.with_suffix('.txt').write_text(report(record) + '\n', encoding='utf-8')


if __name__ == '__main__':
    main()
