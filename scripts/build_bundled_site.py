#!/usr/bin/env python
"""Build newscrawl's bundled replay site and the CNA parse fixtures.

    python scripts/build_bundled_site.py          # (re)write both; identical bytes every run
    python scripts/build_bundled_site.py --check  # fail if the committed files are stale

Writes
* newscrawl/replay/site/www.cna.com.tw/**: article pages in CNA's DOM structure (rendered by
  newscrawl.replay.render_cna), list pages, the homepage, robots.txt, _responses.json (status,
  header and truncation overrides for the replay server) and _manifest.json (what a crawl of
  /list/aall.aspx with NEWSCRAWL_MAX_HOPS=2 must store: articles, edges, stats);
* newscrawl/replay/site/README.md;
* tests/fixtures/pages/cna/<case>/{body.html,headers.json,expected.json,info.json}.

The expected values come from the data below, never from newscrawl's parser.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bundled_site_texts import NO_HTML_TEXTS, NO_HTML_TITLES  # noqa: E402
from sitefiles import sync  # noqa: E402

from newscrawl.replay.render_cna import (  # noqa: E402
    CATEGORY_NAMES,
    TAIPEI,
    SiteArticle,
    article_url,
    render_article,
    render_home,
    render_list,
    roc_code,
)

HOST = "www.cna.com.tw"
BASE = f"https://{HOST}"
SITE = ROOT / "newscrawl" / "replay" / "site"
HOST_DIR = SITE / HOST
FIXTURES = ROOT / "tests" / "fixtures" / "pages" / "cna"
MAX_HOPS = 2
IMG = "https://imgcdn.cna.com.tw/www/WebPhotos"

# --- texts written for newscrawl --------------------------------------------------------------

# CNA article 202101140196 (2021-01-14), exactly as in the reference copy: paragraphs, lead picture
# and caption, and its 延伸閱讀 block of six links (the last two picked by CNA's tagger).
REFERENCE_KEY = "202101140196"
REFERENCE_PARAGRAPHS = [
    "（中央社台北14日電）總統蔡英文今天與美國駐聯合國大使克拉夫特視訊會談；總統感謝克拉夫特給予台灣堅定的支持，並說，台灣將繼續推動加入聯合國及其所屬的會議和活動，希望美國支持，克拉夫特對台灣如何在這方面取得進展的建議，彌足珍貴。",
    "克拉夫特（Kelly Craft）原定13至15日訪問台灣，但國務院美東時間12日宣布，為確保政權交接程序順利完成，取消官員本週所有出訪計畫，包括克拉夫特的訪台行。",
    "蔡總統原定今天上午接見克拉夫特並於總統府舉行午宴，因克拉夫特未能訪台，蔡總統改以視訊與克拉夫特會談。",
    "總統府下午透過新聞稿說明兩人會談內容，蔡總統對於克拉夫特這次無法來台表示惋惜，期待未來能在台灣見面。",
    "蔡總統致詞時表示，很高興拜現代科技之賜，今天還能夠在線上見面，儘管克拉夫特這次無法成行，希望日後仍能訪問台灣。她想藉這機會感謝克拉夫特堅定支持台灣的國際參與，致力深化台美關係，並在最重要的時刻為台灣發聲。",
    "蔡總統指出，克拉夫特的作為鼓舞了台灣人民，事實上大家都非常喜歡克拉夫特，不管是公開為台灣仗義執言、參與「全球合作暨訓練架構」（GCTF）工作坊，或是在紐約與李光章大使會面，克拉夫特的支持讓兩國關係更加緊密，也讓世界更了解台灣。",
    "總統提到，克拉夫特在推特（Twitter）上跟台灣黑熊布偶一起入鏡的照片，深深擄獲台灣人的心。這隻小熊不僅象徵台灣，更激發了年輕世代想要多加了解，進而共同努力幫助台灣成為聯合國的一員。",
    "蔡總統說，會繼續讓世界知道，台灣是一股良善的力量，也是一個重要的夥伴，有能力、也有決心貢獻國際社會。展望未來，台灣將繼續推動加入聯合國及其所屬的會議和活動，希望美國繼續給予支持，克拉夫特對台灣如何在這方面取得進展的建議，彌足珍貴。",
    "總統表示，很遺憾克拉夫特這次無法來台，期待不久的將來有機會盡地主之誼，相信克拉夫特一定會喜歡台灣的美景、美食和友好的人民。她也再次感謝克拉夫特為台灣所做的一切，期待很快能在台灣見面。",
    "總統與克拉夫特也就台灣國際參與、台美深化合作、民主理念共享、教育資源交流等相關議題進行深度對話。",
    "總統府說，美國國務院亞太局主管區域安全政策及多邊事務副助卿費特（Daivd Feith）一同在線上與會，國安會秘書長顧立雄、外交部長吳釗燮、美國在台協會台北辦事處長酈英傑（Brent Christensen）等也參與這次視訊會議。（編輯：蘇志宗）1100114",
]
REFERENCE_IMAGE = f"{IMG}/1024/20210114/1168x768_20210114000077.jpg"
REFERENCE_CAPTION = (
    "總統蔡英文（右）14日與美國駐聯合國大使克拉夫特（Kelly Craft）（左）視訊會談，"
    "對克拉夫特這次無法來台表示惋惜，期待未來能在台灣見面。（總統府提供）中央社記者謝佳珍傳真"
    "\u3000110年1月14日"
)

# The six 延伸閱讀 targets of the reference article. Titles are CNA's (from the reference block);
# the text is newscrawl's own, written for these test pages from what the reference article says.
OWN_TEXTS: dict[str, tuple[str, list[str]]] = {
    "202101145002": ("美駐聯合國大使與蔡總統通話 讚台灣為全球典範", [
        "美國駐聯合國大使克拉夫特今天與總統蔡英文視訊會談後，在社群媒體發文表示，很高興與蔡總統通話，並稱許台灣是全球的典範。",
        "克拉夫特原定13日至15日訪問台灣，因國務院宣布取消官員本週所有出訪計畫而未能成行，雙方改以視訊方式會談。",
        "外交部今天表示，感謝克拉夫特長期以來對台灣國際參與的支持，未來將持續與美方密切合作，爭取台灣有意義參與聯合國體系。",
    ]),
    "202101130010": ("因應國務院交接計畫 美國駐聯合國大使取消訪台", [
        "美國國務院今天宣布，為確保政權交接程序順利完成，取消國務院官員本週所有出訪計畫，包括駐聯合國大使克拉夫特原定13日至15日的訪台行程。",
        "國務院表示，所有高層官員與工作人員的出訪都將取消，以協助新政府順利接手。",
        "克拉夫特的訪台行程先前已引起各界關注。總統府表示尊重美方決定，並感謝克拉夫特長期支持台灣。",
    ]),
    "202012150020": ("影片／美駐聯大使：台灣是良善力量 與中國對比鮮明", [
        "美國駐聯合國大使克拉夫特在一段線上訪談影片中表示，台灣是世界上一股良善的力量，與中國形成鮮明對比。",
        "克拉夫特在訪談中提到台灣在疫情期間向各國捐贈醫療物資，並說台灣應有機會參與國際組織的活動。",
        "她也提到，自己曾在紐約與駐紐約台北經濟文化辦事處處長李光章會面，雙方就台灣國際參與交換意見。",
    ]),
    "202101140143": ("克拉夫特訪台行程 李光章去年9月紐約餐敘邀約", [
        "美國駐聯合國大使克拉夫特原定13日至15日訪台。外交部今天說明，克拉夫特的訪台行程，源於駐紐約台北經濟文化辦事處處長李光章去年9月在紐約與她餐敘時提出的邀約。",
        "外交部表示，李光章與克拉夫特的會面是台美外交人員在紐約的一次重要交流，雙方此後持續聯繫，促成這次訪台規劃。",
        "由於美國國務院宣布取消官員本週所有出訪計畫，克拉夫特的訪台行因而取消，改由總統蔡英文14日與她視訊會談。",
    ]),
    "202101140136": ("總統與克拉夫特視訊 深度對話台灣國際參與等議題", [
        "總統蔡英文今天中午與美國駐聯合國大使克拉夫特視訊會談，雙方就台灣國際參與、台美深化合作、民主理念共享及教育資源交流等議題進行深度對話。",
        "總統府表示，蔡總統感謝克拉夫特長期支持台灣的國際參與，並期待克拉夫特未來有機會訪問台灣。",
        "總統府說，國安會秘書長、外交部長及美國在台協會台北辦事處長等人也參與這次視訊會議。",
    ]),
    "202101110151": ("蔡總統14日接見美駐聯大使 安排午宴訪團", [
        "美國駐聯合國大使克拉夫特將於13日至15日訪問台灣。總統府今天證實，總統蔡英文將於14日上午接見克拉夫特，並在總統府設午宴款待訪團。",
        "總統府表示，歡迎克拉夫特來訪，相信這次訪問將有助於深化台美關係。",
        "外交部也表示，將妥善安排克拉夫特在台期間的各項行程。",
    ]),
    # A video page: title and player, no text at all.
    "202101010012": ("影片／元旦升旗典禮 總統府前廣場湧人潮", []),
}

# --- article specs ---------------------------------------------------------------------------

Ref = str | tuple[str, str]  # "key" | ("category/key", title) for pages not in the site


@dataclass
class Spec:
    key: str
    category: str  # canonical category
    text: str  # "reference" | "own" | "no_html"
    reporters: list[str] = field(default_factory=list)
    place: str | None = None
    dateline: str = ""  # "" = build from reporters/place; else the full dateline text
    kind: str = "電"  # 電 | 專電 | 綜合外電報導
    post: bool = False  # 駐<place>特派員 dateline
    credit: tuple[tuple[str, str], ...] = (("編輯", "王明德"),)
    at: str = ""  # "HH:MM" Taipei; "" = from the serial number
    updated_after: int | None = None  # minutes; None = from the serial number, 0 = never
    tags: list[str] = field(default_factory=list)
    image: bool | None = None  # None = from the serial number
    caption: str = ""
    figures: int = 0
    related: list[Ref] = field(default_factory=list)
    topics: list[tuple[str, list[Ref]]] = field(default_factory=list)
    inline: list[Ref] = field(default_factory=list)
    related_autotag: int = 0
    meta_times: bool = True
    charset: str = "utf-8"
    role: str = "good"  # see BAD below; "good" pages must be stored by a crawl


ROLE_NOTES = {
    "good": "a well-formed article",
    "three_hops": "a well-formed article three hops from the list page: NOT crawled with "
                  "NEWSCRAWL_MAX_HOPS=2 (its edge from a hop-2 article stays unresolved)",
    "robots": "a well-formed article on the list page whose path robots.txt disallows: never "
              "fetched",
    "truncated_file": "the file is cut in the middle of a paragraph (no </html>): "
                      "newscrawl/pages/truncated",
    "truncated_transfer": "served with {\"truncate\": N}: Content-Length promises more bytes "
                          "than arrive, a download error (retried, then newscrawl/errors/...)",
    "no_body": "a video page: headline and player, no <p> in div.paragraph: "
               "newscrawl/pages/no_body",
    "declared_big5_utf8": "UTF-8 bytes served as text/html; charset=big5: decodes with U+FFFD, "
                          "dropped by the clean pipeline (newscrawl/dropped/replacement_char)",
    "big5": "a genuine Big5 page served as text/html; charset=big5 (with <meta charset=big5>): "
            "decoded and stored with the right text",
    "self_link": "its 延伸閱讀 block links to itself: the edge is stored, the link is not "
                 "followed (newscrawl/follow/self_link)",
    "double_category": "listed under /news/firstnews/ but its canonical link says /news/aipl/ "
                       "(same 12-digit id; other articles link the aipl path): one row, with "
                       "the firstnews URL as an alias",
}

SPECS: list[Spec] = [
    # ---- the reference article and its six 延伸閱讀 targets ----
    Spec(REFERENCE_KEY, "firstnews", "reference", place="台北", at="17:00", updated_after=0,
         credit=(("編輯", "蘇志宗"),),
         related=["202101145002", "202101130010", "202012150020", "aipl/202101140143",
                  "202101140136", "aipl/202101110151"], related_autotag=2),
    Spec("202101145002", "firstnews", "own", place="台北", at="16:10", credit=(("編輯", "陳怡君"),),
         tags=["克拉夫特", "聯合國"], related=[REFERENCE_KEY, "202101140136"],
         topics=[("克拉夫特", ["202101130010", "202101110151"])]),
    Spec("202101130010", "firstnews", "own", place="華盛頓", kind="綜合外電報導", at="00:40",
         credit=(("譯者", "李文傑"), ("核稿", "張志豪")), tags=["國務院", "克拉夫特"],
         related=["202101110151", "202012150020", ("firstnews/202101120004", "美國務院：解除與台灣官方往來自我設限")]),
    Spec("202012150020", "firstnews", "own", place="紐約", kind="綜合外電報導", at="01:15",
         credit=(("譯者", "李文傑"), ("核稿", "王明德")), image=True,
         caption="美國駐聯合國大使克拉夫特。（檔案照片）",
         related=[("aopl/202012100004", "美駐聯合國大使克拉夫特：台灣應參與國際組織"),
                  ("aipl/202009160021", "李光章紐約午宴克拉夫特 台美外交人員罕見同框")]),
    Spec("202101140143", "aipl", "own", place="台北", at="13:20", credit=(("編輯", "黃淑芬"),),
         tags=["李光章", "克拉夫特"], related=[REFERENCE_KEY, "202101110151"]),
    Spec("202101140136", "firstnews", "own", reporters=["吳品嫻"], place="台北", at="12:50",
         tags=["蔡英文", "克拉夫特"], related=["aipl/202101140143", "202101145002"],
         inline=["aipl/202101110151"]),
    Spec("202101110151", "aipl", "own", place="台北", at="14:30", credit=(("編輯", "張志豪"),),
         related=["202101130010", ("aipl/202101100033", "美駐聯大使克拉夫特13日訪台 外交部：熱烈歡迎")]),
    # ---- on the list page (hop 1) ----
    Spec("201901010005", "firstnews", "no_html", reporters=["潘姿羽"], place="台北", image=True,
         caption="台北101跨年煙火秀1日零時登場，長達360秒的煙火動畫秀以9大主題展現台灣。（中央社檔案照片）",
         figures=2, tags=["跨年", "台北101", "煙火"],
         related=["201812310105", "201812300114"],
         topics=[("跨年", ["201812300114", "201501010031"])], inline=["201501010031"]),
    Spec("201812310105", "firstnews", "no_html", place="台北", kind="綜合外電報導",
         credit=(("譯者", "林佳慧"), ("核稿", "王明德")), tags=["跨年", "煙火"],
         related=["201901010005", "201501010031"], topics=[("煙火", ["201901010005"])]),
    Spec("201803060174", "firstnews", "no_html", reporters=["吳欣紜", "陳葦庭"], place="台北",
         tags=["米其林", "必比登", "夜市"], related=["201801190132", "202104110048"],
         topics=[("美食", ["202104110048"])]),
    Spec("202109220356", "firstnews", "no_html", reporters=["潘姿羽"], place="台北",
         tags=["CPTPP", "李淳"], related=["202110200353", "202012120086"],
         topics=[("新加坡", ["202012300309"])]),
    Spec("202110200224", "asoc", "no_html", reporters=["黃國芳"], place="嘉義市",
         tags=["嘉義", "一氧化碳"],
         related=[("aloc/201411100229", NO_HTML_TITLES["201411100229"]), "202110070162"]),
    Spec("202110070162", "aloc", "no_html", reporters=["黃慧敏"], place="金門縣", meta_times=False,
         updated_after=31, tags=["重陽節", "金門"],
         related=["201912070131", "201911110278"], inline=["202110200224"]),
    Spec("201903240113", "firstnews", "no_html", reporters=["黃雅詩"], place="羅馬", post=True,
         kind="專電", tags=["習近平", "蔡英文", "一帶一路"],
         related=["201812300004", "202010070112"]),
    Spec("202109060288", "aopl", "no_html", place="倫敦", kind="綜合外電報導",
         credit=(("譯者", "李文傑"), ("核稿", "陳怡君")), tags=["阿富汗", "英國", "塔利班"],
         topics=[("阿富汗", ["202102180174", "201812310197"]), ("英國", ["201812310197"])]),
    Spec("201612260022", "firstnews", "no_html", reporters=["溫貴香", "王承中"], place="台北",
         tags=["婚姻平權", "立法院"], related=["201612260025", "aipl/201912310042"],
         topics=[("立法院", ["aipl/201912310042", "202104110048"])]),
    Spec("202012120087", "firstnews", "no_html", reporters=["潘姿羽", "吳佳蓉"], place="台北",
         tags=["新台幣", "理財"], related=["202012120086", "202109220356"]),
    Spec("201911080011", "firstnews", "no_html", reporters=["陳秉弘"], place="台北",
         tags=["費玉清", "演唱會"], related=["202109220330", "201603130226"],
         topics=[("引退", ["202110190043"])]),
    Spec("202104110048", "firstnews", "no_html", reporters=["陳昱婷"], place="台北",
         tags=["電子菸", "加熱菸"], related=["201801190132", "201803060174"]),
    Spec("201911100105", "aopl", "no_html", place="冰島維克", kind="綜合外電報導",
         credit=(("譯者", "林佳慧"), ("核稿", "張志豪")), charset="big5", role="big5",
         tags=["冰島", "冰川", "氣候變遷"], related=["201807110178", "202109060288"],
         topics=[("天災", ["201812290070", "201812280150"]), ("地震", ["201612070380"])]),
    Spec("201812300114", "firstnews", "no_html", reporters=["陳葦庭"], place="台北",
         role="self_link", tags=["元旦連假", "國道"],
         related=["201812300114", "201901010005"]),
    Spec("201912310042", "aipl", "no_html", reporters=["陳俊華"], place="台北",
         role="double_category", tags=["反滲透法", "立法院"],
         related=["201612260022", "202104110048"]),
    # ---- reached only through links of hop-1 articles (hop 2) ----
    Spec("201501010031", "firstnews", "no_html", reporters=["高照芬"], place="上海",
         tags=["上海", "踩踏"], related=["201812310105", "201901010005",
                                     ("aipl/201412260115", NO_HTML_TITLES["201412260115"])]),
    Spec("202012120086", "afe", "no_html", reporters=["蘇思云"], place="台北",
         tags=["經濟成長率", "台灣錢潮滾滾"], related=["202012120087", "202012300309"]),
    Spec("202110200353", "afe", "no_html", reporters=["吳佳蓉"], place="台北",
         tags=["房地合一", "財政部"], related=["202110210070", "202109220356"]),
    Spec("202012300309", "firstnews", "no_html", reporters=["侯姿瑩"], place="新加坡", post=True,
         kind="專電", tags=["新加坡", "疫苗"],
         related=["202109220356", ("aipl/201412300122", NO_HTML_TITLES["201412300122"])]),
    Spec("201812300004", "firstnews", "no_html", reporters=["林克倫"], place="北京",
         tags=["習近平", "川普"], related=["201903240113", "201612260025"]),
    Spec("202010070112", "firstnews", "no_html", reporters=["邱國強"], place="北京", kind="專電",
         tags=["西什庫教堂", "庚子年"], related=["201812300004", "201903240113"]),
    Spec("201801190132", "firstnews", "no_html", reporters=["陳偉婷"], place="台北",
         tags=["奶粉", "食藥署"],
         related=["201803060174", "202104110048",
                  ("aipl/201412030042", NO_HTML_TITLES["201412030042"])]),
    Spec("202102180174", "aopl", "no_html", place="華盛頓", kind="綜合外電報導",
         credit=(("譯者", "林佳慧"), ("核稿", "陳怡君")), tags=["五角大廈", "疫苗"],
         related=["202109060288", ("aipl/201411080177", NO_HTML_TITLES["201411080177"])]),
    Spec("201812310197", "firstnews", "no_html", place="倫敦", kind="綜合外電報導",
         credit=(("譯者", "李文傑"), ("核稿", "王明德")), tags=["脫歐", "英國"],
         related=["202109060288", "201807110178"]),
    Spec("201807110178", "firstnews", "no_html", reporters=["唐佩君"], place="布魯塞爾",
         post=True, kind="專電", tags=["比利時", "世界盃"],
         related=["201812310197", "201911100105"]),
    Spec("201912070131", "acul", "no_html", place="澎湖縣", tags=["澎湖", "羅德信"],
         related=["202110070162", ("aipl/201412310239", NO_HTML_TITLES["201412310239"])]),
    Spec("201911110278", "ahel", "no_html", reporters=["郭芷瑄"], place="屏東縣",
         tags=["馬拉威", "屏基"], related=["201912070131", "202110070162"]),
    Spec("201812290070", "firstnews", "no_html", reporters=["周永捷"], place="雅加達", post=True,
         kind="專電", tags=["印尼", "海嘯"], related=["201612070380", "201812280150"]),
    Spec("201812280150", "firstnews", "no_html", reporters=["李先鳳"], place="花蓮縣",
         tags=["花蓮地震", "Discovery"],
         related=["201612070380", ("aipl/201412260115", NO_HTML_TITLES["201412260115"])]),
    Spec("201612070380", "firstnews", "no_html", reporters=["周永捷"], place="雅加達", post=True,
         kind="專電", tags=["印尼", "地震"], related=["201812290070"]),
    Spec("202109220330", "acul", "no_html", reporters=["邱祖胤"], place="台北",
         tags=["陳鈺萍", "文化普拉斯"], related=["201911080011", "201603130226"]),
    Spec("201603130226", "firstnews", "no_html", reporters=["吳欣紜"], place="台北",
         tags=["至善基金會", "泰雅族"],
         related=["202109220330", ("aipl/201411090158", NO_HTML_TITLES["201411090158"])]),
    Spec("202110190043", "firstnews", "no_html", place="東京", kind="綜合外電報導",
         credit=(("譯者", "林佳慧"), ("核稿", "張志豪")), tags=["松坂大輔", "西武"],
         related=["201911080011", ("aipl/201411090158", NO_HTML_TITLES["201411090158"])]),
    # ---- three hops away: linked only from a hop-2 article ----
    Spec("202110210070", "acn", "no_html", place="台北", role="three_hops",
         tags=["虛擬貨幣", "發改委"], related=["202110200353", "202012120087"]),
    # ---- bad inputs ----
    Spec("201612260025", "firstnews", "no_html", reporters=["尹俊傑"], place="北京",
         role="declared_big5_utf8", tags=["一中", "川普"],
         related=["201812300004", "201903240113"]),
    Spec("201412300008", "firstnews", "no_html", place="羅馬", kind="綜合外電報導",
         role="truncated_file", tags=["義大利", "渡輪"], related=["201501010031"]),
    Spec("201909290214", "firstnews", "no_html", place="台北", role="truncated_transfer",
         tags=["颱風", "米塔"], related=["201812300114"]),
    Spec("202101010012", "firstnews", "own", place="台北", at="09:20", role="no_body",
         tags=["元旦升旗"], related=["201812300114"]),
    Spec("201501010002", "amov", "no_html", place="台北", role="robots",
         tags=["蔡依林", "跨年"], related=["201901010005"]),
]

# Answers without a page: {path: (title for the list page, published, override, role)}
ANSWERS: dict[str, dict[str, Any]] = {
    "/news/aloc/201411100229.aspx": {
        "role": "http_404", "title": NO_HTML_TITLES["201411100229"], "response": {"status": 404},
        "note": "a removed article: 404 (newscrawl/errors/http_404); linked from 202110200224's "
                "延伸閱讀"},
    "/news/asoc/201411100306.aspx": {
        "role": "redirect_home", "title": NO_HTML_TITLES["201411100306"],
        "response": {"status": 301, "headers": {"Location": f"{BASE}/"}},
        "note": "a removed article redirecting to the homepage, which is not an article: "
                "newscrawl/pages/redirected_away"},
}
ROBOTS_DISALLOWED = "/news/amov/201501010002.aspx"
# The aall list: hop-1 articles, bad inputs included. Everything else is reached through links.
LIST_AALL = [
    REFERENCE_KEY, "201901010005", "201812310105", "201803060174", "202109220356", "202110200224",
    "202110070162", "201903240113", "202109060288", "201612260022", "202012120087", "201911080011",
    "202104110048", "201911100105", "201812300114", "firstnews/201912310042",
    "201412300008", "201909290214", "202101010012", "201501010002", "asoc/201411100306",
]
CYCLES = [[REFERENCE_KEY, "202101140136", "202101140143"],
          ["201901010005", "201501010031", "201812310105"]]
# Ad-hoc view: each fixture case is a page of the site, fetched at one URL.
FIXTURE_CASES: dict[str, tuple[str, str, str]] = {
    # case: (key or "home", fetched path, what it tests)
    "reference_firstnews_202101140196": (
        REFERENCE_KEY, "/news/firstnews/202101140196.aspx",
        "the reference article: exact text, lead picture and caption, 6 延伸閱讀 links (2 autoTag), "
        "dateline without reporter, editor credit, no tags"),
    "figures_inline_topics": (
        "201901010005", "/news/firstnews/201901010005.aspx",
        "lead picture, two lazy-loaded figures (data-src) in the body whose captions stay out of "
        "the text, an inline a.insert link, related and keyword-block links"),
    "legacy_no_meta_times": (
        "202110070162", "/news/aloc/202110070162.aspx",
        "no article:published_time/modified_time metas and no JSON-LD dates: published and "
        "updated times come from the two div.updatetime spans"),
    "correspondent_dateline": (
        "201903240113", "/news/firstnews/201903240113.aspx",
        "a 駐羅馬特派員 dateline (reporter and place from the post), 專電"),
    "topics_only_translator": (
        "202109060288", "/news/aopl/202109060288.aspx",
        "keyword blocks only (no 延伸閱讀), 綜合外電報導 dateline without reporter, "
        "譯者/核稿 credit"),
    "double_category_alias": (
        "201912310042", "/news/firstnews/201912310042.aspx",
        "fetched under /news/firstnews/ while the canonical link says /news/aipl/: canonical URL "
        "and the fetched URL as alias"),
    "self_link": (
        "201812300114", "/news/firstnews/201812300114.aspx",
        "the first 延伸閱讀 link points at the article itself (kept as an edge)"),
    "big5_genuine": (
        "201911100105", "/news/aopl/201911100105.aspx",
        "Big5 bytes with charset=big5 in the header and meta: decoded correctly"),
    "declared_big5_utf8_bytes": (
        "201612260025", "/news/firstnews/201612260025.aspx",
        "UTF-8 bytes declared big5: decodes with U+FFFD, the clean pipeline rejects it"),
    "truncated_file": (
        "201412300008", "/news/firstnews/201412300008.aspx",
        "the file ends in the middle of the third paragraph: NotAnArticle('truncated')"),
    "no_body_video": (
        "202101010012", "/news/firstnews/202101010012.aspx",
        "a video page with headline and player but no <p>: NotAnArticle('no_body')"),
    "homepage_not_article": (
        "home", "/", "the homepage (where a removed article redirects): NotAnArticle('not_article')"),
}

# --- building SiteArticles --------------------------------------------------------------------

BY_KEY = {s.key: s for s in SPECS}
assert len(BY_KEY) == len(SPECS), "duplicate keys"


def text_of(spec: Spec) -> tuple[str, list[str]]:
    if spec.text == "reference":
        return "與美駐聯大使克拉夫特視訊 蔡總統：繼續推動入聯", list(REFERENCE_PARAGRAPHS)
    if spec.text == "own":
        return OWN_TEXTS[spec.key]
    return NO_HTML_TEXTS[spec.key]


def published(spec: Spec) -> datetime:
    day = datetime.strptime(spec.key[:8], "%Y%m%d")
    if spec.at:
        hh, mm = map(int, spec.at.split(":"))
    else:  # CNA numbers the day's articles in order: spread the serials over the day
        minutes = 20 + min(int(spec.key[8:]), 479) * 1380 // 480
        hh, mm = divmod(minutes, 60)
    return day.replace(hour=hh, minute=mm, tzinfo=TAIPEI)


def updated(spec: Spec) -> datetime | None:
    serial = int(spec.key[8:])
    after = spec.updated_after
    if after is None:
        after = 15 + serial % 40 if serial % 3 == 0 else 0
    return published(spec) + timedelta(minutes=after) if after else None


def dateline(spec: Spec) -> str:
    day = published(spec).day
    if spec.post:
        return f"（中央社駐{spec.place}特派員{'、'.join(spec.reporters)}{day}日{spec.kind}）"
    if spec.reporters:
        return f"（中央社記者{'、'.join(spec.reporters)}{spec.place}{day}日{spec.kind}）"
    return f"（中央社{spec.place}{day}日{spec.kind}）"


def credit_text(spec: Spec) -> str:
    inner = "/".join(f"{role}：{name}" for role, name in spec.credit)
    return f"（{inner}）{roc_code(published(spec))}"


def paragraphs(spec: Spec) -> list[str]:
    _, body = text_of(spec)
    if spec.text == "reference" or not body:
        return list(body)
    out = list(body)
    out[0] = dateline(spec) + out[0]
    out[-1] = out[-1] + credit_text(spec)
    return out


def resolve(ref: Ref) -> tuple[str, str, str]:
    """(url as linked, key, anchor title)."""
    if isinstance(ref, tuple):
        path, title = ref
        cat, key = path.split("/")
        return article_url(cat, key), key, title
    cat, _, key = ref.rpartition("/")
    target = BY_KEY[key]
    return article_url(cat or target.category, key), key, text_of(target)[0]


def image_of(spec: Spec) -> tuple[str | None, str | None]:
    if spec.text == "reference":
        return REFERENCE_IMAGE, REFERENCE_CAPTION
    has = spec.image if spec.image is not None else int(spec.key[8:]) % 2 == 0
    if not has:
        return None, None
    src = f"{IMG}/800/{spec.key[:8]}/1200x800_nc_{spec.key}0001.jpg"
    title = text_of(spec)[0]
    return src, spec.caption or f"{title.split(' ')[0]}。（中央社檔案照片）"


def figures_of(spec: Spec) -> list[tuple[str, str]]:
    title = text_of(spec)[0]
    return [(f"{IMG}/800/{spec.key[:8]}/1200x800_nc_{spec.key}{n + 2:04d}.jpg",
             f"{title.split(' ')[-1]}（圖{n + 1}）。（中央社檔案照片）")
            for n in range(spec.figures)]


def focus_for(spec: Spec) -> list[tuple[str, str]]:
    """聚焦新聞 links: other hop-1 articles; the parser must ignore them."""
    keys = [k for k in LIST_AALL if "/" not in k and BY_KEY[k].role == "good" and k != spec.key]
    return [(article_url(BY_KEY[k].category, k), text_of(BY_KEY[k])[0]) for k in keys[:3]]


def site_article(spec: Spec) -> SiteArticle:
    title, _ = text_of(spec)
    src, caption = image_of(spec)

    def link(ref: Ref) -> tuple[str, str]:
        url, _key, anchor = resolve(ref)
        return url, anchor

    return SiteArticle(
        key=spec.key,
        category=spec.category,
        title=title,
        paragraphs=paragraphs(spec),
        published=published(spec),
        updated=updated(spec),
        image_src=src,
        image_caption=caption,
        tags=list(spec.tags),
        related=[link(r) for r in spec.related],
        topics=[(kw, [link(r) for r in refs]) for kw, refs in spec.topics],
        inline=[link(r) for r in spec.inline],
        figures=figures_of(spec),
        related_autotag=spec.related_autotag,
        meta_times=spec.meta_times,
        charset=spec.charset,
        video=("https://www.youtube.com/embed/nc2021newyear" if spec.role == "no_body" else None),
        focus=focus_for(spec),
    )


def page_bytes(spec: Spec) -> bytes:
    html = render_article(site_article(spec))
    if spec.charset == "big5":
        return html.encode("big5", "xmlcharrefreplace")
    if spec.role == "truncated_file":
        third = paragraphs(spec)[2]
        cut = html.index(third) + len(third) // 2
        return html[:cut].encode("utf-8")
    return html.encode("utf-8")


# --- expected values (from the data above, not from the parser) ----------------------------


def fold(text: str) -> str:
    return re.sub(r"[\s\u200b\u200c\u200d\ufeff]+", " ", text).strip()


def utc(dt: datetime | None) -> str | None:
    return dt.astimezone(UTC).isoformat() if dt else None


ROLES = {"editor": "編輯", "translator": "譯者", "reviewer": "核稿"}


def expected_links(spec: Spec) -> list[dict[str, Any]]:
    out = []
    groups = [("related", spec.related), ("topic", [r for _, refs in spec.topics for r in refs]),
              ("inline", spec.inline)]
    for kind, refs in groups:
        for position, ref in enumerate(refs):
            url, key, title = resolve(ref)
            out.append({"url": url, "source": "cna", "key": key, "anchor": title, "kind": kind,
                        "position": position})
    return out


def expected_item(spec: Spec, fetched_url: str) -> dict[str, Any]:
    title, _ = text_of(spec)
    src, caption = image_of(spec)
    canonical = article_url(spec.category, spec.key)
    pub = published(spec)
    roles = {v: k for k, v in ROLES.items()}
    return {
        "title": title,
        "key": spec.key,
        "url": canonical,
        "aliases": [fetched_url] if fetched_url != canonical else [],
        "category_code": spec.category,
        "category_name": CATEGORY_NAMES[spec.category],
        "published_at": utc(pub),
        "updated_at": utc(updated(spec) or pub),
        "reporters": list(spec.reporters),
        "dateline_place": spec.place,
        "credits": [{"role": roles[r], "name": n} for r, n in spec.credit],
        "tags": list(dict.fromkeys(spec.tags)),
        "lead_image_url": src,
        "lead_image_caption": fold(caption) if caption else None,
        "body_text": "\n\n".join(fold(p) for p in paragraphs(spec)),
        "links": expected_links(spec),
    }


# --- crawl simulation: what a crawl of /list/aall.aspx must do ------------------------------

PARSES = {"good", "big5", "self_link", "double_category", "declared_big5_utf8", "three_hops"}
STORED = PARSES - {"declared_big5_utf8"}
ROLE_STAT = {
    "truncated_file": "newscrawl/pages/truncated",
    "no_body": "newscrawl/pages/no_body",
    "declared_big5_utf8": "newscrawl/dropped/replacement_char",
    "self_link": "newscrawl/follow/self_link",
    "http_404": "newscrawl/errors/http_404",
    "redirect_home": "newscrawl/pages/redirected_away",
    "robots": "robotstxt/forbidden",
}


def entry(ref: str) -> tuple[str, str]:
    """(key, path) of a LIST_AALL entry or a link target."""
    cat, _, key = ref.rpartition("/")
    if key in BY_KEY:
        return key, f"/news/{cat or BY_KEY[key].category}/{key}.aspx"
    path = f"/news/{ref}.aspx" if "/" in ref else ""
    return key, path


def simulate() -> dict[str, Any]:
    """Breadth-first, with the spider's rules: list articles are hop 1, links of an article at hop
    h are followed when h + 1 <= MAX_HOPS, a key is requested once, by the first URL seen."""
    depth: dict[str, int] = {}
    fetched: dict[str, str] = {}
    for ref in LIST_AALL:
        key, path = entry(ref)
        if key not in depth:
            depth[key], fetched[key] = 1, path
    frontier = [k for k in depth]
    for hop in range(1, MAX_HOPS):
        nxt = []
        for key in frontier:
            spec = BY_KEY.get(key)
            if spec is None or spec.role not in PARSES or spec.role == "robots":
                continue
            for ref in [*spec.related, *(r for _, rs in spec.topics for r in rs), *spec.inline]:
                url, target, _ = resolve(ref)
                if target == key or target in depth:
                    continue
                depth[target], fetched[target] = hop + 1, url.removeprefix(BASE)
                nxt.append(target)
        frontier = nxt
    return {"depth": depth, "fetched": fetched}


# --- writing --------------------------------------------------------------------------------


def dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def build(out: dict[Path, bytes]) -> None:
    sim = simulate()
    depth, fetched = sim["depth"], sim["fetched"]
    site = {s.key: site_article(s) for s in SPECS}

    # pages
    files: dict[str, bytes] = {}
    for spec in SPECS:
        files[f"/news/{spec.category}/{spec.key}.aspx"] = page_bytes(spec)
    good = [site[s.key] for s in SPECS if s.role in STORED | {"robots"}]
    newest = sorted(good, key=lambda a: (a.published, a.key), reverse=True)
    files["/index.html"] = render_home(newest).encode("utf-8")

    list_items: list[SiteArticle] = []
    for ref in LIST_AALL:
        key, path = entry(ref)
        if key in site:
            a = site[key]
            if "/" in ref:  # listed under another category path
                a = SiteArticle(key=a.key, category=ref.split("/")[0], title=a.title,
                                paragraphs=[], published=a.published, image_src=a.image_src)
            list_items.append(a)
        else:
            ans = ANSWERS[path]
            day = datetime.strptime(key[:8], "%Y%m%d").replace(hour=9, tzinfo=TAIPEI)
            list_items.append(SiteArticle(key=key, category=path.split("/")[2],
                                          title=ans["title"], paragraphs=[], published=day))
    list_items.sort(key=lambda a: (a.published, a.key), reverse=True)
    files["/list/aall.aspx"] = render_list("aall", list_items).encode("utf-8")
    for code in sorted({s.category for s in SPECS if s.role in STORED}):
        members = [a for a in newest if a.category == code]
        files[f"/list/{code}.aspx"] = render_list(code, members).encode("utf-8")
    files["/robots.txt"] = (
        "# newscrawl's bundled test site (not CNA's robots.txt)\n"
        "User-agent: *\n"
        "Disallow: /search/\n"
        "Disallow: /postwrite/\n"
        f"Disallow: {ROBOTS_DISALLOWED}\n"
    ).encode()

    # overrides
    responses: dict[str, Any] = {path: ans["response"] for path, ans in ANSWERS.items()}
    for spec in SPECS:
        path = f"/news/{spec.category}/{spec.key}.aspx"
        if spec.role in ("big5", "declared_big5_utf8"):
            responses[path] = {"headers": {"Content-Type": "text/html; charset=big5"}}
        if spec.role == "truncated_transfer":
            responses[path] = {"truncate": len(files[path]) // 2}
        if spec.role == "double_category":
            responses[f"/news/firstnews/{spec.key}.aspx"] = {"file": path}

    check_site(files, depth)

    # manifest
    articles, edges, not_stored = {}, [], {}
    for key, hop in sorted(depth.items()):
        spec = BY_KEY.get(key)
        path = fetched[key]
        role = spec.role if spec else ANSWERS[path]["role"]
        if spec and spec.role in STORED:
            exp = expected_item(spec, BASE + path)
            articles[key] = {
                "hop": hop, "role": role, "fetched_url": BASE + path, "url": exp["url"],
                "aliases": exp["aliases"], "title": exp["title"],
                "category_code": exp["category_code"], "published_at": exp["published_at"],
                "updated_at": exp["updated_at"],
                "body_text_sha256": hashlib.sha256(exp["body_text"].encode()).hexdigest(),
                "text": spec.text,
            }
            edges += [{"from": key, "kind": e["kind"], "position": e["position"],
                       "to_key": e["key"], "url": e["url"], "anchor": e["anchor"]}
                      for e in exp["links"]]
        else:
            not_stored[key] = {"hop": hop, "role": role, "url": BASE + path,
                               "stat": ROLE_STAT.get(role, "")}
    for spec in SPECS:
        if spec.key not in depth:
            not_stored[spec.key] = {"hop": None, "role": spec.role,
                                    "url": article_url(spec.category, spec.key), "stat": ""}
    stats = {ROLE_STAT[r["role"]]: 0 for r in [*not_stored.values(), *articles.values()]
             if r["role"] in ROLE_STAT}
    for r in [*not_stored.values(), *articles.values()]:
        if r["role"] in ROLE_STAT:
            stats[ROLE_STAT[r["role"]]] += 1
    manifest = {
        "about": "Written by scripts/build_bundled_site.py: what `scrapy crawl cna` from "
                 "/list/aall.aspx with NEWSCRAWL_MAX_HOPS=2 must store. `stored_keys` (= the keys "
                 "of `articles`) are the stored rows; `edges` are all their links; `not_stored` the pages that must "
                 "not become rows; `stats` exact crawl stats the bad inputs produce.",
        "start_url": f"{BASE}/list/aall.aspx",
        "max_hops": MAX_HOPS,
        "stored_keys": sorted(articles),
        "articles": articles,
        "edges": edges,
        "not_stored": not_stored,
        "stats": stats,
        "robots_disallowed": [BASE + ROBOTS_DISALLOWED],
        "never_requested": sorted(v["url"] for v in not_stored.values()
                                  if v["role"] in ("robots", "three_hops")),
        "big5": next(s.key for s in SPECS if s.role == "big5"),
        "three_hops": next(s.key for s in SPECS if s.role == "three_hops"),
        "double_category": {
            "key": (d := next(s for s in SPECS if s.role == "double_category")).key,
            "canonical": article_url(d.category, d.key),
            "listed": f"{BASE}/news/firstnews/{d.key}.aspx",
        },
        "truncated_transfer": BASE + next(f"/news/{s.category}/{s.key}.aspx" for s in SPECS
                                          if s.role == "truncated_transfer"),
    }

    for path, data in files.items():
        out[HOST_DIR / path.lstrip("/")] = data
    out[HOST_DIR / "_responses.json"] = dump(responses)
    out[HOST_DIR / "_manifest.json"] = dump(manifest)
    out[SITE / "README.md"] = readme(manifest).encode("utf-8")

    # fixtures
    text_note = {"reference": "CNA's text (reference article)", "own": "newscrawl's own text",
                 "no_html": "CNA's text from Taiwan_news_dataset's expectations"}
    for case, (key, path, tests) in FIXTURE_CASES.items():
        url = BASE + path
        if key == "home":
            body, expected = files["/index.html"], {"not_article": "not_article"}
            notes = f"{tests}; same bytes as the bundled site's index.html"
        else:
            spec = BY_KEY[key]
            body = files[f"/news/{spec.category}/{spec.key}.aspx"]
            expected = expected_item(spec, url)
            notes = (f"{tests}. Article {key}, {text_note[spec.text]}; same bytes as the bundled "
                     f"site's /news/{spec.category}/{key}.aspx")
            if spec.role == "truncated_file":
                expected = {"not_article": "truncated"}
            elif spec.role == "no_body":
                expected = {"not_article": "no_body"}
            elif spec.role == "declared_big5_utf8":
                expected = {"dropped": "replacement_char"}
        charset = "big5" if key in BY_KEY and BY_KEY[key].role in (
            "big5", "declared_big5_utf8") else "utf-8"
        headers = {"url": url, "status": 200,
                   "headers": {"Content-Type": f"text/html; charset={charset}"}}
        info = {"label": "own page in CNA DOM structure", "notes": notes,
                "built_by": "scripts/build_bundled_site.py"}
        d = FIXTURES / case
        out[d / "body.html"] = body
        out[d / "headers.json"] = dump(headers)
        out[d / "expected.json"] = dump(expected)
        out[d / "info.json"] = dump(info)


def check_site(files: dict[str, bytes], depth: dict[str, int]) -> None:
    """Fail the build when the site does not test what it claims to."""
    answers = set(ANSWERS) | {f"/news/firstnews/{s.key}.aspx" for s in SPECS
                              if s.role == "double_category"}
    # Every link of a page the crawl parses at hop 1 must lead somewhere deliberate.
    for key, hop in depth.items():
        spec = BY_KEY.get(key)
        if hop != 1 or spec is None or spec.role not in PARSES:
            continue
        for ref in [*spec.related, *(r for _, rs in spec.topics for r in rs), *spec.inline]:
            url = resolve(ref)[0].removeprefix(BASE)
            assert url in files or url in answers, f"{key} links to missing {url}"
    roles = {s.role: s for s in SPECS}
    for role in ("truncated_file", "no_body", "declared_big5_utf8", "big5", "self_link",
                 "double_category", "truncated_transfer", "robots"):
        assert depth.get(roles[role].key) in (1, 2), f"{role} page not reached"
    assert depth.get(roles["three_hops"].key) is None, "three-hop page reachable in 2 hops"
    three = roles["three_hops"].key
    assert any(three in [resolve(r)[1] for r in s.related] for s in SPECS
               if depth.get(s.key) == 2), "no hop-2 article links the three-hop page"
    for path in ANSWERS:
        assert path.rsplit("/", 1)[1][:12] in depth, f"{path} not reached"
    # Bad pages must be linked from exactly one place: failed fetches are forgotten by the
    # spider, and a second link could request them again.
    bad = {s.key for s in SPECS if s.role in ("truncated_file", "truncated_transfer", "no_body",
                                               "robots")} | {p.rsplit("/", 1)[1][:12]
                                                             for p in ANSWERS}
    for key in bad:
        n = sum(1 for ref in LIST_AALL if ref.rpartition("/")[2] == key)
        n += sum(1 for s in SPECS if depth.get(s.key) == 1 and s.role in PARSES
                 for ref in [*s.related, *(r for _, rs in s.topics for r in rs), *s.inline]
                 if resolve(ref)[1] == key)
        assert n == 1, f"bad page {key} linked {n} times"
    # Encodings do what they claim.
    big5 = roles["big5"]
    raw = files[f"/news/{big5.category}/{big5.key}.aspx"]
    assert "\ufffd" not in raw.decode("big5hkscs", "replace")
    assert raw.decode("big5").count(text_of(big5)[0]) >= 2
    fake = roles["declared_big5_utf8"]
    raw = files[f"/news/{fake.category}/{fake.key}.aspx"]
    decoded = raw.decode("big5hkscs", "replace")
    start = decoded.index('<div class="paragraph">')
    assert "\ufffd" in decoded[start:start + 2000], "UTF-8 bytes decode cleanly as Big5"
    for cycle in CYCLES:  # the README names these
        for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            spec = BY_KEY[a]
            targets = [resolve(r)[1] for r in
                       [*spec.related, *(r for _, rs in spec.topics for r in rs), *spec.inline]]
            assert b in targets, f"no link {a} -> {b}"
    trunc = roles["truncated_file"]
    assert b"</html>" not in files[f"/news/{trunc.category}/{trunc.key}.aspx"]


def readme(manifest: dict[str, Any]) -> str:
    rows = []
    for r in sorted(manifest["not_stored"].values(), key=lambda v: v["url"]):
        note = ROLE_NOTES.get(r["role"]) or next(
            a["note"] for p, a in ANSWERS.items() if p in r["url"])
        rows.append(f"| `{r['url'].removeprefix(BASE)}` | {r['role']} | {note} |")
    for a in sorted(manifest["articles"].values(), key=lambda v: v["url"]):
        if a["role"] != "good":
            rows.append(f"| `{a['fetched_url'].removeprefix(BASE)}` | {a['role']} | "
                        f"{ROLE_NOTES[a['role']]} |")
    n_text = {t: sum(1 for a in manifest["articles"].values() if a["text"] == t)
              for t in ("reference", "own", "no_html")}
    return f"""# The bundled replay site

Generated by `scripts/build_bundled_site.py` (do not edit by hand; re-run the script, which
rewrites these files byte for byte and also writes `tests/fixtures/pages/cna/`).

`www.cna.com.tw/` holds **newscrawl's own pages, written in the DOM structure of CNA 中央社's
current article and list pages** (rendered by `newscrawl/replay/render_cna.py`). They are not
copies of CNA's pages: the page chrome (menus, share bars, ads, scripts, footer) is ours and much
shorter than CNA's, and the link graph between the articles is invented for the tests. Serve the
site with `scrapy crawl cna -s NEWSCRAWL_REPLAY_DIR=bundled`; `_responses.json` sets statuses,
headers and cut-off transfers, `_manifest.json` says what a crawl must store. Other hosts here
(`www.epochtimes.com/`) are built by their own scripts and described in their own README.md.

## Where the texts come from

* `/news/firstnews/{REFERENCE_KEY}.aspx` ({n_text['reference']} page): CNA article {REFERENCE_KEY}
  of 2021-01-14, with its exact paragraphs, lead picture, caption and 延伸閱讀 block of six links,
  from a reference copy of that article (a Jekyll post of it). Its publication time is given to
  the minute (17:00 Taipei). It has no tags.
* Its six 延伸閱讀 targets and the video page `/news/firstnews/202101010012.aspx`
  ({n_text['own']} stored pages + the video page): titles are CNA's (from the reference block; the
  video page's title is ours), the **text is newscrawl's own**, written for these pages from what
  the reference article reports.
* All other articles ({n_text['no_html']} stored pages + the bad inputs): title and body text of
  real CNA articles as recorded in the test expectations of nail1021734/Taiwan_news_dataset
  (no HTML there; NFKC-normalised text, whose half-width `,:;()?!` are turned back into CNA's
  full-width ，：；（）？！ here; at most 8 paragraphs kept). Their keys are the articles' real ids.
  Datelines, closing credits (editor, translator and reviewer names are invented), tags,
  picture URLs and captions, publication times and all links are newscrawl's.

## Crawl from `/list/aall.aspx` with NEWSCRAWL_MAX_HOPS=2

{len(manifest['articles'])} articles stored (hop 1: on the list page; hop 2: reached only through
related, keyword-block or inline links), {len(manifest['edges'])} edges. 延伸閱讀 links form
cycles ({" and ".join(" → ".join([*c, c[0]]) for c in CYCLES)}). Links in the 聚焦新聞 box, the menus
and the homepage are not article links and must not be followed or stored.

## Pages that test something

| path | role | what it tests |
|---|---|---|
{chr(10).join(rows)}

`robots.txt` disallows `/search/`, `/postwrite/` and `{ROBOTS_DISALLOWED}` (listed on the aall
page). `index.html` is the homepage, not an article. List pages: `/list/aall.aspx` (the
crawl's start) and one per category that has stored articles.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only compare with the files on disk; exit 1 if they differ")
    args = parser.parse_args()
    out: dict[Path, bytes] = {}
    build(out)
    return sync(out, (HOST_DIR, FIXTURES), ROOT, args.check)


if __name__ == "__main__":
    raise SystemExit(main())
