"""Clauses of a sentence and what each clause's predicate says.

Model. A sentence is cut into clauses at the points where Japanese joins one predicate to the
next: conjunctive particles (て, が, けど, から, し, ながら, ば, ても ...), ので (の + で),
ため + 、, のに + 、, the 仮定形 of an auxiliary (たら, なら), and 連用中止 (a 連用形 predicate
directly followed by 、). What ends a clause is its ``link`` to the next one; the last clause of a
sentence has link "end".

Each clause's features are read off its *predicate chain*: walking back from the clause's end over
auxiliaries, subsidiary verbs (て + おる / いただく / しまう ...), light verbs after a サ変 noun
(確認 + いたす) and modal tails (と思う, かと存じる, かもしれない), down to the head (the main
verb, adjective or the noun before a copula). Anything before the chain, such as a relative
clause (お送りした見積書に: the た there modifies 見積書), lends nothing to the clause's
tense, actor or modality. That is why we never split at a relative clause: its predicate is not
the clause's predicate, and the backward walk never reaches it.

UniDic (unidic-lite) shapes the tokens, and a few of its habits matter here: ので is の (準体助詞)
+ で (助動詞 だ, 連用形); たら / なら are the auxiliaries た / だ in 仮定形; potential forms keep the
base lemma (いただけ -> 頂く, 送れ -> 送る) and only their 下一段 conjugation type tells them
apart; lemmas are often in kanji (ください -> 下さる, いたし -> 致す, ござい -> 御座る,
しれ -> 知れる); として / について / によって are と / に + a verb + て.

Pure functions over a list of ``Token``: no state, no I/O.
"""

from __future__ import annotations

from .tokens import Token

__all__ = ["Clause", "split_clauses", "modifies_noun", "describes_noun", "describe"]


class Clause:
    """One clause of a sentence: a token range and its predicate's features.

    A te / renyou clause (確認して、 / 確認し、) carries no tense of its own in Japanese: its
    tense and politeness are those of the clause it joins (the next one), and so is its actor
    when its own chain names none. Its polarity stays its own (確認できず、 is negative even
    when the next clause is not)."""

    __slots__ = ("start", "end", "first", "last", "head", "chain", "tense", "polarity",
                 "polite", "actor", "modality", "link", "_tokens")

    def __init__(self, tokens: list[Token], first: int, last: int, link: str) -> None:
        self._tokens = tokens
        self.first = first          # token range [first, last) in the sentence's tokens
        self.last = last
        self.start = tokens[first].start
        self.end = tokens[last - 1].end
        self.link = link            # condition | reason | contrast | te | renyou | end
        self.head: int | None = None  # token index of the predicate's head
        self.chain = last           # first token index of the predicate chain
        self.tense = "none"         # past | nonpast | none
        self.polarity = "affirmative"
        self.polite = False
        self.actor = "unknown"      # writer | client | unknown
        self.modality: frozenset[str] = frozenset()

    def predicate_span(self) -> tuple[int, int]:
        """Character span of the predicate chain. A verbless fragment ends in a noun that
        stands as its predicate (体言止め: ・英語版の作成：対応不可): that last word is the span;
        an empty span at the end when there is no word at all."""
        end = _content_end(self._tokens, self.first, self.last)
        if self.chain >= end:
            if end > self.first:
                return (self._tokens[end - 1].start, self._tokens[end - 1].end)
            return (self.end, self.end)
        return (self._tokens[self.chain].start, self._tokens[end - 1].end)

    def text(self) -> str:
        """The clause's words; a gap between tokens (the tagger drops spaces) becomes a space."""
        parts = []
        previous_end = None
        for t in self._tokens[self.first:self.last]:
            if previous_end is not None and t.start > previous_end:
                parts.append(" ")
            parts.append(t.surface)
            previous_end = t.end
        return "".join(parts)

    def __repr__(self) -> str:
        return f"<Clause {describe(self)}>"


# --- where a sentence splits -------------------------------------------------------------------

# Verbs that follow て as auxiliaries (~ておる, ~ていただく ...): the て there joins one predicate,
# it does not end a clause. Lemmas as UniDic writes them.
_SUBSIDIARY = frozenset({
    "居る", "頂く", "下さる", "仕舞う", "置く", "見る", "有る", "参る", "差し上げる", "来る",
    "行く", "貰う", "上げる", "呉れる", "頂ける", "御座る", "申し上げる",
})
# ~ても / ~ては + these ask or grant permission (確認してもよろしいでしょうか): one predicate.
_PERMISSION = frozenset({"宜しい", "良い", "いい", "構う", "大丈夫"})
# Verbs that, after に / を / と, form a compound particle (について, を通じて, として ...).
_COMPOUND_PARTICLE_VERBS = {
    "に": frozenset({"付く", "つく", "関する", "対する", "取る", "因る", "依る", "於く", "際する",
                     "伴う", "基づく", "沿う", "当たる", "向ける", "渡る", "先立つ", "限る",
                     "付ける", "亘る"}),
    "を": frozenset({"通ずる", "通じる", "以る", "持つ", "除く", "巡る", "めぐる"}),
    "と": frozenset({"為る", "共に"}),
}
# Conjunctive particles (pos 助詞-接続助詞) and the link they give the clause they end.
_PARTICLE_LINK = {
    "て": "te", "つつ": "te",
    "が": "contrast", "けど": "contrast", "けれど": "contrast", "けれども": "contrast",
    "のに": "contrast", "ものの": "contrast", "ても": "contrast", "でも": "contrast",
    "ので": "reason", "から": "reason",
    "ば": "condition", "と": "condition",
    "し": "renyou", "たり": "renyou",  # listing: a coordination, like 連用中止
    "ながら": "te",  # doing one thing while another; after a noun (勝手ながら) a contrast
}
# ~ば / ~と + these make one polite request (ご確認いただければ幸いです): no split there.
_REQUEST_CLOSERS = frozenset({"幸い", "助かる", "有り難い", "嬉しい", "存ずる"})
# ~なければ / ~なくては / ~ないと + these: an obligation (なければなりません), one predicate.
_OBLIGATION_CLOSERS = frozenset({"成る", "いける", "行ける", "駄目"})


def _is_punct(token: Token) -> bool:
    return token.pos.startswith(("補助記号", "空白", "記号"))


def _is_comma(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].surface in ("、", "，", ",")


# A chat aside in brackets after the predicate, (笑) / （汗） / （泣）: no predicate of its own.
_ASIDES = frozenset({"笑い", "笑う", "汗", "泣き", "泣く", "涙", "苦笑", "爆笑"})


def _content_end(tokens: list[Token], first: int, last: int) -> int:
    """``last`` moved back over trailing punctuation and a bracketed aside such as (笑)."""
    while last > first:
        if _is_punct(tokens[last - 1]):
            last -= 1
        elif tokens[last - 1].lemma in _ASIDES and last - 2 >= first and last < len(tokens) and \
                tokens[last - 2].pos.startswith("補助記号-括弧開") and tokens[last].pos.startswith("補助記号-括弧閉"):
            last -= 2
        else:
            break
    return last


def _in_compound_particle(tokens: list[Token], verb: int) -> bool:
    """tokens[verb] is the verb of に / を / と + verb (+ て): について, に関し, として ..."""
    if verb < 1:
        return False
    before = tokens[verb - 1]
    if not before.pos.startswith("助詞-格助詞"):
        return False
    return tokens[verb].lemma in _COMPOUND_PARTICLE_VERBS.get(before.surface, ())


def _te_continues(tokens: list[Token], te: int) -> bool:
    """Does the て at ``te`` join an auxiliary or a compound particle rather than end a clause?"""
    verb = te - 1
    if verb > 0 and tokens[verb].lemma == "ます":
        verb -= 1  # につきまして / に関しまして: the polite form of the same particle
    if verb > 0 and _in_compound_particle(tokens, verb):
        return True
    nxt = te + 1
    if nxt >= len(tokens):
        return False
    after = tokens[nxt]
    if after.pos.startswith("動詞") and after.lemma in _SUBSIDIARY:
        return True
    if after.pos.startswith("形容詞") and after.lemma == "欲しい":  # ~てほしい
        return True
    if after.surface in ("も", "は") and nxt + 1 < len(tokens):
        closer = tokens[nxt + 1]
        if closer.lemma in _PERMISSION or closer.lemma in _OBLIGATION_CLOSERS:
            return True
    return False


# Without a 、 after it, only these can end a clause (the branches of _cut_after below), and
# 為 (ため / ために、).
_CUT_POS = ("助詞-接続助詞", "助詞-準体助詞", "助動詞")


def _cut_after(tokens: list[Token], i: int) -> tuple[int, str] | None:
    """If a clause ends at tokens[i], return (index just past the clause, link)."""
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return None
    comma_after = _is_comma(tokens, i + 1)
    if not comma_after and t.lemma != "為" and not t.pos.startswith(_CUT_POS):
        return None  # most tokens (nouns, case particles) end no clause: decided in one test

    if t.pos.startswith("助詞-接続助詞"):
        word = "て" if t.lemma == "て" else t.surface  # で after 撥音便 (読んで) has lemma て
        if word == "て":
            if _te_continues(tokens, i):
                return None
            # ても / ては / てから: the particle after て still belongs to this clause
            if nxt.surface in ("も", "は", "から"):
                link = "contrast" if nxt.surface == "も" else "te"
                return _with_comma(tokens, i + 2), link
            return _with_comma(tokens, i + 1), "te"
        if word in ("ば", "と"):
            if nxt.lemma in _REQUEST_CLOSERS or nxt.lemma in _OBLIGATION_CLOSERS:
                return None
            if word == "ば" and nxt.surface == "と" and i + 2 < len(tokens) and \
                    tokens[i + 2].lemma in _THOUGHT_VERBS:
                return None  # 納品できればと思います: a wish, one predicate
            if word == "と" and t.pos != "助詞-接続助詞":
                return None
        if word == "けれど" and nxt.surface == "も":
            return _with_comma(tokens, i + 2), "contrast"
        if word == "ながら":
            after_noun = i > 0 and tokens[i - 1].pos.startswith(("名詞", "形状詞"))
            if nxt.surface == "も" or after_noun:
                return _with_comma(tokens, i + (2 if nxt.surface == "も" else 1)), "contrast"
        link = _PARTICLE_LINK.get(word)
        if link is None:
            return None
        return _with_comma(tokens, i + 1), link

    # ので / のに: UniDic gives の (準体助詞) + で (だ, 連用形) / に (格助詞)
    if t.pos.startswith("助詞-準体助詞") and t.surface in ("の", "ん"):
        if nxt.lemma == "だ" and nxt.surface == "で":
            if i + 2 < len(tokens) and tokens[i + 2].lemma in ("有る", "御座る"):
                return None  # のであれば / のでございます: で is the copula's, no reason
            if i + 3 < len(tokens) and tokens[i + 2].surface == "は" and \
                    _guess_negation(tokens, i + 3, i) is not None:
                return None  # 仕上がるのではないか: a guess, no reason
            return _with_comma(tokens, i + 2), "reason"
        if nxt.surface == "に" and _is_comma(tokens, i + 2):
            return i + 3, "contrast"
        return None

    # ため、 / ために、 : a reason (or purpose) clause
    if t.lemma == "為" and t.pos.startswith("名詞"):
        if comma_after:
            return i + 2, "reason"
        if nxt.surface == "に" and _is_comma(tokens, i + 2):
            return i + 3, "reason"
        return None

    # 仮定形 of an auxiliary: 確認できましたら / 雨なら
    if t.pos.startswith("助動詞") and t.cform.startswith("仮定形"):
        if nxt.surface == "ば":
            return None  # なければ etc.: the ば particle decides
        if nxt.surface == "と" and i + 2 < len(tokens) and tokens[i + 2].lemma in _THOUGHT_VERBS:
            return None  # 送れたらと思います: a wish, like 送れればと思います
        return _with_comma(tokens, i + 1), "condition"

    # 忘れてました(笑) 今から送ります / 間違えてました🙏 本日中に直します: a chat line runs its
    # sentences on with a space, an emoji or (笑) where a 。 would stand
    if not comma_after and t.lemma in ("ます", "です", "た") and t.pos.startswith("助動詞") and (
            t.cform.startswith("終止形") or tokens[i - 1].lemma == "ます"):
        end = _run_on_end(tokens, i)
        if end is not None:
            return end, "end"

    # 申し訳ございません、 / どうしましょうか、: a finished predicate spliced on with a comma
    if comma_after and (t.cform.startswith("終止形") and t.pos.startswith(("動詞", "形容詞", "助動詞"))
                        or t.pos.startswith(_FINAL_PARTICLE)):
        return i + 2, "end"

    # 連用中止: a 連用形 predicate directly followed by 、
    if comma_after and t.cform.startswith("連用形") and t.pos.startswith(("動詞", "形容詞", "助動詞")):
        if t.pos.startswith("動詞") and _in_compound_particle(tokens, i):
            return None  # に関し、 / に伴い、 are particles
        return i + 2, "renyou"
    return None


def _run_on_end(tokens: list[Token], i: int) -> int | None:
    """Does the sentence end at tokens[i] without a 。: a space, or an emoji or a bracketed
    word (笑) after it that no particle continues? The index just past tokens[i] (the marks
    open the next clause, where they stand before its words), or None."""
    j = i + 1
    if tokens[j].pos.startswith("補助記号-括弧開"):
        close = next((k for k in range(j + 1, min(j + 4, len(tokens)))
                      if tokens[k].pos.startswith("補助記号-括弧閉")), None)
        if close is None:
            return None
        j = close + 1
    while j < len(tokens) and tokens[j].pos.startswith(("補助記号-一般", "記号")) and \
            tokens[j].start == tokens[j - 1].end:
        j += 1
    if j >= len(tokens) or not _has_content(tokens, j, len(tokens)):
        return None
    if j == i + 1 and tokens[j].start == tokens[i].end:
        return None  # no space, no symbol: one sentence
    if tokens[j].pos.startswith(("助詞", "助動詞")) and tokens[j].start == tokens[j - 1].end:
        return None  # 送りました（添付）ので: the sentence goes on
    return i + 1


def _with_comma(tokens: list[Token], end: int) -> int:
    """A clause keeps the 、 that follows it."""
    return end + 1 if _is_comma(tokens, end) else end


def _spans(tokens: list[Token]) -> list[tuple[int, int, str]]:
    spans = []
    first = 0
    i = 0
    while i < len(tokens):
        cut = _cut_after(tokens, i)
        if cut is not None and cut[0] < len(tokens):
            end, link = cut
            if _has_content(tokens, first, end):
                spans.append((first, end, link))
                first = end
            i = end
            continue
        i += 1
    if first < len(tokens):
        if spans and not _has_content(tokens, first, len(tokens)):
            # trailing punctuation only: give it to the last clause
            a, _, _ = spans[-1]
            spans[-1] = (a, len(tokens), "end")
        else:
            spans.append((first, len(tokens), "end"))
    elif spans:
        a, b, _ = spans[-1]
        spans[-1] = (a, b, "end")
    return spans


def _has_content(tokens: list[Token], first: int, last: int) -> bool:
    return any(not _is_punct(t) for t in tokens[first:last])


# --- the predicate chain -----------------------------------------------------------------------

_THOUGHT_VERBS = frozenset({"思う", "存ずる", "考える"})
# たぶん / おそらく: what follows is a guess however firm its ending (たぶん夕方には間に合います)
_GUESS_ADVERBS = frozenset({"多分", "恐らく"})
_LIGHT_VERBS = frozenset({"為る", "致す", "出来る", "頂く", "下さる", "為さる", "願う",
                          "申し上げる", "差し上げる", "頂ける"})
_COPULAS = frozenset({"だ", "です"})
_FINAL_PARTICLE = "助詞-終助詞"


def _chain_start(tokens: list[Token], first: int, end: int) -> tuple[int | None, int]:
    """(head, chain start) for the clause tokens[first:end] (end: content end, links stripped).

    Walks back over what can follow a predicate's head; the first token that cannot is the head
    (or, if it is a particle or a bare noun, the clause has no predicate)."""
    i = end - 1
    chain = end
    while i >= first:
        t = tokens[i]
        pos = t.pos
        prev = tokens[i - 1] if i - 1 >= first else None
        if pos.startswith(("助動詞", "形状詞-助動詞語幹", "接尾辞-動詞的")) or pos.startswith(_FINAL_PARTICLE):
            chain = i
            i -= 1
            if t.lemma == "様" and i >= first and tokens[i].surface == "の":
                chain = i  # ライセンスのようです: の + よう is one hedge after a noun
                i -= 1
            continue
        if t.lemma == "筈" and chain < end and prev is not None and prev.pos.startswith(("動詞", "助動詞")):
            chain = i  # 揃うはずです: an expectation about the verb, which stays the head
            i -= 1
            continue
        if pos.startswith("助詞-準体助詞") and chain < end:  # のです / んです
            chain = i
            i -= 1
            continue
        if pos.startswith("助詞-接続助詞") and chain < end:  # て inside おります, ば inside なければ
            chain = i
            i -= 1
            continue
        if t.surface == "も" and prev is not None and prev.surface == "か" and \
                prev.pos.startswith("助詞-副助詞") and i - 1 > first:
            chain = i - 1  # 厳しいかもです / 間に合わないかも: the chat form of かもしれない
            i -= 2
            continue
        if t.surface in ("も", "は") and chain < end and prev is not None and prev.lemma in ("て", "ない"):
            chain = i  # なくては / てもよろしい
            i -= 1
            continue
        if t.lemma in _REQUEST_CLOSERS and prev is not None and prev.surface in ("と", "ば") \
                and prev.pos.startswith("助詞-接続助詞"):
            chain = i - 1  # いただけますと幸いです / いただければ助かります: one request
            i -= 2
            continue
        if t.lemma in _PERMISSION and prev is not None and prev.surface == "も" and \
                i - 2 >= first and tokens[i - 2].lemma == "て":
            chain = i - 2  # ご連絡してもよろしいでしょうか: asking leave to act
            i -= 3
            continue
        if pos.startswith("動詞") and _joins_previous(tokens, i, first):
            chain = i
            i -= 1
            if t.lemma == "知れる" and i - 1 >= first and tokens[i - 1].surface == "か":
                chain = i - 1  # かもしれない
                i -= 2
                continue
            if t.lemma == "成る" and tokens[i].surface == "に":
                chain = i  # お越しになる: the に belongs to the honorific
                i -= 1
            continue
        if pos.startswith("動詞") and t.lemma in _THOUGHT_VERBS and prev is not None and (
                prev.surface == "と" or prev.lemma == "たい"):
            chain = i  # と思います / たく存じます: a modal tail over the inner predicate
            i -= 1
            if prev.surface == "と":
                chain = i
                i -= 1
                if i >= first and tokens[i].surface == "か":
                    chain = i
                    i -= 1
            continue
        if t.surface == "か" and i + 1 < end and tokens[i + 1].surface == "も":  # かもしれない
            chain = i
            i -= 1
            continue
        no = _guess_negation(tokens, i, first)
        if no is not None:
            chain = no  # 仕上がるんじゃないか: the guessed predicate is before the の
            i = no - 1
            continue
        if pos.startswith(("動詞", "形容詞", "形状詞", "感動詞")):
            return _with_prefix(tokens, first, i)
        if pos.startswith(("名詞", "接尾辞", "代名詞")) and chain < end:
            head = i
            while head - 1 >= first and tokens[head].pos.startswith("接尾辞") and \
                    tokens[head - 1].pos.startswith(("名詞", "接尾辞")):
                head -= 1  # 確認中です: the noun before the suffix is the head
            return _with_prefix(tokens, first, head)
        break
    return None, chain


def _with_prefix(tokens: list[Token], first: int, head: int) -> tuple[int, int]:
    if head - 1 >= first and tokens[head - 1].pos.startswith("接頭辞"):
        return head, head - 1
    return head, head


def _joins_previous(tokens: list[Token], i: int, first: int) -> bool:
    """Is the verb at i part of the chain of a predicate before it (not a head of its own)?"""
    t = tokens[i]
    if i - 1 < first:
        return False
    prev = tokens[i - 1]
    if t.lemma == "知れる" and prev.surface == "も":  # かもしれない
        return True
    if prev.pos.startswith("助詞-接続助詞") and prev.lemma in ("て", "ば"):
        return True  # ~ております / ~なければなりません
    if t.lemma == "成る" and prev.surface == "に" and i - 2 >= first and (
            tokens[i - 2].lemma == "御覧" or i - 3 >= first and tokens[i - 3].pos.startswith("接頭辞")
            and tokens[i - 2].pos.startswith(("動詞", "名詞"))):
        return True  # お越しになる / ご覧になる (御覧 is one token)
    if t.pos.startswith("動詞-非自立可能") and t.lemma in _LIGHT_VERBS | _SUBSIDIARY:
        if prev.pos.startswith("名詞-普通名詞-サ変") or prev.lemma == "御覧" or (
                prev.pos.startswith("名詞") and i - 2 >= first
                                                      and tokens[i - 2].pos.startswith("接頭辞")):
            return True  # 確認します / ご連絡いたします / ご覧ください
        if prev.pos.startswith("助動詞") and prev.cform.startswith("連用形"):
            return True  # お知らせください (UniDic: 知ら + せ + ください)
    if t.pos.startswith("動詞-非自立可能") and prev.pos.startswith("動詞") and prev.cform.startswith("連用形"):
        return True  # お送りします / お送りいただく / 送り直す: the first verb is the head
    if t.lemma == "成る" and prev.pos.startswith("形容詞") and prev.cform.startswith("連用形"):
        return True  # 遅くなり: the adjective is the head
    if t.lemma in ("御座る", "有る") and prev.lemma == "だ" or t.lemma == "御座る" and prev.pos.startswith("感動詞"):
        return True  # でございます: a copula; ありがとうございます: one word
    return False


# --- features ----------------------------------------------------------------------------------

# Godan verbs whose lemma ends in る cannot be told from 下一段 ones by the lemma alone; these are
# the true 下一段 verbs of that shape, so their 下一段 forms are not potentials.
_ICHIDAN_KANJI_RU = frozenset({"出る", "寝る", "得る", "経る"})
_E_ROW = set("えけげせぜてでねへべぺめれ")


def _is_potential(t: Token) -> bool:
    """送れ / いただけ: UniDic folds a godan verb's potential into its lemma; only the 下一段
    conjugation type of the token betrays it."""
    if t.lemma == "出来る":
        return True
    if not t.pos.startswith("動詞") or not t.ctype.startswith("下一段"):
        return False
    lemma = t.lemma
    if not lemma.endswith("る"):
        return True  # 頂く, 書く, 話す: the lemma is godan, the form is 下一段
    if lemma in _ICHIDAN_KANJI_RU or len(lemma) < 2:
        return False
    # 下一段 lemmas end in e-row kana + る (遅れる, 進める); anything else before る is godan
    before = lemma[-2]
    return _kanji(before) or ("ぁ" <= before <= "ん" and before not in _E_ROW)


def _kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _final_segment(tokens: list[Token], chain: int, end: int) -> int:
    """Start of the chain's last predicate: after a と思う / かと存じる tail, tense and
    politeness belong to the thinking verb, so start at it."""
    start = chain
    for i in range(chain, end):
        if tokens[i].lemma in _THOUGHT_VERBS and i > chain:
            start = i
    return start


def _tense(tokens: list[Token], chain: int, end: int) -> str:
    for t in tokens[_final_segment(tokens, chain, end):end]:
        # たら is た in 仮定形: a hypothetical, not a past event
        if t.pos.startswith("助動詞") and t.lemma == "た" and not t.cform.startswith("仮定形"):
            return "past"
    return "nonpast"


def _polarity(tokens: list[Token], chain: int, end: int) -> str:
    negations = 0
    for i in range(chain, end):
        t = tokens[i]
        if not _is_negation(t) or _guess_negation(tokens, i, chain) is not None:
            continue
        nxt = tokens[i + 1] if i + 1 < end else None
        prev = tokens[i - 1] if i > chain else None
        if nxt is not None and nxt.surface in ("ば", "と", "て", "は") and i + 2 < end:
            if tokens[i + 2].lemma in _OBLIGATION_CLOSERS or (
                    i + 3 < end and tokens[i + 3].lemma in _OBLIGATION_CLOSERS):
                continue  # なければならない: an obligation, not a denial
        if prev is not None and prev.lemma in _OBLIGATION_CLOSERS:
            continue  # the ない of ならない / いけません
        if prev is not None and prev.lemma == "ます" and i >= 2 and tokens[i - 2].lemma in _OBLIGATION_CLOSERS:
            continue  # なりません
        if prev is not None and prev.lemma == "ます" and i >= 2 and tokens[i - 2].lemma == "知れる":
            continue  # かもしれません
        if prev is not None and prev.lemma == "知れる":
            continue  # かもしれない
        negations += 1
    return "negative" if negations else "affirmative"


def _is_negation(t: Token) -> bool:
    if t.pos.startswith("助動詞") and t.lemma in ("ない", "ず", "ぬ", "まい"):
        return True
    if t.lemma == "兼ねる" and t.pos.startswith("接尾辞"):
        return True  # いたしかねます: a polite "cannot", a refusal in all but form
    return t.pos.startswith("形容詞") and t.lemma == "無い"


def _guess_negation(tokens: list[Token], i: int, first: int) -> int | None:
    """If tokens[i] is the ない of 〜のではないか / 〜んじゃないか (a guess, not a denial: 仕上がる
    んじゃないかと思います), the index of its の / ん; else None."""
    t = tokens[i]
    if t.lemma not in ("無い", "ない") or i + 1 >= len(tokens):
        return None
    k = i + 1
    if tokens[k].lemma in _COPULAS and tokens[k].cform.startswith("意志推量形"):
        k += 1  # のではないでしょうか / んじゃないだろうか
    if k >= len(tokens) or tokens[k].surface != "か":
        return None
    j = i - 1
    if j >= first and tokens[j].surface == "は":
        j -= 1
    if j - 1 >= first and tokens[j].lemma == "だ" and tokens[j].surface in ("で", "じゃ") and \
            tokens[j - 1].surface in ("の", "ん") and tokens[j - 1].pos.startswith("助詞-準体助詞"):
        return j - 1
    return None


def _polite(tokens: list[Token], chain: int, end: int) -> bool:
    for t in tokens[chain:end]:
        if t.pos.startswith("助動詞") and t.lemma in ("ます", "です"):
            return True
        if t.lemma == "御座る" or (t.lemma == "下さる" and t.cform.startswith("命令形")):
            return True
    return False


_WRITER_VERBS = frozenset({"致す", "申し上げる", "申す", "伺う", "参る", "差し上げる", "承る",
                           "拝見", "拝読", "拝受", "拝借", "拝察", "存ずる"})
_CLIENT_VERBS = frozenset({"下さる", "為さる", "いらっしゃる", "仰る", "召し上がる", "御覧"})


def _actor(tokens: list[Token], head: int | None, chain: int, end: int, modality: frozenset) -> str:
    if head is None:
        return "unknown"
    # the thinking verb of と思う / かと存じます says who thinks, not who acts: look inside first
    inner_end = end
    for i in range(head + 1, end):
        if tokens[i].lemma in _THOUGHT_VERBS and tokens[i - 1].surface in ("と", "たく"):
            inner_end = i - 1 if tokens[i - 1].surface == "と" else i
            break
    seq = tokens[chain:inner_end]
    lemmas = [t.lemma for t in seq]
    # させていただく / させてください: the writer asks leave to act
    for k, t in enumerate(seq):
        if t.lemma in ("頂く", "下さる") and k >= 2 and seq[k - 1].lemma == "て" and \
                seq[k - 2].lemma in ("せる", "させる"):
            return "writer"
    for k, t in enumerate(seq):
        if t.lemma in ("頂く", "頂ける") and chain + k != head:
            return "client"  # ご確認いただく / ~ていただく: the client acts for the writer
    if any(lemma in _CLIENT_VERBS for lemma in lemmas):
        return "client"
    if _honorific_naru(tokens, chain, inner_end) or _respectful_sareru(tokens, chain, inner_end):
        return "client"
    if "request" in modality:
        return "client"  # お願いいたします / ~ください: the requested action is the client's
    if any(lemma in _WRITER_VERBS for lemma in lemmas):
        return "writer"
    if seq and seq[0].pos.startswith("接頭辞") and any(lemma in ("為る", "致す", "出来る") for lemma in lemmas):
        return "writer"  # お送りします / ご連絡します / お送りできます
    if "intention" in modality and "question" not in modality:
        return "writer"  # 修正したい: a wish stated in a reply is the writer's own
    if {"volition", "thought"} <= modality and "question" not in modality:
        return "writer"  # 寄せてみようかと思います: who means to do it is who thinks it
    if end - 1 >= chain and any(tokens[i].lemma in _WRITER_VERBS for i in range(inner_end, end)):
        return "writer"  # 存じます with nothing inside: the writer's own view
    return "unknown"


# お世話になる has the honorific shape but the writer is the one cared for.
_NOT_HONORIFIC_NARU = frozenset({"世話"})


def _honorific_naru(tokens: list[Token], chain: int, end: int) -> bool:
    """お + 連用形 / noun + に + なる (お越しになる, ご覧になる)."""
    if end - chain < 4 or not tokens[chain].pos.startswith("接頭辞"):
        return False
    if tokens[chain + 1].lemma in _NOT_HONORIFIC_NARU:
        return False
    return any(tokens[i].surface == "に" and tokens[i + 1].lemma == "成る"
               for i in range(chain + 2, end - 1))


# What the writer hands over: ご返金されます / ご発送されます say "will be refunded / shipped"
# (a passive in honorific dress), not an act of the client's.
_HANDED_OVER = frozenset({"返金", "返送", "発送", "送付", "送金", "入金", "返却", "提供", "案内", "請求"})


def _respectful_sareru(tokens: list[Token], chain: int, end: int) -> bool:
    """ご + サ変 noun + される (ご確認される): with the prefix, られる is respect, not passive."""
    if end - chain < 4 or not tokens[chain].pos.startswith("接頭辞"):
        return False
    if tokens[chain + 1].lemma in _HANDED_OVER:
        return False
    return tokens[chain + 2].lemma == "為る" and tokens[chain + 3].lemma == "れる"


# What the sentence must hold for _modality (and _question) to find each modality: a lemma or
# surface of the set, or a token whose cform starts with one of the given forms. Clause
# patterns asking for a modality skip sentences without its cues before they are split
# (matching.py); tests/test_clauses.py proves on the corpora that no modality is found without
# them. A change to _modality that reads a new word must name it here.
MODALITY_CUES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "question": (frozenset({"？", "?", "か", "かな", "かしら"}), ()),
    "intention": (frozenset({"たい", "積り"}) | _THOUGHT_VERBS, ()),  # 積り, ば + と思う
    "thought": (_THOUGHT_VERBS, ()),
    # かと思う / と思われる, かもしれない, ~ようです, 可能性がある, でしょう / だろう, のではないか, はずです
    "hedge": (_THOUGHT_VERBS | {"知れる", "様", "可能", "か", "筈"} | _GUESS_ADVERBS, ("意志推量形",)),
    "request": (frozenset({"頂く", "下さる", "願う", "欲しい"}), ()),
    "obligation": (frozenset({"べし", "必要"}) | _OBLIGATION_CLOSERS, ()),
    "volition": (frozenset(), ("意志推量形",)),  # しましょう / しよう
}


def _modality(tokens: list[Token], first: int, head: int | None, chain: int, end: int,
              last: int) -> frozenset[str]:
    if head is None:
        return frozenset(_question(tokens, chain, end, last))
    seq = tokens[chain:end]
    lemmas = [t.lemma for t in seq]
    found: set[str] = set(_question(tokens, chain, end, last))
    receives = any(lemma in ("頂く", "下さる") for lemma in lemmas[head - chain + 1:])
    if any(t.lemma in _GUESS_ADVERBS and t.pos.startswith("副詞") for t in tokens[first:end]):
        found.add("hedge")
    if "たい" in lemmas:
        found.add("request" if receives else "intention")
    if "積り" in lemmas or any(t.lemma == "積り" for t in tokens[head:end]):
        found.add("intention")
    for k, t in enumerate(seq):
        if t.lemma in _THOUGHT_VERBS and k > 0 and seq[k - 1].surface in ("と", "たく"):
            found.add("thought")
            if k >= 2 and seq[k - 2].surface == "か" and not (k >= 3 and seq[k - 3].cform.startswith("意志推量形")):
                found.add("hedge")  # かと存じます / かと思います (しようかと思います: a tentative intention)
            if k + 1 < len(seq) and seq[k + 1].lemma in ("れる", "られる"):
                found.add("hedge")  # と思われる
        if t.lemma == "知れる" and k >= 2 and seq[k - 1].surface == "も" and seq[k - 2].surface == "か":
            found.add("hedge")  # かもしれない
        if t.surface == "か" and t.pos.startswith("助詞-副助詞") and k + 1 < len(seq) and seq[k + 1].surface == "も":
            found.add("hedge")  # かもです / かも。
        if t.lemma in _COPULAS and t.cform.startswith("意志推量形") and "question" not in found:
            found.add("hedge")  # でしょう / だろう as a guess (でしょうか is a polite question)
        if t.lemma == "様" and k + 1 < len(seq) and seq[k + 1].lemma in _COPULAS:
            found.add("hedge")  # ~ようです
        if t.lemma == "筈" and k > 0:
            found.add("hedge")  # 揃うはずです: expected, not promised
        if t.cform.startswith("意志推量形") and t.lemma not in _COPULAS:
            found.add("volition")  # しましょう / しよう
        if t.lemma == "べし":
            found.add("obligation")
        if _guess_negation(tokens, chain + k, chain) is not None:
            found.add("hedge")  # 〜のではないか / 〜んじゃないかな: a guess
        if _is_negation(t) and k + 2 < len(seq) and seq[k + 1].surface in ("ば", "は", "と") and \
                any(s.lemma in _OBLIGATION_CLOSERS for s in seq[k + 2:k + 4]):
            found.add("obligation")  # なければならない / なくてはいけない / ないといけない
        if t.lemma == "下さる" and k > 0:
            found.add("request")  # ~てください / ご確認ください / くださいますよう
        if t.lemma == "下さる" and k == 0 and t.cform.startswith("命令形"):
            found.add("request")  # 資料をください
        if t.lemma == "願う" and k > 0 and seq[k - 1].pos.startswith("接頭辞"):
            found.add("request")  # お願いします / お願いいたします
        if t.lemma == "欲しい" and k > 0 and seq[k - 1].lemma == "て":
            found.add("request")
        if _is_potential(t):
            found.add("potential")
        if t.lemma == "兼ねる" and t.pos.startswith("接尾辞"):
            found.add("ability_neg")
        if (t.surface == "ば" or t.lemma == "た" and t.cform.startswith("仮定形")) and k + 2 < len(seq) and \
                seq[k + 1].surface == "と" and seq[k + 2].lemma in _THOUGHT_VERBS:
            found.add("intention")  # 納品できればと思います / 送れたらと思います: what the writer hopes to do
    if receives and ("question" in found or _ends_with_request_closer(tokens, chain, end)):
        found.add("request")  # いただけますか / いただけますと幸いです
    if _is_negation_in(tokens, head, end) and "potential" in found and \
            _polarity(tokens, chain, end) == "negative":
        found.add("ability_neg")
    # 可能性があります / 必要があります sit around the head (有る), not in the chain
    window = [t.lemma for t in tokens[max(first, head - 3):head + 1]]
    if head < end and tokens[head].lemma == "有る":
        if "可能" in window and "性" in window:
            found.add("hedge")
        if "必要" in window:
            found.add("obligation")
    if head < end and tokens[head].lemma in ("居る", "有る", "御座る") and "積り" in window:
        found.add("intention")  # 間に合わせるつもりでおります / つもりではいます
    return frozenset(found)


def _is_negation_in(tokens: list[Token], head: int, end: int) -> bool:
    return any(_is_negation(t) for t in tokens[head:end])


def _ends_with_request_closer(tokens: list[Token], chain: int, end: int) -> bool:
    return any(t.lemma in _REQUEST_CLOSERS and t.lemma != "存ずる" and tokens[k - 1].surface in ("と", "ば")
               for k, t in enumerate(tokens[chain:end], chain) if k > chain)


def _question(tokens: list[Token], chain: int, end: int, last: int) -> list[str]:
    tail = tokens[chain:last]
    # ！？ / ？！ is disbelief, not a question (聞いていません！？); with か it still asks
    marks = "".join(t.surface for t in tokens[end:last])
    if any(q in marks for q in ("？", "?")) and not any(b in marks for b in ("！", "!")):
        return ["question"]
    finals = [t for t in tail if t.pos.startswith(_FINAL_PARTICLE)]
    if finals and tokens[end - 1].pos.startswith(_FINAL_PARTICLE) and \
            any(t.surface in ("か", "かな", "かしら") for t in finals[-2:]):
        return ["question"]
    return []


# --- putting it together -----------------------------------------------------------------------

def _link_end(tokens: list[Token], first: int, last: int, link: str) -> int:
    """Content end of a clause, without the words that only link it to the next clause."""
    end = _content_end(tokens, first, last)
    # (a sentence can end on a connective too: 資料を送って。 / 確認中なので。)
    # strip the connective: a particle (て, が, ので's で ...), ため(に), or nothing (連用中止)
    while end > first + 1:
        t = tokens[end - 1]
        after_te = t.surface in ("も", "は", "から") and tokens[end - 2].lemma == "て"  # ても, てから
        if t.pos.startswith("助詞-接続助詞") or after_te or (
                t.surface == "も" and tokens[end - 2].lemma == "けれど"):
            end -= 1
            continue
        if t.lemma == "為" and t.pos.startswith("名詞"):
            end -= 1
            break
        if t.surface == "に" and tokens[end - 2].lemma == "為":
            end -= 2
            break
        if t.surface == "に" and tokens[end - 2].pos.startswith("助詞-準体助詞"):  # のに
            end -= 2
            break
        if t.surface == "で" and t.lemma == "だ" and tokens[end - 2].pos.startswith("助詞-準体助詞"):
            end -= 2  # ので
            break
        break
    return end


def split_clauses(tokens: list[Token]) -> list[Clause]:
    """The clauses of one sentence, in order, with their predicate features."""
    clauses = []
    for first, last, link in _spans(tokens):
        clause = Clause(tokens, first, last, link)
        end = _link_end(tokens, first, last, link)
        head, chain = _chain_start(tokens, first, end)
        clause.head = head
        clause.chain = chain if head is not None else end
        if head is not None:
            clause.tense = _tense(tokens, chain, end)
            clause.polarity = _polarity(tokens, chain, end)
            clause.polite = _polite(tokens, chain, end)
            clause.modality = _modality(tokens, first, head, chain, end, last)
            clause.actor = _actor(tokens, head, chain, end, clause.modality)
        else:
            clause.modality = frozenset(_question(tokens, end, end, last))
        clauses.append(clause)
    _inherit(clauses)
    return clauses


def _inherit(clauses: list[Clause]) -> None:
    """A te / renyou clause takes tense and politeness (and a missing actor) from the clause
    it joins; walk from the end so a run of them (調べて、確認して、ご連絡します) all inherit."""
    for k in range(len(clauses) - 2, -1, -1):
        clause, joined = clauses[k], clauses[k + 1]
        if clause.link not in ("te", "renyou") or clause.head is None or joined.head is None:
            continue
        clause.tense = joined.tense
        clause.polite = clause.polite or joined.polite
        if clause.actor == "unknown":
            clause.actor = joined.actor


def modifies_noun(tokens: list[Token], last: int) -> bool:
    """Does the phrase ending at tokens[last] modify a following noun rather than a predicate?

    True for ...の + a noun that is not itself a time word (明日の打ち合わせ資料, 15時頃の復旧),
    and for a 連体形 verb / auxiliary + noun (お送りした見積書). False for 明日の午前中に (the
    time phrase goes on), 明日に, 明日お送りします."""
    if last + 1 >= len(tokens):
        return False
    t = tokens[last]
    if t.surface == "の" and t.pos.startswith("助詞-格助詞"):
        return _content_noun(tokens, last + 1)
    nxt = tokens[last + 1]
    if nxt.surface == "の" and nxt.pos.startswith("助詞-格助詞"):
        return _content_noun(tokens, last + 2)
    # two times joined: 昨年と今年の見本 (the pair modifies the noun, as 昨年の見本 does)
    if nxt.surface == "と" and last + 3 < len(tokens) and tokens[last + 2].lemma in _TIME_NOUNS \
            and tokens[last + 3].surface == "の":
        return _content_noun(tokens, last + 4)
    if t.cform.startswith("連体形") and t.pos.startswith(("動詞", "助動詞", "形容詞")):
        return nxt.pos.startswith(("名詞", "接頭辞")) and not nxt.pos.startswith("助詞")
    return False


def describes_noun(tokens: list[Token], i: int) -> bool:
    """Is the predicate that tokens[i] belongs to (with its auxiliaries and helper verbs:
    届いていなかった) a relative clause, modifying the noun after it (届いていなかった3件,
    先日いただいた資料)? What is said there describes the noun, not what the clause says.
    A noun that only turns the predicate into a statement (間に合わない見込みです,
    ログインできない状態です) makes no relative clause."""
    i = predicate_end(tokens, i)
    return (tokens[i].pos.startswith(("動詞", "助動詞", "形容詞")) and modifies_noun(tokens, i)
            and tokens[i + 1].lemma not in _PREDICATE_NOUNS)


def predicate_end(tokens: list[Token], i: int) -> int:
    """The last token of the predicate that tokens[i] heads, with its auxiliaries and helper
    verbs (届いていなかった); a te-form leads into the verb of the same predicate (誤ってお送りした)."""
    while True:
        while i + 1 < len(tokens) and _continues_predicate(tokens[i + 1]):
            i += 1
        j = i + 1
        if tokens[i].lemma == "て" and tokens[i].pos.startswith("助詞-接続助詞"):
            while j < len(tokens) and tokens[j].pos.startswith("接頭辞"):
                j += 1
            if j < len(tokens) and tokens[j].pos.startswith("動詞"):
                i = j
                continue
        return i


def _continues_predicate(t: Token) -> bool:
    return (t.pos.startswith(("助動詞", "動詞-非自立可能", "形容詞-非自立可能"))
            or (t.pos.startswith("助詞-接続助詞") and t.surface in ("て", "で")))


# Nouns after which a 連体形 predicate is still what the sentence says (…ない見込みです).
_PREDICATE_NOUNS = frozenset({
    "見込み", "予定", "状態", "状況", "可能", "可能性", "恐れ", "虞", "模様", "事", "物", "事態",
    "方向", "見通し", "様子", "傾向", "形", "感じ", "気配", "ところ", "所", "次第", "予想", "為",
})


# Nouns that continue a time phrase (明日の午前中, 来週の月曜) rather than name what it modifies.
_TIME_NOUNS = frozenset({
    "午前", "午後", "朝", "昼", "夕方", "夜", "晩", "夕刻", "正午", "中", "頃", "時", "時間", "分",
    "日", "月", "週", "年", "月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜", "月曜日",
    "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日", "朝一", "夕", "終業", "始業",
    "以降", "以内", "迄", "内", "うち", "初旬", "上旬", "中旬", "下旬", "末", "明日", "明後日",
    "本日", "今日", "明朝", "今週", "来週", "今月", "来月", "週明け", "定時", "今年", "昨年", "去年", "来年",
    "時点", "段階", "タイミング",  # 15時の時点でご連絡します: still the time of the verb
})
# The last noun of a compound that makes it a time: 設営時, 納品の際 (際 alone is above), 終了後, 開始前.
_COMPOUND_TIME_ENDS = _TIME_NOUNS | {"際", "後", "前", "直後", "直前"}


def _content_noun(tokens: list[Token], i: int) -> bool:
    while i < len(tokens) and tokens[i].pos.startswith("接頭辞"):
        i += 1
    if i >= len(tokens):
        return False
    t = tokens[i]
    if not t.pos.startswith("名詞") or t.pos.startswith("名詞-数詞"):
        return False
    # a compound is named by its last noun: 明日9時の設営時に / 本日の作業終了後に are times of the
    # verb, 明日の打ち合わせ資料 is a thing
    while i + 1 < len(tokens) and tokens[i + 1].pos.startswith(("名詞-普通名詞", "接尾辞-名詞的")):
        i += 1
    return t.lemma not in _TIME_NOUNS and tokens[i].lemma not in _COMPOUND_TIME_ENDS


def describe(clause: Clause) -> str:
    """One line for ``yoshinani tokens``: link, text, and the features."""
    modality = ",".join(sorted(clause.modality)) or "-"
    head = clause._tokens[clause.head].surface if clause.head is not None else "-"
    return (f"[{clause.link}] {clause.text()} | head={head} tense={clause.tense} "
            f"polarity={clause.polarity} polite={'yes' if clause.polite else 'no'} "
            f"actor={clause.actor} modality={modality}")
