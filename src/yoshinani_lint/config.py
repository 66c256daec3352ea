"""Configuration: found from the current directory upward, overridden by the command line.

Files, first found wins (in one directory: in this order): ``.yoshinani.yaml``,
``yoshinani.yaml``, ``pyproject.toml`` with a ``[tool.yoshinani]`` table.
Every value remembers where it came from, for ``yoshinani config``.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath

from .engine import did_you_mean
from .rule import AUDIENCES, SEVERITIES
from .errors import YoshinaniError, yaml_problem

CONFIG_NAMES = (".yoshinani.yaml", "yoshinani.yaml", "pyproject.toml")
LEVELS = (*SEVERITIES, "off")
KEYS = ("select", "ignore", "severity", "fail-on", "audience", "rules", "jargon",
        "vocabulary", "per-file-ignores", "exclude")

STARTER = """\
# yoshinani-lint の設定（yoshinani config で、実際に効いている値と出どころを確認できます）
# 各キーの説明は README の「設定リファレンス」にあります。

# 使うルール / 使わないルール（ルール ID は yoshinani rules で一覧できます）
# select: [bare-apology, blame-shift]
ignore: []

# ルールごとの重大度の上書き（error / warning / info / off）
severity: {}
#   jargon: warning

# この重大度以上の指摘があれば終了コード 1（error / warning / info）
fail-on: warning

# 読み手: client（取引先、既定）/ internal（社内向け: 敬語・口調のルールを緩め、jargon はオフ）
audience: client

# 自作ルールの置き場所（この設定ファイルからの相対パス）
rules: []

# 専門用語リスト（jargon ルール）への追加・除外
jargon:
  add: []
  remove: []

# 語彙（ルールが共有する概念。yoshinani tokens で確認できます）への追加・除外
vocabulary: {}
#   time-vague:
#     add: [手が空き次第]
#     remove: [後日]

# ファイルごとに無視するルール（.txt の下書きにはコメントを書けないため、ここで指定します）
per-file-ignores: {}
#   "internal/*.txt": [casual-tone]

# ディレクトリを確認するときに除外するパス（glob）
exclude: []
"""


class Config:
    def __init__(self) -> None:
        self.select: list[str] | None = None
        self.ignore: list[str] = []
        self.severity: dict[str, str] = {}
        self.fail_on = "warning"
        self.audience = "client"
        self.rules: list[Path] = []
        self.jargon_add: list[str] = []
        self.jargon_remove: list[str] = []
        # concept name -> (words to add, words or lemmas to remove)
        self.vocabulary: dict[str, tuple[list[str], list[str]]] = {}
        self.per_file_ignores: dict[str, list[str]] = {}
        self.exclude: list[str] = []
        self.file: Path | None = None
        self.origins: dict[str, str] = {}

    @property
    def root(self) -> Path:
        return self.file.parent if self.file else Path.cwd()

    def ignored_for(self, path: str) -> set[str]:
        """Rule ids that per-file-ignores turns off for this path."""
        if path == "-" or not self.per_file_ignores:
            return set()
        candidates = {PurePosixPath(Path(path).as_posix()).name, Path(path).as_posix()}
        try:
            candidates.add(Path(path).resolve().relative_to(self.root.resolve()).as_posix())
        except ValueError:
            pass
        out: set[str] = set()
        for pattern, ids in self.per_file_ignores.items():
            if any(fnmatch.fnmatch(c, pattern) for c in candidates):
                out.update(ids)
        return out

    def excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        posix = Path(path).as_posix()
        try:
            relative = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = posix
        return any(
            fnmatch.fnmatch(candidate, pattern) or fnmatch.fnmatch(candidate, pattern.rstrip("/") + "/*")
            for pattern in self.exclude
            for candidate in (posix, relative, Path(path).name)
        )

    def customize_vocabulary(self, concepts: dict) -> None:
        """Apply ``vocabulary:`` to the loaded concepts; an unknown name is an error."""
        where = str(self.file) if self.file else "configuration"
        for name, (add, remove) in self.vocabulary.items():
            if name not in concepts:
                raise YoshinaniError(f"{where}: key 'vocabulary.{name}': unknown concept '{name}'"
                                     f"{did_you_mean(name, concepts)}")
            concepts[name].customize(add, remove)

    def check_rule_ids(self, known: set[str]) -> None:
        """Unknown rule ids are errors: a typo would otherwise silently select nothing."""
        where = str(self.file) if self.file else "configuration"
        named = [("select", i) for i in self.select or []] + [("ignore", i) for i in self.ignore]
        named += [("severity", i) for i in self.severity]
        named += [("per-file-ignores", i) for ids in self.per_file_ignores.values() for i in ids]
        for key, rule_id in named:
            if rule_id not in known:
                raise YoshinaniError(f"{where}: key '{key}': unknown rule id '{rule_id}'"
                                     f"{did_you_mean(rule_id, known)}")


_MAY_CONFIGURE = re.compile(r"""tool["']?\s*\.\s*["']?yoshinani|^\s*\[\s*["']?tool["']?\s*\]|^\s*["']?tool["']?\s*=""",
                            re.MULTILINE)


def find_config(start: Path | None = None) -> Path | None:
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if _is_file(candidate):
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _is_file(path: Path) -> bool:
    # A folder we may not look into (a checkout under someone's 0700 home) holds no config we
    # could read: the search goes on upward instead of stopping the run (Path.is_file raises
    # PermissionError there).
    try:
        return path.is_file()
    except OSError:
        return False


def _has_tool_table(path: Path) -> bool:
    # Most pyproject.toml files say nothing of us: a look at the text spares the TOML parser
    # (tomllib imports typing, datetime and string: ~10 ms, a tenth of a check). A
    # [tool.yoshinani] table, a dotted tool.yoshinani key or a bare [tool] table (which may
    # hold `yoshinani = {...}`) are all that can configure us; only those are parsed.
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        text = None
    if text is not None and not _MAY_CONFIGURE.search(text):
        return False
    try:
        tool = _read_toml(path).get("tool", {})
        return isinstance(tool, dict) and "yoshinani" in tool
    except YoshinaniError:
        # A broken pyproject.toml is ours to report only if it meant to configure us: some
        # other project's broken file above the drafts must not stop every run.
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            return False
        return re.search(r"^[ \t]*\[\s*tool\s*\.\s*[\"']?yoshinani\b", text, re.MULTILINE) is not None


def _read_toml(path: Path) -> dict:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise YoshinaniError(f"{path}: cannot read the configuration ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise YoshinaniError(f"{path}: broken TOML: {exc}") from None


def read_config_file(path: Path) -> dict:
    if not path.is_file():
        raise YoshinaniError(f"{path}: configuration file not found")
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        data = _read_toml(path)
        data = data.get("tool", {}).get("yoshinani", {}) if path.name == "pyproject.toml" else data
    else:
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            raise YoshinaniError(f"{path}: cannot read the configuration ({exc})") from None
        except yaml.YAMLError as exc:
            raise YoshinaniError(f"{path}: {yaml_problem(exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YoshinaniError(f"{path}: the configuration must be a mapping of keys")
    return data


def load_config(config_path: str | None = None, isolated: bool = False) -> Config:
    config = Config()
    for key in KEYS:
        config.origins[key] = "default"
    if isolated:
        return config
    path = Path(config_path) if config_path else find_config()
    if path is None:
        return config
    data = read_config_file(path)
    config.file = path
    _apply(config, data, path)
    return config


def _apply(config: Config, data: dict[str, object], path: Path) -> None:
    def fail(key: str, problem: str):
        raise YoshinaniError(f"{path}: key '{key}': {problem}")

    def id_list(key: str, value: object) -> list[str]:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(key, "must be a list of rule ids")
        return value

    def str_list(key: str, value: object) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            fail(key, "must be a list of strings")
        return value

    def add_remove(key: str, value: object) -> tuple[list[str], list[str]]:
        if not isinstance(value, dict):
            fail(key, "must be a mapping with add and/or remove")
        for sub in value:
            if sub not in ("add", "remove"):
                fail(f"{key}.{sub}", f"unknown key{did_you_mean(str(sub), ('add', 'remove'))}")
        return str_list(f"{key}.add", value.get("add") or []), str_list(f"{key}.remove", value.get("remove") or [])

    for key, value in data.items():
        if not isinstance(key, str):
            fail(str(key), "keys must be names such as select or ignore")
        normalized = key.replace("_", "-")
        if normalized not in KEYS:
            fail(key, f"unknown key{did_you_mean(normalized, KEYS)}")
        config.origins[normalized] = str(path)
        if normalized == "select":
            config.select = id_list(key, value)
        elif normalized == "ignore":
            config.ignore = id_list(key, value)
        elif normalized == "severity":
            if not isinstance(value, dict):
                fail(key, "must be a mapping of rule id to error / warning / info / off")
            levels = {}
            for rule_id, level in value.items():
                if level is False:  # YAML 1.1 reads a bare `off` as false
                    level = "off"
                if not isinstance(rule_id, str):
                    fail(f"{key}.{rule_id}", "must be a rule id")
                if level not in LEVELS:
                    fail(f"{key}.{rule_id}", f"must be one of {', '.join(LEVELS)} (got {level!r})")
                levels[rule_id] = level
            config.severity = levels
        elif normalized == "fail-on":
            if value not in SEVERITIES:
                fail(key, f"must be one of error, warning, info (got {value!r})")
            config.fail_on = value
        elif normalized == "audience":
            if value not in AUDIENCES:
                fail(key, f"must be one of {', '.join(AUDIENCES)} (got {value!r}){did_you_mean(str(value), AUDIENCES)}")
            config.audience = value
        elif normalized == "rules":
            config.rules = [path.parent / p for p in str_list(key, value if isinstance(value, list) else [value])]
        elif normalized == "jargon":
            config.jargon_add, config.jargon_remove = add_remove(key, value)
        elif normalized == "vocabulary":
            if not isinstance(value, dict):
                fail(key, "must be a mapping of concept names to add and/or remove")
            config.vocabulary = {str(name): add_remove(f"{key}.{name}", lists) for name, lists in value.items()}
        elif normalized == "per-file-ignores":
            if not isinstance(value, dict):
                fail(key, "must be a mapping of glob to rule ids")
            for glob in value:
                if not isinstance(glob, str):
                    fail(f"{key}.{glob}", "must be a glob such as 'drafts/*.txt'")
            config.per_file_ignores = {glob: id_list(f"{key}.{glob}", ids) for glob, ids in value.items()}
        elif normalized == "exclude":
            config.exclude = str_list(key, value)


def describe(config: Config) -> str:
    """The effective configuration, each value with where it came from."""
    import json

    values = {
        "select": config.select,
        "ignore": config.ignore,
        "severity": config.severity,
        "fail-on": config.fail_on,
        "audience": config.audience,
        "rules": [str(p) for p in config.rules],
        "jargon": {"add": config.jargon_add, "remove": config.jargon_remove},
        "vocabulary": {name: {"add": add, "remove": remove} for name, (add, remove) in config.vocabulary.items()},
        "per-file-ignores": config.per_file_ignores,
        "exclude": config.exclude,
    }
    lines = [f"# 設定ファイル: {config.file or '（なし: 既定値）'}"]
    for key, value in values.items():
        shown = "null（すべてのルール）" if value is None else json.dumps(value, ensure_ascii=False)
        lines.append(f"{key}: {shown}  # {config.origins.get(key, 'default')}")
    return "\n".join(lines)
