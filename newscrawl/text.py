"""Pure text helpers shared by page objects and pipelines."""

from __future__ import annotations

import re
import unicodedata

from newscrawl.items import Credit
from newscrawl.places import split_name_place

REPLACEMENT_CHAR = "\ufffd"

# Everything Python calls whitespace, plus zero-width characters that CMS editors leave behind,
# but not U+3000 inside text: it is folded to a plain space like other spaces.
_WS = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")


# CJK ideographs, CJK punctuation and full-width forms.
_CJK = "[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
# A line break between two CJK characters comes from HTML source formatting, not from the
# writer: Chinese puts no space there. A plain space (as in headlines) is kept.
_BREAK_IN_CJK = re.compile(f"(?<={_CJK})[^\\S\n]*\n\\s*(?={_CJK})")


def normalize_ws(text: str) -> str:
    """Fold runs of whitespace (including full-width space and NBSP) into one space and trim.

    Line breaks between CJK characters vanish. Full-width punctuation is kept as is.
    """
    if "\n" in text:
        text = _BREAK_IN_CJK.sub("", text)
    # Most CJK paragraphs hold no whitespace at all: one scan instead of two rewrites.
    if _WS.search(text) is None:
        return text
    return _WS.sub(" ", text).strip()


def has_replacement_char(*texts: str | None) -> bool:
    return any(t is not None and REPLACEMENT_CHAR in t for t in texts)


def is_cjk(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED")


def paragraphs_to_text(paragraphs: list[str]) -> str:
    """Plain text body: paragraphs separated by one blank line."""
    return "\n\n".join(p for p in (normalize_ws(p) for p in paragraphs) if p)


# --- CNA datelines and credits -------------------------------------------------------------

_DATELINE = re.compile(
    r"^[（(]中央社"
    r"(?:(?P<role>記者|駐(?P<post>[^）)]{1,8}?)特派員|特約記者)(?P<people>[^）)]*?))?"
    r"(?P<tail>[^）)\d]*?)(?P<day>\d{1,2})日(?P<kind>[^）)]*?)[）)]"
)


def _split_name_place(segment: str) -> tuple[str, str | None]:
    name, place = split_name_place(segment)
    if place is not None or len(segment) <= 3:
        return name, place
    # An unknown place: most names have three characters, places at least two.
    n = 3 if len(segment) - 3 >= 2 else 2
    return segment[:n], segment[n:]


def parse_cna_dateline(first_paragraph: str) -> tuple[list[str], str | None]:
    """Reporters and place from a CNA dateline such as （中央社記者X台北23日電）."""
    m = _DATELINE.match(first_paragraph.strip())
    if not m:
        return [], None
    if not m.group("role"):
        place = m.group("tail") or None
        return [], place
    people = (m.group("people") or "") + (m.group("tail") or "")
    parts = [p for p in re.split(r"[、,，及與和]", people) if p]
    if not parts:
        return [], None
    names = parts[:-1]
    if m.group("post"):
        names.append(parts[-1])
        return names, m.group("post")
    last, place = _split_name_place(parts[-1])
    names.append(last)
    return names, place


_CREDIT_ROLES = {
    "編輯": "editor",
    "编辑": "editor",
    "責任編輯": "editor",
    "责任编辑": "editor",
    "譯者": "translator",
    "译者": "translator",
    "核稿": "reviewer",
    "審校": "reviewer",
}
# （編輯：X）1120823 — the ROC date code after the credit is optional.
_CREDIT_TAIL = re.compile(r"[（(](?P<inner>[^（()）]*[：:][^（()）]*)[）)]\s*(?P<code>\d{7})?\s*$")


def parse_credits(last_paragraph: str) -> list[Credit]:
    """Editor/translator credits from a closing such as （譯者：X/核稿：Y）1120823."""
    m = _CREDIT_TAIL.search(last_paragraph.strip())
    if not m:
        return []
    credits: list[Credit] = []
    role: str | None = None
    for segment in re.split(r"[/／;；]", m.group("inner")):
        segment = segment.strip()
        if not segment:
            continue
        label, sep, names = segment.replace(":", "：").partition("：")
        if sep:
            role = _CREDIT_ROLES.get(label.strip())
            if role is None:
                return []  # not a credit block, e.g. a quote that ends the article
        else:
            names = label
        if role is None:
            continue
        for name in re.split(r"[、,，]", names):
            if name.strip():
                credits.append(Credit(role=role, name=name.strip()))
    return credits
