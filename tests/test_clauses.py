"""The clause layer on real business sentences: where sentences split and what each clause says."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yoshinani_lint.clauses import describe, modifies_noun, split_clauses
from yoshinani_lint.tokens import tokenize


def clauses(text):
    return split_clauses(tokenize(text))


def texts_and_links(text):
    return [(c.text(), c.link) for c in clauses(text)]


# --- where a sentence splits, and where it must not ------------------------------------------

SPLITS = [
    # conjunctive particles
    ("申し訳ございませんが、明日お送りします。", [("申し訳ございませんが、", "contrast"), ("明日お送りします。", "end")]),
    ("確認しましたけれども、問題はありませんでした。",
     [("確認しましたけれども、", "contrast"), ("問題はありませんでした。", "end")]),
    ("急ぎですけど、お願いできますか。", [("急ぎですけど、", "contrast"), ("お願いできますか。", "end")]),
    ("修正いたしましたので、ご確認ください。", [("修正いたしましたので、", "reason"), ("ご確認ください。", "end")]),
    ("本日は休業日ですから、明日対応します。", [("本日は休業日ですから、", "reason"), ("明日対応します。", "end")]),
    # (高いし without です: UniDic reads し as the numeral 四)
    ("費用も高いですし、時間もかかります。", [("費用も高いですし、", "renyou"), ("時間もかかります。", "end")]),
    ("確認しながら進めます。", [("確認しながら", "te"), ("進めます。", "end")]),
    ("勝手ながら、本日は休業いたします。", [("勝手ながら、", "contrast"), ("本日は休業いたします。", "end")]),
    ("早ければ明日届きます。", [("早ければ", "condition"), ("明日届きます。", "end")]),
    ("確認すると、原因がわかりました。", [("確認すると、", "condition"), ("原因がわかりました。", "end")]),
    ("調べても原因がわかりません。", [("調べても", "contrast"), ("原因がわかりません。", "end")]),
    ("データを確認して、本日中にご連絡します。", [("データを確認して、", "te"), ("本日中にご連絡します。", "end")]),
    ("内容を確認してから、お送りします。", [("内容を確認してから、", "te"), ("お送りします。", "end")]),
    ("お伝えしたのに、反映されていませんでした。",
     [("お伝えしたのに、", "contrast"), ("反映されていませんでした。", "end")]),
    # 仮定形 auxiliaries
    ("確認できましたら、ご連絡いたします。", [("確認できましたら、", "condition"), ("ご連絡いたします。", "end")]),
    ("ご不明点がございましたら、お知らせください。",
     [("ご不明点がございましたら、", "condition"), ("お知らせください。", "end")]),
    ("雨天なら中止いたします。", [("雨天なら", "condition"), ("中止いたします。", "end")]),
    # ため + 、 / ために + 、
    ("システム障害のため、配送が遅れております。",
     [("システム障害のため、", "reason"), ("配送が遅れております。", "end")]),
    ("在庫が不足したために、出荷を見合わせております。",
     [("在庫が不足したために、", "reason"), ("出荷を見合わせております。", "end")]),
    # 連用中止 + 、
    ("ご返信が遅くなり、申し訳ございません。", [("ご返信が遅くなり、", "renyou"), ("申し訳ございません。", "end")]),
    ("資料を修正し、再送いたします。", [("資料を修正し、", "renyou"), ("再送いたします。", "end")]),
    ("期日までに対応できず、申し訳ございません。",
     [("期日までに対応できず、", "renyou"), ("申し訳ございません。", "end")]),
    ("担当は佐藤で、窓口は私です。", [("担当は佐藤で、", "renyou"), ("窓口は私です。", "end")]),
    ("ご連絡いただき、ありがとうございます。", [("ご連絡いただき、", "renyou"), ("ありがとうございます。", "end")]),
    # a finished predicate spliced on with a comma ends a clause of its own
    ("申し訳ございません、別の資料を送信してしまいました。",
     [("申し訳ございません、", "end"), ("別の資料を送信してしまいました。", "end")]),
    ("どうしましょうか、このまま進めます。", [("どうしましょうか、", "end"), ("このまま進めます。", "end")]),
    # a chat line runs sentences on with a space, an emoji or (笑) where a 。 would be
    ("完全に忘れてました(笑) 今から送ります！", [("完全に忘れてました", "end"), ("(笑) 今から送ります！", "end")]),
    ("日付を間違えてました🙏 今日中に直します。", [("日付を間違えてました", "end"), ("🙏 今日中に直します。", "end")]),
    ("確認しました 明日送ります。", [("確認しました", "end"), ("明日送ります。", "end")]),
    ("資料を送りました（添付）ので、ご確認ください。",  # a particle after the bracket goes on
     [("資料を送りました（添付）ので、", "reason"), ("ご確認ください。", "end")]),
    # のであれば is a condition, not ので + あれば
    ("外注されるのであれば、ご準備ください。", [("外注されるのであれば、", "condition"), ("ご準備ください。", "end")]),
    # several in a row
    ("送付いたしましたが、届いていないようでしたら、お知らせください。",
     [("送付いたしましたが、", "contrast"), ("届いていないようでしたら、", "condition"),
      ("お知らせください。", "end")]),
]

ONE_CLAUSE = [
    "15時頃の復旧を見込んでおります。",          # て + おる
    "現在確認しております。",
    "資料をお送りいただきました。",                 # お + 連用形 + いただく
    "ご確認いただけますでしょうか。",
    "差し替えの資料を送っていただけますか。",        # て + いただく
    "ファイルが破損してしまいました。",              # て + しまう
    "事前に共有しておきます。",                     # て + おく
    "一度試してみます。",                           # て + みる
    "会議室は予約してあります。",                   # て + ある
    "担当者が対応してまいります。",                 # て + まいる
    "詳細をご説明させていただきます。",
    "ご確認くださいますようお願いいたします。",
    "担当者として責任を持って対応いたします。",      # として / をもって
    "納期について再度確認いたします。",             # について
    "本件に関して、弊社より改めてご連絡します。",    # に関して + 、
    "御社にとって最適な案をご提案します。",          # にとって
    "状況によって対応が変わります。",               # によって
    "代理店を通じてお届けします。",                 # を通じて
    "仕様変更に伴い、納期を調整いたします。",        # に伴い + 、
    "お送りした見積書に誤りがありました。",          # relative clause
    "昨日いただいたご指摘を反映しました。",
    "提出しなければなりません。",                   # なければ is no condition
    "ご連絡いただけますと幸いです。",               # と幸い is no condition
    "お送りいただければ助かります。",
    "明日ご連絡してもよろしいでしょうか。",          # ても + よろしい is no concession
    "来週までに納品できればと思います。",             # ばと思う is a wish, not a condition
    "追加機能につきまして、来週中に対応いたします。",  # につきまして + 、
    "本日17時までにお送りします（予定）。",
]


@pytest.mark.parametrize("text,expected", SPLITS)
def test_split_points(text, expected):
    assert texts_and_links(text) == expected


@pytest.mark.parametrize("text", ONE_CLAUSE)
def test_no_split_inside_one_predicate(text):
    assert texts_and_links(text) == [(text, "end")]


# --- features of a clause ---------------------------------------------------------------------

# (sentence, index of the clause, expected features); only the listed features are checked
FEATURES = [
    # the examples
    ("お送りした見積書に誤りがありました。", 0, dict(tense="past", polarity="affirmative", polite=True)),
    ("申し訳ございませんが、明日お送りします。", 1, dict(tense="nonpast", actor="writer", polite=True)),
    ("申し訳ございませんが、明日お送りします。", 0, dict(polarity="negative")),
    ("確認できましたら、ご連絡いたします。", 1, dict(actor="writer", tense="nonpast")),
    ("確認できましたら、ご連絡いたします。", 0, dict(tense="nonpast")),  # たら is no past
    ("ご確認いただけますでしょうか。", 0, dict(actor="client", modality={"request", "question", "potential"})),
    ("修正したいと思います。", 0, dict(tense="nonpast", modality={"intention", "thought"}, actor="writer")),
    ("15時頃の復旧を見込んでおります。", 0, dict(tense="nonpast", polite=True)),
    # tense
    ("本日、資料を送付いたしました。", 0, dict(tense="past", actor="writer")),
    ("先ほどの件は解決済みでした。", 0, dict(tense="past")),
    ("昨日お送りした見積書です。", 0, dict(tense="nonpast")),  # the past is the relative clause's
    ("修正したと思います。", 0, dict(tense="nonpast", modality={"thought"})),
    ("修正したいと思いました。", 0, dict(tense="past")),
    ("資料を確認して、明日ご連絡します。", 0, dict(tense="nonpast", actor="writer", polite=True)),
    ("資料を確認して、昨日ご連絡しました。", 0, dict(tense="past")),
    ("取り急ぎご連絡まで。", 0, dict(tense="none")),
    ("上記の件、よろしくお願いいたします。", 0, dict(tense="nonpast", modality={"request"})),
    # polarity
    ("原因がわかりません。", 0, dict(polarity="negative", polite=True)),
    ("期日までに対応できず、申し訳ございません。", 0, dict(polarity="negative", modality={"potential", "ability_neg"})),
    ("特に問題ないかと存じます。", 0, dict(polarity="negative", modality={"hedge", "thought"})),
    ("提出しなければなりません。", 0, dict(polarity="affirmative", modality={"obligation"})),
    ("遅れるかもしれません。", 0, dict(polarity="affirmative", modality={"hedge"})),
    ("その方法では対応できません。", 0, dict(polarity="negative", modality={"potential", "ability_neg"})),
    # politeness
    ("了解です。", 0, dict(polite=True)),
    ("了解。", 0, dict(polite=False, tense="none")),
    ("今から送る。", 0, dict(polite=False, tense="nonpast")),
    ("資料はこちらでございます。", 0, dict(polite=True)),
    # actor: writer
    ("明日、改めて伺います。", 0, dict(actor="writer")),
    ("担当者が参ります。", 0, dict(actor="writer")),
    ("心よりお詫び申し上げます。", 0, dict(actor="writer")),
    ("後ほど資料を差し上げます。", 0, dict(actor="writer")),
    ("資料を拝見しました。", 0, dict(actor="writer", tense="past")),
    ("確認させていただきます。", 0, dict(actor="writer")),
    ("確認させてください。", 0, dict(actor="writer", modality={"request"})),
    ("ご連絡します。", 0, dict(actor="writer")),
    # actor: client
    ("資料をお送りください。", 0, dict(actor="client", modality={"request"})),
    ("ご指摘くださりありがとうございます。", 0, dict(actor="unknown")),  # no comma: one thanks clause
    ("資料を送っていただけますか。", 0, dict(actor="client", modality={"request", "question", "potential"})),
    ("先方がご対応なさいます。", 0, dict(actor="client")),
    ("会場にはお越しになりますか。", 0, dict(actor="client", modality={"question"})),
    ("資料はご覧になりましたか。", 0, dict(actor="client", tense="past")),
    ("部長がご確認されるそうです。", 0, dict(actor="unknown")),  # そうです: hearsay over it
    ("部長がご確認されます。", 0, dict(actor="client")),
    ("ご連絡いただき、ありがとうございます。", 0, dict(actor="client")),
    # actor: unknown
    ("確認します。", 0, dict(actor="unknown")),
    ("お時間をいただきます。", 0, dict(actor="unknown")),  # いただく as a main verb: no client act
    ("サーバーが停止しました。", 0, dict(actor="unknown")),
    # modality
    ("来週中に修正するつもりです。", 0, dict(modality={"intention"}, actor="writer")),
    ("来週になると思われます。", 0, dict(modality={"thought", "hedge"})),
    ("明日には届くでしょう。", 0, dict(modality={"hedge"})),
    ("明日には届くだろう。", 0, dict(modality={"hedge"}, polite=False)),
    ("遅延の可能性があります。", 0, dict(modality={"hedge"})),
    ("設定が変更されたようです。", 0, dict(modality={"hedge"})),
    ("ご連絡いただけますと幸いです。", 0, dict(modality={"request", "potential"}, actor="client")),
    ("ご対応いただきたく存じます。", 0, dict(modality={"request", "thought"}, actor="client")),
    ("至急ご確認をお願いします。", 0, dict(modality={"request"}, actor="client")),
    ("ご確認くださいますようお願いいたします。", 0, dict(modality={"request"})),
    ("進捗はいかがですか？", 0, dict(modality={"question"})),
    # ！？ is disbelief, not a question; with か it still asks
    ("そのようなお話は聞いていません！？", 0, dict(polarity="negative", modality=set())),
    ("本当ですか！？", 0, dict(modality={"question"})),
    ("大丈夫かな。", 0, dict(modality={"question"}, polite=False)),
    ("早めに返信すべきです。", 0, dict(modality={"obligation"})),
    ("再度確認する必要があります。", 0, dict(modality={"obligation"})),
    ("今日中はちょっと厳しいかもです。", 0, dict(tense="nonpast", modality={"hedge"})),
    ("金曜までには間に合わせるつもりではおります。", 0, dict(actor="writer", modality={"intention"})),
    ("午前中に送れたらと思います。", 0, dict(actor="writer", modality={"intention", "potential", "thought"})),
    ("明日中には揃うはずです。", 0, dict(tense="nonpast", modality={"hedge"})),
    ("修正版は昨日お送りしたはずです。", 0, dict(tense="past", modality={"hedge"})),
    ("では、来週から始めましょう。", 0, dict(modality={"volition"})),
    ("配色を暖色系に寄せてみようかと思います。", 0, dict(actor="writer", modality={"volition", "thought"})),  # a tentative intention, no guess
    ("本日中にお送りできます。", 0, dict(modality={"potential"}, actor="writer")),
    ("明日までに送れます。", 0, dict(modality={"potential"})),
    ("問題が出ます。", 0, dict(modality=set())),  # 出る is 下一段, not a potential
    ("明日お送りします。", 0, dict(modality=set())),
    ("再発行はいたしかねます。", 0, dict(polarity="negative", modality={"ability_neg"}, actor="writer")),
    ("来週までに納品できればと思います。", 0, dict(modality={"intention", "potential", "thought"})),
    ("再度ご覧ください。", 0, dict(actor="client", modality={"request"})),
    ("お世話になっております。", 0, dict(actor="unknown")),  # お〜になる in shape only
    ("ご確認してもよろしいでしょうか。", 0, dict(actor="writer", modality={"question"})),
    # 〜のではないか / 〜んじゃないか guess, they do not deny; ので there is no reason
    ("来週には仕上がるんじゃないかと思います。", 0, dict(polarity="affirmative", modality={"hedge", "thought"})),
    ("明日には届くのではないかと思います。", 0, dict(polarity="affirmative", modality={"hedge", "thought"}, link="end")),
    ("その件は聞いていないのではないでしょうか。", 0, dict(polarity="negative", modality={"hedge", "question"})),
    # 本日お送りしまーす: one clause, the writer's (UniDic reads し as a particle and まー as a filler)
    ("本日お送りしまーす。", 0, dict(link="end", actor="writer")),
    # the link of a te clause does not lend the next clause's modality
    ("資料を添付しましたので、ご確認ください。", 0, dict(modality=set(), actor="unknown", tense="past")),
]


@pytest.mark.parametrize("text,index,expected", FEATURES)
def test_clause_features(text, index, expected):
    clause = clauses(text)[index]
    got = {name: getattr(clause, name) for name in expected}
    if "modality" in got:
        got["modality"] = set(got["modality"])
    assert got == expected, describe(clause)


HEADS = [
    ("ご連絡いたします。", "連絡"),
    ("お送りします。", "送り"),
    ("見込んでおります。", "見込ん"),
    ("確認中です。", "確認"),
    ("ご返信が遅くなり、", "遅く"),
    ("修正したいと思います。", "修正"),
    ("誤りかもしれません。", "誤り"),
    ("お時間をいただきます。", "いただき"),
    ("お送りした見積書の件", None),  # a noun phrase: the relative clause is no predicate
    ("今日中は無理っすね(笑)", "無理"),  # a chat aside in brackets is no predicate
    ("来週には仕上がるんじゃないかな。", "仕上がる"),  # the guessed predicate, not ない
    ("明日には送れます（汗）", "送れ"),
    ("後ほど確認しまーす", "確認"),  # a drawn-out ます is ます, not a filler
]


@pytest.mark.parametrize("text,head", HEADS)
def test_head_of_the_predicate(text, head):
    tokens = tokenize(text)
    clause = split_clauses(tokens)[0]
    assert (tokens[clause.head].surface if clause.head is not None else None) == head


def test_predicate_span_is_the_chain_not_the_relative_clause():
    text = "お送りした見積書に誤りがありました。"
    (clause,) = clauses(text)
    start, end = clause.predicate_span()
    assert text[start:end] == "ありました"
    assert (clause.start, clause.end) == (0, len(text))


def test_predicate_span_keeps_the_honorific_prefix():
    text = "至急ご連絡いたします。"
    start, end = clauses(text)[0].predicate_span()
    assert text[start:end] == "ご連絡いたします"


def test_spans_follow_the_tokens_offsets():
    tokens = tokenize("確認できましたら、ご連絡いたします。", base=100)
    first, second = split_clauses(tokens)
    assert (first.start, first.end, second.start, second.end) == (100, 109, 109, 118)
    assert (first.first, first.last, second.first, second.last) == (0, 5, 5, len(tokens))


def test_describe_names_link_text_and_features():
    line = describe(clauses("データを確認して、ご連絡いたします。")[0])
    assert line.startswith("[te] データを確認して、 |")
    assert "tense=nonpast" in line and "actor=writer" in line and "polite=yes" in line


def test_empty_sentence_has_no_clauses():
    assert split_clauses([]) == []


# --- does a time phrase modify a noun or the predicate? -----------------------------------------

def _index(tokens, surface, nth=0):
    return [i for i, t in enumerate(tokens) if t.surface == surface][nth]


MODIFIES = [
    ("明日の打ち合わせ資料をお送りします。", "明日", True),
    ("15時頃の復旧を見込んでおります。", "頃", True),
    ("来週までの資料をお送りします。", "まで", True),
    ("お送りした見積書に誤りがありました。", "た", True),
    ("明日の午前中にお送りします。", "明日", False),   # the time phrase goes on
    ("明日お送りします。", "明日", False),
    ("本日中にお送りします。", "中", False),
    ("3日の15時に伺います。", "日", False),
    ("昨日お送りしました。", "た", False),
    ("明日9時の設営時にお持ちします。", "時", False),  # a compound named by its last noun, 時
    ("本日の作業終了後にご連絡します。", "本日", False),
    ("明日の打ち合わせ資料室でお待ちします。", "明日", True),
]


@pytest.mark.parametrize("text,surface,expected", MODIFIES)
def test_modifies_noun(text, surface, expected):
    tokens = tokenize(text)
    assert modifies_noun(tokens, _index(tokens, surface)) is expected


def test_modifies_noun_at_the_last_token():
    tokens = tokenize("明日")
    assert modifies_noun(tokens, len(tokens) - 1) is False


# --- whatever the sentence, clauses tile it -----------------------------------------------------

PIECES = ["確認して", "、", "ご連絡いたします", "が", "申し訳ございません", "ので", "お送りした",
          "見積書", "について", "たら", "ため", "ば", "。", "？", "しておりまして", "なければ", "です"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8))
def test_clauses_tile_the_sentence(pieces):
    text = "".join(pieces)
    tokens = tokenize(text)
    found = split_clauses(tokens)
    assert [(c.first, c.last) for c in found] == list(zip(
        [0] + [c.last for c in found[:-1]], [c.last for c in found])) or not tokens
    if found:
        assert found[0].first == 0 and found[-1].last == len(tokens)
        assert found[-1].link == "end"
    for clause in found:
        assert clause.tense in ("past", "nonpast", "none")
        assert clause.actor in ("writer", "client", "unknown")
        assert (clause.head is None) == (clause.tense == "none")
        start, end = clause.predicate_span()
        assert clause.start <= start <= end <= clause.end


def test_goods_and_money_handed_over_in_honorific_passive_are_not_the_clients_act():
    # ご返金されます: "will be refunded" (the writer's side acts), unlike ご確認されます
    (refund,) = split_clauses(tokenize("3営業日以内にご返金されます。"))
    (check,) = split_clauses(tokenize("ご確認されますか。"))
    assert refund.actor != "client" and check.actor == "client"


# --- is a predicate a relative clause describing a noun? ----------------------------------------

DESCRIBES = [
    ("届いていなかった3件は本日中に転送いたします。", "届い", True),
    ("先日いただいた資料を確認しました。", "いただい", True),
    ("表示されない件について", "表示", True),
    ("明日の便に間に合わない見込みです。", "間に合わ", False),  # 見込み: the statement itself
    ("現在ログインできない状態です。", "でき", False),
    ("昨日から配信が止まっております。", "止まっ", False),
    ("資料をお送りしました。", "送り", False),
    ("誤ってお送りした方には、本日中にご連絡します。", "誤っ", True),  # て leads into お送りした
    ("誤ってお送りしてしまいました。", "誤っ", False),
    ("遅れて申し訳ございません。", "遅れ", False),
    ("データが1日遅れて届いたためです。", "遅れ", False),  # ため: the reason is what it says
]


@pytest.mark.parametrize("text,surface,expected", DESCRIBES)
def test_describes_noun(text, surface, expected):
    from yoshinani_lint.clauses import describes_noun

    tokens = tokenize(text)
    assert describes_noun(tokens, _index(tokens, surface)) is expected


# A past time in a relative clause dates the noun; a coming one is left where it is.
CLAUSE_TIMES = [
    ("先日おっしゃっていた件、3月9日の10時に伺います。", [["concrete"]]),
    ("昨日いただいた資料を、本日中に修正します。", [["concrete"]]),
    ("昨日から配信が止まっております。", [["past"]]),
    ("明日お送りする資料をご確認ください。", [["concrete"]]),
    ("本日お約束していたバナーの納品が遅れます。", [[]]),  # the promise was today's, not the delay
    ("明日までに修正した資料をお送りします。", [["concrete"]]),
]


# A condition that is its time, or opens with a time set off by a comma, times what it leads into.
CARRIED_TIMES = [
    ("落ち着いたら本番に反映します。", [["vague"], ["vague"]]),
    ("今月の案件が落ち着いたら、取りかかります。", [["vague"], ["vague"]]),
    ("本日17時までに、写真を更新すると画像も入れ替わるように修正いたします。", [["concrete"], ["concrete"]]),
    ("明日までにご返信いただければ、発送いたします。", [["concrete"], []]),  # the client's deadline
    # a time only reached (〜になって / 〜になりましたら) is when the next clause happens
    ("入稿の前日になって、配合の変更を知らされました。", [[], ["concrete"]]),
    ("月曜になりましたら、ご連絡いたします。", [[], ["concrete"]]),
]


@pytest.mark.parametrize("text,times", CARRIED_TIMES)
def test_a_time_that_opens_a_condition_is_also_the_next_clauses(text, times):
    from yoshinani_lint.analysis import analyze_text

    (sentence,) = analyze_text(text)
    assert [sorted(c.times) for c in sentence.clauses] == times


@pytest.mark.parametrize("text,times", CLAUSE_TIMES)
def test_a_past_time_in_a_relative_clause_is_not_the_clauses(text, times):
    from yoshinani_lint.analysis import analyze_text

    (sentence,) = analyze_text(text)
    assert [c.times for c in sentence.clauses] == times


NOT_SAYS = [
    ("届いていなかった3件は本日中に転送いたします。", True),   # the problem describes the 3件
    ("昨日から止まっているサーバーは、本日15時までに復旧いたします。", True),
    ("明日の便に間に合わない見込みです。", False),            # the problem is what it says
    ("本日中の発送に間に合わない状態です。", False),
]


@pytest.mark.parametrize("text,fires", NOT_SAYS)
def test_not_says_passes_over_a_concept_in_a_relative_clause(text, fires):
    from yoshinani_lint.document import Document
    from yoshinani_lint.engine import lint_document
    from yoshinani_lint.loader import build_rule, builtin_rules_dir, load_vocabulary

    load_vocabulary([builtin_rules_dir()], prove=False)
    rule = build_rule({
        "id": "t", "description": "d", "severity": "warning", "message": "m", "why": "w",
        "suggest": "s", "pillar": "信頼構築力", "examples": {"bad": ["x"], "good": ["y"]},
        "checks": [{"kind": "pattern", "patterns": [{"clause": {
            "time": "concrete", "has": ["next-step-action"], "not_says": ["problem-report"]}}]}]},
        "t.yml")
    assert bool(lint_document(Document(text), [rule])) is fires


def test_every_modality_found_has_its_cue_in_the_sentence():
    """Clause patterns skip a sentence without the cues of the modality they ask for
    (MODALITY_CUES): on every sentence of the corpora and the clause tests, a modality is only
    ever found where its cues are."""
    from pathlib import Path

    import yaml

    from yoshinani_lint.clauses import MODALITY_CUES
    from yoshinani_lint.document import Document

    # and guesses without a thinking verb or でしょう (_guess_negation)
    texts = [text for text, *_ in SPLITS + FEATURES] + ["金曜には仕上がるのではないか。", "明日には届くんじゃないかな。"]
    for path in sorted((Path(__file__).parent / "corpus").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [t for key in ("fire", "clean") for t in data.get(key) or [] if isinstance(t, str)]
        texts += [r["text"] for r in data.get("replies") or []]
    checked = set()
    for text in texts:
        for sentence in Document(text).writer_sentences:
            tokens = sentence.tokens
            for clause in split_clauses(tokens):
                for modality in clause.modality & MODALITY_CUES.keys():
                    keys, forms = MODALITY_CUES[modality]
                    cued = not keys.isdisjoint(sentence.keys) or any(
                        t.cform.startswith(forms) for t in tokens if forms)
                    assert cued, f"{modality} without a cue in {sentence.text!r}"
                    checked.add(modality)
    assert checked == MODALITY_CUES.keys()

