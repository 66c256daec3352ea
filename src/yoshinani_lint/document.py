"""The reply as rules see it: lines, sentences, and which lines are not the writer's words.

Offsets are character offsets into the original text (after BOM removal), so that findings
and fixes point at the text the user wrote, CRLF line endings included.
"""

from __future__ import annotations

import bisect
from array import array

from .sre_cache import lazy

TYPE_CHECKING = False  # typing costs start-up time; annotations are never evaluated

if TYPE_CHECKING:
    from .tokens import Token

# A sentence ends after a run of terminal punctuation and any closing brackets that follow it.
# In chat an emoji and a blank end one too: 厳しいかもです💦 明日送りますね！ is two sentences.
_SENTENCE_END = lazy(r"[。！？!?]+[」』）)】〕\]]*|[\U0001F300-\U0001FAFF]+(?=[ \t　])")
_QUOTE = lazy(r"[ \t　]*[>＞]")
_HTML_COMMENT = lazy(r"[ \t]*<!--.*-->[ \t]*")  # Markdown comments: never sent
# A signature starts at "-- " (RFC 3676) or at a ruled line, as Japanese signatures usually do.
_SIGNATURE_SEPARATOR = lazy(r"--[ \t]*|[ \t　]*(?:[-－―─━=＝_＿*＊~〜]{3,}|[―─━]{2,})[ \t　]*")
# An Outlook-style quoted message starts with a From line below the writer's text.
_FROM_HEADER = lazy(r"[ \t　]*(?:From|差出人|送信者)[ \t]*[:：]")
# Pasted e-mail headers: never the writer's words.
_HEADER = lazy(
    r"[ \t　]*(?:件名|Subject|宛先|To|Cc|CC|Bcc|BCC|From|差出人|送信者|送信日時|Date|日付|Sent)[ \t]*[:：]"
)
# The line that introduces a quoted thread: everything after it is the client's earlier mail.
_THREAD_START = lazy(
    r"(?i).*(?:wrote|書きました|のメッセージ)[ \t]*[:：][ \t]*"  # Gmail, Apple Mail, Thunderbird
    r"|[ \t]*-{2,}[ \t]*(?:Original Message|Forwarded message|元のメッセージ|転送されたメッセージ)[ \t]*-{2,}[ \t]*"
    r"|\d{4}年\d{1,2}月\d{1,2}日.*<[^<>@\s]+@[^<>\s]+>[ \t]*[:：]?[ \t]*",  # Gmail (ja)
)


class Sentence:
    # Plain classes with __slots__ rather than dataclasses throughout the check path:
    # importing dataclasses (and inspect with it) costs more start-up than the check.
    __slots__ = ("start", "end", "text", "line", "is_context", "doc", "_tokens", "_keys", "_clauses",
                 "memo")

    def __init__(self, start: int, end: int, text: str, line: int, is_context: bool) -> None:
        self.start, self.end, self.text = start, end, text
        self.line = line  # 0-based line index
        self.is_context = is_context  # quoted client text or signature: context, never flagged
        self.doc: Document | None = None
        self._tokens: list[Token] | None = None
        self._keys: frozenset[str] | None = None
        self._clauses: list | None = None
        # Per-sentence memo of what rules share: concept spans, antipattern matches, times.
        self.memo: dict[object, object] = {}

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, {self.text!r}, context={self.is_context})"

    @property
    def tokens(self) -> list[Token]:
        """Tokens of the sentence, made on first use: most sentences are decided by regex
        prefilters alone, and tokenizing is the largest cost of a check."""
        if self._tokens is None:
            if self.doc is None:
                return []
            self.doc.tokenize_line(self.line)
        return self._tokens

    @property
    def clauses(self) -> list:
        """The sentence's clauses with their features (clauses.py), made on first use."""
        if self._clauses is None:
            from .clauses import split_clauses

            self._clauses = split_clauses(self.tokens)
        return self._clauses

    @property
    def is_split(self) -> bool:
        """Are the clauses made already?"""
        return self._clauses is not None

    @property
    def keys(self) -> frozenset[str]:
        """Surfaces and lemmas in the sentence: a cheap pre-filter for token patterns."""
        if self._keys is None:
            keys = set()
            for tok in self.tokens:
                keys.add(tok.surface)
                keys.add(tok.lemma)
            self._keys = frozenset(keys)
        return self._keys


class Line:
    __slots__ = ("start", "end", "text", "is_context")

    def __init__(self, start: int, end: int, text: str, is_context: bool) -> None:
        self.start, self.end = start, end  # end: exclusive, before the line break
        self.text, self.is_context = text, is_context


def context_line_flags(lines: list[str], markdown: bool = False) -> list[bool]:
    """Mark lines that are not the writer's words: pasted headers, quoted lines, the quoted
    thread after an attribution line, and the signature block (and in Markdown, code)."""
    flags = [False] * len(lines)
    rest_is_context = False
    # Markdown front matter ("---" ... "---" at the top) is metadata, not a signature.
    front_matter_end = -1
    if lines and lines[0].strip() == "---":
        front_matter_end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), -1)
    after = _LinesAfter(lines)
    writer_seen = False
    for i, text in enumerate(lines):
        if i <= front_matter_end:
            flags[i] = True
        elif rest_is_context:
            flags[i] = True
        elif (_THREAD_START.fullmatch(text) or (writer_seen and _FROM_HEADER.match(text))
              or (_SIGNATURE_SEPARATOR.fullmatch(text) and _ends_the_reply(lines, i, after))):
            rest_is_context = True
            flags[i] = True
        elif _QUOTE.match(text) or _HEADER.match(text) or _HTML_COMMENT.fullmatch(text):
            flags[i] = True
        elif text.strip():
            writer_seen = True
    if markdown:
        _add_markdown_context(lines, flags)
    return flags


def _add_markdown_context(lines: list[str], flags: list[bool]) -> None:
    """Code blocks, multi-line comments and link definitions of a Markdown draft."""
    from .markdown import context_lines

    for i, is_code in enumerate(context_lines(lines)):
        flags[i] = flags[i] or is_code


# A signature is a few lines at the end, mostly not sentences; a ruled line followed by a
# section of prose is a Markdown thematic break (---, ***), not the start of a signature.
_MAX_SIGNATURE_LINES = 12
_SENTENCE_LINE_ENDS = ("。", "！", "？", "!", "?")


class _LinesAfter:
    """Counts of the non-blank lines after each line, and of those that end like a sentence.

    Made once per document (on the first ruled line), so that a draft of many ruled lines is
    decided in linear time instead of rescanning the rest of the draft at each of them."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.rest: array | None = None  # arrays of machine ints: a 10 MB draft has 10^6 lines
        self.sentences: array | None = None

    def __getitem__(self, index: int) -> tuple[int, int]:
        if self.rest is None:
            n = len(self.lines)
            rest, sentences = array("q", bytes(8 * (n + 1))), array("q", bytes(8 * (n + 1)))
            for i in range(n - 1, -1, -1):  # rest[i]: non-blank lines from line i on
                line = self.lines[i].strip()
                rest[i] = rest[i + 1] + (1 if line else 0)
                sentences[i] = sentences[i + 1] + (1 if line and line.endswith(_SENTENCE_LINE_ENDS) else 0)
            self.rest, self.sentences = rest, sentences
        return self.rest[index + 1], self.sentences[index + 1]


def _ends_the_reply(lines: list[str], index: int, after: _LinesAfter | None = None) -> bool:
    if lines[index].strip() == "--":  # RFC 3676: always a signature
        return True
    # names, company, address, phone: mostly lines that are not sentences
    rest, sentences = (after or _LinesAfter(lines))[index]
    return rest <= _MAX_SIGNATURE_LINES and sentences * 2 < max(rest, 1)


# Line ends for context marking: LF, CRLF, a lone CR (classic Mac OS), and the Unicode line
# and paragraph separators, NEL, form feed and vertical tab. A quoted line after any of them
# is still quoted. Offsets stay those of the original text: the breaks are never rewritten.
_LINE_BREAK = lazy("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")


class Document:
    def __init__(self, text: str, markdown: bool = False, context: list[bool] | None = None) -> None:
        """``markdown``: the draft is Markdown (code, comments and URLs are not prose);
        ``context``: which lines are not the writer's, when the caller has decided it over a
        larger text this one is a part of (parts.py)."""
        self.text = text
        self.markdown = markdown
        self.line_starts: list[int] = []
        self.lines: list[Line] = []
        offset = 0
        contents = []
        for brk in _LINE_BREAK.finditer(text):
            self.line_starts.append(offset)
            contents.append(text[offset:brk.start()])
            offset = brk.end()
        self.line_starts.append(offset)
        contents.append(text[offset:])
        flags = context_line_flags(contents, markdown) if context is None else context
        if markdown:  # inline code and URLs: masked for the rules, offsets unchanged
            from .markdown import mask_inline

            contents = [mask_inline(content) for content in contents]
        for start, content, is_context in zip(self.line_starts, contents, flags):
            self.lines.append(Line(start, start + len(content), content, is_context))
        self.sentences: list[Sentence] = []
        self._by_line: dict[int, list[Sentence]] = {}
        for index, line in enumerate(self.lines):
            found = _split_sentences(line, index)
            for sentence in found:
                sentence.doc = self
            self._by_line[index] = found
            self.sentences.extend(found)
        self.writer_sentences = [s for s in self.sentences if not s.is_context]
        # Per-reply memo: candidate sentences per literal set, reply-wide condition verdicts,
        # the joined writer text (each with its own kind of key, see matching and rule).
        self.cache: dict[object, object] = {}

    @property
    def quoted_sentences(self) -> list[Sentence]:
        """Sentences of the client's quoted lines ("> "), read as context by some conditions."""
        quoted = self.cache.get(("quoted",))
        if quoted is None:
            quoted = self.cache[("quoted",)] = [
                s for s in self.sentences if s.is_context and _QUOTE.match(self.lines[s.line].text)]
        return quoted

    @property
    def writer_blob(self) -> str:
        """The writer's sentences joined by newlines, for literal prefilters (made once)."""
        # Keys of other users of the cache are strings or ("allowed", id) pairs: never these.
        blob = self.cache.get(("blob",))
        if blob is None:
            blob = self.cache[("blob",)] = "\n".join(s.text for s in self.writer_sentences)
            owner: list[int] = []  # blob offset -> index of its writer sentence
            for index, sentence in enumerate(self.writer_sentences):
                owner.extend([index] * (len(sentence.text) + 1))
            self.cache[("blob_owner",)] = owner
        return blob

    def sentences_at(self, blob_matches) -> list[Sentence]:
        """The writer sentences holding these matches in ``writer_blob``, in text order."""
        owner = self.cache[("blob_owner",)]
        indexes = sorted({owner[m.start()] for m in blob_matches})
        return [self.writer_sentences[i] for i in indexes]

    def sentences_with_keys(self, required: tuple[frozenset[str], ...], among: list[Sentence]
                            ) -> list[Sentence]:
        """The sentences of ``among`` that hold a surface or lemma of every set in
        ``required`` (token and clause patterns' prefilter, see matching.py).

        Speed: decided once per reply and key tuple from an inverted index of the writer's
        words, so a pattern costs nothing on the sentences that lack its words; asking each
        sentence in turn was ~90 calls per sentence on the benchmark's replies."""
        index = self.cache.get(("key-index",))
        if among is not self.writer_sentences and index is None:
            # a text prefilter chose these: test only them, so no other sentence is tokenized
            return [s for s in among if not any(keys.isdisjoint(s.keys) for keys in required)]
        if index is None:
            index = self._key_index()
        # Speed: most patterns' words are nowhere in a given reply; one C-level test per key
        # set says so (a reply checks ~80 token and clause patterns).
        words = self.cache[("key-set",)]
        for keys in required:
            if keys.isdisjoint(words):
                return []
        if among is not self.writer_sentences:
            return [s for s in among if not any(keys.isdisjoint(s.keys) for keys in required)]
        found = self.cache.get(required)  # (no other cache key is a tuple of frozensets)
        if found is None:
            # Speed: each word maps to a bit mask of the writer sentences holding it, and a
            # key set is first cut to the words this reply has (one C-level intersection), so
            # a set of ~100 verbs costs a few look-ups, not ~100.
            mask = -1
            for keys in required:
                holding = 0
                for key in index.keys() & keys:  # iterates the smaller of the two
                    holding |= index[key]
                mask &= holding
            writer = self.writer_sentences
            if mask < 0:  # no key set asked for
                found = list(writer)
            else:  # bin() is linear in the sentences, a shift per bit would be quadratic
                found = [writer[i] for i, bit in enumerate(bin(mask)[:1:-1]) if bit == "1"]
            self.cache[required] = found
        return found

    def lacks_keys(self, required: tuple[frozenset[str], ...]) -> bool:
        """Does the writer's text miss every word of one of these sets? (False until the
        word index is made: then nothing is tokenized for the answer.)"""
        words = self.cache.get(("key-set",))
        if words is not None:
            for keys in required:
                if keys.isdisjoint(words):
                    return True
        return False

    def _key_index(self) -> dict[str, int]:
        """Word (surface or lemma) -> bit mask of the writer sentences holding it."""
        index: dict[str, int] = {}
        for bit, sentence in enumerate(self.writer_sentences):
            for key in sentence.keys:
                index[key] = index.get(key, 0) | (1 << bit)
        self.cache[("key-index",)] = index
        self.cache[("key-set",)] = frozenset(index)
        return index

    def release(self) -> None:
        """Done with this reply: its sentences forget it, and the per-reply memo goes.

        Speed: a sentence points back at its document (to tokenize its line on demand) and the
        memo holds sentences, so a reply's whole analysis is a reference cycle that only the
        cycle collector frees, and a folder run kept hundreds of them alive for it to scan
        again and again. Cut here, each reply is freed as soon as it is checked (1,000 replies,
        serial: 1.91 -> 1.75 s). Tokens already made stay; a sentence asked for its tokens
        afterwards has none."""
        for sentence in self.sentences:
            sentence.doc = None
            sentence.memo = {}
        self.cache = {}

    def tokenize(self) -> None:
        """Tokenize every writer sentence now (otherwise each line is tokenized on demand)."""
        for sentence in self.writer_sentences:
            sentence.tokens  # noqa: B018 (the property fills the line's sentences)

    def tokenize_line(self, line_index: int) -> None:
        from .tokens import tokenize

        line = self.lines[line_index]
        tokens = tokenize(line.text, line.start)
        k = 0
        for sentence in self._by_line.get(line_index, []):
            while k < len(tokens) and tokens[k].start < sentence.start:
                k += 1
            begin = k
            while k < len(tokens) and tokens[k].start < sentence.end:
                k += 1
            sentence._tokens = tokens[begin:k]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, counted in characters."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1



def _split_sentences(line: Line, index: int) -> list[Sentence]:
    text = line.text
    sentences = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _append(sentences, line, index, pos, m.end())
        pos = m.end()
    _append(sentences, line, index, pos, len(text))
    return sentences


def _append(out: list[Sentence], line: Line, index: int, begin: int, end: int) -> None:
    # Leading spaces belong to no sentence, so a highlight never starts on indentation.
    chunk = line.text[begin:end]
    # (a BOM the caller left at the start of the text is no part of a sentence either: offsets
    # stay those of the text as passed in, and fix / rewrite leave the BOM where it is)
    stripped = chunk.lstrip(" \t　\ufeff")
    begin += len(chunk) - len(stripped)
    stripped = stripped.rstrip(" \t　")
    if not stripped:
        return
    start = line.start + begin
    out.append(Sentence(start, start + len(stripped), stripped, index, line.is_context))
