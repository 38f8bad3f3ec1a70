"""slidegen as a user installs it: a wheel in a new virtualenv outside the repository, run from another
folder, carries its templates and builds the content lesson."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv

import pytest

from conftest import CONTENT_LESSON, ROOT

pytestmark = pytest.mark.slow


def _run(cmd, cwd, **kw):
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=600, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The `slidegen` command of a wheel installed into a fresh virtualenv."""
    work = tmp_path_factory.mktemp("install")
    wheel = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(ROOT)], cwd=work)
    assert wheel.returncode == 0, wheel.stderr[-2000:]
    venv.create(work / "venv", with_pip=True)
    pip = _run([str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "-q",
                str(next((work / "dist").glob("*.whl")))], cwd=work)
    if pip.returncode != 0 and "No matching distribution" in pip.stderr:
        pytest.skip("the dependencies cannot be installed here (no package index)")
    assert pip.returncode == 0, pip.stderr[-2000:]
    return work / "venv" / "bin" / "slidegen", work


def test_the_wheel_builds_a_lesson_from_another_folder(installed):
    slidegen, work = installed
    elsewhere = work / "course"
    elsewhere.mkdir()
    shutil.copy(CONTENT_LESSON, elsewhere / CONTENT_LESSON.name)
    run = _run([str(slidegen), "-q", "slides", CONTENT_LESSON.name, "-o", "out"], cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    assert (elsewhere / "out" / (CONTENT_LESSON.stem + ".pptx")).stat().st_size > 10_000


def test_the_wheel_reports_its_version(installed):
    slidegen, work = installed
    run = _run([str(slidegen), "--version"], cwd=work)
    assert run.returncode == 0 and run.stdout.startswith("slidegen ")
