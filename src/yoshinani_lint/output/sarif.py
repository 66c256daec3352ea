"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning (``upload-sarif``) and SARIF viewers.

One run; ``tool.driver.rules`` describes every rule that was used (or, without the rule
objects, every rule that reported something), and each result points at its rule by id and
index. Our columns count characters (code points), not the UTF-16 code units SARIF assumes by
default, so the run says ``columnKind: unicodeCodePoints``; ``endColumn`` is the column just
after the span, which is SARIF's meaning too. A finding with a fix carries it as ``fixes``,
by character offset into the text as read (BOM removed, line endings as in the file).

Paths: a relative path (or an absolute one under the working directory) becomes a relative
URI with forward slashes against ``%SRCROOT%``, the working directory; any other absolute path
becomes a ``file:`` URI; standard input becomes ``stdin``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import __version__

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/yoshinani-lint/"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
STDIN_URI = "stdin"
FINGERPRINT = "yoshinaniFindingHash/v1"


def artifact_location(name: str, cwd: str | None = None) -> dict:
    """Where a file given on the command line lives, as a SARIF artifactLocation."""
    if name == "-":
        return {"uri": STDIN_URI, "description": {"text": "標準入力"}}
    cwd = cwd or os.getcwd()
    path = os.path.normpath(name)
    if os.path.isabs(path):
        rel = os.path.relpath(path, cwd) if _under(path, cwd) else None
        if rel is None:
            return {"uri": Path(path).as_uri()}
        path = rel
    posix = PurePosixPath(*Path(path).parts).as_posix()
    return {"uri": quote(posix, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}  # the bytes of a non-UTF-8 name


def _under(path: str, directory: str) -> bool:
    try:
        return os.path.commonpath([path, directory]) == directory
    except ValueError:  # another drive on Windows
        return False


def rule_descriptor(rule) -> dict:
    """A reportingDescriptor from a Rule (id, description, why, suggest, severity, ...)."""
    why = (rule.why or "").strip()
    help_text = why or rule.description
    help_markdown = help_text
    if rule.suggest:
        help_text += f"\n\n書き換えの例: {rule.suggest}"
        help_markdown += f"\n\n**書き換えの例:** {rule.suggest}"
    descriptor = {
        "id": rule.id,
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": why or rule.description},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [t for t in ("yoshinani", rule.pillar) if t]},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def _fingerprint(finding, seen: dict) -> str:
    """Stable across edits elsewhere in the reply: rule, sentence, span, nth repeat."""
    rel = finding.start - finding.sentence_start
    key = (finding.rule_id, finding.sentence, rel, finding.length)
    seen[key] = seen.get(key, 0) + 1
    data = "\0".join(map(str, key + (seen[key],)))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]  # lone surrogates in API text


def _result(finding, index: int, location: dict, seen: dict) -> dict:
    result = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                },
            },
        }],
        "partialFingerprints": {FINGERPRINT: _fingerprint(finding, seen)},
    }
    fix = finding.fix
    if fix is not None:
        description = f"「{fix.text}」に置き換える" if fix.text else "削除する"
        result["fixes"] = [{
            "description": {"text": description},
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{
                    "deletedRegion": {"charOffset": fix.start, "charLength": fix.end - fix.start},
                    "insertedContent": {"text": fix.text},
                }],
            }],
            "properties": {"safe": fix.safe},
        }]
    return result


def build(results, rules=None, cwd: str | None = None) -> dict:
    """The SARIF log as a dict; ``rules`` are the Rule objects of the run, when known."""
    descriptors = [rule_descriptor(r) for r in rules or []]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    sarif_results = []
    for name, findings in results:
        location = artifact_location(name, cwd)
        seen: dict = {}
        for f in findings:
            if f.rule_id not in index:  # a rule we were not told about
                index[f.rule_id] = len(descriptors)
                descriptors.append({"id": f.rule_id})
            sarif_results.append(_result(f, index[f.rule_id], location, seen))
    root = Path(cwd or os.getcwd()).as_uri()
    run = {
        "tool": {
            "driver": {
                "name": "yoshinani-lint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            },
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root if root.endswith("/") else root + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results, rules=None) -> str:
    return json.dumps(build(results, rules), ensure_ascii=False, indent=2)
