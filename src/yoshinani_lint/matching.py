"""Pattern primitives shared by every rule kind.

A pattern is one of
  ``{regex: ...}``   a regular expression over one sentence's text (a ``(?P<mark>...)`` group
                     narrows the highlighted span);
  ``{words: [...]}`` literal phrases, longest first (``list: NAME`` lets the config extend it);
  ``{tokens: [...]}`` a sequence of token tests on surface / lemma / orth / pos / cform /
                     ctype / reading (exact, or ``*_re`` for a regular expression; pos, cform and ctype
                     also match by prefix: ``pos: 名詞`` matches every noun), with ``optional``,
                     ``skip: N`` (up to N free tokens before this one), ``mark`` (highlight
                     only marked tokens), ``not`` (the token must fail the test) and
                     ``end: true`` (the end of the sentence, consuming nothing);
                     ``text: REGEX`` beside ``tokens`` is a cheap test of the sentence's text
                     that must pass before it is tokenized (e.g. 'た[いくか]' for lemma たい).
Patterns match inside one sentence of the writer's own text.

A condition (``when`` / ``unless``) is ``{sentence: [patterns]}`` or ``{document: [patterns]}``:
it holds when any of its patterns matches in the same sentence, or anywhere in the reply.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterator

TYPE_CHECKING = False  # typing costs start-up time; annotations are never evaluated

from .prefilter import required_literals
from .sre_cache import compile_regex, lazy
from .spec import Spec

if TYPE_CHECKING:
    from .document import Document, Sentence
    from .tokens import Token


class Match:
    __slots__ = ("start", "end", "mark_start", "mark_end", "regex_match")

    def __init__(self, start: int, end: int, mark_start: int, mark_end: int,
                 regex_match: re.Match[str] | None = None) -> None:
        self.start, self.end = start, end  # whole match, document offsets
        self.mark_start, self.mark_end = mark_start, mark_end  # highlighted span
        self.regex_match = regex_match  # for regex patterns: groups for replacements


class Pattern:
    def finditer(self, sentence: Sentence) -> Iterator[Match]:
        raise NotImplementedError

    def search(self, sentence: Sentence) -> bool:
        return next(iter(self.finditer(sentence)), None) is not None

    def candidates(self, doc: Document) -> list[Sentence]:
        """The writer's sentences that may contain a match."""
        return doc.writer_sentences

    def regex_sources(self) -> list[str]:
        """Every regex the pattern runs (their compiled programs go into the rule cache)."""
        return []

    def matches(self, doc: Document) -> Iterator[tuple[Sentence, Match]]:
        for sentence in self.candidates(doc):
            for match in self.finditer(sentence):
                yield sentence, match


# Required literals by regex source. Filled when a rule set is first proved and stored with
# it in the cache, so that a cached run neither parses nor compiles a regex it cannot need.
LITERALS: dict[str, tuple[str, ...] | None] = {}
_UNKNOWN = object()


class RegexPattern(Pattern):
    def __init__(self, source: str, spec: Spec | None = None, key: str = "regex") -> None:
        self.source = source
        self._regex: re.Pattern[str] | None = None
        literals = LITERALS.get(source, _UNKNOWN)
        if literals is _UNKNOWN:
            # Not proved before: compile now, so a broken regex is reported at load time.
            self._regex = compile_checked(spec, key, source)
            literals = required_literals(source, self._regex.flags)
            LITERALS[source] = literals
        self._set_literals(literals)

    def _set_literals(self, literals: tuple[str, ...] | None) -> None:
        self.literals = literals
        self._literal_regex: re.Pattern[str] | None = None
        # Patterns with the same literals share their candidate sentences in a reply; a str
        # key, because a str caches its hash and a tuple does not.
        self._candidates_key = "literals\x00" + "\x00".join(literals) if literals else ""

    @property
    def literal_source(self) -> str | None:
        return "|".join(map(re.escape, self.literals)) if self.literals else None

    def _literals(self) -> re.Pattern[str]:
        # One C-level search for "any of these strings", compiled on first use.
        if self._literal_regex is None:
            self._literal_regex = compile_regex(self.literal_source)
        return self._literal_regex

    def regex_sources(self) -> list[str]:
        return [self.source] + ([self.literal_source] if self.literals else [])

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = compile_regex(self.source)
        return self._regex

    def candidates(self, doc: Document) -> list[Sentence]:
        # One search of the joined text finds the sentences holding a required literal, so a
        # pattern costs nothing on the (many) sentences that cannot match it.
        if self.literals is None:
            return doc.writer_sentences
        key = self._candidates_key
        found = doc.cache.get(key)
        if found is None:
            blob = doc.writer_blob
            literal_regex = self._literals()
            # Most patterns find none of their words in a given reply: one C call says so.
            found = doc.sentences_at(literal_regex.finditer(blob)) if literal_regex.search(blob) else []
            doc.cache[key] = found
        return found

    def _possible(self, text: str) -> bool:
        return self.literals is None or self._literals().search(text) is not None

    def finditer(self, sentence: Sentence) -> Iterator[Match]:
        if self._possible(sentence.text):
            yield from self._matches_in(sentence, "mark" in self.regex.groupindex)

    def _matches_in(self, sentence: Sentence, has_mark: bool) -> list[Match]:
        base = sentence.start
        out = []
        for m in self.regex.finditer(sentence.text):
            if m.end() == m.start():
                continue
            ms, me = m.span("mark") if has_mark and m.start("mark") >= 0 else m.span()
            out.append(Match(base + m.start(), base + m.end(), base + ms, base + me, m))
        return out

    def search(self, sentence: Sentence) -> bool:
        return self._possible(sentence.text) and self.regex.search(sentence.text) is not None

    def matches(self, doc: Document) -> list[tuple[Sentence, Match]]:
        # A list, not a generator: most patterns have no candidate in a reply, and the
        # generator protocol would cost more than the answer.
        candidates = self.candidates(doc)
        if not candidates:
            return []
        has_mark = "mark" in self.regex.groupindex
        # the candidates are already known to hold a required literal
        return [(sentence, match) for sentence in candidates for match in self._matches_in(sentence, has_mark)]


class WordsPattern(RegexPattern):
    """Literal phrases. A named ``list`` can be extended or trimmed by the user's config."""

    def __init__(self, words: list[str], list_name: str | None = None) -> None:
        self.list_name = list_name
        self._set_words(list(dict.fromkeys(words)))

    def _set_words(self, words: list[str]) -> None:
        self.words = words
        # An emptied list must match nothing, not everything.
        self.source = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"
        self._regex = None
        self._set_literals(tuple(words) or None)  # no words: no prefilter, and no match

    def customize(self, add: list[str], remove: list[str]) -> None:
        self._set_words([w for w in dict.fromkeys(self.words + add) if w not in set(remove)])


_TOKEN_ATTRS = ("surface", "lemma", "orth", "pos", "cform", "ctype", "reading")
_PREFIX_ATTRS = {"pos", "cform", "ctype"}


class TokenTest:
    """One element of a token sequence: a test of one token, or ``concept: NAME`` (one match
    of a vocabulary concept, which may span several tokens)."""

    __slots__ = ("tests", "optional", "skip", "barrier", "repeat", "mark", "negate", "anchor",
                 "sources", "concept", "at_end")

    def __init__(self, spec: Spec) -> None:
        # ``end: true``: the end of the sentence (only punctuation and symbols after), matched
        # without consuming a token: 対応不可。 as against 不可能ではありません
        self.at_end = spec.bool("end", False)
        self.optional = spec.bool("optional", False)
        self.skip = spec.int("skip", 0)
        # ``barrier``: a token test the skipped tokens must not pass (skip-with-exception),
        # e.g. never skip over 。 or a conjunctive particle.
        self.barrier = TokenTest(spec.child("barrier")) if spec.has("barrier") else None
        self.repeat = spec.bool("repeat", False)  # one or more tokens passing the test
        self.mark = spec.bool("mark", False)
        negated = spec.raw("not", None)
        self.negate = negated is not None
        body = Spec(negated, spec.file, spec.rule, spec.key("not")) if self.negate else spec
        self.concept = None
        if body.has("concept"):
            from .vocabulary import element_concept

            self.concept = element_concept(body.raw("concept"), spec.file, spec.rule, body.key("concept"))
        self.tests: list[tuple[str, str, object]] = []
        self.sources: list[str] = []  # its regexes, whose compiled programs are cached
        for attr in _TOKEN_ATTRS:
            for name, how in ((attr, "exact"), (attr + "_re", "regex")):
                if not body.has(name):
                    continue
                value = body.raw(name)
                values = value if isinstance(value, list) else [value]
                if not values or not all(isinstance(v, str) and v for v in values):
                    body.fail("must be a string or a list of strings", name)
                if how == "regex":
                    source = "|".join(f"(?:{v})" for v in values)
                    self.sources.append(source)
                    self.tests.append((attr, how, compile_checked(body, name, source)))
                elif attr in _PREFIX_ATTRS:
                    # the level itself, or any level below it (名詞 → 名詞-普通名詞-一般)
                    self.tests.append((attr, "prefix", (frozenset(values), tuple(v + "-" for v in values))))
                else:
                    self.tests.append((attr, how, frozenset(values)))
        if self.negate:
            body.reject_unknown()
        spec.reject_unknown()
        if self.at_end:
            if self.tests or self.concept is not None or self.negate:
                spec.fail("end: true stands alone (no token tests, concept or not)")
            self.anchor = None
            return
        if not self.tests and self.concept is None:
            spec.fail("a token test needs concept or at least one of " + ", ".join(_TOKEN_ATTRS))
        if self.concept is not None and (self.tests or self.repeat):
            spec.fail("a concept element takes no token tests and no repeat")
        # Exact surfaces or lemmas of a required first token let whole sentences be skipped.
        self.anchor: frozenset[str] | None = None
        if not self.negate:
            keys = [v for attr, how, v in self.tests if how == "exact" and attr in ("surface", "lemma")]
            if keys:
                self.anchor = frozenset().union(*keys)

    def __reduce__(self):
        # Speed: the rule cache holds ~1,700 token tests; pickled by their slots, each was a
        # dict of 11 names and 5 booleans to rebuild. As one flags int and a tuple the entry
        # is 15% smaller and unpickles in 4.5 ms instead of 5.7-6.1.
        flags = (self.optional | self.repeat << 1 | self.mark << 2 | self.negate << 3
                 | self.at_end << 4)
        return _token_test, (flags, self.skip, self.tests, self.barrier, self.anchor, self.sources,
                             self.concept)

    def ends(self, sentence: Sentence, toks: list[Token], j: int) -> list[int]:
        """Token indexes just past each way this element can match from token j, longest
        first."""
        if self.concept is not None:
            spans = self.concept.token_ends(sentence)
            if self.negate:  # one token where no match of the concept starts
                return [] if j in spans else [j + 1]
            return spans.get(j, [])
        if not self(toks[j]):
            return []
        if not self.repeat:
            return [j + 1]
        k = j + 1
        while k < len(toks) and self(toks[k]):
            k += 1
        return list(range(k, j, -1))

    def __call__(self, tok: Token) -> bool:
        ok = True
        for attr, how, values in self.tests:
            value = getattr(tok, attr)
            if how == "exact":
                ok = value in values
            elif how == "prefix":
                ok = value in values[0] or value.startswith(values[1])
            else:
                ok = values.fullmatch(value) is not None
            if not ok:
                break
        return ok != self.negate


def _token_test(flags: int, skip: int, tests: list, barrier: TokenTest | None,
                anchor: frozenset[str] | None, sources: list[str], concept) -> TokenTest:
    """A token test from its pickled form (TokenTest.__reduce__)."""
    test = TokenTest.__new__(TokenTest)
    test.optional, test.repeat, test.mark = bool(flags & 1), bool(flags & 2), bool(flags & 4)
    test.negate, test.at_end = bool(flags & 8), bool(flags & 16)
    test.skip, test.tests, test.barrier, test.anchor = skip, tests, barrier, anchor
    test.sources, test.concept = sources, concept
    return test


# what may follow the last word of a sentence: punctuation, brackets, symbols, blanks
_TRAILING = ("補助記号", "記号", "空白")

# Bumped whenever the config edits a concept, so that anchors read from concepts are re-read.
VOCABULARY_EDITS = [0]


# Speed: the share of reply sentences holding each of the commonest surfaces and lemmas
# (tests/corpus/replies*: ます 68%, 御 54%, て 26% ...); any other word counts 1%. A concept
# anchored on ます or 御 (apology's 申し訳ございません, inconvenience-caused's ご迷惑) was asked of
# nearly every sentence; anchored on its rarest word set, of the few that hold one.
_KEY_SHARE = {
    "。": .77, "ます": .68, "御": .54, "、": .46, "の": .45, "に": .42, "お": .35, "ご": .27,
    "て": .26, "を": .26, "た": .24, "為る": .24, "は": .22, "致す": .21, "いたし": .21, "し": .2,
    "です": .2, "が": .18, "で": .17, "居る": .16, "御座る": .15, "ござい": .15, "まし": .13,
    "おり": .12, "頂く": .12, "日": .1, "・": .09, "成る": .09, "様": .09, "まで": .09, "時": .08,
    "ず": .08, "と": .08, "だ": .08, "ん": .08, "ませ": .08, "月": .08, "なっ": .07, "：": .07,
    "中": .07, "か": .06, "も": .06, "（": .04, "）": .04, "いただい": .04, "いただき": .04,
    "ない": .04, "ば": .04, "下さる": .03, "ください": .03, "から": .03, "出来る": .03, "い": .03,
    "でしょう": .03, "こと": .03, "事": .03, "さ": .03, "れる": .03, "有る": .03, "いただけ": .03,
}


def _commonness(keys: frozenset[str]) -> tuple[float, int]:
    """About how many sentences hold one of these words (lower: a better prefilter)."""
    share = _KEY_SHARE.get
    return (min(1.0, sum(share(k, .01) for k in keys)), len(keys))


class TokenPattern(Pattern):
    def __init__(self, elements: list[TokenTest], text: RegexPattern | None = None) -> None:
        self.elements = elements
        # Tokenizing is the costliest step of a check, so a sentence is first tested on its
        # text: the ``text`` regex the pattern declares, or else the surfaces it requires.
        if text is None:
            surfaces = [v for e in elements if not e.optional and not e.negate
                        for attr, how, v in e.tests if attr == "surface" and how == "exact"]
            if surfaces:
                text = WordsPattern(sorted(min(surfaces, key=len)))
        self.text = text
        self._required: tuple[int, tuple[frozenset[str], ...]] | None = None

    def required_keys(self) -> tuple[frozenset[str], ...]:
        """For each required element (neither optional nor negated) the surfaces and lemmas
        one of which it needs; a sentence missing any set cannot match: a cheap test that
        spares most sentences the token-by-token match (数詞 + 時 is tested by its 時). Concept elements
        take their concept's anchor keys, read when first needed (the config may have edited
        the vocabulary since the pattern was built)."""
        if self._required is None or self._required[0] != VOCABULARY_EDITS[0]:
            keys = []
            for element in self.elements:
                if element.optional or element.negate:
                    continue
                anchor = element.concept.anchor_keys() if element.concept is not None else element.anchor
                if anchor is not None:
                    keys.append(anchor)
            self._required = (VOCABULARY_EDITS[0], tuple(keys))
        return self._required[1]

    def key_set(self) -> frozenset[str] | None:
        """Surfaces and lemmas one of which every match holds (the rarest required set, by
        _KEY_SHARE, then the smallest), None when the sequence requires none. Any required
        set is correct; the choice only decides how many sentences pass."""
        required = self.required_keys()
        return min(required, key=_commonness) if required else None

    def candidates(self, doc: Document) -> list[Sentence]:
        required = self.required_keys()
        if required and doc.lacks_keys(required):
            return []  # the cheapest answer, and the commonest: the reply lacks its words
        found = doc.writer_sentences if self.text is None else self.text.candidates(doc)
        return doc.sentences_with_keys(required, found) if required and found else found

    def regex_sources(self) -> list[str]:
        own = [src for element in self.elements for src in element.sources]
        return own + (self.text.regex_sources() if self.text is not None else [])

    def finditer(self, sentence: Sentence) -> Iterator[Match]:
        if self.text is not None and not self.text.search(sentence):
            return
        keys = sentence.keys
        for required in self.required_keys():
            if required.isdisjoint(keys):
                return
        toks = sentence.tokens
        # Speed: a match must start at a token the first element accepts, so where that
        # element is a plain token test (no skip, not optional) the sequence is tried only
        # from tokens passing it, by a look at the token's surface and lemma when it names
        # words, instead of at every token (~70% of the attempts on the benchmark's replies).
        first = self.elements[0]
        plain = not (first.skip or first.optional or first.at_end or first.concept is not None)
        anchor = first.anchor if plain else None
        n = len(toks)
        i = 0
        while i < n:
            if anchor is not None:
                while i < n and toks[i].surface not in anchor and toks[i].lemma not in anchor:
                    i += 1
            elif plain:
                while i < n and not first(toks[i]):
                    i += 1
            if i == n:
                break
            found = self._match(sentence, toks, i, 0)
            if found is None:
                i += 1
                continue
            end, marks = found
            if end == i:  # everything optional and absent
                i += 1
                continue
            start_off, end_off = toks[i].start, toks[end - 1].end
            if marks:
                ms, me = toks[min(marks)].start, toks[max(marks)].end
            else:
                ms, me = start_off, end_off
            yield Match(start_off, end_off, ms, me)
            i = end

    def _match(self, sentence: Sentence, toks: list[Token], i: int, k: int
               ) -> tuple[int, list[int]] | None:
        """Match elements k.. from token i: (end, indexes of marked tokens), or None."""
        if k == len(self.elements):
            return i, []
        element = self.elements[k]
        barrier = element.barrier
        if element.at_end:
            # with skip: the sentence ends within that many tokens, none of them a barrier
            # ({skip: 40, barrier: {lemma: 何故}, end: true}: no なぜか before the sentence ends)
            # (a look ahead: the match still ends where it stood)
            for j in range(i, min(i + element.skip, len(toks)) + 1):
                if j > i and barrier is not None and barrier(toks[j - 1]):
                    return None
                if all(t.pos.startswith(_TRAILING) for t in toks[j:]):
                    return self._match(sentence, toks, i, k + 1)
            return None
        for j in range(i, min(i + element.skip, len(toks) - 1) + 1):
            if j > i and barrier is not None and barrier(toks[j - 1]):
                break  # the skip may not pass over this token
            for end in element.ends(sentence, toks, j):
                rest = self._match(sentence, toks, end, k + 1)
                if rest is not None:
                    last, marks = rest
                    return last, (list(range(j, end)) + marks) if element.mark else marks
        if element.optional:
            return self._match(sentence, toks, i, k + 1)
        return None


class ConceptPattern(Pattern):
    """``{concept: NAME}``: every match of a vocabulary concept."""

    def __init__(self, concept) -> None:
        self.concept = concept
        self.source = "concept\x00" + concept.name  # a stable key for shared conditions

    def candidates(self, doc: Document) -> list[Sentence]:
        return self.concept.candidates(doc)

    def finditer(self, sentence: Sentence) -> Iterator[Match]:
        for start, end in self.concept.spans(sentence):
            yield Match(start, end, start, end)

    def search(self, sentence: Sentence) -> bool:
        return bool(self.concept.spans(sentence))

    def regex_sources(self) -> list[str]:
        return self.concept.regex_sources()


# What a clause pattern can ask of a clause (see clauses.py), with the values each takes.
CLAUSE_FEATURES = {
    "tense": ("past", "nonpast", "none"),
    "polarity": ("affirmative", "negative"),
    "actor": ("writer", "client", "unknown"),
    "link": ("condition", "reason", "contrast", "te", "renyou", "end"),
    "modality": ("intention", "thought", "hedge", "request", "question", "obligation",
                 "volition", "potential"),
    "time": ("concrete", "vague", "past"),
}
TIME_CONCEPTS = {"concrete": "time-concrete", "vague": "time-vague", "past": "time-past"}


class ClausePattern(Pattern):
    """``{clause: {...}}``: a clause of the sentence with the features asked for.

    Each feature (tense, polarity, actor, link, modality, time) takes a value or a list (any
    of them), and ``not_<feature>`` the values it must not have; ``polite: true/false``;
    ``has`` / ``not_has``: concepts inside the clause; ``not_says``: concepts the clause must
    not say itself (one inside a relative clause, 届いていなかった3件, describes the noun);
    ``predicate``: concepts in its predicate chain. ``time`` is what the clause's own times
    are (a time that modifies a noun, as in 明日の打ち合わせ資料, belongs to the noun, and a
    past time in a relative clause to it); ``time: none`` asks for a clause without one.
    The match is the clause; ``mark`` highlights its predicate (default), the whole clause,
    or the first ``has`` concept."""

    def __init__(self, spec: Spec, text: RegexPattern | None = None) -> None:
        from .vocabulary import lookup

        self.text = text  # a cheap test of the sentence's text before its clauses are split
        self.want: list[tuple[str, frozenset[str], bool]] = []  # (feature, values, negated)
        for feature, allowed in CLAUSE_FEATURES.items():
            for name, negated in ((feature, False), ("not_" + feature, True)):
                if not spec.has(name):
                    continue
                value = spec.raw(name)
                values = value if isinstance(value, list) else [value]
                extra = ("none",) if feature == "time" else ()
                for v in values:
                    if v not in allowed + extra:
                        spec.fail(f"must be one of {', '.join(allowed + extra)} (got {v!r})", name)
                self.want.append((feature, frozenset(values), negated))
        self.polite = spec.raw("polite", None)
        if self.polite is not None and not isinstance(self.polite, bool):
            spec.fail("must be true or false", "polite")
        concepts = {}
        for name in ("has", "not_has", "not_says", "predicate"):
            value = spec.raw(name, [])
            values = value if isinstance(value, list) else [value]
            concepts[name] = [lookup(v, spec.file, spec.rule, spec.key(name)) for v in values]
        self.has, self.has_not, self.predicate = concepts["has"], concepts["not_has"], concepts["predicate"]
        self.says_not = concepts["not_says"]
        self.mark = spec.choice("mark", ("predicate", "clause", "has"), "predicate")
        if self.mark == "has" and not self.has:
            spec.fail("mark: has needs a has list", "mark")
        self.times = any(f == "time" for f, _, _ in self.want)
        self.own_want = [w for w in self.want if w[0] != "time"]
        # Speed: ``modality: [...]`` needs a cue of one of its modalities in the sentence
        # (clauses.MODALITY_CUES): hedged-commitment asked all 3,663 sentences of 300 replies
        # for an intention and split every one of them into clauses.
        from .clauses import MODALITY_CUES

        self.cue_keys: frozenset[str] | None = None
        self.cue_forms: tuple[str, ...] = ()
        for feature, values, negated in self.want:
            if feature == "modality" and not negated and all(v in MODALITY_CUES for v in values):
                self.cue_keys = frozenset().union(*(MODALITY_CUES[v][0] for v in values))
                self.cue_forms = tuple(f for v in values for f in MODALITY_CUES[v][1])
                break
        if self.times:
            self.time_concepts = {cls: lookup(name, spec.file, spec.rule, "time")
                                  for cls, name in TIME_CONCEPTS.items()}
        # ``time: [concrete, vague]`` (without none): the sentence must hold a time of one of
        # these classes, or no clause of it can fit
        self.needed_times = [[self.time_concepts[v] for v in values] for feature, values, negated
                             in self.want if feature == "time" and not negated and "none" not in values]
        spec.reject_unknown()
        self._required: tuple[int, tuple[frozenset[str], ...]] | None = None
        # a stable key for shared conditions (with the text test: two patterns differing
        # only in it are two patterns, and their verdicts are not shared)
        self.source = "clause\x00" + repr((sorted(spec.data.items(), key=str))) + (
            "\x00" + text.source if text is not None else "")

    def _required_keys(self) -> tuple[frozenset[str], ...]:
        """``has`` and ``predicate`` each need one of their concepts in the sentence: their
        anchor keys let a sentence be skipped before it is split into clauses."""
        if self._required is None or self._required[0] != VOCABULARY_EDITS[0]:
            keys = []
            for concepts in (self.has, self.predicate):
                anchors = [c.anchor_keys() for c in concepts]
                if anchors and None not in anchors:
                    keys.append(frozenset().union(*anchors))
            self._required = (VOCABULARY_EDITS[0], tuple(keys))
        return self._required[1]

    def candidates(self, doc: Document) -> list[Sentence]:
        # decided once per reply: a check asks before it matches, and conditions ask again
        key = ("candidates", self.source)
        found = doc.cache.get(key)
        if found is None:
            found = doc.cache[key] = self._candidates(doc)
        return found

    def _candidates(self, doc: Document) -> list[Sentence]:
        found = doc.writer_sentences if self.text is None else self.text.candidates(doc)
        required = self._required_keys()
        if required and found:
            found = doc.sentences_with_keys(required, found)
        # ``has`` and ``predicate`` each need one of their concepts, ``time`` one of its
        # classes: only sentences that may hold one (by the concepts' own prefilters) are
        # asked, and split into clauses
        for needed in (self.predicate, self.has, *self.needed_times):
            if needed and found:
                may = [c.candidates(doc) for c in needed]
                if not any(m is doc.writer_sentences for m in may):
                    chosen = {id(s) for m in may for s in m}
                    found = [s for s in found if id(s) in chosen]
        if self.cue_keys is not None and found:
            found = [s for s in found if self._cued(s)]
        return found

    def regex_sources(self) -> list[str]:
        return self.text.regex_sources() if self.text is not None else []

    def finditer(self, sentence: Sentence) -> Iterator[Match]:
        # Splitting clauses costs more than finding a concept: a sentence without the
        # concepts the clause needs is never split.
        if self.text is not None and not self.text.search(sentence):
            return
        required = self._required_keys()
        if required:
            keys = sentence.keys
            if any(k.isdisjoint(keys) for k in required):
                return
        if not self._cued(sentence):
            return
        # Speed: cheapest test first. Once the sentence is split, its clauses' own features
        # are read off already and a concept costs a match; before, a missing concept spares
        # the split (300 replies: with the cues and this order 805 of 3,663 sentences are split).
        split = sentence.is_split
        if split and self.own_want and not any(self._fits_own(clause) for clause in sentence.clauses):
            return
        # times first: most sentences hold none, and a verb concept (next-step-action) that
        # a sentence's words allow nearly always matches (300 replies: concept spans
        # computed 14,412 -> 9,948 times)
        for needed in (*self.needed_times, self.predicate, self.has):
            if needed and not any(c.spans(sentence) for c in needed):
                return
        clauses = sentence.clauses
        if not split and self.own_want and not any(self._fits_own(clause) for clause in clauses):
            return
        times = attached_times(sentence, self.time_concepts) if self.times else None
        chain_start = 0  # the first clause of the te / renyou chain this clause ends
        for index, clause in enumerate(clauses):
            # 明日中に修正して、お送りします: the clauses of a te-chain share their times and
            # what they say, so the chain is read as one predicate with the last clause's
            # features (the te-clauses take theirs from it anyway).
            chain = clauses[chain_start:index + 1]
            chain_times = set().union(*times[chain_start:index + 1]) if times else None
            if self._fits(sentence, clause, chain[0].start, chain_times):
                yield self._match(sentence, clause, chain[0].start)
            if clause.link not in ("te", "renyou"):
                chain_start = index + 1

    def _cued(self, sentence: Sentence) -> bool:
        """Does the sentence hold a cue of a modality asked for (or is none asked for)?"""
        return self.cue_keys is None or not self.cue_keys.isdisjoint(sentence.keys) or bool(
            self.cue_forms and _has_form(sentence, self.cue_forms))

    def _fits_own(self, clause) -> bool:
        """The clause's own features (all but time) are as asked: a part of ``_fits``."""
        for feature, values, negated in self.own_want:
            if feature == "modality":
                present = not values.isdisjoint(clause.modality)
            else:
                present = getattr(clause, feature) in values
            if present == negated:
                return False
        return self.polite is None or clause.polite == self.polite

    def _fits(self, sentence: Sentence, clause, start: int, times: set[str] | None) -> bool:
        if not self._fits_own(clause):
            return False
        for feature, values, negated in self.want:
            if feature == "time":
                present = (not times) if "none" in values else False
                present = present or not values.isdisjoint(times)
                if present == negated:
                    return False
        end = clause.end
        if self.has and not any(_first_within(c.spans(sentence), start, end) for c in self.has):
            return False
        if any(_first_within(c.spans(sentence), start, end) for c in self.has_not):
            return False
        if self.says_not and any(_said(sentence, sp) for c in self.says_not
                                 for sp in _all_within(c.spans(sentence), start, end)):
            return False
        if self.predicate:
            ps, pe = clause.predicate_span()
            if not any(_overlaps_any(c.spans(sentence), ps, pe) for c in self.predicate):
                return False
        return True

    def _match(self, sentence: Sentence, clause, start: int) -> Match:
        ms, me = start, clause.end
        if self.mark == "predicate":
            ms, me = clause.predicate_span()
        elif self.mark == "has":
            found = [sp for c in self.has if (sp := _first_within(c.spans(sentence), start, clause.end))]
            ms, me = min(found)
        return Match(start, clause.end, ms, me)


def _has_form(sentence: Sentence, forms: tuple[str, ...]) -> bool:
    """Does a token of the sentence have a cform starting with one of these? (memoized)"""
    key = ("forms", forms)
    found = sentence.memo.get(key)
    if found is None:
        found = sentence.memo[key] = any(t.cform.startswith(forms) for t in sentence.tokens)
    return found


# A concept's spans in a sentence are sorted and do not overlap (vocabulary._merged), so the
# spans a clause holds are found by bisection: a sentence of many clauses and many matches
# (a pasted list of apologies) would otherwise cost clauses x matches.
def _first_within(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first span lying inside [start, end), or None."""
    i = bisect.bisect_left(spans, (start, -1))
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] <= end:
            return spans[i]
        i += 1
    return None


def _all_within(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    i = bisect.bisect_left(spans, (start, -1))
    found = []
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] <= end:
            found.append(spans[i])
        i += 1
    return found


def _said(sentence: Sentence, span: tuple[int, int]) -> bool:
    """Is a concept found at span said by its clause, rather than inside a relative clause
    that describes a noun (届いていなかった3件は本日中に転送いたします)?"""
    from .clauses import describes_noun

    toks = sentence.tokens
    last = _last_before(toks, span[1])
    return last is None or not describes_noun(toks, last)


def _last_before(toks: list[Token], end: int) -> int | None:
    """The index of the last token that starts before ``end`` (the last word of a match)."""
    return next((i for i in range(len(toks) - 1, -1, -1) if toks[i].start < end), None)


def _overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (start, -1))
    if i > 0 and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end


def attached_times(sentence: Sentence, concepts: dict) -> list[set[str]]:
    """Per clause of the sentence, the classes of the times that belong to its predicate: a
    time inside the clause, unless it modifies a noun (明日の打ち合わせ資料)."""
    key = "attached-times"
    found = sentence.memo.get(key)
    if found is None:
        from .clauses import modifies_noun

        clauses = sentence.clauses
        toks = sentence.tokens
        found = [set() for _ in clauses]
        for cls, concept in concepts.items():
            for start, end in concept.spans(sentence):
                last = _last_before(toks, end)
                if last is None or _compared(toks, last) or (
                        modifies_noun(toks, last) and not _action_noun_follows(toks, last)
                        and not _deadline_follows(toks, last)) or (
                        cls == "past" and _dates_a_noun(toks, last)) or _opens_past_relative(toks, last):
                    continue
                for index, clause in enumerate(clauses):
                    if clause.start <= start < clause.end:
                        rest = sentence.text[end - sentence.start:clause.end - sentence.start]
                        # a time the clause only reaches (入稿の前日になって、変更を知らされました /
                        # 月曜になりましたら、ご連絡いたします) is when the next clause happens
                        if index + 1 < len(clauses) and _REACHED.match(rest):
                            found[index + 1].add(cls)
                            break
                        found[index].add(cls)
                        # a condition that ends in the time (落ち着いたら、本番に反映します / 案件が
                        # 落ち着いたらすぐに取りかかります) times the clause it leads into; so does a time
                        # set off by a comma at its start (本日17時までに、写真を更新すると…ように修正いたします)
                        if clause.link == "condition" and index + 1 < len(clauses):
                            if not rest.strip("、，, 　") or (start == clause.start and _SET_OFF.match(rest)):
                                found[index + 1].add(cls)
                        break
        sentence.memo[key] = found
    return found


# A time phrase's particles, then a comma: 本日17時までに、 / 明日中には、
_SET_OFF = lazy(r"(?:まで|迄)?(?:中)?(?:に|には|は)?[、，]")
# The time reached, then the clause ends: 前日になって、 / 月曜になりましたら
_REACHED = lazy(r"に(?:なっ(?:て|たら|てから)|なれば|なり(?:まして|ましたら|次第))[、，]?\s*$")


def _action_noun_follows(toks: list[Token], last: int) -> bool:
    """15時頃の復旧を見込んでおります: a time that modifies an action noun (a サ変 noun with a
    particle after it) is the time of that action, so it stays with the clause; in
    明日の打ち合わせ資料 the action noun is part of a compound and the time goes with it."""
    i = last + 1
    if i < len(toks) and toks[i].surface == "の":
        i += 1
    while i < len(toks) and toks[i].pos.startswith("接頭辞"):
        i += 1
    return (i + 1 < len(toks) and toks[i].pos.startswith("名詞-普通名詞-サ変")
            and toks[i + 1].pos.startswith("助詞"))


def _dates_a_noun(toks: list[Token], last: int) -> bool:
    """先日いただいた件、明日伺います: a past time whose predicate is a relative clause dates
    the noun, not the clause's act (a coming time there, 明日お送りする資料, is left as it is)."""
    from .clauses import describes_noun

    for j in range(last + 1, len(toks)):
        t = toks[j]
        if t.pos.startswith(("補助記号", "記号", "空白")):
            return False
        # the first verb or adjective (いただいた as much as お送りした) heads its predicate
        if t.pos.startswith(("動詞", "形容詞")):
            return describes_noun(toks, j)
    return False


def _opens_past_relative(toks: list[Token], last: int) -> bool:
    """本日お約束していたバナーの納品が遅れます: a time with no particle after it, right before a
    past relative clause, is that clause's (the promise was made today); the main predicate
    gets no time from it. (明日までに修正した資料をお送りします keeps its time: まで is between.)"""
    from .clauses import describes_noun, predicate_end

    j = last + 1
    while j < len(toks) and toks[j].pos.startswith("接頭辞"):
        j += 1
    if j + 1 < len(toks) and toks[j].pos.startswith("名詞-普通名詞-サ変") and toks[j + 1].lemma in ("為る", "致す", "頂く", "下さる"):
        j += 1
    elif j >= len(toks) or not toks[j].pos.startswith("動詞"):
        return False
    return toks[predicate_end(toks, j)].lemma == "た" and describes_noun(toks, j)


def _compared(toks: list[Token], last: int) -> bool:
    """前回と同じデータで / 昨年と同様に: a time something is compared with is no time of the
    clause's act."""
    i = last + 1
    return (i + 1 < len(toks) and toks[i].surface == "と"
            and toks[i + 1].lemma in ("同じ", "同様", "同一", "比べる", "異なる", "違う"))


def _deadline_follows(toks: list[Token], last: int) -> bool:
    """明日の定例までに: a time that names an event which is itself a deadline is the time
    of the clause's action, not a mere attribute of the noun."""
    i = last + 1
    if i < len(toks) and toks[i].surface == "の":
        i += 1
    while i < len(toks) and toks[i].pos.startswith(("接頭辞", "名詞")) and not toks[i].pos.startswith("名詞-数詞"):
        i += 1
    return i > last + 2 and i < len(toks) and toks[i].lemma == "まで"


def compile_checked(spec: Spec | None, name: str, source: str) -> re.Pattern[str]:
    try:
        regex = compile_regex(source)
    except re.error as exc:
        spec.fail(f"invalid regular expression: {exc}", name)
    nested = None if spec is not None and _builtin(spec.file) else nested_unbounded_repeat(source)
    if nested:
        # Python's re has no timeout: `(a+)+$` on 40 characters never ends, in a pre-commit
        # hook too. Refusing the shape at load time is cheap and certain; a timeout (the
        # `regex` package) would be a new dependency and still stall every check by its limit.
        problem = (f"the regular expression can take exponential time: the repeated group "
                   f"{nested!r} repeats something that is itself repeated without bound; "
                   f"bound the inner repeat (e.g. {{1,20}}) or use a possessive/atomic form")
        if spec is None:
            from .errors import YoshinaniError

            raise YoshinaniError(f"{name}: {problem}")
        spec.fail(problem, name)
    return regex


def _builtin(file: str) -> bool:
    """Built-in rules are reviewed and benchmarked; the guard is for users' rule folders.
    (bot-like's long every_sentence regex has a repeat of the ambiguous shape, left to review.)"""
    from .loader import builtin_rules_dir

    return os.path.dirname(os.path.realpath(file)) == os.path.realpath(builtin_rules_dir())


def nested_unbounded_repeat(source: str) -> str | None:
    """The source text of an unbounded repeat that holds another unbounded repeat and can
    split the same text between its rounds in many ways (``(a+)+``, ``(?:x*y?)*``), else None.

    Exponential backtracking needs that ambiguity. A round that must contain a character the
    inner repeats cannot match (``(?:\\.\\w+)+``, ``(?:\\d+、)+``) has one split only and is
    allowed, as are possessive repeats and atomic groups, which never backtrack."""
    from re import _compiler, _constants as c, _parser

    try:
        tree = _parser.parse(source)
    except re.error:
        return None

    def unbounded(op, av) -> bool:
        return op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] == c.MAXREPEAT

    def children(op, av):
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            yield av[2]
        elif op == c.SUBPATTERN:
            yield av[3]
        elif op == c.BRANCH:
            yield from av[1]
        elif op in (c.ASSERT, c.ASSERT_NOT):
            yield av[1]
        elif op == c.GROUPREF_EXISTS:
            yield av[1]
            if av[2] is not None:
                yield av[2]

    def inner_repeats(items) -> list:
        found = []
        for op, av in items:
            if unbounded(op, av):
                found.append(av[2])
            for sub in children(op, av):
                found.extend(inner_repeats(sub))
        return found

    def separators(items) -> list[str]:
        """Characters every round must match (top-level literals of the round)."""
        chars = []
        for op, av in items:
            if op == c.LITERAL:
                chars.append(chr(av))
            elif op == c.SUBPATTERN:
                chars.extend(separators(av[3]))
        return chars

    def ambiguous(body) -> bool:
        inners = inner_repeats(body)
        if not inners:
            return False
        programs = [_compiler.compile(inner) for inner in inners]
        return not any(all(p.fullmatch(char) is None for p in programs) for char in separators(body))

    def find(items) -> bool:
        for op, av in items:
            if unbounded(op, av) and ambiguous(av[2]):
                return True
            if any(find(sub) for sub in children(op, av)):
                return True
        return False

    if not find(tree):
        return None
    # Name the offending group by its text where one parenthesized group alone trips the test.
    for m in re.finditer(r"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)[+*]", source):
        try:
            if find(_parser.parse(m.group())):
                return m.group()
        except re.error:
            continue
    return source


def build_pattern(spec: Spec) -> Pattern:
    kinds = [k for k in ("regex", "words", "tokens", "concept", "clause") if spec.has(k)]
    if len(kinds) != 1:
        spec.fail("a pattern needs exactly one of regex, words, tokens, concept, clause")
    kind = kinds[0]
    if kind == "concept":
        from .vocabulary import lookup

        pattern = ConceptPattern(lookup(spec.raw("concept"), spec.file, spec.rule, spec.key("concept")))
    elif kind == "clause":
        text = RegexPattern(spec.str("text"), spec, "text") if spec.has("text") else None
        pattern = ClausePattern(spec.child("clause"), text)
    elif kind == "regex":
        pattern: Pattern = RegexPattern(spec.str("regex"), spec)
    elif kind == "words":
        words = spec.list("words")
        if not all(isinstance(w, str) and w for w in words):
            spec.fail("must be a list of non-empty strings", "words")
        pattern = WordsPattern(words, spec.str("list", None))
    else:
        items = spec.list("tokens")
        text = RegexPattern(spec.str("text"), spec, "text") if spec.has("text") else None
        pattern = TokenPattern([TokenTest(spec.item("tokens", i, t)) for i, t in enumerate(items)], text)
    spec.reject_unknown()
    return pattern


def build_patterns(spec: Spec, name: str, required: bool = True) -> list[Pattern]:
    if not required and not spec.has(name):
        return []
    items = spec.list(name)
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str):  # shorthand: a bare string is a regex
            item = {"regex": item}
        out.append(build_pattern(spec.item(name, i, item)))
    return out


# ``quote_lacks``: the reply quotes the client ("> " lines) and no quoted sentence matches:
# 承知しました answers a notice, not a request, when the quote asks for nothing.
# ``around``: the sentence and the writer's next sentence (a refusal's reason is said in it or
# just after: …いたしかねます。規定のためです; a ので about something else elsewhere gives none),
# unless both are items of a list: the next item is another matter.
# ``document_but_other_items``: the whole reply, but for a sentence of a list item not the other
# items (・土曜の作業：対応不可 is not answered by ・追加の印刷：1部500円で承ります); an item is its line.
_SCOPES = ("sentence", "around", "document_but_other_items", "document", "quote_lacks")
PER_SENTENCE = ("sentence", "around", "document_but_other_items")


class Condition:
    def __init__(self, scope: str, patterns: list[Pattern]) -> None:
        self.scope, self.patterns = scope, patterns
        # Rules repeat conditions (no-cause and no-prevention share theirs; YAML anchors
        # repeat them inside a rule): the same regexes are decided once per reply.
        self.key = f"condition\x00{scope}\x00" + "\x01".join(str(getattr(p, "source", id(p))) for p in patterns)

    def holds_in(self, sentence: Sentence) -> bool:
        """The verdict for this sentence (sentence, around, document_but_other_items), decided once per sentence."""
        verdict = sentence.memo.get(self.key)
        if verdict is None:
            near = [sentence]
            if self.scope == "document_but_other_items" and sentence.doc is not None:
                doc = sentence.doc
                items = _item_lines(doc)
                if sentence.is_context or sentence.line not in items:
                    return self.holds_whole(doc)
                # each pattern on its own candidates, less those on the other items' lines
                verdict = sentence.memo[self.key] = any(
                    p.search(s) for p in self.patterns for s in p.candidates(doc)
                    if s.line == sentence.line or s.line not in items)
                return verdict
            if self.scope == "around" and sentence.doc is not None and not sentence.is_context:
                from .splice import is_list_item

                writer = sentence.doc.writer_sentences
                i = writer.index(sentence)
                near = writer[i:i + 2]
                if len(near) == 2 and is_list_item(near[0].text) and is_list_item(near[1].text):
                    near = near[:1]
            verdict = sentence.memo[self.key] = any(p.search(s) for p in self.patterns for s in near)
        return verdict

    def holds(self, doc: Document, sentence: Sentence | None) -> bool:
        if self.scope in PER_SENTENCE:
            return self.holds_in(sentence)
        return self.holds_whole(doc)

    def holds_whole(self, doc: Document) -> bool:
        """The reply-wide verdict, decided once per reply."""
        verdict = doc.cache.get(self.key)
        if verdict is None:
            if self.scope == "quote_lacks":
                quoted = doc.quoted_sentences
                verdict = bool(quoted) and not any(p.search(s) for p in self.patterns for s in quoted)
            else:
                verdict = any(p.search(s) for p in self.patterns for s in p.candidates(doc))
            doc.cache[self.key] = verdict
        return verdict


def _item_lines(doc: Document) -> frozenset[int]:
    """The lines of the reply that are list items (・, -, 1., ①): an item is its whole line,
    every sentence of it."""
    found = doc.cache.get(("item-lines",))
    if found is None:
        from .splice import is_list_item

        found = doc.cache[("item-lines",)] = frozenset(
            s.line for s in doc.writer_sentences if is_list_item(s.text))
    return found


def build_conditions(spec: Spec, name: str) -> list[Condition]:
    if not spec.has(name):
        return []
    items = spec.list(name)
    out = []
    for i, item in enumerate(items):
        sub = spec.item(name, i, item)
        scopes = [s for s in _SCOPES if sub.has(s)]
        if len(scopes) != 1:
            sub.fail("a condition needs exactly one of " + ", ".join(_SCOPES))
        out.append(Condition(scopes[0], build_patterns(sub, scopes[0])))
        sub.reject_unknown()
    return out

