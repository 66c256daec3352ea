"""Rule conditions over what the reply quotes."""

from __future__ import annotations

import pytest


# ``quote_lacks``: 承知しました to a quoted notice needs no next step; to a quoted request it does.
@pytest.mark.parametrize("quote, fires", [
    ("> 来週の定例は、会議室が取れなかったのでオンラインになります。", False),
    ("> 請求書を本日郵送いたしました。", False),
    ("> 明日の打ち合わせ資料、今日中に共有してもらえますか？", True),
    ("> ロゴの色をもう少し濃くしてください。", True),
])
def test_an_acceptance_needs_a_next_step_only_when_the_quote_asks_for_something(quote, fires):
    from yoshinani_lint.api import lint_text

    found = {f.rule_id for f in lint_text(f"{quote}\n\n承知いたしました。\n")}
    assert ("no-next-step" in found) is fires
    # without any quote the reply cannot tell: a bare acceptance still asks for a step
    assert "no-next-step" in {f.rule_id for f in lint_text("承知いたしました。\n")}
