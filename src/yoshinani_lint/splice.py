"""Where a rewrite's new words meet the old ones: joins a Japanese reader accepts.

A rule marks characters (a regex may stop inside a word: なるべく早 of なるべく早く), but a
replacement stands for a phrase. So before a replacement goes in:
- its span is widened to whole tokens (なるべく早く, not なるべく早 + an orphaned く);
- a noun right after it that the replacement already says is not said twice (API連携 →
  システム間の連携の仕組み（API）, not …（API）連携);
- a particle it ends with absorbs the same particle after it (〇月〇日〇時までに + に), and a
  deadline the suffix of the span it replaces (近日 + 中に → 〇月〇日〇時までに) and the te of
  the verb it replaces (折を見 + て → 〇月〇日〇時までに);
  に before の becomes の's own job (〇月〇日〇時までにの → 〇月〇日〇時までの);
- a slot (〇〇) it ends with never meets a conjugation ending: before ます / た the slot
  gets the verb いたし (〇〇いたします), other endings are taken into the span;
- a cause it ends with (〇〇が原因で) takes the old marker after it (により, によって);
- a te-form it ends with takes the old のです after it (〇〇が原因で + のですが → 〇〇が原因で),
  and the old verb's te-chain (〇〇が原因で + てしまいまして → 〇〇が原因で);
- a wish made a promise after a verb of its own takes ます, not いたします (進めたいと思います →
  進めます, 出したいと思います → 出します);
- a mark deleted between a finished predicate and a blank becomes a 。 (楽しかったです♪ また →
  楽しかったです。また);
- a time it starts with takes the subject of the predicate it replaces (繁忙期が落ち着いたら
  → 〇月〇日〇時までに), and a slot is set off from a word before it (精一杯、〇月〇日).
Pure functions over a sentence's tokens (document offsets).
"""

from __future__ import annotations

from .sre_cache import lazy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .tokens import Token

# What `rewrite` leaves for the writer to fill in (rewrite.py lists them).
SLOT = lazy(r"〇+月〇+日(?:（〇）)?(?:〇+時)?|〇〇|△△|□□")
_DATE_SLOT = lazy(r"(?<![〇月日時])〇+月〇+日")
_ENDS_WITH_SLOT = lazy(r"(?:〇〇|△△|□□)$")
# Endings that need a verb stem (連用形 / 未然形): after a noun slot they are a broken join.
_STEM_ENDINGS = {"ます", "た", "ない", "ぬ", "れる", "られる", "せる", "させる", "たい", "ず"}
_JOINS_A_SLOT = ("助詞", "助動詞", "補助記号", "空白", "接頭辞", "記号")
_IMMEDIATE = {"直ぐ", "すぐ", "直ちに", "早急", "即座"}  # すぐに / 直ちに after a time slot
_SPAN_SUFFIXES = {"中", "内"}  # 近日中, 数日中, 今月内: a span a deadline replaces whole
_TAKES_ITASHI = {"ます", "た", "たい"}  # 〇〇いたします, 〇〇いたしました, 〇〇いたしたく


def snap(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """The span widened to the boundaries of the tokens it cuts into."""
    for t in tokens:
        if t.start < start < t.end:
            start = t.start
        if t.start < end < t.end:
            end = t.end
    return start, end


def join(tokens: list[Token], end: int, text: str) -> tuple[int, str]:
    """The replacement ``text`` for a span ending at ``end``, made to join what follows:
    returns the (possibly later) end of the span and the (possibly changed) text."""
    following = [t for t in tokens if t.start >= end]
    if not following or following[0].start != end:
        return end, text
    nxt = following[0]
    if text.endswith("で") and nxt.surface == "に" and len(following) > 1 and following[1].lemma == "因る" \
            and following[1].start == nxt.end:
        # 不測の事態 + により → 〇〇が原因で: the particle goes with the old marker
        following, nxt = following[1:], following[1]
    if text.endswith("で") and nxt.lemma == "因る":
        # 〇〇が原因で + より / よって: the old cause marker goes (not 〇〇が原因でより)
        end = nxt.end
        if len(following) > 1 and following[1].start == end and following[1].surface == "て":
            end = following[1].end
        return end, text
    if text.endswith("で") and nxt.pos.startswith("助詞-準体助詞") and len(following) > 1 \
            and following[1].lemma in ("です", "だ"):
        # 〇〇が原因で + のですが: the old predicate's tail goes with it (〇〇が原因で、)
        end = following[1].end
        if len(following) > 2 and following[2].pos.startswith("助詞-接続助詞"):
            end = following[2].end
        return end, text
    if text.endswith("で") and nxt.pos.startswith(("助詞-接続助詞", "助動詞", "動詞-非自立可能")):
        # 〇〇が原因で + (重なっ)てしまいまして: the old verb's te-chain goes with the verb the
        # match ended on, up to its last て (〇〇が原因で、入稿が…)
        last = None
        for t in following:
            if not t.pos.startswith(("助詞-接続助詞", "助動詞", "動詞-非自立可能")):
                break
            if t.pos.startswith("助詞-接続助詞") and t.surface in ("て", "で"):
                last = t
        if last is not None:
            return last.end, text
    if nxt.pos.startswith("名詞") and len(nxt.surface) >= 2 and nxt.surface in text:
        # API連携 → システム間の連携の仕組み（API）: the word the explanation already holds
        # is not said twice (…の仕組み（API）連携)
        return nxt.end, text
    if text.endswith("までに") and nxt.lemma in _SPAN_SUFFIXES and nxt.pos.startswith(("接尾辞", "名詞")):
        # 近日 + 中に → 〇月〇日〇時までに: the old time's span suffix goes with it, and the
        # particle after it (not 〇月〇日〇時までに中に)
        after = [t for t in following[1:2] if t.start == nxt.end and _is_particle(t) and t.surface == "に"]
        return (after[0] if after else nxt).end, text
    if text.endswith("までに") and nxt.surface in ("て", "で") and nxt.pos.startswith("助詞-接続助詞"):
        # 折を見 + て手を付けます → 〇月〇日〇時までに手を付けます: the te of the verb the time
        # phrase replaced goes with it
        last = [t for t in tokens if t.end == end]
        if last and last[0].pos.startswith("動詞"):
            return nxt.end, text
    if text.endswith("までに") and nxt.lemma in _IMMEDIATE and nxt.pos.startswith("副詞"):
        # 落ち着いたら + すぐに取りかかります → 〇月〇日〇時までに取りかかります: a deadline and
        # "at once" after it say two times (not 〇月〇日〇時までにすぐに)
        after = [t for t in following[1:2] if t.start == nxt.end and t.surface == "に"]
        return (after[0] if after else nxt).end, text
    if _is_particle(nxt) and text.endswith(nxt.surface):
        return nxt.end, text  # までに + に: the old particle goes, the new one stays
    if text.endswith("に") and nxt.surface == "の" and nxt.pos.startswith("助詞"):
        return end, text[:-1]  # までにの → までの
    if _ENDS_WITH_SLOT.search(text) and _is_stem_ending(nxt):
        if nxt.lemma in _TAKES_ITASHI:
            return end, text + "いたし"
        for t in following:
            if not _is_stem_ending(t) and not t.pos.startswith("助動詞"):
                break
            end = t.end
    return end, text


# A bullet or a number opening a line: ・ / - / * / ■ / 3. / ① / (2)  (not ○, which starts ○月○日)
_LIST_MARKER = lazy(r"[ \t　]*(?:[・･*＊•●■□◆◇▶►\-－]|[0-9０-９]{1,3}[.．)）]|[①-⑳]|[(（][0-9０-９]{1,3}[)）])[ \t　]*")


def is_list_item(text: str) -> bool:
    """Does the sentence open a list item (・, -, 1., ①, (1))?"""
    m = _LIST_MARKER.match(text)
    return bool(m) and m.end() < len(text)


def after_list_marker(text: str, start: int, sentence_start: int) -> int:
    """A rewrite of a whole sentence or clause leaves the list marker that opens it in place
    (3. 箔押し加工の追加 → 対応不可です → 3. 〇〇のため、…, not 〇〇のため、3. …)."""
    if start != sentence_start:
        return start
    m = _LIST_MARKER.match(text)
    return start + m.end() if m and m.end() < len(text) else start


def lead(tokens: list[Token], start: int, text: str) -> tuple[int, str]:
    """The replacement for a span starting at ``start``, made to join what comes before:
    returns the (possibly earlier) start and the (possibly changed) text. A time that
    replaces a predicate takes its subject with it (繁忙期が落ち着いたら → 〇月〇日〇時までに,
    not 繁忙期が〇月〇日〇時までに); a slot is set off from a word before it (精一杯〇月〇日 →
    精一杯、〇月〇日); after a particle, a mark or an auxiliary (は〇月〇日) it joins as it is.
    Plain words that open with the noun just before (本番への + 本番環境への反映（デプロイ）) take
    that noun and its particles in, so it is not said twice."""
    before = [t for t in tokens if t.end <= start]
    if not text.startswith(("〇", "△", "□")):
        i = len(before)
        while i > 0 and before[i - 1].pos.startswith("助詞") and len(before) - i < 2:
            i -= 1
        if 0 < i < len(before) and before[i - 1].pos.startswith("名詞") and len(before[i - 1].surface) >= 2 \
                and text.startswith(before[i - 1].surface) and before[-1].end == start:
            return before[i - 1].start, text
        return start, text
    if text.startswith("〇") and "月" in text and before and before[-1].end == start \
            and before[-1].surface == "が" and before[-1].pos.startswith("助詞-格助詞"):
        i = len(before) - 1
        while i > 0 and before[i - 1].pos.startswith(("名詞", "接頭辞", "接尾辞")) and before[i - 1].end == before[i].start:
            i -= 1
            # the whole noun phrase: 今の案件が落ち着いたら (not 今の〇月〇日〇時までに)
            if i > 1 and before[i - 1].surface == "の" and before[i - 2].pos.startswith(("名詞", "接尾辞")) \
                    and before[i - 2].end == before[i - 1].start and before[i - 1].end == before[i].start:
                i -= 2
        if i < len(before) - 1:  # a subject word before が
            start = before[i].start
            before = before[:i]
    if before and before[-1].end == start and _apart(before[-1]):
        return start, "、" + text
    if before and before[-1].end == start and before[-1].surface == "が" and text.startswith("〇〇が"):
        return start, "、" + text  # 部分が、〇〇が原因で: two subjects in a row read apart
    return start, text


def firm_after_verb(tokens: list[Token], start: int, old: str, m, new: str) -> str:
    """An edit that turns a wish into a promise (〜したいと思います → 〜いたします) is right after a
    noun or お〜 (確認いたします, お送りいたします) but not after a verb of its own: 進めたいと思います
    → 進めます, 出したいと思います → 出します (not 進めいたします, 出いたします). ``old`` is the
    text at ``start`` whose edit match ``m`` turned it into ``new``."""
    at = start + m.start()
    verb = next((t for t in tokens if t.start < at <= t.end), None)
    # (進め of 進められれば is 未然形, which an ichidan verb spells as its 連用形)
    stem = verb is not None and (verb.cform.startswith("連用形") or (
        verb.cform.startswith("未然形") and verb.ctype.startswith(("下一段", "上一段"))))
    if not stem or not verb.pos.startswith("動詞") or verb.lemma in _NOT_OWN_VERBS:
        return new
    before = [t for t in tokens if t.end <= verb.start]
    if before and before[-1].end == verb.start and before[-1].pos.startswith("接頭辞"):
        return new  # お送りしたい → お送りいたします
    return old[:verb.end - start] + "ます" + old[m.end():]


_NOT_OWN_VERBS = {"為る", "致す", "出来る"}  # する / いたす / できる: the noun before them takes いたします


def close_sentence(sentence, start: int, end: int, text: str) -> tuple[int, str] | None:
    """A mark deleted between a finished predicate and a blank (楽しかったです♪ また…, 了解です👍
    明日…) leaves the two sentences run together: they get a 。 in its place, and the blank
    goes. ``text`` is the document's (the blank may follow the sentence, when the mark ended
    it). None when the deletion stands as it is."""
    tokens = sentence.tokens
    before = [t for t in tokens if t.end <= start]
    if not (before and before[-1].end == start):
        return None
    last = before[-1]
    if not (last.lemma in _SENTENCE_ENDINGS and last.cform.startswith("終止形") or last.pos.startswith("助詞-終助詞")):
        return None

    def char(i: int) -> str:  # the sentence's own text, then the document's after it
        if sentence.start <= i < sentence.end:
            return sentence.text[i - sentence.start]
        return text[i] if i >= sentence.end and i < len(text) else ""

    resume = end
    while char(resume) and char(resume) in " \t　":
        resume += 1
    if resume == end or char(resume) in ("", "\r", "\n"):
        return None  # no blank, or the line ends there: nothing runs on
    return resume, "。"


_SENTENCE_ENDINGS = {"ます", "です", "た", "だ"}


def set_off_slots(text: str) -> str:
    """A date slot inside a replacement (a rule's edit kept the words before it: 精一杯 of
    精一杯頑張ります) is set off from a word it would otherwise read as part of."""
    if "月" not in text or "〇" not in text:
        return text
    from .tokens import tokenize

    tokens = tokenize(text)
    out, pos = [], 0
    for m in _DATE_SLOT.finditer(text):
        before = [t for t in tokens if t.end == m.start()]
        if before and _apart(before[-1]):
            out.append(text[pos:m.start()] + "、")
            pos = m.start()
    return "".join(out) + text[pos:]


def _apart(before: Token) -> bool:
    """Whether a slot needs a 、 after this word: not after a particle, a mark or an
    auxiliary, nor after the year of a date (2025年〇月〇日)."""
    return not before.pos.startswith(_JOINS_A_SLOT) and before.surface not in ("年", "年度")


def _is_particle(t: Token) -> bool:
    # に of 早めに is the copula's 連用形 (助動詞), read as the particle it sounds like
    return t.pos.startswith("助詞") or (t.pos.startswith("助動詞") and t.surface == "に")


def _is_stem_ending(t: Token) -> bool:
    return t.pos.startswith("助動詞") and t.lemma in _STEM_ENDINGS
