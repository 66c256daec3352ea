"""Pattern primitives shared by every rule kind.

A pattern is one of
  ``{regex: ...}``   a regular expression over one sentence's text (a ``(?P<mark>...)`` group
                     narrows the highlighted span);
  ``{words: [...]}`` literal phrases, longest first (``list: NAME`` lets the config extend it);
  ``{tokens: [...]}`` a sequence of token tests on surface / lemma / pos / cform / ctype /
                     reading (exact, or ``*_re`` for a regular expression; pos, cform and ctype
                     also match by prefix: ``pos: 名詞`` matches every noun), with ``optional``,
                     ``skip: N`` (up to N free tokens before this one), ``mark`` (highlight
                     only marked tokens) and ``not`` (the token must fail the test).
Patterns match inside one sentence of the writer's own text.

A condition (``when`` / ``unless``) is ``{sentence: [patterns]}`` or ``{document: [patterns]}``:
it holds when any of its patterns matches in the same sentence, or anywhere in the reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from .spec import Spec

if TYPE_CHECKING:
    from .document import Document, Sentence
    from .tokens import Token


@dataclass(slots=True, frozen=True)
class Match:
    start: int  # whole match, document offsets
    end: int
    mark_start: int  # highlighted span
    mark_end: int
    regex_match: re.Match[str] | None = None  # for regex patterns: groups for replacements


class Pattern:
    needs_tokens = False

    def finditer(self, sentence: Sentence) -> Iterator[Match]:
        raise NotImplementedError

    def search(self, sentence: Sentence) -> bool:
        return next(iter(self.finditer(sentence)), None) is not None


class RegexPattern(Pattern):
    def __init__(self, regex: re.Pattern[str], source: str) -> None:
        self.regex, self.source = regex, source

    def finditer(self, sentence: Sentence) -> Iterator[Match]:
        base = sentence.start
        for m in self.regex.finditer(sentence.text):
            if m.end() == m.start():
                continue
            if "mark" in self.regex.groupindex and m.start("mark") >= 0:
                ms, me = m.span("mark")
            else:
                ms, me = m.span()
            yield Match(base + m.start(), base + m.end(), base + ms, base + me, m)

    def search(self, sentence: Sentence) -> bool:
        return self.regex.search(sentence.text) is not None


class WordsPattern(RegexPattern):
    """Literal phrases. A named ``list`` can be extended or trimmed by the user's config."""

    def __init__(self, words: list[str], list_name: str | None = None) -> None:
        self.words, self.list_name = list(dict.fromkeys(words)), list_name
        self._compile()

    def _compile(self) -> None:
        source = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))
        # An emptied list must match nothing, not everything.
        super().__init__(re.compile(source or r"(?!x)x"), source)

    def customize(self, add: list[str], remove: list[str]) -> None:
        self.words = [w for w in dict.fromkeys(self.words + add) if w not in set(remove)]
        self._compile()


_TOKEN_ATTRS = ("surface", "lemma", "pos", "cform", "ctype", "reading")
_PREFIX_ATTRS = {"pos", "cform", "ctype"}


class TokenTest:
    __slots__ = ("tests", "optional", "skip", "mark", "negate", "anchor")

    def __init__(self, spec: Spec) -> None:
        self.optional = spec.bool("optional", False)
        self.skip = spec.int("skip", 0)
        self.mark = spec.bool("mark", False)
        negated = spec.raw("not", None)
        self.negate = negated is not None
        body = Spec(negated, spec.file, spec.rule, spec.key("not")) if self.negate else spec
        self.tests: list[tuple[str, str, object]] = []
        for attr in _TOKEN_ATTRS:
            for name, how in ((attr, "exact"), (attr + "_re", "regex")):
                if not body.has(name):
                    continue
                value = body.raw(name)
                values = value if isinstance(value, list) else [value]
                if not values or not all(isinstance(v, str) and v for v in values):
                    body.fail("must be a string or a list of strings", name)
                if how == "regex":
                    self.tests.append((attr, how, _compile(body, name, "|".join(f"(?:{v})" for v in values))))
                elif attr in _PREFIX_ATTRS:
                    self.tests.append((attr, "prefix", tuple(values)))
                else:
                    self.tests.append((attr, how, frozenset(values)))
        if self.negate:
            body.reject_unknown()
        spec.reject_unknown()
        if not self.tests:
            spec.fail("a token test needs at least one of " + ", ".join(_TOKEN_ATTRS))
        # Exact surfaces or lemmas of a required first token let whole sentences be skipped.
        self.anchor: frozenset[str] | None = None
        if not self.negate:
            keys = [v for attr, how, v in self.tests if how == "exact" and attr in ("surface", "lemma")]
            if keys:
                self.anchor = frozenset().union(*keys)

    def __call__(self, tok: Token) -> bool:
        ok = True
        for attr, how, values in self.tests:
            value = getattr(tok, attr)
            if how == "exact":
                ok = value in values
            elif how == "prefix":
                ok = any(value == v or value.startswith(v + "-") for v in values)
            else:
                ok = values.fullmatch(value) is not None
            if not ok:
                break
        return ok != self.negate


class TokenPattern(Pattern):
    needs_tokens = True

    def __init__(self, elements: list[TokenTest]) -> None:
        self.elements = elements
        first = elements[0]
        self.anchor = first.anchor if not first.optional and first.skip == 0 else None

    def finditer(self, sentence: Sentence) -> Iterator[Match]:
        if self.anchor is not None and self.anchor.isdisjoint(sentence.keys):
            return
        toks = sentence.tokens
        i = 0
        while i < len(toks):
            found = self._match(toks, i, 0)
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

    def _match(self, toks: list[Token], i: int, k: int) -> tuple[int, list[int]] | None:
        if k == len(self.elements):
            return i, []
        element = self.elements[k]
        for j in range(i, min(i + element.skip, len(toks) - 1) + 1):
            if j < len(toks) and element(toks[j]):
                rest = self._match(toks, j + 1, k + 1)
                if rest is not None:
                    end, marks = rest
                    return end, ([j] + marks) if element.mark else marks
        if element.optional:
            return self._match(toks, i, k + 1)
        return None


def _compile(spec: Spec, name: str, source: str) -> re.Pattern[str]:
    try:
        return re.compile(source)
    except re.error as exc:
        spec.fail(f"invalid regular expression: {exc}", name)


def build_pattern(spec: Spec) -> Pattern:
    kinds = [k for k in ("regex", "words", "tokens") if spec.has(k)]
    if len(kinds) != 1:
        spec.fail("a pattern needs exactly one of regex, words, tokens")
    kind = kinds[0]
    if kind == "regex":
        source = spec.str("regex")
        pattern: Pattern = RegexPattern(_compile(spec, "regex", source), source)
    elif kind == "words":
        words = spec.list("words")
        if not all(isinstance(w, str) and w for w in words):
            spec.fail("must be a list of non-empty strings", "words")
        pattern = WordsPattern(words, spec.str("list", None))
    else:
        items = spec.list("tokens")
        pattern = TokenPattern([TokenTest(spec.item("tokens", i, t)) for i, t in enumerate(items)])
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


_SCOPES = ("sentence", "document")


class Condition:
    def __init__(self, scope: str, patterns: list[Pattern]) -> None:
        self.scope, self.patterns = scope, patterns

    def holds(self, doc: Document, sentence: Sentence) -> bool:
        if self.scope == "sentence":
            return any(p.search(sentence) for p in self.patterns)
        cache = doc.cache
        key = id(self)
        if key not in cache:
            cache[key] = any(p.search(s) for s in doc.writer_sentences for p in self.patterns)
        return cache[key]


def build_conditions(spec: Spec, name: str) -> list[Condition]:
    if not spec.has(name):
        return []
    items = spec.list(name)
    out = []
    for i, item in enumerate(items):
        sub = spec.item(name, i, item)
        scopes = [s for s in _SCOPES if sub.has(s)]
        if len(scopes) != 1:
            sub.fail("a condition needs exactly one of sentence, document")
        out.append(Condition(scopes[0], build_patterns(sub, scopes[0])))
        sub.reject_unknown()
    return out


def overlaps(a: Match, start: int, end: int) -> bool:
    return a.start < end and start < a.end
