"""The helper commands: explain, tokens, rules, --statistics."""

import io
import sys

from yoshinani_lint.cli import main


def test_explain_shows_reason_examples_and_rewrite(capsys):
    assert main(["explain", "bare-apology"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("bare-apology  — ")
    assert "なぜ:" in out and "悪い例:" in out and "良い例:" in out and "書き換え例:" in out
    assert "✗ 納品が遅れてしまい、すみませんでした。" in out
    assert "自動修正: あり（安全" in out


def test_explain_unknown_rule(capsys):
    assert main(["explain", "bare-apolgy"]) == 2
    assert "did you mean 'bare-apology'" in capsys.readouterr().err


def test_tokens_prints_what_rules_see(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("了解しました。\n> 引用です\n".encode())))
    assert main(["tokens", "-"]) == 0
    out = capsys.readouterr().out.splitlines()
    # each token line, then the concepts it belongs to (which grow with the vocabulary)
    assert any(line.startswith("1:1\t了解\t了解\t了解\t名詞-普通名詞-サ変可能\t*\t*") for line in out)
    assert any(line.startswith("1:3\tし\t為る\tする\t動詞-非自立可能\tサ行変格\t連用形-一般") for line in out)
    assert "# 2: > 引用です  （対象外）" in out


def test_statistics_counts_per_rule(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("すみません。\nごめんなさい。\n", encoding="utf-8")
    assert main(["check", "--statistics", "--select", "bare-apology", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["2", "[*]", "bare-apology", "warning"]
