"""unfilled-placeholder: a template slot never goes out, and neither does a rewrite's 〇〇."""

from yoshinani_lint.cli import main
from yoshinani_lint.document import Document
from yoshinani_lint.engine import lint_document
from yoshinani_lint.loader import load_rules
from yoshinani_lint.rewrite import rewrite_text

RULES = load_rules()
NG = "山田様\n\n請求書の金額に誤りがございました。すみませんでした。\n修正版は後ほどお送りしたいと思います。\n"


def lint(text, audience="client"):
    return lint_document(Document(text), RULES, audience)


def placeholders(text, audience="client"):
    return [(text[f.start:f.end], f.severity) for f in lint(text, audience)
            if f.rule_id == "unfilled-placeholder"]


def test_a_rewritten_draft_reports_each_slot_it_left_until_filled():
    new, _, slots = rewrite_text(NG, lint)
    assert slots, new
    found = placeholders(new)
    # one finding per slot, on the slot's own text (〇月〇日〇時 is one slot, not three)
    assert sorted(text for text, _ in found) == sorted(s.text for s in slots)
    filled = new.replace("〇月〇日〇時", "3月5日15時").replace("〇〇", "金額の転記")
    assert placeholders(filled) == []


def test_check_of_a_rewritten_draft_fails_and_names_the_slot(tmp_path, capsys):
    draft = tmp_path / "reply.txt"
    draft.write_text(NG, encoding="utf-8")
    main(["rewrite", "--write", str(draft)])
    capsys.readouterr()
    assert main(["check", "--select", "unfilled-placeholder", str(draft)]) == 1
    out = capsys.readouterr().out
    assert "[unfilled-placeholder]" in out and "「〇月〇日〇時」は埋め忘れた差し込み箇所" in out


def test_stays_an_error_for_colleagues():
    assert placeholders("〇〇さん、資料の件ありがとうございます。", audience="internal") == [("〇〇", "error")]


def test_template_slots_of_every_shape_are_caught():
    for text, slot in [("{{担当者}}様、お世話になっております。", "{{担当者}}"), ("【会社名】 御中", "【会社名】"),
                       ("納品は[日付]です。", "[日付]"), ("＜氏名＞様", "＜氏名＞"), ("金額は＿＿＿円です。", "＿＿＿"),
                       ("XX様", "XX"), ("候補は○/○（○）です。", "○/○（○）")]:
        assert [t for t, _ in placeholders(text)] == [slot], text


def test_ordinary_brackets_symbols_and_context_lines_are_left_alone():
    for text in ["【ご報告】作業が完了いたしました。", "[重要] メンテナンスのお知らせです。", "〇×式でご回答ください。",
                 "「〇」をつけてご返送ください。", "【日時】3月5日（火）14時〜", "> 〇〇様\n\n承知いたしました。",
                 "以上です。\n\n--\n株式会社〇〇\n山本"]:
        assert placeholders(text) == [], text
