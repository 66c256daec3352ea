"""Markdown drafts: what is never the writer's prose to a reader is context, never flagged.

Whole lines: fenced code blocks (``` / ~~~), indented code blocks, HTML comments (also over
several lines) and link reference definitions. Inside a line: inline code and link or image
URLs are masked, so that no rule matches there while every offset stays where it was.
(Front matter is handled for every draft in document.py.)
"""

from __future__ import annotations

import re

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"(?: {4}|\t)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S+")
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
# `code`, ``code with ` inside``, the (url "title") of [text](url) and ![alt](src), <https://…>, bare URLs
_INLINE = re.compile(r"(`+)(?:(?!\1).)+?\1|(?<=\])\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+\"[^\"]*\")?\)"
                     r"|<(?:https?|mailto|ftp):[^<>\s]+>|(?:https?|ftp)://[^\s<>()（）「」、。]+")
# A masked character: no rule's pattern names it, it is neither space nor punctuation (so it
# neither ends nor splits a sentence), and it has the width of one character.
MASK = "\ue000"


def context_lines(lines: list[str]) -> list[bool]:
    """Lines of a Markdown draft that are code, comments or link definitions."""
    flags = [False] * len(lines)
    fence: str | None = None
    in_comment = False
    previous_blank, in_list = True, False
    for i, text in enumerate(lines):
        if fence is not None:  # inside a fenced block, up to a closing fence of the same kind
            flags[i] = True
            m = _FENCE.match(text)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not text[m.end():].strip():
                fence = None
            continue
        if in_comment:
            flags[i] = True
            in_comment = _COMMENT_CLOSE not in text
            continue
        m = _FENCE.match(text)
        if m and not (m.group(1)[0] == "`" and "`" in text[m.end():]):
            fence, flags[i] = m.group(1), True
        elif text.lstrip().startswith(_COMMENT_OPEN) and _COMMENT_CLOSE not in text[text.index(_COMMENT_OPEN):]:
            in_comment = flags[i] = True
        elif _INDENTED.match(text) and text.strip() and (previous_blank or (i and flags[i - 1])) and not in_list:
            flags[i] = True  # an indented code block starts after a blank line, outside lists
        elif _REFERENCE.fullmatch(text.rstrip()):
            flags[i] = True
        if text.strip():
            if not flags[i]:
                in_list = bool(_LIST_ITEM.match(text)) or (in_list and not previous_blank)
        previous_blank = not text.strip()
    return flags


def mask_inline(text: str) -> str:
    """The text with inline code and URLs replaced by MASK characters, offsets unchanged."""
    if "`" not in text and "](" not in text and "://" not in text and "<" not in text:
        return text
    return _INLINE.sub(lambda m: MASK * len(m.group(0)), text)


def unmask(findings, text: str):
    """Findings as the writer wrote it: the sentence and the quoted words with their code and
    URLs back, and in a fix the masked code put back where it was. A fix that moved or cut
    masked code is dropped: writing it would lose the writer's code."""
    for f in findings:
        masked_sentence = f.sentence
        if MASK not in masked_sentence:
            continue
        original = text[f.sentence_start:f.sentence_start + len(masked_sentence)]
        masked_words = masked_sentence[f.start - f.sentence_start:f.end - f.sentence_start]
        if MASK in masked_words:
            f.message = f.message.replace(masked_words, text[f.start:f.end])
        f.sentence = original
        if f.fix is not None and MASK in f.fix.text:
            f.fix.text = _restore(f.fix.text, masked_sentence, original, f.fix.start - f.sentence_start,
                                  f.fix.end - f.sentence_start)
            if f.fix.text is None:
                f.fix = None
    return findings


_RUN = re.compile(MASK + "+")


def _restore(new: str, masked: str, original: str, start: int, end: int) -> str | None:
    """``new`` with its masked runs replaced by the code they hid in ``original[start:end]``,
    or None when the runs are not the same ones in the same order."""
    if start < 0 or end > len(masked):
        return None
    hidden = [(m.group(0), original[start + m.start():start + m.end()])
              for m in _RUN.finditer(masked, start, end)]
    found = [m.group(0) for m in _RUN.finditer(new)]
    if [len(run) for run, _ in hidden] != [len(run) for run in found]:
        return None
    codes = iter(code for _, code in hidden)
    return _RUN.sub(lambda m: next(codes), new)
