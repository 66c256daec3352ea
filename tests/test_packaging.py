"""The built-in rules ship inside the wheel: an installed copy finds them from any directory."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not running from a checkout")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return next(out.glob("yoshinani_lint-*.whl"))


def test_wheel_contains_every_rule_file(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    prefix = "yoshinani_lint/rules/"
    shipped = {n[len(prefix):] for n in names if n.startswith(prefix) and n.endswith(".yml")}
    # the rules and the vocabulary they share (rules/vocabulary/)
    assert shipped == {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yml")}
    assert any(name.startswith("vocabulary/") for name in shipped)


def test_wheel_ships_py_typed(wheel):
    assert "yoshinani_lint/py.typed" in zipfile.ZipFile(wheel).namelist()


def test_installed_wheel_runs_from_an_unrelated_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    draft = work / "reply.txt"
    draft.write_text("納品が遅れてしまい、すみませんでした。\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(target), YOSHINANI_CACHE_DIR=str(tmp_path / "cache"))
    code = ("import sys, yoshinani_lint; print(yoshinani_lint.__file__, file=sys.stderr);"
            "from yoshinani_lint.cli import main; sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", code, "check", "--format", "json", "reply.txt"],
                          cwd=work, env=env, capture_output=True, text=True)
    assert str(target) in proc.stderr  # the installed copy ran, not the checkout
    assert proc.returncode == 1, proc.stderr
    assert "bare-apology" in {m["ruleId"] for m in json.loads(proc.stdout)[0]["messages"]}
