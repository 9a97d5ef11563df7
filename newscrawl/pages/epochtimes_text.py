"""Pure text parsers for The Epoch Times 大紀元 pages (leads, credits, times, URLs).

Everything here works on strings only, so it is tested without any HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

from newscrawl.items import Credit
from newscrawl.places import is_place, split_name_place
from newscrawl.text import normalize_ws

EDITIONS = ("b5", "gb")
# b5 is the traditional-character edition, gb the simplified one.
EDITION_SCRIPT = {"b5": "hant", "gb": "hans"}
OTHER_EDITION = {"b5": "gb", "gb": "b5"}

# --- the lead: 【大紀元2021年01月14日訊】（大紀元記者鍾元台北報導） -------------------------------------


@dataclass(frozen=True)
class Lead:
    reporters: list[str] = field(default_factory=list)
    place: str | None = None
    translators: list[str] = field(default_factory=list)
    stamp_date: date | None = None
    end: int = 0  # offset in the paragraph where the article text proper starts


_LEAD = re.compile(
    r"^\s*(?:【(?P<stamp>[^【】]{0,40})】)?\s*(?:[（(](?P<credit>[^（()）]{2,80})[）)])?\s*"
)
_STAMP_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_CREDIT = re.compile(
    r"^(?P<org>(?:英文)?(?:大紀元|大纪元|新唐人)(?:週刊|周刊)?)"
    r"(?:(?P<desk>[^記记專专]*?)"
    r"(?P<role>(?:資深|资深|特約|特约)?(?:記者站|记者站|記者|记者|專欄作家|专栏作家|專欄作者|专栏作者)))?"
    r"(?P<rest>.*?)"
    r"(?P<verb>(?:綜合|综合|採訪|采访)?(?:報導|报导|報道|报道|編譯|编译|撰寫|撰写|整理|採訪|采访))$"
)
# The clause after the byline: "，蘇靜好編譯" / "/林妍編譯".
_TRANSLATOR = re.compile(r"^(?P<names>.+?)(?:編譯|编译|翻譯|翻译)$")
_NAME_SEP = re.compile(r"[、,，]")
_CLAUSE_SEP = re.compile(r"[，,／/;；]")


def parse_credit(inner: str) -> Lead | None:
    """The parenthesised byline without its brackets, or None if it is not a byline."""
    clauses = [c.strip() for c in _CLAUSE_SEP.split(inner) if c.strip()]
    if not clauses:
        return None
    m = _CREDIT.match(clauses[0])
    if m is None:
        return None
    reporters: list[str] = []
    place: str | None = None
    if m.group("role"):
        for segment in _NAME_SEP.split(m.group("rest")):
            if not segment.strip():
                continue
            name, where = split_name_place(segment)
            if name and not is_place(name):
                reporters.append(name)
            elif name:
                where = where or name
            place = place or where
    elif m.group("rest").strip() and is_place(m.group("rest").strip()):
        place = m.group("rest").strip()  # 大紀元多倫多綜合報導
    desk = (m.group("desk") or "").strip().removeprefix("駐").removeprefix("驻")
    if place is None and desk and is_place(desk):
        place = desk  # 大紀元多倫多記者站報導
    translators: list[str] = []
    for clause in clauses[1:]:
        t = _TRANSLATOR.match(clause)
        if t:
            translators += [n.strip() for n in _NAME_SEP.split(t.group("names")) if n.strip()]
    return Lead(reporters=reporters, place=place, translators=translators)


def parse_lead(paragraph: str) -> Lead:
    """Reporters, place and date from the opening of an article's first paragraph.

    "【大紀元2021年01月14日訊】（大紀元記者鍾元台北報導）中華民國…" gives reporters ["鍾元"], place "台北".
    `end` is where the stamp and byline stop, so callers can compare the text that follows.
    """
    m = _LEAD.match(paragraph)
    if m is None:
        return Lead()
    stamp_date: date | None = None
    end = 0
    stamp = m.group("stamp")
    if stamp is not None:
        if not re.search(r"[訊讯]$", stamp.strip()):
            return Lead()  # a 【…】 heading, not the dateline stamp
        end = m.end("stamp") + 1
        d = _STAMP_DATE.search(stamp)
        if d and d.group("y"):
            try:
                stamp_date = date(int(d["y"]), int(d["m"]), int(d["d"]))
            except ValueError:
                stamp_date = None
    credit = m.group("credit")
    found = parse_credit(credit.strip()) if credit else None
    if found is None:
        # skip the spaces after the stamp, but keep a parenthesis that is not a byline
        while end < len(paragraph) and paragraph[end].isspace():
            end += 1
        return Lead(stamp_date=stamp_date, end=end)
    return Lead(reporters=found.reporters, place=found.place, translators=found.translators,
                stamp_date=stamp_date, end=m.end())


_AUTHOR_LINE = re.compile(r"^(?:文|作者|撰文|記者|记者)\s*[/／:：]\s*(?P<names>[^（()）|｜]+)")


def parse_author_line(line: str) -> list[str]:
    """Names from a byline block such as "文／李婷、王明" (old layouts' h4.author)."""
    m = _AUTHOR_LINE.match(line.strip())
    if m is None:
        return []
    return [n.strip() for n in _NAME_SEP.split(m.group("names")) if n.strip()]


# --- credits and boilerplate --------------------------------------------------------------

_EDITOR = re.compile(
    r"[（(]?\s*(?:責任編輯|责任编辑|責編|责编)\s*[:：]\s*(?P<names>[^（()）:：]{1,40}?)\s*[）)]?\s*$"
)


def split_editor(paragraph: str) -> tuple[str, list[Credit]]:
    """Split a trailing 責任編輯：X (or （責任編輯：X）) from a paragraph: (text before, credits)."""
    m = _EDITOR.search(paragraph)
    if m is None:
        return paragraph, []
    names = [n.strip() for n in re.split(r"[、,，/／\s]+", m.group("names")) if n.strip()]
    if not names:
        return paragraph, []
    return paragraph[: m.start()].rstrip(), [Credit(role="editor", name=n) for n in names]


_BOILERPLATE = re.compile(
    r"^(?:本文網址|本文网址|影片網址|影片网址|原文網址|原文网址)\s*[:：]"
    r"|^[-─—]*\s*(?:點閱|点阅)\s*【"
    r"|^【(?:紀元播報|纪元播报|大紀元|大纪元)[^】]*】\s*(?:訂閱|订阅|下載|下载|關注|关注)"
    r"|^(?:轉載請註明|转载请注明|版權所有|版权所有)"
)


def is_boilerplate(paragraph: str) -> bool:
    """Site furniture set as a body paragraph: 本文網址 lines, 點閱【…】 promos, subscribe calls."""
    return bool(_BOILERPLATE.search(paragraph.strip()))


# --- times --------------------------------------------------------------------------------

_LOCAL_TIME = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?\s*"
    r"(?:(?P<ampm1>上午|下午|AM|PM|am|pm)\s*)?"
    r"(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?"
    r"(?:\s*(?P<ampm2>AM|PM|am|pm|a\.m\.|p\.m\.))?"
)


def parse_local_time(text: str, tz: ZoneInfo) -> datetime | None:
    """"2021-01-14 3:25 AM", "2012-12-28 01:15", "2021年01月14日 下午3:25" in `tz`, as UTC."""
    m = _LOCAL_TIME.search(text)
    if m is None:
        return None
    hour = int(m["H"])
    ampm = (m["ampm1"] or m["ampm2"] or "").lower().replace(".", "")
    if ampm in ("pm", "下午") and hour < 12:
        hour += 12
    elif ampm in ("am", "上午") and hour == 12:
        hour = 0
    try:
        local = datetime(int(m["y"]), int(m["mo"]), int(m["d"]), hour, int(m["M"]), int(m["S"] or 0))
    except ValueError:
        return None
    return local.replace(tzinfo=tz).astimezone(UTC)


def parse_time_attr(value: str | None, tz: ZoneInfo) -> datetime | None:
    """An ISO `datetime` attribute; one without an offset is read as site-local time."""
    if not value or not value.strip():
        return None
    raw = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(raw)
    except ValueError:
        return parse_local_time(raw, tz)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return dt.astimezone(UTC)


# --- URLs ---------------------------------------------------------------------------------

ARTICLE_PATH = re.compile(
    r"^/(?P<ed>b5|gb)/(?P<y>\d{1,2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<key>n\d+)\.html?$", re.I
)
LIST_PATH = re.compile(r"^/(?P<ed>b5|gb)/(?P<code>(?:nsc|ncid)\d+)(?:_(?P<page>\d+))?\.html?$")
TAG_PATH = re.compile(r"^/(?P<ed>b5|gb)/tag/(?P<name>[^/]+?)\.html?$")


def tag_name(path: str) -> str | None:
    m = TAG_PATH.match(path)
    if m is None:
        return None
    return normalize_ws(unquote(m.group("name"))) or None


def tag_path(edition: str, name: str) -> str:
    return f"/{edition}/tag/{quote(name)}.html"
