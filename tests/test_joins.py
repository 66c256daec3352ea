"""The broken-join checker itself, on strings whose verdict a Japanese reader would give."""

import pytest

from joins import broken_joins

BROKEN = [
    ("資料は〇月〇日〇時までににお送りします。", "doubled-particle"),
    ("ご確認をを お願いいたします。", "doubled-particle"),
    ("修正内容がが反映されております。", "doubled-particle"),
    ("〇月〇日〇時までにく修正いたします。", "orphaned-okurigana"),
    ("本日中にく対応いたします。", "orphaned-okurigana"),
    ("修正は〇月〇日〇時までに中に反映いたします。", "orphaned-okurigana"),
    ("〇月〇日〇時までにて手を付けます。", "orphaned-okurigana"),
    ("〇月〇日〇時までにすぐに取りかかります。", "two-times"),
    ("〇〇が原因でにより、会場を変更いたします。", "lost-predicate"),
    ("できるだけ〇〇く修正いたします。", "slot-glued"),
    ("〇〇ます。", "slot-glued"),
    ("ご依頼の件、〇〇れます。", "slot-glued"),
    ("大変〇〇しく存じます。", "slot-glued"),
    ("先日〇〇た資料をお送りします。", "slot-glued"),
    ("繁忙期が〇月〇日〇時までに、更新作業に取りかかります。", "lost-predicate"),
    ("今の〇月〇日〇時までに取りかかります。", "lost-predicate"),
    ("〇〇が原因でのですが、訳文の一部が残っていました。", "lost-predicate"),
    ("〇〇が原因でより、配信できませんでした。", "lost-predicate"),
    ("確認不足でした。〇〇いたします。確認不足でした。〇〇いたします。", "repeated-sentence"),
]
GOOD = [
    "資料は〇月〇日〇時までにお送りします。",
    "〇〇様、お世話になっております。",
    "精一杯、〇月〇日〇時までに〇〇いたします！",
    "〇〇のため、英語版の追加は致しかねます。",
    "〇〇いただけますでしょうか。",
    "〇〇となると、△△に影響が出てしまいます。",
    "今後は〇〇の手順で確認し、再発防止に努めます。",
    "〇〇たちと相談のうえ、〇〇ためのご提案をお送りします。",
    "準備でき次第、本日中にご連絡いたします。",
    "なるべく早く修正いたします。",
    "分かりにくい点がございましたら、お気軽にお尋ねください。",
    "原因は、〇〇でした。",
    "修正版は〇月〇日〇時までにお送りいたします。",
    "〇〇的に見直し、〇〇ずつ対応いたします。",
    "ご返信は〇月〇日〇時までにお願いいたします。",
    "オンラインでのご相談も承ります。",
    "確認いたします。確認が済みましたらご連絡いたします。",
    "お手数ですが、〇月〇日までに内容をご確認ください。",  # 内容 is a word, no stranded 内
]


@pytest.mark.parametrize("text,kind", BROKEN)
def test_broken_joins_are_found(text, kind):
    assert kind in [j.kind for j in broken_joins(text)], (text, broken_joins(text))


@pytest.mark.parametrize("text", GOOD)
def test_good_joins_pass(text):
    assert broken_joins(text) == [], broken_joins(text)


def test_offsets_point_into_the_text_as_written():
    text = "資料は〇月〇日〇時までににお送りします。"
    (join,) = broken_joins(text)
    assert text[join.offset] == "に" and text[join.offset - 1] == "に"


def test_a_rewrite_does_not_say_a_word_of_its_explanation_twice():
    from yoshinani_lint.api import rewrite_text

    out = rewrite_text("在庫システムとのAPI連携でエラーが出ております。", select=["jargon"]).text
    assert "連携" in out and "）連携" not in out and out.count("連携") == 1
