"""`yoshinani rewrite`: the rewritten reply no longer triggers the rules it mends."""

import io
import sys

import pytest

from joins import fill_slots
from yoshinani_lint.cli import main
from yoshinani_lint.document import Document
from yoshinani_lint.engine import lint_document
from yoshinani_lint.loader import load_rules
from yoshinani_lint.rewrite import rewrite_text

RULES = load_rules()
# Rules with checks that only point the way (plain-form endings of casual-tone need the verb
# re-conjugated by the writer; させていただく overuse is a count): their other checks mend.
PARTIAL = {"casual-tone", "keigo-misuse"}


def lint(text):
    return lint_document(Document(text), RULES)


CASES = [(r.id, text) for r in RULES if r.fix_safety or any(c.insert for c in r.checks)
         for text in r.examples["bad"]]


@pytest.mark.parametrize("rule_id,text", CASES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(CASES)])
def test_rewrite_converges(rule_id, text):
    new, _, slots = rewrite_text(text, lint)
    after = [f for f in lint(fill_slots(new)) if f.rule_id == rule_id]
    if rule_id in PARTIAL:
        mended = {f.message for f in lint(text) if f.rule_id == rule_id and f.fix}
        assert not mended & {f.message for f in after}, (new, [f.message for f in after])
    else:
        assert not after, f"{rule_id} still fires on the rewrite: {fill_slots(new)!r}"


NG = """山田様

お世話になっております。

> 請求書の金額が違うようです。

請求書の金額に誤りがございました。すみませんでした。
修正版は後ほどお送りしたいと思います。

よろしくお願いいたします。

--
森 由香（すみませんデザイン）
"""


def test_rewrite_inserts_what_is_missing_in_reading_order():
    new, _, slots = rewrite_text(NG, lint)
    lines = new.splitlines()
    # the next step is not inserted: the rewritten second line already promises it with a time
    assert lines[6] == ("請求書の金額に誤りがございました。申し訳ございませんでした。原因は、〇〇でした。"
                        "今後は〇〇の手順で確認し、再発防止に努めます。")
    assert lines[7] == "修正版は〇月〇日〇時までにお送りいたします。"
    # the client's quote and the signature are kept as they are, in place
    assert lines[4] == "> 請求書の金額が違うようです。"
    assert new.endswith("--\n森 由香（すみませんデザイン）\n")
    assert [(s.line, s.text) for s in slots] == [(7, "〇〇"), (7, "〇〇"), (8, "〇月〇日〇時")]
    # without the second line, the next step is inserted, in reading order
    lines = rewrite_text(NG.replace("修正版は後ほどお送りしたいと思います。\n", ""), lint)[0].splitlines()
    assert lines[6] == ("請求書の金額に誤りがございました。申し訳ございませんでした。原因は、〇〇でした。"
                        "〇月〇日〇時までに、〇〇をお送りいたします。今後は〇〇の手順で確認し、再発防止に努めます。")


def test_thanks_go_after_an_address_the_title_fix_left_without_様():
    # keigo-misuse turns 山下部長様 into 山下部長; bot-like's thanks still go below the address
    new, _, _ = rewrite_text("山下部長様\n\n承知しました。\n", lint)
    assert new.startswith("山下部長\n\nご連絡ありがとうございます。承知しました。")


def test_a_judging_opener_goes_even_after_another_rules_rewrite_put_a_clause_first():
    # flat-refusal puts 〇〇のため、 in front; condescending still drops 普通は and keeps the fact
    new, _, _ = rewrite_text("普通は、納品後の仕様追加はお受けできません。\n", lint)
    assert new == "〇〇のため、納品後の仕様追加はお受けいたしかねます。代わりに□□はいかがでしょうか。\n"


@pytest.mark.parametrize("line, expected", [
    ("3. 箔押し加工の追加 → 対応不可です", "3. 〇〇のため、箔押し加工の追加 → お受けいたしかねます。"),
    ("・言われた通りにしただけです。", "・こちらの確認不足でした。"),
])
def test_a_sentence_rebuilt_keeps_the_list_marker_that_opens_it(line, expected):
    new, _, _ = rewrite_text(f"ご要望への回答です。\n{line}\n", lint)
    assert new.splitlines()[1].startswith(expected)


def test_two_vague_times_of_one_promise_get_one_deadline():
    new, _, _ = rewrite_text("納品の準備が整い次第、速やかにご連絡申し上げます。\n", lint)
    assert new.startswith("〇月〇日〇時までに、ご連絡申し上げます。")


def test_bot_like_reply_gets_thanks_at_the_opening():
    new, _, _ = rewrite_text("山田様\nお世話になっております。\n承知しました。\n", lint)
    assert new.startswith("山田様\nお世話になっております。\nご連絡ありがとうございます。承知しました。")


@pytest.mark.parametrize("text, expected", [
    # a mark between a finished sentence and a blank: the sentences stay apart
    ("楽しかったです♪ また来週お願いいたします。\n", "楽しかったです。また来週お願いいたします。\n"),
    ("了解です👍 明日お送りします。\n", "了解です。明日お送りします。\n"),  # an emoji that ends its sentence
    # ！！ keeps one ！ (one after thanks is fine); an emoji goes with its ZWJ parts
    ("ありがとうございます！！\n", "ありがとうございます！\n"),
    ("遅くなりました🙇‍♀️\n", "遅くなりました\n"),
])
def test_chat_marks_are_removed_without_leaving_the_text_broken(text, expected):
    from yoshinani_lint.engine import select_rules

    rules = select_rules(RULES, ["casual-tone"], None)
    new, _, _ = rewrite_text(text, lambda t: lint_document(Document(t), rules))
    assert new == expected


@pytest.mark.parametrize("wish, promise", [
    ("下記のとおり進めたいと思います。", "下記のとおり進めます。"),  # a verb of its own takes ます
    ("明日までに出したいと思います。", "明日までに出します。"),  # the し of 出す is no する
    ("来週には進められればと思います。", "来週には進めます。"),
    ("明日確認したいと思います。", "明日確認いたします。"),  # a noun + する takes いたします
    ("明日お送りしたいと思います。", "明日お送りいたします。"),
])
def test_a_wish_becomes_a_promise_in_the_verbs_own_polite_form(wish, promise):
    from yoshinani_lint.engine import select_rules

    rules = select_rules(RULES, ["hedged-commitment"], None)
    new, _, _ = rewrite_text(wish + "\n", lambda t: lint_document(Document(t), rules))
    assert new == promise + "\n"


def test_piped_rewrite_prints_only_the_text_and_lists_slots_on_stderr(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NG.encode())))
    code = main(["rewrite", "-"])
    out, err = capsys.readouterr()
    assert out == rewrite_text(NG, lint)[0]
    assert err.startswith("埋めるべき箇所:\n  -:7:")
    assert code in (0, 1)


def test_rewrite_write_replaces_the_file(tmp_path, capsys):
    path = tmp_path / "reply.txt"
    path.write_bytes(NG.replace("\n", "\r\n").encode("utf-8"))
    main(["rewrite", "--write", str(path)])
    assert path.read_bytes() == rewrite_text(NG, lint)[0].replace("\n", "\r\n").encode("utf-8")
    assert "を書き換えました" in capsys.readouterr().out


def test_rewrite_in_a_terminal_shows_a_coloured_diff(capsys, monkeypatch, tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text(NG, encoding="utf-8")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    main(["rewrite", str(path)])
    out = capsys.readouterr().out
    assert "\x1b[" in out and "--- " in out and "+ " in out and "〇月〇日〇時" in out
    assert path.read_text(encoding="utf-8") == NG  # shown, not written


def test_fix_unsafe_applies_rewrites_but_never_inserts(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("修正版は後ほどお送りしたいと思います。\n", encoding="utf-8")
    main(["fix", "--unsafe-fixes", str(path)])
    assert path.read_text(encoding="utf-8") == "修正版は〇月〇日〇時までにお送りいたします。\n"
    path.write_text("修正版は後ほどお送りしたいと思います。\n", encoding="utf-8")
    main(["fix", str(path)])  # neither is a safe fix
    assert path.read_text(encoding="utf-8") == "修正版は後ほどお送りしたいと思います。\n"


def test_rewrite_never_raises_on_odd_input():
    for text in ["", "\n\n", "--\n", "> すみません", "すみません" * 200, "。。。！？" * 30, "\ufeff了解です"]:
        rewrite_text(text, lint)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FRAGMENTS = ["すみません", "申し訳ございません。", "なぜか", "後ほどお送りしたいと思います。", "できません。",
             "どうしたらいいですか？", "承知しました。", "\n", "> 引用\n", "--\n", "請求書に誤りがございました。",
             "普通は", "困ります！？", "デプロイ", "了解です", "本日17時までに", "w", "☆", "ごめーん"]
drafts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=20).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_rewrite_never_raises_and_keeps_context_lines(text):
    new, _, _ = rewrite_text(text, lint)
    old_context = [line.text for line in Document(text).lines if line.is_context]
    remaining = iter(line.text for line in Document(new).lines)
    # every quoted or signature line is still there, unchanged and in order (a rewrite may
    # turn a line into a quote, e.g. by dropping the ☆ before a ">", but never edits one)
    assert all(any(line == old for line in remaining) for old in old_context)


@pytest.mark.parametrize("text, expected", [
    # the plain words open with the noun before the term: it is said once
    ("本番へのデプロイは明日行います。\n", "本番環境への反映（デプロイ）は明日行います。\n"),
    ("ブラウザのキャッシュが残っています。\n", "ブラウザに一時保存されたデータ（キャッシュ）が残っています。\n"),
    ("ドメインのDNSを変更しました。\n", "ドメインの設定（DNS）を変更しました。\n"),
])
def test_a_jargon_rewrite_does_not_say_the_noun_before_it_twice(text, expected):
    new, _, _ = rewrite_text(text, lint)
    assert new == expected


def test_a_vague_cause_before_niyori_loses_the_old_marker():
    new, _, _ = rewrite_text("交歓会につきまして、不測の事態により、会場を変更いたします。\n", lint)
    assert "〇〇が原因で、会場を変更いたします。" in new, new


def test_a_cause_slot_after_a_subject_is_set_off_by_a_comma():
    new, _, _ = rewrite_text("金の箔押し部分がなぜか茶色っぽく出てしまいました。\n", lint)
    assert "部分が、〇〇が原因で" in new, new
