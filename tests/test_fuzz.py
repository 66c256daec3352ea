"""Property tests over the whole surface: lint, fix, rewrite, JSON and SARIF output.
Bounded here (CI); `python benchmarks/fuzz.py` runs 10^5 examples of the same properties."""

from hypothesis import HealthCheck, given, settings

from fuzzing import check_all, drafts

BOUNDED = settings(max_examples=60, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@BOUNDED
@given(drafts)
def test_any_draft_keeps_every_invariant(text):
    check_all(text)
