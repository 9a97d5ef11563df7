"""Deterministic Traditional Chinese (Taiwan) news prose for the synthetic site.

Nothing here is copied from real articles: sentences are assembled from short news phrases, with
many characters and Taiwan phrasings that OpenCC (tw2sp) converts, so conversion work is realistic.
"""

from __future__ import annotations

import random

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN = (
    "志明淑芬家豪雅婷冠宇怡君建宏佩珊俊傑宗翰美玲文雄國華秀英子涵宜蓁哲瑋承恩品妤柏翰詩涵振興立德"
)
PLACES = [
    "台北",
    "新北",
    "桃園",
    "台中",
    "台南",
    "高雄",
    "基隆",
    "新竹",
    "花蓮",
    "宜蘭",
    "東京",
    "華盛頓",
    "紐約",
    "香港",
    "新加坡",
    "首爾",
    "布魯塞爾",
    "倫敦",
    "巴黎",
    "柏林",
]
ROLES = [
    "行政院長",
    "總統府發言人",
    "經濟部長",
    "外交部發言人",
    "衛生福利部長",
    "交通部長",
    "立法委員",
    "台北市長",
    "國家發展委員會主委",
    "中央銀行總裁",
    "教育部長",
    "數位發展部長",
    "環境部長",
    "勞動部長",
    "內政部長",
    "國防部長",
    "金融監督管理委員會主委",
    "農業部長",
]
EXPERTS = [
    "中華經濟研究院研究員",
    "台灣大學經濟系教授",
    "政治大學外交系教授",
    "資深分析師",
    "產業顧問",
    "工研院產業科技國際策略發展所研究總監",
    "證券投資顧問公司董事長",
]
ORGS = [
    "行政院",
    "立法院",
    "經濟部",
    "衛福部",
    "交通部",
    "國發會",
    "中央氣象署",
    "內政部",
    "金管會",
    "中央銀行",
    "勞動部",
    "教育部",
    "數位發展部",
    "環境部",
    "台灣電力公司",
    "台灣積體電路製造公司",
    "鴻海精密工業",
    "中華電信",
    "台灣證券交易所",
    "消費者文教基金會",
]
TOPICS = [
    "半導體供應鏈",
    "人工智慧伺服器",
    "綠色能源轉型",
    "長期照顧制度",
    "軟體產業",
    "網路資訊安全",
    "國際貿易協定",
    "少子化對策",
    "房價與居住正義",
    "電動車產業",
    "觀光旅遊市場",
    "醫療量能",
    "颱風災後重建",
    "食品安全管理",
    "數位身分證",
    "離岸風電",
    "捷運延伸線",
    "國防自主",
    "兩岸交流",
    "行動支付",
    "雲端運算服務",
    "高齡就業",
    "氣候變遷調適",
    "農產品外銷",
]
SAY = ["表示", "指出", "強調", "說", "認為", "坦言", "透露", "呼籲", "回應", "補充說明"]
TIME = ["今天", "昨天", "上午", "下午", "今晚", "本週", "上個月", "去年同期", "近年來", "未來3年"]

CLAUSES = [
    "政府將持續推動{topic}，並與民間企業密切合作",
    "相關單位已著手研擬因應措施，預計於年底前提出具體方案",
    "{org}統計顯示，{topic}相關投資金額較去年同期成長{pct}%",
    "這項政策不僅影響國內產業發展，也關係到台灣在國際市場的競爭力",
    "外界高度關注{topic}的後續發展，多家媒體持續追蹤報導",
    "各縣市政府陸續響應，並針對地方需求調整執行細節",
    "民眾若有相關問題，可撥打{org}服務專線洽詢",
    "專家提醒，消費者在使用網路服務時應注意個人資訊安全",
    "計程車業者與外送平台的勞動條件問題再度引發討論",
    "{org}預估，今年經濟成長率可望達到{pct2}%，優於先前預測",
    "為了因應國際局勢變化，{org}決定提前啟動第二階段計畫",
    "這是近{num}年來首次出現類似情況，引起社會廣泛討論",
    "立法院日前三讀通過相關法案，明定主管機關的權責與罰則",
    "業者坦言，原物料價格上漲與匯率波動都對營運造成壓力",
    "在野黨團則質疑政策配套不足，要求行政部門到院專案報告",
    "根據最新民調，有{pct}%的受訪者支持這項改革方向",
    "他也感謝第一線工作人員的辛勞，並承諾會持續檢討改進",
    "市場分析師認為，下半年景氣仍有不確定因素，投資人宜審慎評估",
    "這套軟體系統上線後，可大幅縮短民眾等候的時間",
    "學者建議，政府應建立長期的數據監測機制，以利政策評估",
    "活動吸引超過{num}萬人次參與，現場氣氛熱烈",
    "{org}與國際夥伴簽署合作備忘錄，雙方將在{topic}領域深化交流",
    "颱風外圍環流帶來豪雨，部分山區累積雨量已超過{num}00毫米",
    "衛生單位提醒，民眾出入公共場所應勤洗手並注意身體狀況",
    "這起事件也凸顯出現行制度的漏洞，亟需相關部會通盤檢討",
    "公司董事會通過新的資本支出計畫，將用於擴建先進製程產能",
    "教育部表示，將增加偏鄉學校的數位學習資源與師資培訓",
    "交通部指出，連假期間國道車流量預計將比平日增加{pct}%",
    "警方接獲報案後立即趕赴現場處理，並調閱周邊監視器畫面",
    "法院審理後認定被告罪證明確，依法判處有期徒刑{num}年",
    "主辦單位表示，今年展覽規模創下歷年新高，共有{num}00家廠商參展",
    "外交部對此表達嚴正關切，並呼籲相關各方保持克制",
    "該國總理在記者會上宣布，將擴大對台灣的經貿合作",
    "股市今天終場上漲{num}點，成交量明顯放大",
    "研究團隊利用人工智慧技術，成功提升疾病早期診斷的準確率",
    "地方居民對於開發案的環境影響仍有疑慮，要求召開公聽會",
]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        topic=rng.choice(TOPICS),
        org=rng.choice(ORGS),
        pct=rng.randint(3, 68),
        pct2=f"{rng.randint(1, 4)}.{rng.randint(0, 9)}",
        num=rng.randint(2, 30),
    )


def sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        who = rng.choice(ROLES + EXPERTS) + person(rng)
        return f"{who}{rng.choice(TIME)}{rng.choice(SAY)}，{_fill(rng, rng.choice(CLAUSES))}。"
    if kind < 0.5:
        return (
            f"{rng.choice(ORGS)}{rng.choice(TIME)}發布新聞稿{rng.choice(SAY)}，"
            f"{_fill(rng, rng.choice(CLAUSES))}，{_fill(rng, rng.choice(CLAUSES))}。"
        )
    if kind < 0.6:
        return f"「{_fill(rng, rng.choice(CLAUSES))}。」{person(rng)}{rng.choice(SAY)}。"
    return f"{_fill(rng, rng.choice(CLAUSES))}。"


def paragraph(rng: random.Random, target: int) -> str:
    out = ""
    while len(out) < target:
        out += sentence(rng)
    return out


def dateline(rng: random.Random, day: int) -> str:
    place = rng.choice(PLACES[:10])
    reporters = "、".join(person(rng) for _ in range(rng.choice((1, 1, 1, 2))))
    return f"（中央社記者{reporters}{place}{day}日電）"


def body(rng: random.Random, day: int, roc_date: str, chars: int = 1500) -> list[str]:
    """Paragraphs totalling about `chars` characters, CNA style: dateline first, credit last."""
    parts: list[str] = []
    total = 0
    first = dateline(rng, day) + paragraph(rng, rng.randint(90, 160))
    parts.append(first)
    total += len(first)
    while total < chars - 120:
        p = paragraph(rng, rng.randint(110, 230))
        parts.append(p)
        total += len(p)
    editor = person(rng)
    parts.append(paragraph(rng, 60) + f"（編輯：{editor}）{roc_date}")
    return parts


def title(rng: random.Random) -> str:
    return f"{rng.choice(ROLES)}：{rng.choice(TOPICS)}{rng.choice(['將加速推動', '明年上路', '成長創新高', '引發熱議', '擬修法因應', '獲國際肯定'])}"


def caption(rng: random.Random) -> str:
    return f"{rng.choice(ROLES)}{person(rng)}（中）{rng.choice(TIME)}出席{rng.choice(TOPICS)}相關活動。（中央社記者{person(rng)}攝）"


def tag(rng: random.Random) -> str:
    return rng.choice(TOPICS + [r[:-1] if r.endswith("長") else r for r in ROLES[:6]])
