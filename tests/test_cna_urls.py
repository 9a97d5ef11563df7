"""CNA URL rules: article keys, canonical URLs, and the fast path for plain absolute URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from newscrawl.pages.base import absolute_url
from newscrawl.pages.cna import _ARTICLE_PATH, Cna

PAGE = "https://www.cna.com.tw/news/aipl/202101140123.aspx"


def slow_key(url: str) -> str | None:
    """The rule without the fast path: hostname and path from urlsplit."""
    parts = urlsplit(url)
    if parts.hostname not in Cna.domains:
        return None
    m = _ARTICLE_PATH.match(parts.path)
    return m["key"] if m else None


@pytest.mark.parametrize(
    "url, key",
    [
        ("https://www.cna.com.tw/news/aipl/202101140123.aspx", "202101140123"),
        ("http://cna.com.tw/news/AOPL/202101140123.aspx?utm_source=x#top", "202101140123"),
        ("HTTPS://WWW.CNA.COM.TW/news/aipl/201401140123-1.aspx", "201401140123"),
        ("https://www.cna.com.tw:443/news/aipl/202101140123.aspx", "202101140123"),
        ("https://www.cna.com.tw/news/aipl/202101140123.aspx\n", "202101140123"),
        ("https://www.cna.com.tw/news/ai\tpl/202101140123.aspx", "202101140123"),
        (" https://www.cna.com.tw/news/aipl/202101140123.aspx", "202101140123"),
        ("https://user@www.cna.com.tw/news/aipl/202101140123.aspx", "202101140123"),
        ("https://www.cna.com.tw@evil.example/news/aipl/202101140123.aspx", None),
        ("https://www.cna.com.tw.evil.example/news/aipl/202101140123.aspx", None),
        ("https://evil.example/www.cna.com.tw/news/aipl/202101140123.aspx", None),
        ("https://www.cna.com.tw/news/aipl/202101140123.aspx;x", None),
        ("https://www.cna.com.tw/list/aall.aspx", None),
        ("https://www.cna.com.tw/news/aipl/2021011401.aspx", None),
        ("ftp://www.cna.com.tw/news/aipl/202101140123.aspx", "202101140123"),
    ],
)
def test_article_key_agrees_with_urlsplit(url: str, key: str | None) -> None:
    assert Cna.article_key(url) == key
    assert slow_key(url) == key


def test_canonical_url_lowercases_category_and_drops_query() -> None:
    assert Cna.canonical_url("http://cna.com.tw/news/AIPL/202101140123.aspx?x=1") == PAGE
    assert Cna.canonical_url("https://www.cna.com.tw/list/aall.aspx") is None


@pytest.mark.parametrize(
    "href",
    [
        "https://www.cna.com.tw/news/aopl/202101140045.aspx",
        "/news/aopl/202101140045.aspx",
        "202101140045.aspx",
        "../aopl/202101140045.aspx",
        "//www.cna.com.tw/news/aopl/202101140045.aspx",
        "http://www.cna.com.tw/news/aopl/202101140045.aspx?utm=1",
        "https://www.cna.com.tw/news/x/../aopl/202101140045.aspx",
    ],
)
def test_absolute_url_canonicalizes_like_urljoin(href: str) -> None:
    from urllib.parse import urljoin

    expected = Cna.canonical_url(urljoin(PAGE, href))
    if href.startswith("https://") and "/../" in href:
        assert expected is None  # urljoin leaves an absolute URL's dot segments alone
    else:
        assert expected is not None and expected.endswith("/202101140045.aspx")
    assert Cna.canonical_url(absolute_url(PAGE, href)) == expected
