"""Dateline places, to tell a reporter's name from the city that follows it (鍾元台北)."""

from __future__ import annotations

from functools import cache

# Dateline places, traditional then their simplified forms, to tell "鍾元台北" into name and place.
_PLACES_HANT = """
台北 臺北 新北 桃園 台中 臺中 台南 臺南 高雄 新竹 基隆 嘉義 宜蘭 花蓮 台東 屏東 彰化 南投 雲林 苗栗 澎湖 金門
香港 澳門 北京 上海 廣州 深圳 天津 重慶 成都 武漢
紐約 華盛頓 華府 洛杉磯 舊金山 三藩市 灣區 聖地亞哥 休斯頓 休士頓 芝加哥 波士頓 費城 亞特蘭大 西雅圖 達拉斯
邁阿密 拉斯維加斯 聖荷西 矽谷 硅谷 法拉盛
多倫多 溫哥華 蒙特利爾 滿地可 渥太華 卡爾加里 愛德蒙頓 埃德蒙頓
倫敦 曼徹斯特 巴黎 柏林 法蘭克福 慕尼黑 漢堡 維也納 日內瓦 蘇黎世 布魯塞爾 阿姆斯特丹 海牙 羅馬 米蘭 馬德里
巴塞隆納 斯德哥爾摩 哥本哈根 奧斯陸 赫爾辛基 布拉格 華沙 莫斯科 基輔 布達佩斯 雅典 都柏林
東京 大阪 首爾 釜山 雪梨 悉尼 墨爾本 布里斯班 坎培拉 堪培拉 柏斯 珀斯 奧克蘭 威靈頓 惠靈頓 新加坡 吉隆坡 曼谷
雅加達 馬尼拉 河內 胡志明市 新德里 耶路撒冷 特拉維夫 杜拜 迪拜 開羅
美國 加拿大 英國 法國 德國 意大利 義大利 西班牙 葡萄牙 荷蘭 比利時 瑞士 奧地利 瑞典 挪威 丹麥 芬蘭 波蘭 捷克
俄羅斯 烏克蘭 匈牙利 希臘 愛爾蘭 日本 韓國 南韓 台灣 臺灣 中國 大陸 澳洲 澳大利亞 新西蘭 紐西蘭 印度 泰國 越南
菲律賓 馬來西亞 印尼 以色列 土耳其 南非 巴西 阿根廷 墨西哥 歐洲 亞洲 北美 美東 美西
"""
# Seen in CNA datelines.
_PLACES_CNA = """
中壢 亞松森 伊斯坦堡 利馬 墨西哥市 廈門 板橋 瓜地馬拉市 福州 竹北 約翰尼斯堡 聖保羅 聖地牙哥 臺東 連江 馬祖
"""
_PLACES_HANS = """
桃园 嘉义 宜兰 花莲 台东 屏东 云林 金门 澳门 广州 重庆 武汉 纽约 华盛顿 华府 洛杉矶 旧金山 湾区 圣地亚哥 休斯顿
休士顿 波士顿 费城 亚特兰大 西雅图 达拉斯 迈阿密 拉斯维加斯 圣荷西 多伦多 温哥华 蒙特利尔 满地可 渥太华 卡尔加里
爱德蒙顿 埃德蒙顿 伦敦 曼彻斯特 法兰克福 汉堡 维也纳 日内瓦 苏黎世 布鲁塞尔 罗马 米兰 马德里 巴塞隆纳 斯德哥尔摩
奥斯陆 赫尔辛基 华沙 基辅 布达佩斯 东京 首尔 墨尔本 奥克兰 威灵顿 惠灵顿 雅加达 马尼拉 河内 特拉维夫 开罗 美国
英国 法国 德国 义大利 荷兰 比利时 奥地利 丹麦 芬兰 波兰 俄罗斯 乌克兰 希腊 爱尔兰 韩国 南韩 台湾 中国 大陆
澳大利亚 新西兰 纽西兰 泰国 菲律宾 马来西亚 欧洲 亚洲 美东
"""
PLACES = frozenset((_PLACES_HANT + _PLACES_CNA + _PLACES_HANS).split())
_LONGEST_PLACE = max(len(p) for p in PLACES)


@cache
def is_place(text: str) -> bool:
    """True if `text` is one known place or a run of them, e.g. 丹麥哥本哈根, 新西蘭奧克蘭."""
    if not text:
        return False
    for n in range(min(len(text), _LONGEST_PLACE), 1, -1):
        if text[:n] in PLACES and (n == len(text) or is_place(text[n:])):
            return True
    return False


def split_name_place(segment: str) -> tuple[str, str | None]:
    """"鍾元台北" -> ("鍾元", "台北"); "遊沛然日本東京" -> ("遊沛然", "日本東京"); "李緣" -> ("李緣", None)."""
    segment = segment.strip()
    # A Chinese name has at least two characters; a Latin one ("Nathan Su") keeps its spaces.
    for i in range(2, len(segment) - 1):
        if is_place(segment[i:]):
            return segment[:i].strip(), segment[i:]
    return segment, None
