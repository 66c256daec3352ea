"""Output formats. Each takes the results of a run: [(Source name, findings)].

Each format is its own module, imported only when chosen: start-up time matters.
"""

FORMATS = ("text", "json", "concise", "github", "sarif")
