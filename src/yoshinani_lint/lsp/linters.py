"""One linter per configuration file, built on first use and kept until a config or rule file
changes: loading and proving rules is the costly part, linting is cheap."""

from __future__ import annotations

from pathlib import Path

from ..config import find_config, load_config
from ..errors import YoshinaniError
from ..runner import Linter, build_linter


class Linters:
    def __init__(self) -> None:
        self._config_of: dict[str, Path | None] = {}  # a draft's folder -> its config file
        self._linters: dict[Path | None, Linter | YoshinaniError] = {}

    def clear(self) -> None:
        self._config_of.clear()
        self._linters.clear()

    def for_path(self, path: str | None) -> tuple[Linter | None, YoshinaniError | None]:
        """The linter for a draft at `path` (None: an unsaved buffer, found from the server's
        working directory), or the one-line error its configuration or rules raise."""
        folder = str(Path(path).parent) if path else ""
        if folder not in self._config_of:
            self._config_of[folder] = find_config(Path(folder) if folder else None)
        config_file = self._config_of[folder]
        if config_file not in self._linters:
            try:
                config = load_config(str(config_file)) if config_file else load_config(isolated=True)
                self._linters[config_file] = build_linter(config)
            except YoshinaniError as exc:
                self._linters[config_file] = exc
        linter = self._linters[config_file]
        if isinstance(linter, YoshinaniError):
            return None, linter
        return linter, None

    def warm_up(self) -> None:
        """Create the tagger and the default rule set before the first draft arrives."""
        from ..tokens import tagger

        tagger()
        linter, _ = self.for_path(None)
        if linter is not None:
            linter.lint("お世話になっております。")
