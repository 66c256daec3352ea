import os
import sys
from pathlib import Path

import pytest

# tests/ holds helpers (corpus_eval) imported by the tests.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the user's rule cache."""
    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


# CI runs each property test on a fixed set of examples, so a submission passes or fails
# for a reason in the code, not in the draw; locally the examples vary from run to run.
if os.environ.get("CI"):
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True)
    settings.load_profile("ci")
