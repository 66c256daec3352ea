"""yoshinani-lint: checks Japanese replies to clients for the phrasings that cost trust."""

__version__ = "0.1.0"


def lint_text(text, **options):
    """Check one reply; see :func:`yoshinani_lint.engine.lint_text`."""
    from .engine import lint_text as _lint_text

    return _lint_text(text, **options)


__all__ = ["lint_text", "__version__"]
