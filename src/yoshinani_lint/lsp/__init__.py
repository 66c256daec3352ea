"""`yoshinani server`: the language server (module `server`), imported only by that command:
pygls and lsprotocol take ~0.4 s to import, which `yoshinani check` must never pay."""

from __future__ import annotations

from ..errors import YoshinaniError

INSTALL_HINT = "the language server needs pygls: pip install 'yoshinani-lint[lsp]'"


def run(args) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise YoshinaniError(INSTALL_HINT) from None
    from .server import start

    start()
    return 0
