"""Score the built-in rules on a set of whole labeled replies (tests/corpus/replies/).

Each reply is labeled with every rule that must fire on it (``expect``; ``[]`` = a good reply)
and the rules that may or may not fire (``allow``). A rule fired on a reply counts as a true
positive if expected, a false positive if neither expected nor allowed; an expected rule that
did not fire is a false negative. Allowed rules are not scored on that reply.

    python tests/replies_eval.py [PATH ...] [-v] [--min-macro F] [--max-false-alarm-share S]

PATH is a directory (every *.yaml under it) or a file; default tests/corpus/replies/.
Exit 0 unless a threshold is given and missed (1), or the set cannot be read (2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from yoshinani_lint.errors import YoshinaniError, yaml_problem

DEFAULT_SET = Path(__file__).parent / "corpus" / "replies"
KINDS = ("formal-email", "quoted-reply", "chat", "structured", "template", "paraphrase")


class ReplySetError(Exception):
    """A reply file that cannot be scored; the message names the file and the problem."""


@dataclass
class Reply:
    id: str
    kind: str
    expect: list[str]
    allow: list[str]
    text: str
    file: str

    @property
    def is_good(self) -> bool:
        return not self.expect


@dataclass
class RuleScore:
    rule: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)  # reply ids the rule should have fired on
    false_alarms: list[tuple[str, str]] = field(default_factory=list)  # (reply id, flagged text)

    @property
    def expected(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.expected if self.expected else None

    @property
    def f1(self) -> float | None:
        # 2tp / (2tp + fp + fn): the harmonic mean of P and R, and 0 (not undefined) when the
        # rule never fired correctly but was expected somewhere.
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if self.expected else None


@dataclass
class Report:
    scores: dict[str, RuleScore]  # every loaded rule that was expected or fired somewhere
    not_loaded: dict[str, int]  # labeled rule id the installed rules lack -> replies naming it
    replies: int
    good: int
    good_with_alarm: list[tuple[str, list[str]]]  # (reply id, rules that fired unallowed)

    @property
    def macro_f1(self) -> float | None:
        f1s = [s.f1 for s in self.scores.values() if s.f1 is not None]
        return sum(f1s) / len(f1s) if f1s else None

    @property
    def false_alarm_share(self) -> float | None:
        return len(self.good_with_alarm) / self.good if self.good else None


def reply_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(path.rglob("*.yaml"))
        elif path.is_file():
            files.append(path)
        else:
            raise ReplySetError(f"{path}: no such file or directory")
    return files


def _label_list(value: object, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ReplySetError(f"{where}: '{key}' must be a list of rule ids")
    if len(set(value)) != len(value):
        raise ReplySetError(f"{where}: '{key}' names a rule twice")
    return list(value)


def load_replies(paths: str | Path | Iterable[str | Path]) -> list[Reply]:
    """Every reply in the files or directories given; ids must be unique over all of them."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    replies: list[Reply] = []
    first_seen: dict[str, str] = {}
    for path in reply_files(paths):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ReplySetError(f"{path}: cannot read: {exc}") from None
        except yaml.YAMLError as exc:
            raise ReplySetError(f"{path}: {yaml_problem(exc)}") from None
        if not isinstance(data, dict) or not isinstance(data.get("replies"), list):
            raise ReplySetError(f"{path}: expected a mapping with a list under 'replies:'")
        for n, item in enumerate(data["replies"], 1):
            where = f"{path}: reply #{n}"
            if not isinstance(item, dict):
                raise ReplySetError(f"{where}: expected a mapping with id, kind, expect, text")
            reply_id = item.get("id")
            if not isinstance(reply_id, str) or not reply_id:
                raise ReplySetError(f"{where}: missing 'id'")
            where = f"{path}: reply {reply_id}"
            if reply_id in first_seen:
                raise ReplySetError(f"{where}: duplicate id (first in {first_seen[reply_id]})")
            first_seen[reply_id] = str(path)
            unknown = set(item) - {"id", "kind", "expect", "allow", "text"}
            if unknown:
                raise ReplySetError(f"{where}: unknown key '{sorted(unknown)[0]}'")
            if item.get("kind") not in KINDS:
                raise ReplySetError(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
            if "expect" not in item:
                raise ReplySetError(f"{where}: missing 'expect' (use [] for a good reply)")
            expect = _label_list(item["expect"], "expect", where)
            allow = _label_list(item.get("allow"), "allow", where)
            both = set(expect) & set(allow)
            if both:
                raise ReplySetError(f"{where}: '{sorted(both)[0]}' is in both expect and allow")
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                raise ReplySetError(f"{where}: missing or empty 'text'")
            replies.append(Reply(reply_id, item["kind"], expect, allow, text, str(path)))
    return replies


def score_replies(paths: str | Path | Iterable[str | Path], rules: Sequence | None = None) -> Report:
    """Lint every reply under ``paths`` (client audience) and score each rule against the labels.

    ``rules`` defaults to the built-in rule set.
    """
    from yoshinani_lint.engine import lint_text
    from yoshinani_lint.loader import load_rules

    replies = load_replies(paths)
    rules = load_rules() if rules is None else rules
    loaded = {r.id for r in rules}
    scores: dict[str, RuleScore] = {}
    not_loaded: dict[str, int] = {}
    good_with_alarm: list[tuple[str, list[str]]] = []
    for reply in replies:
        for rule_id in reply.expect + reply.allow:
            if rule_id not in loaded:
                not_loaded[rule_id] = not_loaded.get(rule_id, 0) + 1
        fired: dict[str, list[str]] = {}  # rule id -> flagged texts, in text order
        for finding in lint_text(reply.text, rules=rules):
            fired.setdefault(finding.rule_id, []).append(reply.text[finding.start:finding.end])
        for rule_id in reply.expect:
            if rule_id not in loaded:
                continue
            score = scores.setdefault(rule_id, RuleScore(rule_id))
            if rule_id in fired:
                score.tp += 1
            else:
                score.fn += 1
                score.misses.append(reply.id)
        unallowed = [r for r in fired if r not in reply.expect and r not in reply.allow]
        for rule_id in unallowed:
            score = scores.setdefault(rule_id, RuleScore(rule_id))
            score.fp += 1
            score.false_alarms.append((reply.id, " / ".join(fired[rule_id])))
        if reply.is_good and unallowed:
            good_with_alarm.append((reply.id, unallowed))
    return Report(
        scores=dict(sorted(scores.items())),
        not_loaded=dict(sorted(not_loaded.items())),
        replies=len(replies),
        good=sum(r.is_good for r in replies),
        good_with_alarm=good_with_alarm,
    )


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"{'rule':<22} {'prec':>5} {'rec':>5} {'F1':>5}   {'tp':>3} {'fp':>3} {'fn':>3}"]
    for s in report.scores.values():
        lines.append(f"{s.rule:<22} {_fmt(s.precision):>5} {_fmt(s.recall):>5} {_fmt(s.f1):>5}"
                     f"   {s.tp:>3} {s.fp:>3} {s.fn:>3}"
                     + ("" if s.expected else "   (not expected in this set: not in the macro)"))
    for rule_id, count in report.not_loaded.items():
        lines.append(f"{rule_id:<22} not loaded (named by {count} replies; left out of the macro)")
    macro = report.macro_f1
    in_macro = sum(s.f1 is not None for s in report.scores.values())
    lines.append(f"macro-F1 over {in_macro} rules: {_fmt(macro).strip()}")
    share = report.false_alarm_share
    lines.append(f"good replies with a false alarm: {len(report.good_with_alarm)}/{report.good}"
                 + ("" if share is None else f" ({share:.1%})") + f"; {report.replies} replies in all")
    if verbose:
        for s in report.scores.values():
            for reply_id in s.misses:
                lines.append(f"miss         {reply_id:<10} {s.rule}")
            for reply_id, flagged in s.false_alarms:
                lines.append(f"false alarm  {reply_id:<10} {s.rule:<22} 「{flagged}」")
    return "\n".join(lines)


def main(argv: list[str] | None = None, rules: Sequence | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the rules on labeled whole replies.")
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_SET)],
                        help="reply files or directories (default: tests/corpus/replies/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss and false alarm")
    parser.add_argument("--min-macro", type=float, metavar="F",
                        help="exit 1 if the macro-F1 is below F")
    parser.add_argument("--max-false-alarm-share", type=float, metavar="S",
                        help="exit 1 if more than this share of good replies has a false alarm")
    args = parser.parse_args(argv)
    try:
        report = score_replies(args.paths, rules)
    except ReplySetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except YoshinaniError as exc:  # a rule set that fails to load: one line, not a traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_report(report, args.verbose))
    failed = []
    if args.min_macro is not None and (report.macro_f1 or 0.0) < args.min_macro:
        failed.append(f"macro-F1 {_fmt(report.macro_f1).strip()} < {args.min_macro}")
    share = report.false_alarm_share or 0.0
    if args.max_false_alarm_share is not None and share > args.max_false_alarm_share:
        failed.append(f"false-alarm share {share:.3f} > {args.max_false_alarm_share}")
    for message in failed:
        print(f"threshold missed: {message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
