"""A rule: the shared header (id, severity, message, why, rewrite) and its checks.

Checks are instances of the rule kinds in ``kinds/``; a rule may combine several (keigo-misuse
has substitutions with safe fixes, phrase patterns without a fix, and a count).
"""

from __future__ import annotations

from collections.abc import Iterator

TYPE_CHECKING = False  # typing costs start-up time; annotations are never evaluated

from . import splice
from .matching import PER_SENTENCE, Match, Pattern, build_conditions, build_patterns, compile_checked
from .spec import Spec
from .sre_cache import lazy

if TYPE_CHECKING:
    from .document import Document, Sentence

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
AUDIENCES = ("client", "internal")  # the catalog's audience profiles
PILLARS = ("情報編集力", "信頼構築力", "当事者意識")


class Fix:
    __slots__ = ("start", "end", "text", "safe", "insert", "order")

    def __init__(self, start: int, end: int, text: str, safe: bool, insert: str = "",
                 order: int = 50) -> None:
        self.start, self.end, self.text = start, end, text
        self.safe = safe  # safe fixes are applied by `fix`; unsafe ones need --unsafe-fixes
        # For a sentence a rewrite adds (a missing cause, next step; `rewrite` only): where it
        # goes, one of INSERT_POINTS. "" for an edit of existing words.
        self.insert = insert
        self.order = order  # where several inserts meet at one place, lower comes first

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fix) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __repr__(self) -> str:
        return f"Fix({self.start}, {self.end}, {self.text!r}, safe={self.safe}, insert={self.insert})"


class Hit:
    """What a check reports; the engine turns it into a Finding."""

    __slots__ = ("start", "end", "sentence", "message", "severity", "suggestions", "fix")

    def __init__(self, start: int, end: int, sentence: Sentence, message: str | None = None,
                 severity: str | None = None, suggestions: list[str] | None = None,
                 fix: Fix | None = None) -> None:
        self.start, self.end, self.sentence = start, end, sentence
        self.message, self.severity = message, severity
        self.suggestions = suggestions if suggestions is not None else []
        self.fix = fix


INSERT_POINTS = ("after-sentence", "before-sentence", "opening", "closing")
# Lines a reply opens or closes with, which an added sentence goes after or before.
# (a title alone is the address too: keigo-misuse's fix turns 山下部長様 into 山下部長)
_SALUTATION = lazy(r".*(?:様|さん|御中|各位|殿|部長|課長|社長|係長|室長|所長|店長|会長|専務|常務|主任)[、。]?"
                   r"|.*お世話になって(?:おり|い)ます.*|.*(?:お疲れ|ご苦労)様です.*"
                   r"|(?:株式会社|有限会社|合同会社).*|\S{1,16}の\S{1,8}です。?")  # 〇〇の森です
_CLOSING = lazy(r".*(?:よろしくお願い|宜しくお願い|以上、?よろしく|取り急ぎ|引き続き|今後とも).*")


def insertion_point(doc: Document, sentence: Sentence, at: str) -> int:
    writer = doc.writer_sentences
    if at == "after-sentence":
        return sentence.end
    if at == "before-sentence":
        return sentence.start
    if at == "opening":
        # before the first sentence after the address and the greeting / self-introduction
        for s in writer:
            if not _SALUTATION.fullmatch(s.text):
                return s.start
        return writer[-1].end if writer else 0
    # closing: before the closing formula, or after the last sentence
    body = [s for s in writer if not _CLOSING.fullmatch(s.text)]
    closing = [s for s in writer if _CLOSING.fullmatch(s.text)]
    if closing and body and closing[0].start > body[-1].start:
        return closing[0].start
    return writer[-1].end if writer else 0


def _clause_span(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """From the start of the clause holding ``start`` (with the te / renyou clauses that
    lead into it: 遡って作成することは) to the end of its predicate."""
    clauses = sentence.clauses
    i = next((k for k in range(len(clauses) - 1, -1, -1) if clauses[k].start <= start), None)
    if i is None:
        return start, end
    first = i
    while first > 0 and clauses[first - 1].link in ("te", "renyou"):
        first -= 1
    # a bullet, a number (3. 箔押し加工の追加 → 対応不可です) or a label (・英語版：対応不可)
    # stays in front of the clause's words
    begin = splice.after_list_marker(sentence.text, clauses[first].start, sentence.start)
    for t in sentence.tokens:
        if begin <= t.start < start and (t.surface in ("：", ":") or
                                          (t.start == begin and t.pos.startswith(("補助記号", "記号")))):
            begin = t.end
    return begin, max(end, clauses[i].predicate_span()[1])


def fill(template: str, **fields: object) -> str:
    """Put {name} fields into a rule's text; other braces in the text are left alone."""
    for name, value in fields.items():
        template = template.replace("{" + name + "}", str(value))
    return template


class Check:
    """Base of the rule kinds: overrides of the header, antipatterns and when/unless."""

    kind = ""
    document_level = False

    def __init__(self, spec: Spec) -> None:
        self.spec_path = spec.path
        self.severity = spec.choice("severity", SEVERITIES, None)
        self.message = spec.str("message", None)
        self.suggest = spec.str("suggest", None)
        self.antipatterns = build_patterns(spec, "antipatterns", required=False)
        self.when = build_conditions(spec, "when")
        self.unless = build_conditions(spec, "unless")
        self.replace: str | None = None
        self.insert: str | None = None
        self.edits: list = []
        # (key, regex, replacement) pairs, checked when the rule is proved
        self.templates: list[tuple[str, str, str]] = []
        if spec.has("rewrite"):
            self._read_rewrite(spec.child("rewrite"))

    def _read_rewrite(self, spec: Spec) -> None:
        """``rewrite``: how `yoshinani rewrite` mends what this check finds (an unsafe fix).

        ``edits``: regex substitutions tried in order on the highlighted words (or the whole
        sentence with ``scope: sentence``, or with ``scope: clause`` the clause the words stand
        in, with the te / renyou clauses joined to it, up to its predicate's end: so that a
        rewrite can rebuild the predicate and open the clause with a reason); the first that
        matches is used, so conjugations can be kept (お送りしたいと思います → お送りいたします).
        ``replace``: the new text when no edit matched ({match} is the old one; "" deletes).
        A replace stands for a phrase: it replaces whole tokens. Either joins its neighbours
        as Japanese (splice.py: no doubled particle, no slot before a verb ending).
        ``insert`` + ``at``: a sentence the reply lacks, added at the trigger sentence
        (after-sentence, before-sentence), at the opening, or before the closing lines."""
        for i, item in enumerate(spec.list("edits", [])):
            sub = spec.item("edits", i, item)
            source = sub.str("regex")
            regex = compile_checked(sub, "regex", source)
            replace = sub.raw("replace")
            if not isinstance(replace, str):
                sub.fail("must be a string (empty to delete)", "replace")
            self.templates.append((sub.key("replace"), source, replace))
            sub.reject_unknown()
            self.edits.append((regex, replace))
        replace = spec.raw("replace", None)
        if replace is not None and not isinstance(replace, str):
            spec.fail("must be a string (empty to delete the words)", "replace")
        self.replace = replace
        self.insert = spec.str("insert", None)
        if self.insert is not None and (self.replace is not None or self.edits):
            spec.fail("a rewrite either inserts a sentence or edits the words, not both")
        if self.insert is None and self.replace is None and not self.edits:
            spec.fail("a rewrite needs edits, replace or insert")
        self.rewrite_scope = spec.choice("scope", ("match", "sentence", "clause"), "match")
        self.insert_at = spec.choice("at", INSERT_POINTS, "after-sentence")
        self.insert_order = spec.int("order", 50)
        spec.reject_unknown()

    def _edited(self, old: str):
        """(the new text, the first match, its replacement) of the first edit that matches
        ``old``, or None."""
        for regex, replace in self.edits:
            m = regex.search(old)
            if m:
                return regex.sub(replace, old), m, replace
        return None

    def _rewrite_fix(self, match: Match, sentence: Sentence, doc: Document | None = None) -> Fix | None:
        at = sentence.start
        if self.rewrite_scope == "sentence":  # its list marker stays (・こちらの確認不足でした。)
            start, end = splice.after_list_marker(sentence.text, at, at), sentence.end
        elif self.rewrite_scope == "clause":
            start, end = _clause_span(sentence, match.mark_start, match.mark_end)
        else:
            start, end = match.mark_start, match.mark_end
        old = sentence.text[start - at:end - at]
        edited = self._edited(old)
        text = None
        if edited is not None:
            text, m, replace = edited
            if replace.startswith("いたし"):
                text = splice.firm_after_verb(sentence.tokens, start, old, m, text)
        if text is None:
            if self.replace is None:
                return None
            if self.replace:
                # a phrase replaced: whole words go (なるべく早く, not なるべく早 + く); a
                # deletion keeps them (the ☆ of よろしく☆ goes, not the word it is glued to)
                start, end = splice.snap(sentence.tokens, start, end)
            text = fill(self.replace, match=sentence.text[start - at:end - at])
        if not text:
            closed = splice.close_sentence(sentence, start, end, doc.text if doc is not None else "")
            if closed:
                end, text = closed
        end, text = splice.join(sentence.tokens, end, text)
        start, text = splice.lead(sentence.tokens, start, splice.set_off_slots(text))
        return Fix(start, end, text, safe=False)

    def run(self, doc: Document) -> Iterator[Hit]:
        raise NotImplementedError

    def coverage(self) -> list[tuple[str, Pattern]]:
        """Patterns that must each match one of the rule's bad examples (key, pattern)."""
        return []

    def regex_sources(self) -> list[str]:
        """Regexes of the check outside its patterns (rewrite edits), for the program cache."""
        return [regex.pattern for regex, _ in self.edits]

    def all_patterns(self) -> list[Pattern]:
        """Every pattern the check reads: its own, antipatterns, and its conditions'."""
        own = [p for _, p in self.coverage()]
        return own + self.antipatterns + [p for c in self.when + self.unless for p in c.patterns]

    def allowed(self, doc: Document, sentence: Sentence, match: Match) -> bool:
        # Cheapest first: antipatterns and sentence conditions look at one sentence; the
        # reply-wide conditions scan every sentence (once per reply, then cached).
        # What a sentence holds is decided once per sentence, not once per match in it: a
        # long sentence with many matches would otherwise cost quadratic time.
        memo = sentence.memo
        for anti in self.antipatterns:
            key = ("antipattern", id(anti))
            spans = memo.get(key)
            if spans is None:
                spans = memo[key] = [(m.start, m.end) for m in anti.finditer(sentence)]
            if any(start < match.end and match.start < end for start, end in spans):
                return False
        for cond in self.when:
            if cond.scope in PER_SENTENCE and not cond.holds_in(sentence):
                return False
        for cond in self.unless:
            if cond.scope in PER_SENTENCE and cond.holds_in(sentence):
                return False
        return self.allowed_in(doc)

    def allowed_in(self, doc: Document) -> bool:
        """The reply-wide part of when / unless (independent of where the match is)."""
        key = ("allowed", id(self))
        verdict = doc.cache.get(key)
        if verdict is None:
            verdict = all(c.holds(doc, None) for c in self.when if c.scope not in PER_SENTENCE) and not any(
                c.holds(doc, None) for c in self.unless if c.scope not in PER_SENTENCE)
            doc.cache[key] = verdict
        return verdict

    def hit(self, match: Match, sentence: Sentence, doc: Document | None = None) -> Hit:
        suggestions = [self.suggest] if self.suggest else []
        words = sentence.text[match.mark_start - sentence.start:match.mark_end - sentence.start]
        message = fill(self.message, match=words) if self.message else None
        hit = Hit(match.mark_start, match.mark_end, sentence, message, self.severity, suggestions)
        if self.replace is not None or self.edits:
            hit.fix = self._rewrite_fix(match, sentence, doc)
        elif self.insert is not None and doc is not None:
            at = insertion_point(doc, sentence, self.insert_at)
            hit.fix = Fix(at, at, self.insert, safe=False, insert=self.insert_at, order=self.insert_order)
        return hit


class Rule:
    def __init__(self, *, id: str, description: str, severity: str, message: str, why: str,  # noqa: A002
                 suggest: str, pillar: str, checks: list[Check], examples: dict[str, list[str]],
                 file: str, link: str | None = None, audience: dict[str, str] | None = None,
                 fix_safety: str | None = None) -> None:
        self.id, self.description, self.severity = id, description, severity
        self.message, self.why, self.suggest, self.pillar = message, why, suggest, pillar
        self.checks, self.examples, self.file, self.link = checks, examples, file, link
        self.audience = audience or {}
        self.fix_safety = fix_safety  # "safe" / "unsafe" when any check offers a fix

    def __repr__(self) -> str:
        return f"Rule({self.id!r})"

    @property
    def kinds(self) -> list[str]:
        return sorted({c.kind for c in self.checks})

    @property
    def level(self) -> str:
        return "document" if any(c.document_level for c in self.checks) else "phrase"

    def severity_for(self, audience: str) -> str | None:
        """The rule's severity for an audience profile; None when the rule is off."""
        value = self.audience.get(audience, self.severity)
        return None if value == "off" else value

    def customize_word_lists(self, lists: dict[str, tuple[list[str], list[str]]]) -> None:
        """Extend or trim the named word lists (``words`` with ``list: NAME``) of this rule."""
        for check in self.checks:
            for pattern in check.all_patterns():
                name = getattr(pattern, "list_name", None)
                if name in lists:
                    pattern.customize(*lists[name])


def build_checks(spec: Spec) -> list[Check]:
    from .kinds import KINDS

    out = []
    for i, item in enumerate(spec.list("checks")):
        sub = spec.item("checks", i, item)
        kind = sub.choice("kind", tuple(KINDS))
        check = KINDS[kind](sub)
        sub.reject_unknown()
        out.append(check)
    return out


__all__ = ["Check", "Fix", "Hit", "Rule", "SEVERITIES", "SEVERITY_RANK", "build_checks",
           "build_patterns"]
