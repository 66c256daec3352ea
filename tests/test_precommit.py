"""The official pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit on real commits.

pre-commit clones the hook repository at a commit and pip-installs it into an environment of
its own. So that the test checks the working tree as it is (uncommitted edits and new files
included, like test_packaging's wheel), the checkout's files are copied into a throwaway git
repository and committed there; the drafts are then committed in a second throwaway repository
whose .pre-commit-config.yaml points at that copy. The hook environment is installed once per
module (PRE_COMMIT_HOME in a temporary directory) and reused by every commit.

The installation needs the package's dependencies (pip's cache, or the package index over the
network): 10-30 s with a warm pip cache, under a minute without.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

NG = "山田様\n\nお世話になっております。\n納品が遅れてしまい、すみませんでした。\n"
GOOD = "山田様\n\nご連絡ありがとうございます。\n本日17時までに修正版をお送りいたします。\n"

INSTALL_TIMEOUT = 600  # seconds; a cold pip install of the dependencies is the slow part
RUN_TIMEOUT = 120

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git_env(home: Path) -> dict[str, str]:
    """The environment for git and pre-commit: the user's git configuration left out."""
    env = dict(os.environ)
    for name in list(env):
        # git's hook machinery sets these; a test run from inside a hook must not inherit them
        if name.startswith("GIT_") or name.startswith("PRE_COMMIT"):
            del env[name]
    gitconfig = home / "gitconfig"
    gitconfig.touch()
    env.update(
        GIT_CONFIG_GLOBAL=str(gitconfig),  # neither read nor written: commit.gpgsign, core.hooksPath...
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        VIRTUALENV_OVERRIDE_APP_DATA=str(home / "virtualenv"),  # not ~/.cache/virtualenv
        YOSHINANI_CACHE_DIR=str(home / "yoshinani-cache"),  # not the user's rule cache
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def _run(args, cwd: Path, env: dict[str, str], timeout: int = RUN_TIMEOUT, check: bool = True):
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if check and proc.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {proc.returncode}\n"
                    f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    return proc


def _git_init(path: Path, env: dict[str, str]) -> None:
    path.mkdir(parents=True, exist_ok=True)
    _run(["git", "init", "-q", "-b", "main", "."], path, env)
    # local to the throwaway repository
    _run(["git", "config", "user.name", "yoshinani test"], path, env)
    _run(["git", "config", "user.email", "test@example.invalid"], path, env)
    _run(["git", "config", "commit.gpgsign", "false"], path, env)


def _copy_checkout(dest: Path, env: dict[str, str]) -> str:
    """Tracked and untracked-but-not-ignored files of the working tree, committed in dest."""
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, env=env, capture_output=True)
    if listing.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout (the hook is installed from a git repository)")
    _git_init(dest, env)
    for name in sorted(set(listing.stdout.decode().split("\0")) - {""}):
        source = ROOT / name
        if not source.is_file():  # deleted in the working tree, or a submodule
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _run(["git", "add", "-A"], dest, env)
    _run(["git", "commit", "-q", "--no-verify", "-m", "working tree of the checkout under test"],
         dest, env)
    return _run(["git", "rev-parse", "HEAD"], dest, env).stdout.strip()


@pytest.fixture(scope="module")
def hook(tmp_path_factory):
    """(env, config text) with the hook's environment already installed in PRE_COMMIT_HOME."""
    if subprocess.run([sys.executable, "-c", "import pre_commit"], capture_output=True).returncode:
        pytest.fail("pre-commit is not installed: pip install -e '.[test]'")
    home = tmp_path_factory.mktemp("precommit-home")
    env = _git_env(home)
    hook_repo = home / "hook-repo"
    rev = _copy_checkout(hook_repo, env)
    config = (f"repos:\n"
              f"-   repo: {hook_repo}\n"
              f"    rev: {rev}\n"
              f"    hooks:\n"
              f"    -   id: yoshinani\n"
              # The hook's plumbing is under test, not the rule set (tested elsewhere, and
              # growing): one rule, which also checks that args reach `yoshinani check`.
              f"        args: [--select, bare-apology]\n")
    # Install once, here, so that a failing installation is reported as such and the commits
    # below only run the hook.
    work = home / "install"
    _git_init(work, env)
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _run([sys.executable, "-m", "pre_commit", "install-hooks"], work, env, timeout=INSTALL_TIMEOUT)
    return env, config


@pytest.fixture
def repo(hook, tmp_path):
    """A fresh repository using the hook through `pre-commit install`, and its commit helper."""
    env, config = hook
    path = tmp_path / "replies"
    _git_init(path, env)
    (path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _run(["git", "add", ".pre-commit-config.yaml"], path, env)
    _run(["git", "commit", "-q", "--no-verify", "-m", "pre-commit config"], path, env)
    _run([sys.executable, "-m", "pre_commit", "install"], path, env)

    def commit(files: dict[str, str]):
        for name, text in files.items():
            (path / name).write_text(text, encoding="utf-8")
            _run(["git", "add", name], path, env)
        proc = _run(["git", "commit", "-m", "draft"], path, env, check=False)
        log = _run(["git", "log", "--format=%s"], path, env).stdout.splitlines()
        return proc, proc.stdout + proc.stderr, log

    return commit


def test_ng_draft_is_refused_with_the_finding(repo):
    proc, output, log = repo({"reply.txt": NG})
    assert proc.returncode != 0, output
    assert "yoshinani-lint" in output and "Failed" in output
    assert "reply.txt:4:11: warning [bare-apology]" in output
    assert "[no-cause]" not in output  # args from the config were passed on
    assert log == ["pre-commit config"]  # nothing was committed


def test_good_draft_is_committed(repo):
    proc, output, log = repo({"reply.txt": GOOD})
    assert proc.returncode == 0, output
    assert "yoshinani-lint" in output and "Passed" in output
    assert log == ["draft", "pre-commit config"]


EML = ("From: sato@example.com\nTo: yamada@example.jp\nSubject: Re: 納品\nMIME-Version: 1.0\n"
       "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + NG)


def test_hook_runs_on_md_and_eml_but_not_other_files(repo):
    proc, output, _ = repo({"reply.md": NG, "reply.eml": EML, "notes.py": f"# {NG.splitlines()[-1]}\n"})
    assert proc.returncode != 0, output
    assert "reply.md:4:11: warning [bare-apology]" in output
    # the line depends on whether the headers count (.eml support reads the body alone)
    assert re.search(r"^reply\.eml:\d+:11: warning \[bare-apology\]", output, re.M), output
    assert "notes.py" not in output
