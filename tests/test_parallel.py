"""A folder checked on several processes gives the very report a serial run gives."""

import os
import random

import pytest

from yoshinani_lint import parallel
from yoshinani_lint.cli import main

SENTENCES = ["納品が遅れてしまい、すみませんでした。", "修正版は後ほどお送りしたいと思います。",
             "本日17時までに修正版をお送りいたします。", "了解しました、確認しておきます。",
             "英語版の追加は対応できません。", "添付の資料をご確認いただけますと幸いです。",
             "キャッシュを削除してからご確認ください。", "よろしくお願いいたします。"]
MULTICORE = parallel.sys.platform == "linux" and len(os.sched_getaffinity(0)) >= 2


@pytest.fixture
def folder(tmp_path):
    rng = random.Random(7)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(40):
        body = "".join(rng.choice(SENTENCES) + ("\n" if rng.random() < 0.4 else "") for _ in range(rng.randint(1, 8)))
        (drafts / f"reply-{i:02d}.txt").write_text(f"山田様\n\n{body}\n", encoding="utf-8")
    (drafts / "empty.txt").write_text("", encoding="utf-8")
    return drafts


def run(capsys, monkeypatch, workers: str, *args):
    monkeypatch.setenv("YOSHINANI_WORKERS", workers)
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.skipif(not MULTICORE, reason="needs Linux and two cores")
def test_the_pool_runs_on_other_processes_and_keeps_input_order(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    monkeypatch.delenv("YOSHINANI_WORKERS", raising=False)
    out = parallel.map_in_order(lambda i: (i, os.getpid()), list(range(50)), [1] * 50)
    assert [i for i, _ in out] == list(range(50))
    assert os.getpid() not in {pid for _, pid in out}


def test_small_work_stays_in_this_process(monkeypatch):
    monkeypatch.delenv("YOSHINANI_WORKERS", raising=False)
    out = parallel.map_in_order(lambda i: os.getpid(), list(range(5)), [100] * 5)
    assert set(out) == {os.getpid()}


@pytest.mark.skipif(not MULTICORE, reason="needs Linux and two cores")
@pytest.mark.parametrize("fmt", ["text", "json", "concise", "sarif"])
def test_check_output_is_byte_for_byte_the_serial_one(folder, capsys, monkeypatch, fmt):
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    serial = run(capsys, monkeypatch, "1", "check", "--format", fmt, str(folder))
    pooled = run(capsys, monkeypatch, "2", "check", "--format", fmt, str(folder))
    assert serial[0] == 1 and serial[1].count("reply-") > 20
    assert pooled == serial


@pytest.mark.skipif(not MULTICORE, reason="needs Linux and two cores")
def test_fix_writes_the_same_files_and_report_as_serial(folder, tmp_path, capsys, monkeypatch):
    import shutil

    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    serial = run(capsys, monkeypatch, "1", "fix", str(folder))
    pooled = run(capsys, monkeypatch, "2", "fix", str(copy))
    assert serial[0] == pooled[0] == 1
    assert pooled[1].replace(str(copy), str(folder)) == serial[1] and "自動修正しました" in serial[1]
    for path in sorted(folder.iterdir()):
        assert (copy / path.name).read_bytes() == path.read_bytes()
    assert any("申し訳ございません" in p.read_text(encoding="utf-8") for p in copy.iterdir())
