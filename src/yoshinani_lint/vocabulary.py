"""The shared vocabulary: named concepts that every rule, built-in or a user's, uses by name.

A concept file (``rules/vocabulary/<name>.yml``) says once what, say, "an apology" or "a
concrete time" is, so that rules stop copying word lists and regexes into each other:

    concept: apology
    description: 謝罪の言葉
    lemmas: [詫びる]                       # any one token with one of these lemmas
    tokens:                               # token sequences (the rules' token syntax)
      - [{lemma: 申し訳}, {lemma: 無い}]
    words: [失礼いたしました]               # literal text, where morphology adds nothing
    regex: '...'                          # the exception: short, with a comment
    concepts: [cushion-apology]           # other concepts this one includes
    examples:
      match: [申し訳ございません。]         # each must contain a match ...
      no_match: [申し訳ないくらい美味しい。]  # ... and none of these
Any of lemmas / tokens / words / regex / concepts may be given; a match of any is a match of
the concept. Rules use a concept as a pattern (``{concept: apology}``), as one element of a
token sequence (``tokens: [{concept: apology}, {lemma: が}]``), and the clause layer reads the
time concepts (``time-concrete``, ``time-vague``, ``time-past``) to class a clause's times.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; annotations are never evaluated

from collections.abc import Iterator

from .errors import RuleError
from .matching import (VOCABULARY_EDITS, Pattern, RegexPattern, TokenPattern, TokenTest,
                       WordsPattern, build_pattern)
from .spec import Spec

if TYPE_CHECKING:
    from .document import Sentence

_KEYS = {"concept", "description", "lemmas", "tokens", "words", "regex", "concepts", "examples"}

# name -> Concept, for the rule set being loaded (built-in concepts plus the user's)
CONCEPTS: dict[str, Concept] = {}


class Concept:
    def __init__(self, name: str, description: str, alternatives: list[tuple[str, Pattern]],
                 includes: list[str], examples: dict[str, list[str]], file: str) -> None:
        self.name, self.description, self.file = name, description, file
        self.alternatives = alternatives  # (key in the file, pattern), for error messages
        self.include_names = includes
        self.includes: list[Concept] = []  # resolved once every concept is built
        self.examples = examples
        self._memo_key = "concept\x00" + name
        self._key_memo: tuple[int, frozenset[str] | None] | None = None
        self.index: AlternativeIndex = AlternativeIndex([self])  # install() shares one

    def __repr__(self) -> str:
        return f"Concept({self.name!r})"

    def patterns(self) -> list[Pattern]:
        return [p for _, p in self.alternatives]

    def spans(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Character spans (document offsets) of the concept in a sentence, in text order."""
        memo = sentence.memo
        found = memo.get(self._memo_key)
        if found is None:
            keys = self._keys()
            if keys is not None and keys.isdisjoint(sentence.keys):
                # none of the words every match needs: most concepts, in most sentences
                found = memo[self._memo_key] = []
                return found
            # a sequence's marked elements are the concept; the rest is the context it needs
            # (this-message: …決まりましたので、[ご連絡いたします。])
            spans = {(m.mark_start, m.mark_end) for p in self.index.runnable(self, sentence) for m in p.finditer(sentence)}
            for other in self.includes:
                spans.update(other.spans(sentence))
            found = memo[self._memo_key] = _merged(sorted(spans))
        return found

    def token_ends(self, sentence: Sentence) -> dict[int, list[int]]:
        """Token index where a match starts -> token indexes just past its possible ends
        (longest first), for the concept as one element of a token sequence."""
        key = ("tokens", self._memo_key)
        memo = sentence.memo
        found = memo.get(key)
        if found is None:
            found = {}
            toks = sentence.tokens
            starts = {t.start: i for i, t in enumerate(toks)}
            ends = {t.end: i + 1 for i, t in enumerate(toks)}
            for start, end in self.spans(sentence):
                # a regex or word match that cuts a token in two is no token sequence
                if start in starts and end in ends:
                    found.setdefault(starts[start], []).append(ends[end])
            for value in found.values():
                value.sort(reverse=True)
            memo[key] = found
        return found

    def candidates(self, doc) -> list[Sentence]:
        """The writer's sentences that may hold the concept (literal prefilters where every
        alternative has one; otherwise every sentence)."""
        found = doc.cache.get(self._memo_key)
        if found is None:
            found = doc.cache[self._memo_key] = self._candidates(doc)
        return found

    def _candidates(self, doc) -> list[Sentence]:
        keys = self._keys()
        if keys is not None:  # one look-up in the reply's word index, not one per alternative
            return doc.sentences_with_keys((keys,), doc.writer_sentences)
        chosen: set[int] = set()
        for pattern in self.patterns():
            found = pattern.candidates(doc)
            if found is doc.writer_sentences:
                return found
            chosen.update(id(s) for s in found)
        for other in self.includes:
            found = other.candidates(doc)
            if found is doc.writer_sentences:
                return found
            chosen.update(id(s) for s in found)
        return [s for s in doc.writer_sentences if id(s) in chosen]

    def regex_sources(self) -> list[str]:
        return [src for p in self.patterns() for src in p.regex_sources()]

    def _keys(self) -> frozenset[str] | None:
        """anchor_keys, worked out once per vocabulary state (the config may edit it)."""
        if self._key_memo is None or self._key_memo[0] != VOCABULARY_EDITS[0]:
            self._key_memo = (VOCABULARY_EDITS[0], self.anchor_keys())
        return self._key_memo[1]

    def anchor_keys(self) -> frozenset[str] | None:
        """Surfaces and lemmas one of which every match of the concept holds, so that a token
        pattern using it can skip a sentence without them; None when an alternative (words,
        regex, a pattern with no fixed first token) could match anything."""
        keys: set[str] = set()
        for pattern in self.patterns():
            anchor = pattern.key_set() if isinstance(pattern, TokenPattern) else None
            if anchor is None:
                return None
            keys |= anchor
        for other in self.includes:
            anchor = other.anchor_keys()
            if anchor is None:
                return None
            keys |= anchor
        return frozenset(keys)

    def customize(self, add: list[str], remove: list[str]) -> None:
        """A user's config adds literal words to the concept or removes words, lemmas and
        one-token surfaces."""
        removed = set(remove)
        kept = []
        for key, pattern in self.alternatives:
            if isinstance(pattern, WordsPattern):
                pattern.customize([], remove)
            elif isinstance(pattern, TokenPattern) and len(pattern.elements) == 1:
                # a one-token alternative (``lemmas``, or a list of surfaces such as jargon's)
                # loses the removed words from its exact lemma and surface tests
                test = pattern.elements[0]
                test.tests = [(attr, how, frozenset(v for v in values if v not in removed))
                              if how == "exact" and attr in ("lemma", "surface") else (attr, how, values)
                              for attr, how, values in test.tests]
                test.anchor = frozenset(test.anchor - removed) if test.anchor else test.anchor
            kept.append((key, pattern))
        if add:
            kept.append((f"{self.name}.config.add", WordsPattern(list(add))))
        self.alternatives = kept
        VOCABULARY_EDITS[0] += 1  # anchors computed from the old concept are stale


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Touching or overlapping matches are one occurrence: 〇月 〇日 〇時 is one time."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def build_concept(data: object, file: str) -> Concept:
    name = data.get("concept") if isinstance(data, dict) else None
    spec = Spec(data, file, f"concept {name}" if isinstance(name, str) else None)
    name = spec.str("concept")
    if not all(c.isascii() and (c.isalnum() or c == "-") for c in name) or not name[0].isalpha():
        spec.fail("must be lower-case words joined by '-' (e.g. concrete-time)", "concept")
    alternatives: list[tuple[str, Pattern]] = []
    if spec.has("lemmas"):
        lemmas = spec.list("lemmas")
        if not all(isinstance(x, str) and x for x in lemmas):
            spec.fail("must be a list of non-empty strings", "lemmas")
        element = TokenTest(Spec({"lemma": lemmas}, file, spec.rule, spec.key("lemmas")))
        alternatives.append((spec.key("lemmas"), TokenPattern([element])))
    if spec.has("tokens"):
        for i, seq in enumerate(spec.list("tokens")):
            key = f"{spec.key('tokens')}[{i}]"
            if not isinstance(seq, list) or not seq:
                spec.fail("must be a non-empty list of token tests", f"tokens[{i}]")
            alternatives.append((key, build_pattern(Spec({"tokens": seq}, file, spec.rule, key))))
    if spec.has("words"):
        words = spec.list("words")
        if not all(isinstance(w, str) and w for w in words):
            spec.fail("must be a list of non-empty strings", "words")
        alternatives.append((spec.key("words"), WordsPattern(words)))
    if spec.has("regex"):
        alternatives.append((spec.key("regex"), RegexPattern(spec.str("regex"), spec)))
    includes = spec.list("concepts", [])
    if not all(isinstance(x, str) for x in includes):
        spec.fail("must be a list of concept names", "concepts")
    spec.reject_unknown(_KEYS)
    if not alternatives and not includes:
        spec.fail("a concept needs at least one of lemmas, tokens, words, regex, concepts")
    examples = spec.child("examples")
    match, no_match = examples.list("match"), examples.list("no_match", [])
    for key, items in (("match", match), ("no_match", no_match)):
        if not all(isinstance(x, str) and x.strip() for x in items):
            examples.fail("must be a list of non-empty strings", key)
    examples.reject_unknown({"match", "no_match"})
    spec.str("description")
    spec.reject_unknown(_KEYS)
    return Concept(name, data["description"], alternatives, includes,
                   {"match": match, "no_match": no_match}, file)


class PendingConcept:
    """A concept named by an element of another concept's token sequence. Concept files are
    read in name order, so the one named may come later: it is looked up at ``install``."""

    __slots__ = ("name", "file", "rule", "key")

    def __init__(self, name: object, file: str, rule: str | None, key: str) -> None:
        self.name, self.file, self.rule, self.key = name, file, rule, key


def element_concept(name: object, file: str, rule: str | None, key: str) -> Concept | PendingConcept:
    if rule is not None and rule.startswith("concept "):
        return PendingConcept(name, file, rule, key)
    return lookup(name, file, rule, key)


def _element_tests(concept: Concept) -> list[TokenTest]:
    tests = [e for p in concept.patterns() if isinstance(p, TokenPattern) for e in p.elements]
    return tests + [e.barrier for e in tests if e.barrier is not None]


class AlternativeIndex:
    """Speed: which concept alternatives can match a sentence, read off one inverted index
    (a required surface or lemma -> the token sequences needing it) with one pass over the
    sentence's words, instead of asking each of some 400 alternatives in turn (on the
    benchmark's replies that spares ~200 calls per sentence). One per installed concept set:
    rules loaded earlier keep the index of their own concepts. Alternatives are named by their
    place in one list, not by id(), so the built index is stored with the rule cache and a
    cached run does not build it again (~2.4 ms of a cold check)."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.concepts = concepts
        self.state: int | None = None
        self.by_key: dict[str, set[int]] = {}
        self._memo_key = ("alternatives", id(self))

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_memo_key"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._memo_key = ("alternatives", id(self))

    def present(self, sentence: Sentence) -> set[int]:
        """Numbers of the alternatives whose required words the sentence holds (those that need
        no particular word, regexes, words, parts of speech, are run everywhere)."""
        found = sentence.memo.get(self._memo_key)
        if found is None:
            if self.state != VOCABULARY_EDITS[0]:
                self._build(VOCABULARY_EDITS[0])
            by_key = self.by_key
            found = set()
            for key in sentence.keys:
                ids = by_key.get(key)
                if ids:
                    found.update(ids)
            sentence.memo[self._memo_key] = found
        return found

    def runnable(self, concept: Concept, sentence: Sentence) -> list[Pattern]:
        """The alternatives of ``concept`` that can match in the sentence: those whose words
        it holds, and those that need none. (Speed: one set intersection per concept rather
        than two membership tests per alternative.)"""
        present = self.present(sentence)
        keyed, always = self.by_concept[concept]
        run = self.pattern_of
        return [run[i] for i in present & keyed] + always if keyed else always

    def _build(self, state: int) -> None:
        by_key: dict[str, set[int]] = {}
        self.pattern_of: list[Pattern] = []  # an alternative's number -> the alternative
        # concept -> (numbers of its alternatives that need a word, those that need none)
        self.by_concept: dict[Concept, tuple[frozenset[int], list[Pattern]]] = {}
        for concept in self.concepts:
            keyed, free = set(), []
            for pattern in concept.patterns():
                keys = pattern.key_set() if isinstance(pattern, TokenPattern) else None
                if keys is None:
                    free.append(pattern)
                else:
                    number = len(self.pattern_of)
                    self.pattern_of.append(pattern)
                    keyed.add(number)
                    for key in keys:
                        by_key.setdefault(key, set()).add(number)
            self.by_concept[concept] = (frozenset(keyed), free)
        self.state, self.by_key = state, by_key


def install(concepts: list[Concept], proven: bool = False) -> None:
    """Make these the concepts rules can name; names are unique, includes must exist and
    must not loop. ``proven``: a set read back from the rule cache, installed and checked
    when it was stored, its references resolved and its index built: only named again."""
    CONCEPTS.clear()
    if proven:
        CONCEPTS.update((concept.name, concept) for concept in concepts)
        return
    for concept in concepts:
        if concept.name in CONCEPTS:
            raise RuleError(concept.file, f"concept {concept.name}", "concept",
                            f"duplicate concept name (also in {CONCEPTS[concept.name].file})")
        CONCEPTS[concept.name] = concept
    for concept in concepts:
        concept.includes = [lookup(name, concept.file, f"concept {concept.name}", "concepts")
                            for name in concept.include_names]
        for test in _element_tests(concept):
            ref = test.concept
            if isinstance(ref, PendingConcept):
                test.concept = lookup(ref.name, ref.file, ref.rule, ref.key)
    for concept in concepts:
        _check_no_loop(concept, [])
    index = AlternativeIndex(concepts)
    for concept in concepts:
        concept.index = index


def _check_no_loop(concept: Concept, path: list[str]) -> None:
    if concept.name in path:
        raise RuleError(concept.file, f"concept {concept.name}", "concepts",
                        "concepts include each other in a loop: " + " → ".join(path + [concept.name]))
    named = [t.concept for t in _element_tests(concept) if t.concept is not None]
    for other in dict.fromkeys(concept.includes + named):
        _check_no_loop(other, path + [concept.name])


def lookup(name: object, file: str, rule: str | None, key: str) -> Concept:
    concept = CONCEPTS.get(name) if isinstance(name, str) else None
    if concept is None:
        from .engine import did_you_mean

        raise RuleError(file, rule, key, f"unknown concept {name!r}{did_you_mean(str(name), CONCEPTS)}")
    return concept


def prove_concept(concept: Concept) -> None:
    """Each 'match' example holds the concept, no 'no_match' example does, and every
    alternative matches one of the 'match' examples (else it is dead weight or broken)."""
    for problem in concept_problems(concept):
        raise problem


def concept_problems(concept: Concept) -> Iterator[RuleError]:
    """Every way the concept fails its proof (``yoshinani test-rules`` lists them all)."""
    from .document import Document

    rule = f"concept {concept.name}"
    matched_docs = []
    for kind in ("match", "no_match"):
        for i, text in enumerate(concept.examples[kind]):
            doc = Document(text)
            hits = [(s, span) for s in doc.writer_sentences for span in concept.spans(s)]
            if kind == "match":
                matched_docs.append(doc)
                if not hits:
                    yield RuleError(concept.file, rule, f"examples.match[{i}]",
                                    f"the concept does not match its own example: {text.strip()[:40]!r}")
            elif hits:
                start, end = hits[0][1]
                yield RuleError(concept.file, rule, f"examples.no_match[{i}]",
                                f"the concept matches its own no_match example at {doc.text[start:end]!r}")
    for key, pattern in concept.alternatives:
        if not any(pattern.search(s) for doc in matched_docs for s in doc.writer_sentences):
            yield RuleError(concept.file, rule, key,
                            "matches none of the concept's match examples: add an example it catches")
