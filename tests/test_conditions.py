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


# ``around``: a refusal's reason counts in its own sentence or the next, not from another matter;
@pytest.mark.parametrize("text, fires", [
    ("土日は事務所が休業のため、作業はお受けできません。\n", False),
    ("土日の作業はお受けできません。事務所が休業しているためです。\n", False),
    ("データをアップしましたので、ご確認ください。\n明日の午前中に公開いたします。\nなお、公開日の前倒しはできません。\n", True),
    # the next item of a list is another matter; a line after the refusal that is no item may hold its reason
    ("・研修の追加開催：対応不可\n・再設定：ご自身でできる操作ですので、マニュアルをご確認ください\n", True),
    ("研修の追加開催は対応いたしかねます。\n・理由：講師の日程が埋まっているため\n", False),
    # ``document_but_other_items``: another item's offer is not a listed refusal's alternative (an item
    # is its whole line); an offer outside the list, or a refusal outside any list, still finds one
    ("以下のとおり回答いたします。\n・追加の印刷：1部500円で承ります\n・土曜日の作業：対応不可\n", True),
    ("・土曜日の作業：対応不可\n代わりに日曜であれば対応可能です。\n", False),
    ("土曜日の作業は対応できません。\n・代わりに、日曜であれば対応可能です\n", False),
    ("回答いたします。\n・追加の印刷：対応不可です。代わりに日曜であれば対応可能です。\n・土曜日の作業：対応不可\n", True),
    ("回答いたします。\n・追加の印刷：1部500円で承ります\n・土曜日の作業について。対応できません。\n", True),
])
def test_a_refusal_needs_its_reason_or_alternative_beside_it(text, fires):
    from yoshinani_lint.api import lint_text

    assert ("flat-refusal" in {f.rule_id for f in lint_text(text)}) is fires

