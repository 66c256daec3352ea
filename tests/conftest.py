import sys
from pathlib import Path

import pytest

# tests/ holds helpers (corpus_eval) imported by the tests.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the user's rule cache."""
    monkeypatch.setenv("YOSHINANI_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
