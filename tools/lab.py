"""make lab ve make exercises'in başlatıcısı: ``d2lmini.lab`` (``python -m d2lmini.lab``).

Başlatıcının kendisi pakette: make'siz de aynı komutla çalışır (README, Başlarken).
"""
import sys

from d2lmini.lab import main

if __name__ == '__main__':
    sys.exit(main())
