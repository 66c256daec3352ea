"""The ``yoshinani`` command: a thin layer over the engine.

The CLI uses argparse, not Typer: on the 2-core machines we target, ``import typer`` alone
takes ~100 ms (it loads its vendored Click and shell-completion machinery), two thirds of our
150 ms budget for checking one short reply. argparse costs ~15 ms and gives us subcommands,
help and usage errors with exit code 2, which is all we need.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .errors import YoshinaniError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit 2, like every other usage error
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"yoshinani: error: {message}\n")


def _id_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="yoshinani",
        description="取引先への返信（メール・チャット）の下書きを、信頼を損なう言い回しがないか確認します。",
    )
    parser.add_argument("--version", action="version", version=f"yoshinani-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    paths_help = "ファイル、ディレクトリ（*.txt と *.md を再帰的に）、または - で標準入力"
    check = sub.add_parser("check", help="下書きを確認して指摘を表示する")
    check.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    _add_lint_options(check)

    fix = sub.add_parser("fix", help="安全な自動修正を適用し、残った指摘を表示する")
    fix.add_argument("paths", nargs="+", metavar="PATH", help=paths_help + "（- は修正後の本文を標準出力へ）")
    fix.add_argument("--diff", action="store_true", help="書き込まずに差分を表示する（変更があれば終了コード 1）")
    fix.add_argument("--unsafe-fixes", action="store_true", help="判断が必要な修正（unsafe）も適用する")
    _add_lint_options(fix)

    rules = sub.add_parser("rules", help="ルールの一覧を表示する")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    _add_rule_options(rules)
    return parser


def _add_lint_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="出力形式（既定: text）")
    parser.add_argument("--select", type=_id_list, action="extend", metavar="IDS",
                        help="このルールだけを使う（カンマ区切り）")
    parser.add_argument("--ignore", type=_id_list, action="extend", metavar="IDS",
                        help="このルールを使わない（カンマ区切り）")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), default="warning",
                        help="この重大度以上の指摘があれば終了コード 1（既定: warning）")
    parser.add_argument("--no-color", action="store_true", help="色を付けない")
    _add_rule_options(parser)


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="組み込みルールに加えて、このディレクトリの YAML ルールを使う")
    parser.add_argument("--no-cache", action="store_true", help="ルールのキャッシュを使わない")


def _load_rules(args):
    from .loader import load_rules

    return load_rules(args.rules, use_cache=not args.no_cache)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "fix":
            return run_fix(args)
        if args.command == "rules":
            return run_rules(args)
    except YoshinaniError as exc:
        print(f"yoshinani: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    return EXIT_ERROR


def use_color(args, stream=None) -> bool:
    if args.no_color or os.environ.get("NO_COLOR"):
        return False
    return (stream or sys.stdout).isatty()


def _sources(args):
    """(name, Source) for every input; unreadable ones are reported and counted."""
    from .errors import InputError
    from .inputs import expand_paths, read_source

    errors = 0
    sources = []
    for name in expand_paths(args.paths):
        try:
            sources.append(read_source(name))
        except InputError as exc:
            _error(str(exc))
            errors += 1
    return sources, errors


def _linter(args):
    from .document import Document
    from .engine import lint_document, select_rules

    rules = select_rules(_load_rules(args), args.select, args.ignore)
    return lambda text: lint_document(Document(text), rules)


def _exit_code(args, results, errors: int) -> int:
    from .rule import SEVERITY_RANK

    if errors:
        return EXIT_ERROR
    threshold = SEVERITY_RANK[args.fail_on]
    failing = any(SEVERITY_RANK[f.severity] >= threshold for _, fs in results for f in fs)
    return EXIT_FINDINGS if failing else EXIT_OK


def run_check(args) -> int:
    lint = _linter(args)
    sources, errors = _sources(args)
    results = [(source.name, lint(source.text)) for source in sources]
    _print_results(args, results, errors)
    return _exit_code(args, results, errors)


def run_fix(args) -> int:
    import difflib

    from .atomic import write_atomic
    from .errors import InputError
    from .fixer import fix_text

    lint = _linter(args)
    sources, errors = _sources(args)
    results = []
    changed = fixed = 0
    for source in sources:
        new_text, remaining, applied = fix_text(source.text, lint, unsafe=args.unsafe_fixes)
        results.append((source.name, remaining))
        if source.name == "-" and not args.diff:
            # The fixed text alone goes to stdout, so that `pbpaste | yoshinani fix - | pbcopy` works.
            _write_bytes(source.encode(new_text))
            continue
        if new_text == source.text:
            continue
        changed += 1
        fixed += applied
        if args.diff:
            diff = difflib.unified_diff(source.text.splitlines(keepends=True),
                                        new_text.splitlines(keepends=True),
                                        fromfile=source.name, tofile=source.name)
            _write("".join(line if line.endswith("\n") else line + "\n" for line in diff))
            continue
        try:
            write_atomic(source.name, source.encode(new_text), expected=source.raw)
        except InputError as exc:
            _error(str(exc))
            errors += 1
    if args.diff:
        return EXIT_ERROR if errors else (EXIT_FINDINGS if changed else EXIT_OK)
    to_stderr = any(source.name == "-" for source in sources)
    _print_results(args, results, errors, stream=sys.stderr if to_stderr else None,
                   note=f"{fixed} 件を自動修正しました（{changed} ファイル）" if fixed else None)
    return _exit_code(args, results, errors)


def _error(message: str) -> None:
    print(f"yoshinani: error: {message}", file=sys.stderr)


def _print_results(args, results, errors: int, stream=None, note: str | None = None) -> None:
    stream = stream or sys.stdout
    if args.format == "json":
        from .output.json_format import render

        _write(render(results) + "\n", stream)
        return
    from .output import text

    if use_color(args, stream):
        from rich.console import Console

        console = Console(file=stream, highlight=False)
        text.render_rich(results, console, errors)
        if note:
            console.print(note, style="green")
    else:
        _write(text.render_plain(results, errors) + "\n" + (note + "\n" if note else ""), stream)


def _write(data: str, stream=None) -> None:
    stream = stream or sys.stdout
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:  # `yoshinani check x | head` is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def run_rules(args) -> int:
    rules = _load_rules(args)
    if args.format == "json":
        import json

        _write(json.dumps([
            {"id": r.id, "severity": r.severity, "level": r.level, "kinds": r.kinds,
             "fix": r.fix_safety, "description": r.description, "pillar": r.pillar}
            for r in rules
        ], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    from .output.text import display_width

    width = max(display_width(r.id) for r in rules)
    lines = []
    for r in rules:
        kinds = "+".join(r.kinds)
        lines.append(f"{r.id.ljust(width)}  {r.severity:<7}  {kinds:<22}  {r.description}")
    _write("\n".join(lines) + "\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
