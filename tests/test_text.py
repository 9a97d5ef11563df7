"""Pure text helpers: whitespace, datelines, credits."""

from __future__ import annotations

import pytest

from newscrawl.items import Credit
from newscrawl.text import (
    has_replacement_char,
    normalize_ws,
    paragraphs_to_text,
    parse_cna_dateline,
    parse_credits,
)


@pytest.mark.parametrize(
    ("lead", "reporters", "place"),
    [
        ("（中央社記者沈佩瑤台北23日電）媒體報導", ["沈佩瑤"], "台北"),
        ("（中央社台北14日電）總統蔡英文今天", [], "台北"),
        ("（中央社雪梨23日綜合外電報導）庫克群島", [], "雪梨"),
        ("（中央社記者王豪、李四新竹5日電）", ["王豪", "李四"], "新竹"),
        ("（中央社記者呂欣憓曼谷23日專電）", ["呂欣憓"], "曼谷"),
        ("（中央社駐華盛頓特派員江今葉23日專電）", ["江今葉"], "華盛頓"),
        ("（中央社記者張榮祥台南8日電）", ["張榮祥"], "台南"),
        ("總統今天表示（中央社記者沈佩瑤台北23日電）", [], None),
    ],
)
def test_cna_dateline(lead: str, reporters: list[str], place: str | None) -> None:
    assert parse_cna_dateline(lead) == (reporters, place)


@pytest.mark.parametrize(
    ("closing", "credits"),
    [
        ("最重可罰。（編輯：李亨山）1120823", [Credit("editor", "李亨山")]),
        ("（譯者：王嘉語/核稿：嚴思祺）1120823",
         [Credit("translator", "王嘉語"), Credit("reviewer", "嚴思祺")]),
        ("太廣了。（編輯：唐佩君/呂佳蓉）1120823", [Credit("editor", "唐佩君"), Credit("editor", "呂佳蓉")]),
        ("視訊會議。（編輯：蘇志宗）", [Credit("editor", "蘇志宗")]),
        ("他說（笑）", []),
        ("引述（路透社：消息）", []),
    ],
)
def test_credits(closing: str, credits: list[Credit]) -> None:
    assert parse_credits(closing) == credits


def test_normalize_ws_keeps_full_width_punctuation() -> None:
    assert normalize_ws(" 總統\u3000表示：\n\t「好」。\u200b ") == "總統 表示：「好」。"


def test_paragraphs_to_text_separates_with_blank_lines() -> None:
    assert paragraphs_to_text(["第一段。", "  ", "第二段\n續。"]) == "第一段。\n\n第二段續。"


def test_replacement_char_detected() -> None:
    assert has_replacement_char("ok", "bad \ufffd")
    assert not has_replacement_char("ok", None)
