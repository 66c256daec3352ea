"""``--format json``: one entry per input, in input order (the shape other tools parse)."""

from __future__ import annotations

import json


def render(results) -> str:
    return json.dumps(
        [{"filePath": name, "messages": [f.to_json() for f in findings]} for name, findings in results],
        ensure_ascii=False,
        indent=2,
    )
