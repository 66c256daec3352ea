"""yoshinani-lint: checks Japanese replies to clients for the phrasings that cost trust.

The Python API (typed; see :mod:`yoshinani_lint.api`)::

    from yoshinani_lint import lint_text, fix_text, rewrite_text, load_config, Finding

The names are imported on first use: the command line imports this package too, and must
not pay for the API's imports on every check.
"""

__version__ = "0.1.0"

_API = ("Finding", "Fixed", "Rewritten", "Slot", "fix_text", "lint_text", "load_config", "rewrite_text")


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'yoshinani_lint' has no attribute {name!r}")


__all__ = [*_API, "__version__"]
