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


class _Formatter(argparse.RawDescriptionHelpFormatter):  # Raw: keep epilogs' lines
    """argparse makes a formatter for every add_argument and finds the width with
    shutil.get_terminal_size; importing shutil (with zlib, bz2, lzma) costs ~5 ms of a check.
    The same width, found the same way (COLUMNS, else the terminal, else 80), without it."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None) -> None:
        if width is None:
            try:
                columns = int(os.environ.get("COLUMNS", "0"))
            except ValueError:
                columns = 0
            if columns <= 0:
                try:
                    columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    columns = 0
            width = (columns or 80) - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # one line and exit 2, like every other usage error
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


class _Refused(argparse.Action):
    """An option a command cannot honour: refused with the reason rather than ignored."""

    def __init__(self, option_strings, dest, reason: str = "", **kwargs) -> None:
        kwargs["nargs"] = 0 if kwargs.get("nargs") is None else kwargs["nargs"]
        super().__init__(option_strings, dest, help=argparse.SUPPRESS, **kwargs)
        self.reason = reason

    def __call__(self, parser, namespace, values, option_string=None):
        parser.error(f"{option_string} is not available here: {self.reason}")


EPILOGS = {
    "check": """examples:
  yoshinani check reply.txt                     one draft
  yoshinani check drafts/ --format concise      every *.txt, *.md, *.eml below a folder
  pbpaste | yoshinani check - --stdin-filename reply.md
  yoshinani check --fix reply.txt               same as yoshinani fix reply.txt
  yoshinani check --color always reply.txt | less -R""",
    "fix": """examples:
  yoshinani fix reply.txt                       apply the safe fixes in place
  yoshinani fix --diff reply.txt                show the diff, write nothing
  pbpaste | yoshinani fix - | pbcopy            fix the clipboard""",
    "rewrite": """examples:
  yoshinani rewrite reply.txt                   the rewritten draft (a diff in a terminal)
  yoshinani rewrite - < reply.txt | pbcopy      the new text alone
  yoshinani rewrite --write reply.txt           replace the file; then fill in the 〇〇 slots""",
    "rules": "examples:\n  yoshinani rules\n  yoshinani rules --format json",
    "explain": "examples:\n  yoshinani explain no-next-step",
    "tokens": "examples:\n  yoshinani tokens reply.txt\n  echo 承知しました | yoshinani tokens -",
    "init": "examples:\n  yoshinani init && yoshinani config",
    "config": "examples:\n  yoshinani config\n  yoshinani config --config team.yaml",
    "test-rules": "examples:\n  yoshinani test-rules my-rules/\n  yoshinani test-rules",
    "server": "examples:\n  yoshinani server --stdio   (started by the editor's LSP client)",
}


def _id_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _encoding(value: str) -> str:
    from .inputs import codec_name

    try:
        return codec_name(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: '{value}'") from None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line. Given ``argv`` naming a command, only that command's options are
    built: building all ten subcommands' options (argparse formats and checks each one) cost
    ~12 ms of a ~100 ms check. Without one (``yoshinani --help``, a typo), all are built."""
    parser = _Parser(
        prog="yoshinani",
        description="取引先への返信（メール・チャット）の下書きを、信頼を損なう言い回しがないか確認します。",
    )
    parser.add_argument("--version", action="version", version=f"yoshinani-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    wanted = _command_named(argv)
    for name, (help_text, populate, run, aliases) in COMMANDS.items():
        if wanted is not None and name != wanted:
            continue
        command = sub.add_parser(name, help=help_text, epilog=EPILOGS[name], aliases=aliases)
        populate(command)
        command.set_defaults(run=run, parser=command)
    return parser


def _command_named(argv: list[str] | None) -> str | None:
    """The command the arguments name: the first argument not an option (the top level has
    no option that takes a value), if it is a command or an alias."""
    for arg in argv if argv is not None else sys.argv[1:]:
        if not arg.startswith("-"):
            return next((name for name, (_, _, _, aliases) in COMMANDS.items()
                         if arg == name or arg in aliases), None)
    return None


PATHS_HELP = "ファイル、ディレクトリ（*.txt・*.md・*.eml を再帰的に）、または - で標準入力"


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    check.add_argument("--fix", action="store_true", help="安全な自動修正を適用する（yoshinani fix と同じ）")
    _add_fix_options(check)
    _add_lint_options(check)


def _fix_options(fix: argparse.ArgumentParser) -> None:
    fix.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP + "（- は修正後の本文を標準出力へ）")
    _add_fix_options(fix)
    _add_lint_options(fix)


def _rewrite_options(rewrite: argparse.ArgumentParser) -> None:
    rewrite.add_argument("paths", nargs=1, metavar="PATH", help="ファイル、または - で標準入力")
    rewrite.add_argument("--write", action="store_true", help="標準出力ではなく、ファイルを書き換える")
    _add_lint_options(rewrite, report=False)


def _rules_options(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--format", choices=("text", "json"), default="text")
    _add_rule_options(rules)
    _add_config_options(rules)


def _explain_options(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("rule_id", metavar="RULE")
    _add_rule_options(explain)
    _add_config_options(explain)


def _tokens_options(tokens: argparse.ArgumentParser) -> None:
    tokens.add_argument("path", metavar="PATH", help="ファイル、または - で標準入力")
    tokens.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="DIR/vocabulary/ の自作の概念も使う")
    tokens.add_argument("--format", choices=("text", "json"), default="text", help="出力形式（既定: text）")


def _init_options(init: argparse.ArgumentParser) -> None:
    init.add_argument("--force", action="store_true", help="既存のファイルを上書きする")


def _test_rules_options(test_rules: argparse.ArgumentParser) -> None:
    test_rules.add_argument("dirs", nargs="*", metavar="DIR", help="ルールのフォルダ（既定: 組み込みルール）")


def _server_options(server: argparse.ArgumentParser) -> None:
    server.add_argument("--stdio", action="store_true", help="標準入出力で通信する（既定。LSP クライアントの慣例で受け付ける）")


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="PATH", help="この設定ファイルを使う（自動探索しない）")
    parser.add_argument("--isolated", action="store_true", help="設定ファイルをすべて無視する")


def _add_fix_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--diff", action="store_true", help="書き込まずに差分を表示する（変更があれば終了コード 1）")
    parser.add_argument("--unsafe-fixes", action="store_true", help="判断が必要な修正（unsafe）も適用する")


def _add_lint_options(parser: argparse.ArgumentParser, report: bool = True) -> None:
    """Options of the commands that lint; ``report``: the command prints a findings report."""
    from .output import FORMATS

    if report:
        parser.add_argument("--format", choices=FORMATS, default="text",
                            help="出力形式（既定: text）。concise は 1 指摘 1 行、github は GitHub Actions の注釈、"
                                 "sarif は code scanning 用")
        parser.add_argument("--statistics", action="store_true", help="指摘ごとではなく、ルールごとの件数を表示する")
        parser.add_argument("-q", "--quiet", action="store_true", help="指摘だけを表示する（集計行・メモなし）")
        parser.add_argument("--exit-zero", action="store_true", help="指摘があっても終了コード 0（入力エラーは 2）")
        parser.add_argument("--output-file", "-o", metavar="PATH", help="結果を標準出力ではなくこのファイルに書く")
    else:
        why = "rewrite prints the rewritten draft, not a report (use yoshinani check for that)"
        for option in ("--format", "--output-file"):
            parser.add_argument(option, action=_Refused, reason=why, nargs=1)
        for option in ("--statistics", "--quiet", "--exit-zero"):
            parser.add_argument(option, action=_Refused, reason=why)
    parser.add_argument("--stdin-filename", metavar="NAME",
                        help="標準入力（-）の下書きの名前: 表示、per-file-ignores、.md / .eml の扱いに使う")
    parser.add_argument("--select", type=_id_list, action="extend", metavar="IDS",
                        help="このルールだけを使う（カンマ区切り）")
    parser.add_argument("--ignore", type=_id_list, action="extend", metavar="IDS",
                        help="このルールを使わない（カンマ区切り）")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"),
                        help="この重大度以上の指摘があれば終了コード 1（既定: warning）")
    parser.add_argument("--audience", choices=("client", "internal"),
                        help="読み手: client（取引先、既定）/ internal（社内向け）")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="色付け（既定: auto = 端末のときだけ。NO_COLOR で無効、FORCE_COLOR で有効）")
    parser.add_argument("--no-color", dest="color", action="store_const", const="never",
                        help="--color never と同じ")
    parser.add_argument("--encoding", type=_encoding, metavar="NAME",
                        help="下書きの文字コード（既定: 自動判定。UTF-8・CP932・EUC-JP など）")
    _add_rule_options(parser)
    _add_config_options(parser)


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="組み込みルールに加えて、このディレクトリの YAML ルールを使う")
    parser.add_argument("--no-cache", action="store_true", help="ルールのキャッシュを使わない")


def _load_rules(args):
    """Every rule the configuration knows of (built-in, config `rules:` folders, --rules)."""
    from .loader import load_rules

    return load_rules(_config(args).rules, use_cache=not args.no_cache)


def _config(args):
    from .config import load_config

    config = load_config(getattr(args, "config", None), getattr(args, "isolated", False))
    # The command line wins over the file: --select replaces, --ignore and --rules add.
    if getattr(args, "fail_on", None):
        config.fail_on, config.origins["fail-on"] = args.fail_on, "command line"
    if getattr(args, "audience", None):
        config.audience, config.origins["audience"] = args.audience, "command line"
    if getattr(args, "rules", None):
        from pathlib import Path

        config.rules = config.rules + [Path(p) for p in args.rules]
        config.origins["rules"] = "command line"
    return config


_WRITTEN: list[str] = []  # files `fix` has written in this run


def run() -> None:
    """The console script (and ``python -m yoshinani_lint``): main(), then, with everything
    written and flushed, leave without tearing the interpreter down. Speed: freeing the
    rule set's ~25,000 objects and the tagger at exit was ~3 ms of a cold check (CPU, 12
    interleaved rounds: 56.1 -> 53.0 ms). Nothing is left to do then: reports and fixed files
    are written and closed, no thread or pool outlives main(). If a flush fails (a closed
    pipe) the interpreter exits the ordinary way and reports it as it always did."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - the ordinary exit reports it
        sys.exit(code)
    if not isinstance(code, int):
        sys.exit(code)
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    # File names that are not UTF-8 reach us as lone surrogates: print them escaped rather
    # than crash (or write invalid UTF-8 into JSON).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser(argv)
    args, extras = parser.parse_known_args(argv)
    if extras:  # the subcommand's usage, not the top-level one: that is where the option belongs
        args.parser.error(f"unrecognized arguments: {' '.join(extras)}")
    try:
        return args.run(args)
    except YoshinaniError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        # Each file is written whole or not at all; say which ones were.
        if _WRITTEN:
            _error(f"interrupted: {len(_WRITTEN)} file(s) already fixed ({', '.join(_WRITTEN)}); "
                   "the others are unchanged")
        return 130
    except OSError as exc:
        # A file the error names (one no input check foresaw) is named; otherwise it is the
        # output that cannot be written: a full disk (/dev/full), a closed pipe.
        problem = (f"{exc.filename}: {exc.strerror or exc}" if exc.filename
                   else f"cannot write the output ({exc.strerror or exc})")
        try:
            _error(problem)
        except OSError:
            pass
        return EXIT_ERROR


def use_color(args, stream=None) -> bool:
    """--color always / never win; in auto, NO_COLOR turns colour off, FORCE_COLOR on (for
    `| less -R`), and otherwise only a terminal gets colour."""
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return (stream or sys.stdout).isatty()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty() and os.get_terminal_size(stream.fileno()).columns > 0
    except (OSError, ValueError, AttributeError):
        return False


def _color_width(stream) -> int:
    """The width coloured output wraps at: the terminal's, else COLUMNS, else 80 (`| less -R`)."""
    if _is_terminal(stream):
        return os.get_terminal_size(stream.fileno()).columns
    try:
        return int(os.environ.get("COLUMNS", "")) or 80
    except ValueError:
        return 80


def _console(stream=None):
    """A Rich console that draws colour even into a pipe (use_color has decided)."""
    from rich.console import Console

    return Console(file=stream or sys.stdout, highlight=False, force_terminal=True)


def _sources(args, config):
    """(name, Source) for every input; unreadable ones are reported and counted."""
    from .errors import InputError
    from .inputs import expand_paths

    errors = 0
    sources = []
    if args.stdin_filename and "-" not in args.paths:
        raise YoshinaniError("--stdin-filename names standard input: give - as a path")
    # A folder without drafts, or one the walk cannot read, comes out as an InputError: one
    # line naming it, exit 2, the other paths still checked.
    for name in expand_paths(args.paths, excluded=config.excluded):
        if isinstance(name, InputError):
            _error(str(name))
            errors += 1
            continue
        try:
            sources.append(_read(name, args))
        except InputError as exc:
            _error(str(exc))
            errors += 1
    return sources, errors


def _read(name: str, args):
    from .inputs import read_source

    if name == "-" and args.stdin_filename and args.stdin_filename.lower().endswith(".eml"):
        from .email_input import read_eml

        return read_eml(sys.stdin.buffer.read(), "-", args.encoding)
    return read_source(name, args.encoding)


def _name(source, args) -> str:
    """The draft's name in the report and for per-file settings (--stdin-filename for -)."""
    return args.stdin_filename if source.name == "-" and args.stdin_filename else source.name


def _linter(args, config):
    from .runner import build_linter

    return build_linter(config, args.select, args.ignore, use_cache=not args.no_cache)


def _exit_code(config, results, errors: int, args=None) -> int:
    from .rule import SEVERITY_RANK

    if errors:
        return EXIT_ERROR
    if getattr(args, "exit_zero", False):
        return EXIT_OK
    threshold = SEVERITY_RANK[config.fail_on]
    failing = any(SEVERITY_RANK[f.severity] >= threshold for _, fs in results for f in fs)
    return EXIT_FINDINGS if failing else EXIT_OK


def run_check(args) -> int:
    if args.fix:
        return run_fix(args)
    for option, given in (("--diff", args.diff), ("--unsafe-fixes", args.unsafe_fixes)):
        if given:
            raise YoshinaniError(f"{option} applies to fixing: use yoshinani check --fix {option} (or yoshinani fix)")
    config = _config(args)
    linter = _linter(args, config)
    sources, errors = _sources(args, config)
    from .parallel import map_in_order

    names = [_name(source, args) for source in sources]
    findings = map_in_order(lambda i: linter.lint(sources[i].text, names[i]), list(range(len(sources))),
                            [len(source.text) for source in sources])
    results = list(zip(names, findings))
    with _report_stream(args) as stream:
        _print_results(args, results, errors, stream=stream, rules=linter.rules)
    return _exit_code(config, results, errors, args)


class _report_stream:
    """Where the report goes: --output-file (written when complete), or ``default``."""

    def __init__(self, args, default=None) -> None:
        self.path, self.default = getattr(args, "output_file", None), default
        self.buffer = None

    def __enter__(self):
        if not self.path:
            return self.default
        import io

        self.buffer = io.StringIO()
        return self.buffer

    def __exit__(self, kind, value, traceback) -> None:
        if self.buffer is None or kind is not None:
            return
        from .atomic import write_atomic
        from .errors import InputError

        try:
            write_atomic(self.path, self.buffer.getvalue().encode("utf-8"))
        except InputError as exc:
            raise YoshinaniError(f"--output-file {exc}") from None


def run_fix(args) -> int:
    import difflib

    from .atomic import write_atomic
    from .errors import InputError
    from .fixer import fix_text
    from .parallel import map_in_order

    config = _config(args)
    linter = _linter(args, config)
    sources, errors = _sources(args, config)

    def fixed_text(source):  # on the workers when there are many drafts; written here, in order
        return fix_text(source.text, lambda text: linter.lint(text, _name(source, args)), unsafe=args.unsafe_fixes)

    outcomes = map_in_order(fixed_text, sources, [len(source.text) for source in sources])
    results = []
    changed = fixed = 0
    for source, (new_text, remaining, applied) in zip(sources, outcomes):
        lint = lambda text, name=_name(source, args): linter.lint(text, name)  # noqa: E731
        results.append((_name(source, args), remaining))
        if source.name == "-" and not args.diff:
            # The fixed text alone goes to stdout, so that `pbpaste | yoshinani fix - | pbcopy` works.
            _write_bytes(source.encode(new_text))
            continue
        if new_text == source.text:
            continue
        if args.diff:
            changed += 1
            diff = difflib.unified_diff(source.text.splitlines(keepends=True),
                                        new_text.splitlines(keepends=True),
                                        fromfile=_name(source, args), tofile=_name(source, args))
            _write("".join(line if line.endswith("\n") else line + "\n" for line in diff))
            continue
        try:
            write_atomic(source.name, source.encode(new_text), expected=source.raw)
        except InputError as exc:
            _error(str(exc))
            errors += 1
            results[-1] = (source.name, lint(source.text))  # nothing was written: all still there
            continue
        changed += 1
        fixed += applied
        _WRITTEN.append(source.name)  # for the note if Ctrl-C stops the run (see main)
    if args.diff:
        return EXIT_ERROR if errors else (EXIT_FINDINGS if changed else EXIT_OK)
    to_stderr = any(source.name == "-" for source in sources)
    with _report_stream(args, sys.stderr if to_stderr else None) as stream:
        _print_results(args, results, errors, stream=stream,
                       note=f"{fixed} 件を自動修正しました（{changed} ファイル）" if fixed else None,
                       rules=linter.rules)
    return _exit_code(config, results, errors, args)


def run_rewrite(args) -> int:
    from .atomic import write_atomic
    from .rewrite import rewrite_text

    config = _config(args)
    linter = _linter(args, config)
    sources, errors = _sources(args, config)
    if errors:
        return EXIT_ERROR
    if len(sources) != 1:
        found = f"{len(sources)} drafts" if sources else "no draft"
        raise YoshinaniError(f"{args.paths[0]}: rewrite takes one draft, and this holds {found}")
    source = sources[0]
    name = _name(source, args)
    new_text, remaining, slots = rewrite_text(source.text, lambda t: linter.lint(t, name))
    slot_lines = [f"{name}:{s.line}:{s.column}: {s.text} を埋めてください — {s.sentence}" for s in slots]
    if args.write:
        if source.name == "-":
            raise YoshinaniError("--write needs a file, not standard input")
        if new_text != source.text:
            write_atomic(source.name, source.encode(new_text), expected=source.raw)
        _write(f"{source.name} を書き換えました。\n")
    elif use_color(args):
        from .output.diff import render_diff

        render_diff(_console(), source.text, new_text, name)
    else:
        # Piped: the new text alone, so that `yoshinani rewrite - < draft | pbcopy` works.
        _write_bytes(source.encode(new_text))
    if slot_lines:
        print("\n".join(["埋めるべき箇所:", *("  " + line for line in slot_lines)]), file=sys.stderr)
    return _exit_code(config, [(source.name, remaining)], 0)


def _error(message: str) -> None:
    print(f"yoshinani: error: {message}", file=sys.stderr)


def _print_results(args, results, errors: int, stream=None, note: str | None = None,
                   rules=None) -> None:
    stream = stream or sys.stdout
    if getattr(args, "statistics", False):
        from .output.statistics import render as statistics

        _write(statistics(results) + "\n", stream)
        return
    if args.format != "text":  # for tools: the findings alone, no summary, no note
        if args.format == "sarif":  # only the chosen format is imported
            from .output.sarif import render

            out = render(results, rules)
        elif args.format == "json":
            from .output.json_format import render

            out = render(results, pretty=stream.isatty())
        else:
            if args.format == "concise":
                from .output.concise import render
            else:
                from .output.github import render
            out = render(results)
        _write(out + "\n" if out else "", stream)
        return
    from .output import text

    quiet = getattr(args, "quiet", False)
    if use_color(args, stream):
        from .output.ansi import styled

        out = text.render_color(results, _color_width(stream), errors, summary=not quiet)
        _write(out + ("\n" if out else "") + (styled(note, "green") + "\n" if note and not quiet else ""), stream)
    else:
        # wrapped to the terminal's width (`--color never` in a terminal); a pipe gets long lines
        width = os.get_terminal_size(stream.fileno()).columns if _is_terminal(stream) else None
        out = text.render_plain(results, errors, summary=not quiet, width=width)
        _write(out + ("\n" if out else "") + (note + "\n" if note and not quiet else ""), stream)


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
    kinds_width = max(len("+".join(r.kinds)) for r in rules)
    lines = []
    for r in rules:
        kinds = "+".join(r.kinds)
        fix = {"safe": "fix", "unsafe": "fix*", None: ""}[r.fix_safety]
        lines.append(f"{r.id.ljust(width)}  {r.severity:<7}  {r.level:<8}  {kinds:<{kinds_width}}  {fix:<4}  {r.description}")
    lines.append("（fix: yoshinani fix で自動修正 / fix*: --unsafe-fixes か rewrite で修正）")
    _write("\n".join(lines) + "\n")
    return EXIT_OK


def _find_rule(rules, rule_id: str):
    from .engine import did_you_mean

    for rule in rules:
        if rule.id == rule_id:
            return rule
    raise YoshinaniError(f"unknown rule id '{rule_id}'{did_you_mean(rule_id, [r.id for r in rules])}")


def run_explain(args) -> int:
    from .explain import explain_lines

    _write("\n".join(explain_lines(_find_rule(_load_rules(args), args.rule_id))) + "\n")
    return EXIT_OK


def run_server(args) -> int:
    from .lsp import run  # pygls is imported here only: `check` never pays for it

    return run(args)


def run_test_rules(args) -> int:
    """Every concept and rule of the folders against its own examples: which rule, pattern
    or concept matched none of them, all at once (loading stops at the first)."""
    from pathlib import Path

    from .loader import builtin_rules_dir, prove_folders

    for directory in args.dirs:
        if not Path(directory).is_dir():
            raise YoshinaniError(f"{directory}: rule directory not found")
    proofs = prove_folders([Path(d) for d in args.dirs] or [builtin_rules_dir()])
    out = []
    for proof in proofs:
        if proof.problems:
            out.append(f"✗ {proof.what} {proof.name} ({proof.file})")
            out.extend(f"    {problem}" for problem in proof.problems)
        else:
            out.append(f"✓ {proof.what} {proof.name} ({proof.examples})")
    failed = sum(1 for p in proofs if p.problems)
    rules = sum(1 for p in proofs if p.what == "rule")
    out.append(f"\nルール {rules} 件・概念 {len(proofs) - rules} 件を確認: "
               + (f"{failed} 件に問題があります。" if failed else "すべて自分の例文どおりに動きます。"))
    _write("\n".join(out) + "\n")
    return EXIT_FINDINGS if failed else EXIT_OK


def run_tokens(args) -> int:
    """Per sentence: tokens (with the concepts they belong to), then the clauses and their
    features: what a rule author needs to see why a rule did or did not fire."""
    from .analysis import analyze_text
    from .inputs import read_source

    sentences = analyze_text(read_source(args.path).text, args.rules)
    if args.format == "json":
        import json

        _write(json.dumps([s.to_json() for s in sentences], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out = ["# 行:桁  表層形  原形  書字形の基本形(orth)  品詞  活用型  活用形  [概念]",
           "# 節: [つながり] 節の文字列 | 時制 肯否 丁寧 動作主 モダリティ 節に係る時（引用・署名は対象外）"]
    for sentence in sentences:
        mark = "  （対象外）" if sentence.is_context else ""
        out.append(f"\n# {sentence.line + 1}: {sentence.text}{mark}")
        for tok, col in zip(sentence.tokens, sentence.columns):
            names = sorted({n for n, s, e in sentence.concepts if s < tok.end and tok.start < e})
            tags = f"\t[{', '.join(names)}]" if names else ""
            out.append(f"{sentence.line + 1}:{col}\t{tok.surface}\t{tok.lemma}\t{tok.orth}\t{tok.pos}\t"
                       f"{tok.ctype or '*'}\t{tok.cform or '*'}{tags}")
        for clause in sentence.clauses:
            out.append(f"  節 [{clause.link}] {clause.text} | {clause.features()}")
        if sentence.concepts:
            out.append("  概念: " + "  ".join(
                f"{n}「{sentence.text[s - sentence.start:e - sentence.start]}」" for n, s, e in sentence.concepts))
    _write("\n".join(out) + "\n")
    return EXIT_OK


def run_init(args) -> int:
    from pathlib import Path

    from .atomic import write_atomic
    from .config import STARTER

    path = Path(".yoshinani.yaml")
    if path.exists() and not args.force:
        raise YoshinaniError(f"{path}: already exists (use --force to overwrite)")
    write_atomic(path, STARTER.encode("utf-8"))
    _write(f"{path} を作成しました。yoshinani config で設定を確認できます。\n")
    return EXIT_OK


def run_config(args) -> int:
    from .config import describe

    config = _config(args)
    from .loader import load_rules

    config.check_rule_ids({r.id for r in load_rules(config.rules)})
    _write(describe(config) + "\n")
    return EXIT_OK


# name: (help, options, run, aliases), in the order `yoshinani --help` lists them
COMMANDS = {
    "check": ("下書きを確認して指摘を表示する", _check_options, run_check, []),
    "fix": ("安全な自動修正を適用し、残った指摘を表示する", _fix_options, run_fix, []),
    "rewrite": ("指摘をすべて反映した返信の下書きを作る（埋めるべき箇所は 〇〇 で示す）", _rewrite_options, run_rewrite, []),
    "rules": ("ルールの一覧を表示する", _rules_options, run_rules, []),
    "explain": ("ルールの理由・悪い例と良い例・書き換え例を表示する", _explain_options, run_explain, []),
    "tokens": ("ルールが見るもの（形態素・語彙の概念・節とその特徴）を文ごとに表示する", _tokens_options, run_tokens, []),
    "init": ("コメント付きの .yoshinani.yaml を作る", _init_options, run_init, []),
    "config": ("実際に効いている設定と、その出どころを表示する", _add_config_options, run_config, []),
    "test-rules": ("ルールと語彙の概念を、それぞれの例文で検証する（ルール作者向け）", _test_rules_options,
                   run_test_rules, []),
    "server": ("エディタ用の言語サーバー（LSP、標準入出力）を起動する", _server_options, run_server, ["lsp"]),
}


if __name__ == "__main__":
    sys.exit(main())
