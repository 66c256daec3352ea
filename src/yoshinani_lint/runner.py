"""A configured linter: the rule set, the audience, per-file ignores and inline suppressions,
built once per run and applied to each input."""

from __future__ import annotations

from collections.abc import Iterable

from . import vocabulary
from .config import Config
from .document import Document
from .engine import lint_document, select_rules
from .findings import Finding
from .loader import load_rules
from .rule import Rule

# Inline suppression comments are honoured where they are invisible to the reader.
SUPPRESSIBLE_SUFFIXES = MARKDOWN_SUFFIXES = (".md", ".markdown")


class Linter:
    def __init__(self, rules: list[Rule], config: Config, known_ids: set[str] | None = None) -> None:
        self.rules = rules
        self.config = config
        self.known_ids = known_ids if known_ids is not None else {r.id for r in rules}

    def rules_for(self, name: str) -> list[Rule]:
        ignored = self.config.ignored_for(name)
        return [r for r in self.rules if r.id not in ignored] if ignored else self.rules

    def lint(self, text: str, name: str = "-") -> list[Finding]:
        from .parts import PART_CHARS, lint_in_parts

        markdown = name.lower().endswith(MARKDOWN_SUFFIXES)
        if len(text) > PART_CHARS:  # a log or a mailbox, not a reply: in parts, bounded memory
            return lint_in_parts(text, markdown, lambda part, flags: self._lint(part, name, markdown, flags))
        return self._lint(text, name, markdown)

    def _lint(self, text: str, name: str, markdown: bool, context: list[bool] | None = None) -> list[Finding]:
        rules = self.rules_for(name)
        doc = Document(text, markdown=markdown, context=context)
        findings = lint_document(doc, rules, self.config.audience, self.config.severity)
        if markdown:
            from .markdown import unmask

            findings = unmask(findings, text)
        if name.lower().endswith(SUPPRESSIBLE_SUFFIXES):
            from . import suppressions

            findings = suppressions.apply(doc, findings, {r.id for r in rules}, self.known_ids)
        doc.release()
        return findings


def build_linter(
    config: Config,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    use_cache: bool = True,
) -> Linter:
    """Rules from the built-ins and the config's rule folders, narrowed by config then CLI."""
    rules = load_rules(config.rules, use_cache=use_cache)
    config.check_rule_ids({r.id for r in rules})
    if config.vocabulary:
        config.customize_vocabulary(vocabulary.CONCEPTS)
    if config.jargon_add or config.jargon_remove:
        # the built-in jargon rule reads the concept; a user's rule may name the list
        if "jargon" in vocabulary.CONCEPTS:
            vocabulary.CONCEPTS["jargon"].customize(config.jargon_add, config.jargon_remove)
        for rule in rules:
            rule.customize_word_lists({"jargon": (config.jargon_add, config.jargon_remove)})
    chosen = select_rules(rules, select or config.select, list(config.ignore) + list(ignore or []))
    return Linter(chosen, config, {r.id for r in rules})
