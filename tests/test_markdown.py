"""Markdown drafts: code, comments, URLs and front matter are never linted as prose."""

import json

from yoshinani_lint.cli import main

MD = """---
title: 了解です
---
山田様

ご連絡ありがとうございます。設定欄に`了解です`と入力し、[手順](https://example.com/deploy?w=1)をご覧ください。

```text
すみません、りょ
```

~~~~
了解です
~~~~

    すみません w

<!--
すみません、下書きのメモです
-->

[手順]: https://example.com/すみません

本日17時までに修正版をお送りいたします。
"""


def findings(capsys, path):
    main(["check", "--format", "json", str(path)])
    return json.loads(capsys.readouterr().out)[0]["messages"]


def test_code_comments_urls_and_front_matter_are_context(tmp_path, capsys):
    md = tmp_path / "reply.md"
    md.write_text(MD, encoding="utf-8")
    assert findings(capsys, md) == []
    txt = tmp_path / "reply.txt"  # the same words in a plain-text draft are the writer's
    txt.write_text(MD, encoding="utf-8")
    assert {m["ruleId"] for m in findings(capsys, txt)} >= {"bare-apology", "keigo-misuse"}


def test_prose_around_inline_code_is_still_checked_at_the_right_column(tmp_path, capsys):
    md = tmp_path / "reply.md"
    text = "`npm run build` を実行したところ、すみませんでした。\n"
    md.write_text(text, encoding="utf-8")
    (message,) = [m for m in findings(capsys, md) if m["ruleId"] == "bare-apology"]
    assert text[message["index"]:message["index"] + message["length"]] == "すみませんでした"
    assert message["column"] == text.index("すみません") + 1


def test_text_output_shows_the_code_as_written(tmp_path, capsys):
    md = tmp_path / "reply.md"
    md.write_text("`config.yml` の件、正直迷惑です。\n", encoding="utf-8")
    main(["check", "--select", "emotional", str(md)])
    out = capsys.readouterr().out
    assert "    `config.yml` の件、正直迷惑です。" in out


RULE = """id: keep-sentence
description: 文全体を書き換えるルール（テスト用）
severity: warning
pillar: 信頼構築力
message: 「{match}」を確認しましょう。
why: テスト用。
suggest: 確認しましょう。
checks:
  - kind: pattern
    rewrite: {scope: sentence, edits: [{regex: 迷惑, replace: 心配}]}
    patterns:
      - regex: 迷惑
examples:
  bad: [正直迷惑です。]
  good: [承知いたしました。]
"""


def test_a_fix_keeps_the_code_it_could_not_see(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "keep-sentence.yml").write_text(RULE, encoding="utf-8")
    md = tmp_path / "reply.md"
    text = "`config.yml` の件、正直迷惑です。\n"
    md.write_text(text, encoding="utf-8")
    main(["fix", "--unsafe-fixes", "--rules", str(rules), "--select", "keep-sentence", str(md)])
    # the fix was computed on masked code; the code is put back as it was
    assert md.read_text(encoding="utf-8") == "`config.yml` の件、正直心配です。\n"
    txt = tmp_path / "reply.txt"
    txt.write_text(text, encoding="utf-8")
    main(["fix", "--unsafe-fixes", "--rules", str(rules), "--select", "keep-sentence", str(txt)])
    assert txt.read_text(encoding="utf-8") == "`config.yml` の件、正直心配です。\n"


def test_an_unclosed_fence_runs_to_the_end(tmp_path, capsys):
    md = tmp_path / "reply.md"
    md.write_text("本日17時までにお送りいたします。\n\n```\nすみません\n", encoding="utf-8")
    assert findings(capsys, md) == []


def test_a_suppression_marker_shown_in_a_code_block_is_not_a_directive(tmp_path, capsys):
    md = tmp_path / "reply.md"
    md.write_text("使い方の例です。\n\n```markdown\n<!-- yoshinani-disable -->\n```\n\nすみませんでした。\n",
                  encoding="utf-8")
    ids = [m["ruleId"] for m in findings(capsys, md)]
    assert "bare-apology" in ids and "unused-suppression" not in ids
