"""Load rule files: parse, validate, prove each rule against its own examples, and cache.

Proving a rule (its bad examples fire, its good ones do not, every pattern is exercised by a
bad example) needs the tokenizer and YAML, which cost more than the check itself. So a rule
set that passed is cached whole (rule_cache: keyed on the files' content, the engine and the
tagger); the next run skips YAML, the proof and building the patterns.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from . import matching, rule_cache, sre_cache, vocabulary
from .errors import RuleError, yaml_problem
from .rule import AUDIENCES, PILLARS, SEVERITIES, Rule, build_checks
from .spec import Spec

VOCABULARY_DIR = "vocabulary"  # a rule folder's concepts live in this subfolder
AUDIENCE_LEVELS = SEVERITIES + ("off",)
_HEADER = {"id", "description", "severity", "message", "why", "suggest", "pillar", "link",
           "audience", "checks", "examples"}


def builtin_rules_dir() -> Path:
    """The built-in rules: inside the installed package, or the checkout's rules/ folder."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def rule_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise RuleError(str(directory), None, None, "rule directory not found")
    try:
        return sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    except OSError as exc:
        raise RuleError(str(directory), None, None, f"cannot read the rule directory ({exc.strerror or exc})") from None


def vocabulary_files(directory: Path) -> list[Path]:
    """A rule folder's concepts: the files in its ``vocabulary/`` subfolder, if any."""
    folder = Path(directory) / VOCABULARY_DIR
    return rule_files(folder) if folder.is_dir() else []


def source_files(extra_dirs: list[Path] | None = None) -> tuple[list[Path], list[Path]]:
    """The concept files and the rule files of the built-in rules and of ``extra_dirs``."""
    directories = [builtin_rules_dir(), *(Path(d) for d in extra_dirs or [])]
    return ([f for d in directories for f in vocabulary_files(d)],
            [f for d in directories for f in rule_files(d)])


def load_rules(extra_dirs: list[Path] | None = None, use_cache: bool = True) -> list[Rule]:
    """The built-in rules plus the rules in ``extra_dirs``, in file-name order, on the
    built-in vocabulary plus the concepts in those folders' ``vocabulary/``."""
    concept_files, files = source_files(extra_dirs)
    entry = rule_cache.entry_name([str(f) for f in concept_files + files]) if use_cache else None
    if entry is not None:
        cached = rule_cache.read(entry)
        if cached is not None:
            rules, concepts, literals = cached
            matching.LITERALS.update(literals)  # for patterns built later (config vocabulary)
            vocabulary.install(concepts, proven=True)
            return rules
    concepts = _install_vocabulary(concept_files, prove=True)
    rules = [build_rule(_parse(f), str(f)) for f in files]
    _check_unique(rules)
    for rule in rules:
        prove_rule(rule)
    if entry is not None:
        literals, programs = _compiled_forms(rules, concepts)
        rule_cache.write(entry, (rules, concepts, literals), programs, _warn)
    return rules


def _warn(line: str) -> None:
    print(f"yoshinani: warning: {line}", file=sys.stderr)


def _compiled_forms(rules: list[Rule], concepts: list) -> tuple[dict, dict]:
    """What a cached run needs so as not to parse or compile any regex again: the required
    literals of each pattern and the compiled programs of every regex it may run."""
    patterns = [p for r in rules for c in r.checks for p in c.all_patterns()]
    patterns += [p for concept in concepts for p in concept.patterns()]
    sources = {src for p in patterns for src in p.regex_sources()}
    sources |= {src for r in rules for c in r.checks for src in c.regex_sources()}
    sources |= sre_cache.MODULE_SOURCES  # the engine's own module-level regexes
    # literals of every regex pattern, token patterns' text tests included
    literals = {src: matching.LITERALS[src] for src in sources if src in matching.LITERALS}
    programs = {src: program for src in sources if (program := sre_cache.program_of(src))}
    return literals, programs


def load_rule_file(path: Path) -> Rule:
    """One rule file, parsed and proved against its examples (no cache): for rule authors.
    It is read on the vocabulary already loaded (the built-in one, if none is)."""
    if not vocabulary.CONCEPTS:
        load_vocabulary([builtin_rules_dir()])
    rule = build_rule(_parse(Path(path)), str(path))
    prove_rule(rule)
    return rule


def load_vocabulary(directories: list[Path], prove: bool = True) -> list:
    """Build, install and (unless told not to) prove the concepts of these rule folders."""
    return _install_vocabulary([f for d in directories for f in vocabulary_files(d)], prove)


def _install_vocabulary(files: list[Path], prove: bool) -> list:
    """Build the concept files and make them the ones rules can name (a concept named as a
    token element of another is looked up once all are built: see vocabulary.install)."""
    concepts = [vocabulary.build_concept(_parse(f), str(f)) for f in files]
    vocabulary.install(concepts)
    if prove:
        for concept in concepts:
            vocabulary.prove_concept(concept)
    return concepts


class Proof:
    """The outcome of proving one rule or concept file, for ``yoshinani test-rules``."""

    __slots__ = ("what", "name", "file", "problems", "examples")

    def __init__(self, what: str, name: str, file: str, problems: list[RuleError], examples: str) -> None:
        self.what, self.name, self.file = what, name, file  # what: "rule" or "concept"
        self.problems, self.examples = problems, examples


def prove_folders(directories: list[Path]) -> list[Proof]:
    """Prove every concept and rule of these folders against their own examples, collecting
    every problem instead of stopping at the first (the built-in vocabulary is always there,
    as when the rules run). A file that cannot be read or built is one problem."""
    builtin = builtin_rules_dir().resolve()
    folders = [builtin] + [Path(d) for d in directories if Path(d).resolve() != builtin]
    concepts = load_vocabulary(folders, prove=False)
    wanted = {Path(d).resolve() for d in directories}
    proofs = []
    for concept in concepts:
        if Path(concept.file).parent.parent.resolve() in wanted:
            counts = f"match {len(concept.examples['match'])} / no_match {len(concept.examples['no_match'])}"
            proofs.append(Proof("concept", concept.name, concept.file,
                                list(vocabulary.concept_problems(concept)), counts))
    for directory in directories:
        for path in rule_files(Path(directory)):
            try:
                rule = build_rule(_parse(path), str(path))
            except RuleError as exc:
                proofs.append(Proof("rule", path.stem, str(path), [exc], ""))
                continue
            counts = f"bad {len(rule.examples['bad'])} / good {len(rule.examples['good'])}"
            proofs.append(Proof("rule", rule.id, str(path), list(rule_problems(rule)), counts))
    return proofs


def _parse(path: Path) -> object:
    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RuleError(str(path), None, None, "not UTF-8 text") from None
    except OSError as exc:
        raise RuleError(str(path), None, None, exc.strerror or str(exc)) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise RuleError(str(path), None, None, yaml_problem(exc)) from None


def build_rule(data: object, file: str) -> Rule:
    rule_id = data.get("id") if isinstance(data, dict) else None
    spec = Spec(data, file, rule_id if isinstance(rule_id, str) else None)
    rule_id = spec.str("id")
    if not all(c.isascii() and (c.isalnum() or c == "-") for c in rule_id) or not rule_id[0].isalpha():
        spec.fail("must be lower-case words joined by '-' (e.g. bare-apology)", "id")
    audience = {}
    if spec.has("audience"):
        aud = spec.child("audience")
        for name in aud.data:
            if aud.data[name] is False:  # YAML 1.1 reads a bare `off` as false
                aud.data[name] = "off"
            aud.choice(name, AUDIENCE_LEVELS)
            if name not in AUDIENCES:
                aud.fail(f"unknown audience (known: {', '.join(AUDIENCES)})", name)
            audience[name] = aud.data[name]
    examples = spec.child("examples")
    bad, good = examples.list("bad"), examples.list("good")
    for name, items in (("bad", bad), ("good", good)):
        if not all(isinstance(x, str) and x.strip() for x in items):
            examples.fail("must be a list of non-empty strings", name)
    examples.reject_unknown({"bad", "good"})
    checks = build_checks(spec)
    message = spec.str("message")
    for check in checks:  # a check without its own message speaks with the rule's
        check.message = check.message or message
    fixes = {("safe" if c.safe else "unsafe") for c in checks if hasattr(c, "safe")}
    fixes |= {"unsafe" for c in checks if c.replace is not None or c.edits}
    rule = Rule(
        id=rule_id,
        description=spec.str("description"),
        severity=spec.choice("severity", SEVERITIES),
        message=message,
        why=spec.str("why"),
        suggest=spec.str("suggest"),
        pillar=spec.choice("pillar", PILLARS),
        link=spec.str("link", None),
        audience=audience,
        checks=checks,
        examples={"bad": bad, "good": good},
        file=file,
        fix_safety="safe" if fixes == {"safe"} else ("unsafe" if fixes else None),
    )
    spec.reject_unknown(_HEADER)
    return rule


def _check_unique(rules: list[Rule]) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(rule.file, rule.id, "id", f"duplicate rule id (also in {seen[rule.id]})")
        seen[rule.id] = rule.file


def prove_rule(rule: Rule) -> None:
    """A rule must fire on each bad example, stay silent on each good one, and every pattern
    must match some bad example: a pattern that cannot match its own example never will."""
    for problem in rule_problems(rule):
        raise problem


def rule_problems(rule: Rule) -> Iterator[RuleError]:
    """Every way the rule fails its proof (``yoshinani test-rules`` lists them all)."""
    from .document import Document
    from .engine import lint_document

    for check in rule.checks:  # replacements' group references must exist in their regex
        for key, source, template in check.templates:
            try:
                re.compile(source).sub(template, "")
            except (re.error, IndexError) as exc:
                yield RuleError(rule.file, rule.id, key, f"invalid replacement for its regex: {exc}")
    bad_docs = []
    for kind in ("bad", "good"):
        for i, text in enumerate(rule.examples[kind]):
            doc = Document(text)
            found = lint_document(doc, [rule], audience="client", severities={rule.id: rule.severity})
            if kind == "bad":
                bad_docs.append(doc)
                if not found:
                    yield RuleError(rule.file, rule.id, f"examples.bad[{i}]",
                                    f"the rule does not fire on its own bad example: {text.strip()[:40]!r}")
            elif found:
                span = doc.text[found[0].start:found[0].end]
                yield RuleError(rule.file, rule.id, f"examples.good[{i}]",
                                f"the rule fires on its own good example at {span!r}")
    for check in rule.checks:
        for key, pattern in check.coverage():
            if not any(pattern.search(s) for doc in bad_docs for s in doc.writer_sentences):
                yield RuleError(rule.file, rule.id, key,
                                "matches none of the rule's bad examples: add an example it catches")
    _prove_fixes_settle(rule)


def _prove_fixes_settle(rule: Rule) -> None:
    """A safe fix must not produce text its own rule fixes again (ASAP → ASAP（至急）): `fix`
    would apply it on every pass and the draft would grow on every run."""
    from .document import Document
    from .engine import lint_document
    from .fixer import applicable, apply

    def safe_fixes(text: str):
        found = lint_document(Document(text), [rule], audience="client", severities={rule.id: rule.severity})
        return applicable(found, unsafe=False)

    for i, text in enumerate(rule.examples["bad"]):
        fixes = safe_fixes(text)
        if not fixes:
            continue
        fixed = apply(text, fixes)
        spans, shift = [], 0  # where the replacements stand in the fixed text
        for fix in fixes:
            start = fix.start + shift
            spans.append((start, start + len(fix.text)))
            shift += len(fix.text) - (fix.end - fix.start)
        for again in safe_fixes(fixed):
            if any(again.start < end and start < again.end for start, end in spans):
                raise RuleError(rule.file, rule.id, f"examples.bad[{i}]",
                                f"the safe fix's replacement {fixed[again.start:again.end]!r} matches the rule "
                                "again, so every `fix` would apply it once more: exclude the replacement "
                                "from the pattern (e.g. a negative lookahead)")
