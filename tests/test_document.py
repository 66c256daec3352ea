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


def test_an_emoji_and_a_blank_end_a_chat_sentence():
    doc = Document("今日中は厳しいかもです💦 明日送りますね！ありがとうございます🙏\n☆★ 事務所 ★☆")
    assert [s.text for s in doc.sentences] == [
        "今日中は厳しいかもです💦", "明日送りますね！", "ありがとうございます🙏", "☆★ 事務所 ★☆",
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
    assert [t.surface for t in doc.sentences[1].tokens] == [">", "引用"]  # context, on demand
    assert doc.sentences[2].tokens[0].start == doc.text.index("ご確認")


def context_of(text):
    return [s.text for s in Document(text).sentences if s.is_context]


def test_pasted_headers_are_context():
    text = "件名: Re: 納品の件\nTo: yamada@example.com\nCc：sato@example.com\n山田様\nすみません。\n"
    assert context_of(text) == ["件名: Re: 納品の件", "To: yamada@example.com", "Cc：sato@example.com"]


def test_attribution_starts_the_quoted_thread():
    for attribution in ("On Mon, Nov 20, 2026 at 10:00 AM Yamada <y@example.com> wrote:",
                        "2026年11月20日(金) 10:00 山田太郎 <y@example.com>:",
                        "2026/11/20 10:00、山田さんは書きました:",
                        "-----Original Message-----"):
        text = f"承知いたしました。\n\n{attribution}\nすみません、至急お願いします。\n"
        assert context_of(text) == [attribution.strip(), "すみません、至急お願いします。"], attribution


def test_ruled_lines_start_the_signature():
    for rule in ("――――――――", "━━━━━━━━", "-----", "====="):
        text = f"本日中にお送りいたします。\n{rule}\nすみません商店 山田\n"
        assert context_of(text) == [rule, "すみません商店 山田"], rule
    # a short dash inside a sentence is not a ruled line
    assert context_of("A-B案で進めます。\n") == []


def test_markdown_front_matter_is_not_a_signature():
    text = "---\ntitle: 返信\n---\nすみませんでした。\n"
    assert context_of(text) == ["---", "title: 返信", "---"]


def test_outlook_header_block_below_the_reply_starts_the_quoted_thread():
    text = ("承知いたしました。\n\n差出人: 山田 <y@example.com>\n送信日時: 2026年11月20日 10:00\n"
            "件名: 納品の件\n\nすみません、至急お願いします。\n")
    assert "すみません、至急お願いします。" in context_of(text)
    # the reply's own pasted headers at the top are context, the body is not
    top = "差出人: 森\n件名: Re: 納品の件\n\n承知いたしました。\n"
    assert context_of(top) == ["差出人: 森", "件名: Re: 納品の件"]


def test_a_markdown_thematic_break_is_not_a_signature():
    body = "\n".join(f"{i}行目の本文です。" for i in range(15))
    text = f"# 返信案\n\n---\n\n{body}\n"
    assert context_of(text) == []
    assert context_of("# 返信案\n\n---\n\nすみません、無理です。\n") == []
    assert context_of("承知しました。\n――――――\n森 由香\n※土日祝は休業です。\nTEL 03-0000-0000\n") == [
        "――――――", "森 由香", "※土日祝は休業です。", "TEL 03-0000-0000"]
