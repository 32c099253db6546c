"""Bir koşunun makinesi: işlemci, iş parçacığı, GPU, sürücü, torch/CUDA/Python sürümleri.

Kaydın kendisi ``d2lmini.benchmark.machine_record``'dadır: ``make notebooks`` onu
her defterin üst verisine (``metadata["d2lmini"]["run"]``) yazar; ``make test-gpu``
bu betikle ortam raporu olarak kaydeder.

    python tools/provenance.py [--json DOSYA] [--require-cuda]   # ortam raporu
"""
import argparse
import json
import pathlib
import sys

from d2lmini.benchmark import machine_record


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
