"""Output formats. Each takes the results of a run: [(Source name, findings)]."""

FORMATS = ("text", "json")
