"""The document model: positions, sentences, and which text is not the writer's."""

from yoshinani_lint import lint_text
from yoshinani_lint.document import Document


def test_positions_are_one_based_characters_not_bytes():
    doc = Document("お世話になっております。\r\n納品が遅れ、すみません。")
    offset = doc.text.index("すみません")
    assert doc.position(offset) == (2, 7)
    assert doc.position(0) == (1, 1)


def test_sentences_split_on_terminal_punctuation_and_line_breaks():
    doc = Document("承知しました！本日送ります。明日は？\n修正版です\nOK! done? yes")
    assert [s.text for s in doc.sentences] == [
        "承知しました！", "本日送ります。", "明日は？", "修正版です", "OK!", "done?", "yes",
    ]


def test_quotes_and_signature_are_context():
    text = "ご連絡ありがとうございます。\n> すみません、至急お願いします\n＞ 追記です\n--\n山田\nすみません株式会社\n"
    doc = Document(text)
    flagged = {s.text: s.is_context for s in doc.sentences}
    assert flagged["ご連絡ありがとうございます。"] is False
    assert flagged["> すみません、至急お願いします"] is True
    assert flagged["＞ 追記です"] is True
    assert flagged["山田"] is True
    assert flagged["すみません株式会社"] is True


def test_findings_never_point_into_quotes_or_signature():
    text = "> すみません、ご確認ください\n承知いたしました。すみませんでした。\n-- \nすみません商店\n"
    findings = lint_text(text, select=["bare-apology"])
    assert [(f.line, text[f.start:f.end]) for f in findings] == [(2, "すみませんでした")]


def test_tokens_carry_spans_lemmas_and_conjugation():
    doc = Document("了解しました。\n> 引用\nご確認ください")
    doc.tokenize()
    first = doc.sentences[0].tokens
    assert [t.surface for t in first] == ["了解", "し", "まし", "た", "。"]
    assert first[1].lemma == "為る" and first[1].cform.startswith("連用形")
    assert all(doc.text[t.start:t.end] == t.surface for s in doc.sentences for t in s.tokens)
    assert doc.sentences[1].tokens == []  # context is not tokenized
    assert doc.sentences[2].tokens[0].start == doc.text.index("ご確認")
