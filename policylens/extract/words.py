"""The extraction vocabulary: the word lists and regular expressions every stage shares.

Kept in one place so a wording class is defined once (TARGETS.md names the words);
the stages import what they need from here."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from policylens.model.schema import PROVINCES
from policylens.model.vocab import CHAINS
from policylens.model.vocab import UNITS as VOCABULARY_UNITS

if TYPE_CHECKING:
    pass


# A number token starts with a digit character: one leading character class lets
# the regex engine skip quickly to candidate positions (a lookbehind or an
# alternation at the start would make it test every position).
START = "0-9０-９零〇○两一二三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾双百千万"


# The body is possessive (*+): the scan never backtracks into a number to try a
# shorter one, which made it the costliest part of the scan; 千/百 that begin a
# unit (千瓦, 千克, 千米, 百分点) are left to the unit.
TOKEN = (
    rf"[{START}](?:[0-9０-９零〇○两一二三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾佰仟万亿.．,/分之]"
    r"|千(?![瓦克米])|百(?!分)|点(?=[〇零一二三四五六七八九两]))*+"
    # 1500 亿元: PDF text puts spaces around numbers; (?:…|) is (?:…)?, cheaper for re
    r"(?:[ \t\u3000]+[万亿]{1,2}|)"
)


#: unit text → (canonical unit, exact scale to it); other units are flagged for review
UNITS: dict[str, tuple[str | None, str]] = {
    "元": ("CNY", "1"),
    "GW": ("GW", "1"),
    "吉瓦": ("GW", "1"),
    "TW": ("GW", "1000"),
    "MW": ("GW", "0.001"),
    "兆瓦": ("GW", "0.001"),
    "kW": ("GW", "0.000001"),
    "KW": ("GW", "0.000001"),
    "千瓦": ("GW", "0.000001"),
    # energy is never power (issue 16): watt-hours are GWh
    "GWh": ("GWh", "1"),
    "吉瓦时": ("GWh", "1"),
    "TWh": ("GWh", "1000"),
    "MWh": ("GWh", "0.001"),
    "兆瓦时": ("GWh", "0.001"),
    "kWh": ("GWh", "0.000001"),
    "KWh": ("GWh", "0.000001"),
    "千瓦时": ("GWh", "0.000001"),
    "度": ("GWh", "0.000001"),  # 亿度 (of electricity) = 亿千瓦时
    "吨": ("t", "1"),
    "t": ("t", "1"),
    "平方米": ("m2", "1"),
    "㎡": ("m2", "1"),
    "m2": ("m2", "1"),
    "m²": ("m2", "1"),
    "%": ("percent", "1"),
    "％": ("percent", "1"),
    "个百分点": ("percent", "1"),
    "百分点": ("percent", "1"),
}


COUNT_WORDS = (
    "家|个|条|场|项|座|所|户|件|台|套|辆|架|艘|张|间|栋|名|人次|人|次|批|种|款|处|期|列次|列|大"
)


COUNT_SET = frozenset(COUNT_WORDS.split("|"))


#: land counted per project (供地不超过500亩): a quota, not a cap the plan sets
LAND_UNITS = frozenset({"亩", "公顷"})


#: units outside the contract, read so that their rows are kept for review: money in
#: other currencies, volumes, lengths, areas of land, and the units of 十五五 indicator
#: tables (岁 人均预期寿命, 微克/立方米 PM2.5; a decimal 年 is 受教育年限 11.8年, never a date)
UNKNOWN_UNITS = "岁|微克|(?<![千兆吉kKMGT])瓦时|(?<![kKMGT])Wh(?=/)|(?<=[0-9][.．][0-9])年|标准立方米|标方|美元|欧元|港元|日元|立方米|平方公里|公里|千米|亩|公顷|小时|标准箱|标箱|TEU|吨标准煤|倍|公斤|千克|斤"
#: a ratio written X∶1 (加工产值与农业总产值之比达到3.2∶1): kept for review, as written
UNKNOWN_UNITS += r"|[∶:：]\s*1(?![0-9０-９.．])"


UNIT_RE = (
    rf"(?P<unit>{UNKNOWN_UNITS}|GWh|TWh|MWh|[kK]Wh|吉瓦时|兆瓦时|千瓦时|(?<=[万亿])度(?=电|[，,；;。、）)]|$)"
    r"|平方米|㎡|m[2²](?![0-9A-Za-z])|美元|元|GW(?![A-Za-z])|TW(?![A-Za-z])|MW(?![A-Za-z])"
    r"|[kK]W(?![A-Za-z])|吉瓦|兆瓦|千瓦(?!时)|吨(?!标准煤)|t(?![A-Za-z/])|%|％|个百分点|百分点"
    r"|个(?!月|工作日|小时|百分点|人)|家(?!庭|乡|园|族)|条(?!件|款|例|线)|场(?!景|所|地|馆|域)"
    r"|项(?!目)|座(?!谈)|所(?!有|在|属|得|以)|户(?!籍|外)|件(?!事)|台(?!阶|账|湾)|套(?!餐)"
    r"|辆|架(?!构)|艘|张(?!家|掖|贴|榜)|间(?!隔|接|距|歇)|栋|名(?!单|称|录|片|牌)|人次|人(?!民|才|员|口|工|事|大)"
    r"|次(?!全会|会议|大会|年|月|日|要|序)|批(?!次|准|复)|种(?!类|植|业|子)|款(?!项)|处(?!理)"
    r"|期(?:(?=[\u4e00-\u9fff])(?!工程|项目|间|内|末|限|货|刊|待|望|满|中|初|的)"  # 3期培训班
    # 培训班4期, 专题培训3期, 大讲堂10期, 沙龙6期: sessions of an event (not a project's 一期,
    # 2期); each branch starts with its literal so the engine tries it only there
    r"|(?<=[班训堂坛会动龙演座][0-9]期)|(?<=[班训堂坛会动龙演座][0-9]{2}期)"
    r"|(?<=[班训][一二三四五六七八九十两]期))"
    r"|列(?<=[0-9]列)(?:次|(?!入|为|出|举|明|示|表|支))"  # 中欧班列开行70列(次): trains run
    r"|大(?=[^，,；;。、\s]{0,6}?(?:集群|产业链|产业|基地|板块|集聚区|园区))"  # 三大产业集群
    r")"
)


#: the longest number token a candidate reads (no real number is this long): with it,
#: finditer's retry after a failed match reads at most this much, so the scan is
#: linear however long a run of number characters is ('1.' * 30000)
MAX_TOKEN = 64
_BOUNDED_TOKEN = TOKEN.replace(")*+", f"){{0,{MAX_TOKEN - 1}}}+", 1)
#: a number never starts right after a numeral that it continues (the 1 of 21, the 一 of
#: 十一): a match from there ends and fails where one from the numeral's start does (the
#: token is possessive), so finditer need not try it; the regex engine still skips ahead
#: on the leading character class. 双 starts a run of its own.
_NOT_INSIDE = r"(?<![0-9０-９零〇○两一二三四五六七八九十廿卅壹贰叁肆伍陆柒捌玖拾百千万][^双])"
#: 百分之五点五, 百分之三十, 百分之百: a percentage in words, the unit written before the
#: number. Read right after the token's first character (百), so the scan still starts
#: on one character class; a token that took it needs no unit after it.
PERCENT_WORDS = "百分之"
_PERCENT_IN_WORDS = r"(?:(?<=百)(?P<pw>分之)(?=[0-9零〇两一二三四五六七八九十百])|)"
#: the first characters of UNIT_RE's branches, and 年 only after a decimal (11.8年): the
#: unit's 70 branches are tried only where a unit can stand (test_extract_robust checks
#: that every unit still gets through)
_UNIT_FIRST = "%GKMTWkmt㎡个亩人件倍元兆公千台吉名吨场处大套家小岁平度座张微户所批斤日期条架标栋次欧款港瓦百种立美艘辆间项％列∶:："
_UNIT_AHEAD = rf"(?=[{_UNIT_FIRST}]|(?<=[0-9][.．][0-9])年)"
#: Written for the regex engine, which tries it at each of ~1,000 number characters of
#: 30,000: an optional part is a branch with an empty alternative, (?:…|) — cheaper than
#: (?:…)? — and a lookahead on its first characters lets a part that is absent fail at once.
CANDIDATE = re.compile(
    _BOUNDED_TOKEN.replace("]", "]" + _NOT_INSIDE + _PERCENT_IN_WORDS, 1)
    + rf"(?:(?=[\s%％\-~～—–至到])\s*[%％]?\s*(?:-|~|～|—|–|至|到)\s*(?P<hi>{_BOUNDED_TOKEN})|)"
    r"(?:(?=[\s余多])\s*(?P<approx>余|多)|)"
    r"(?(pw)|\s*"  # the unit, unless the number was a percentage in words
    rf"(?:{_UNIT_AHEAD}{UNIT_RE}|(?P<dd>位数)|(?P<frac>(?<=/[0-9])|(?<=/[0-9]{{2}})|(?<=之[一二三四五六七八九十]))"
    # 达到千亿规模: money without 元, the scale closing its clause (not 千亿规模产业集群)
    r"|(?P<yi>(?<=亿)(?=规模(?:以上|左右)?(?:[，,；;。、）)\s]|$)))))"
)


DIGITS = "0123456789０１２３４５６７８９"


BARE_SCALES = frozenset({"百", "千", "万", "百万", "千万", "万亿", "千亿", "百亿", "亿"})


GOAL_RIGHT_BEFORE = re.compile(r"(?:突破|超过|达到|超|达|逾)\s*$")


NOT_AFTER = re.compile(r"\s*(?:之一|强|届|大|号|版)")


GLUE = DIGITS + ".．/"


FRACTION_TOKEN = re.compile(
    r"[0-9]{1,2}/[0-9]{1,2}|[一二三四五六七八九十]+分之[一二三四五六七八九十]+"
)


CLAUSE_DELIMS = "，,；;。！？!?\n：:|"


SENTENCE_DELIMS = "。！？!?\n|"


COMMIT = re.compile(r"力争|争取|争创(?<!力争创)|努力|力求|力促")


GOAL_VERB = re.compile(
    r"达到|突破|超过|实现|保持|稳定在|提升至|提升到|提高到|提高至|提高|提升|增长到|增长至|增长|"
    r"增至|增加到|增加|新增|培育|引进|招引|引育|建成|新建|建设|创建|打造|形成|举办|开展|组织|"
    r"认定|遴选|梳理|累计|完成|落地|签约|超|逾|达|不低于|不少于|至少|控制在|下降|降低|减少|"
    r"组建|成立|搭建|布局|攻克|制定|出台|推进|开工|竣工|投产|带动|推广|储备|谋划|集聚(?!区)|聚集(?!区)|"
    r"撬动|吸引|目标为|目标是|召开|推出|争创(?<!力争创)|降至|降到|不高于|培养|培训(?!班)|开通|开行|投运|"
    r"扩大到|扩大至|壮大到|发展到|缩小到|缩小至|年均|翻|实施|计划|压减|压缩|削减"
)


CREATE_VERB = re.compile(
    r"培育|打造|新增|引进|建成|新建|创建|形成|建设|招引|认定|遴选|梳理|举办|开展"
)


BLOCK = re.compile(r"向|围绕|聚焦|列为|按照|依托|面向|对标|根据|结合|全部|其他|现代化水平")


SUBSIDY = re.compile(
    r"奖励|补助|补贴|资助|贴息|扶持资金|给予|最高|不超过|以奖代补|一次性|罚款|注册资本"
)


#: rule wording (TARGETS.md "subsidies, rates and rules"): 原则上 (in principle, a norm for
#: each case), a reference or guide price, a rule that sizes each project by its own size
#: (按装机容量的15%、时长2小时配置储能)
RULE_WORDING = re.compile(r"原则上|参考价|指导价|最高限价|租赁价")
SIZED_BY = re.compile(r"按(?!期|时|照|月|季|年|要求|计划|进度)")
CONFIGURE = re.compile(r"配置|配建|配储|配备|配套建设")
#: a requirement placed on firms or on each project (引导企业达到…, 要求制氢企业…比例达到70%)
REQUIREMENT = re.compile(r"(?:引导|要求|督促)[^，,；;。]{0,10}?(?:企业|项目|电站|主体|用户|业主)")
#: a regional subject after such a requirement: the clause sets the region's own goal
REGIONAL = re.compile(r"全省|全市|全区|全县|全州|全盟|全行业|全社会|全国")


#: a specification per item (单站日加氢能力不低于500公斤), not a goal for the economy
#: (单体能量密度, a battery cell's energy density, is a technology goal, not a rule per item)
PER_ITEM = re.compile(
    r"单站|单个|单台|单体(?![^，,；;。]{0,2}(?:能量|功率)密度)|单套|单机|单位面积"
)


#: 拥有 reports a stock, except in a per-capita metric (每千人口拥有医师数, 专利拥有量).
#: Every branch starts with a literal (the lookbehinds stand after 拥有), so a search
#: skips ahead on their first characters instead of trying every branch at every offset.
FACT = re.compile(
    r"已经|已有|已|实现了|达到了|完成了|目前|现有|当前|截至目前|截止目前|共有"
    r"|拥有(?<!人口拥有)(?<![万千百]人拥有)(?<!人均拥有)(?!量)"
)


ORDINAL_BEFORE = re.compile(r"(?:第|前|top|Top|TOP)\s*$")


YOY = re.compile(r"同比|比上年|较上年|上年同期")
#: a word every match of YOY holds (a sentence without one needs no search)
YOY_WORDS = ("同", "上年")


GOAL_WORDS = re.compile(
    r"力争|争取|争创(?<!力争创)|努力|力求|确保|目标|预期|计划|到\s*[12][0-9]{3}\s*年"
)


RETROSPECTIVE = re.compile(
    r"以来|近年来|过去[一二三四五0-9]*年|近[一二三四五两0-9]年(?!内)|前三季度|"
    # 1-6月: a reporting period, one branch per leading digit ([0-9]{1,2}…): with every
    # branch starting with a literal, a search skips ahead on their first characters
    + "|".join(rf"{d}[0-9]?\s*[-—–~～至]\s*[0-9]{{1,2}}\s*月" for d in "0123456789")
)
#: a word every match of RETROSPECTIVE holds (a sentence without one needs no search)
RETROSPECTIVE_WORDS = ("以来", "近", "过去", "前三季度", "月")


#: (计划)总投资 as two branches: each starts with a literal, so a search skips ahead
NAMEPLATE_BEFORE = re.compile(
    r"(?:年产能?|年处理|年加工|年生产|设计产能|一期|二期|三期"
    r"|计划总投资(?:约为?|达|超过|近)?|总投资(?:约为?|达|超过|近)?)\s*$"
)
#: the last characters of NAMEPLATE_BEFORE's words: it matches only a region ending so
NAMEPLATE_LAST = "产能理工期资约为达过近"


#: storage written as power/energy (300万千瓦/1200万千瓦时): two capacities, GW and GWh
POWER_ENERGY_PAIR = re.compile(
    r"^\s*[/／]\s*[0-9０-９.．]+\s*[万亿]?\s*(?:千瓦时|[kKM]Wh|兆瓦时|GWh|吉瓦时)"
)
#: the power unit a /energy value follows (千瓦/, MW/, GW/, 兆瓦/)
POWER_BEFORE_SLASH = re.compile(r"(?:瓦|[kKMG]W)\s*[/／]\s*$")


QUALIFIED_AFTER = re.compile(
    r"^(?:及以上|以上|以下|左右)?(?:的(?!目标|水平|规模|增长|总量|年?营业收入|营收|产值)"
    r"|级|项目|企业|公司|工厂|生产线|产线|基地|园区|集群|电站|工程|装置|龙头|高效|单晶|电池片?|组件|"
    r"光伏玻璃|规模|/)"
    # 4.5吨以上燃料电池物流车: a threshold qualifying the noun after it
    r"|^(?:及以上|以上|以下)(?=[\u4e00-\u9fff])(?!的?(?:目标|水平|规模))"
)


METRIC_RIGHT_BEFORE = re.compile(
    r"(?:营业收入|营收|产值|增加值|产能|产量|装机容量|装机规模|装机|投资额?|外资|内资|占[^，。；、]{1,8}"
    r"|能量密度|功率密度|循环寿命|寿命)\s*$"
    # 年产风电整机1500台, 储能系统年产20万套: a quantity produced a year (not 年产能/年产值)
    r"|年产(?![能值])[\u4e00-\u9fffA-Za-z]{0,10}$"
)


FROM_TO = re.compile(r"由[^，,；;。]*?(?:提高|提升|增加|增长|扩大|降低|下降|减少|降)(?:到|至)\s*$")


PER_UNIT = re.compile(  # 的 ends it: 不高于35元/公斤的加氢站 is 元/公斤 qualifying 加氢站
    r"\s*[/／]\s*(?P<per>(?:(?!以上|以下|以内|左右|及以上|的)[\u4e00-\u9fffA-Za-z]){1,4})"
)

#: 每公斤35元, 每千瓦时0.3元: a price per measure written before the number (a rate,
#: like 35元/公斤), not an amount of money
#: 百公里电耗12千瓦时, 每百公里氢耗0.8公斤: a consumption per distance (a rate, for review)
PER_DISTANCE_BEFORE = re.compile(
    r"(?P<per>百公里|千公里|公里)[\u4e00-\u9fff]{0,2}?[电油氢气能]耗[^，,；;。0-9]{0,6}$"
)
#: 农村居民人均可支配收入2.8万元, 人均增加值, 亩均税收: money per person, household or mu of
#: land (元/人, 元/亩), kept for review
PER_HEAD_BEFORE = re.compile(r"(?P<per>人|户|亩)均(?!衡|匀)")
#: 日熔化量1.5万吨, 日产氢能力20吨: a quantity a day (吨/日), kept for review: t is a stock or
#: a year's amount
DAILY_BEFORE = re.compile(r"(?<![今昨明节假生次当作])日(?:均|产|熔|处理|加工|供|生产|发电|输|吞吐)")
PER_MEASURE_BEFORE = re.compile(
    r"每\s*(?P<per>公斤|千克|吨|千瓦时|度|瓦|千瓦|立方米|平方米|亩|人|台|辆)\s*$"
)


#: a floor or cap in proportion to a project's own size (配储比例不低于装机容量的10%,
#: 按装机规模的15%配置储能): a rule for each project, not a share the plan sets (TARGETS.md)
SIZE_RATIO_RULE = re.compile(
    r"(?:不低于|不少于|不超过|不高于|按)\s*(?:其|项目)?(?:装机容量|装机规模|装机|产能|容量|功率|投资额|总投资)"
    r"的?\s*$"
)
RATIO_BASE = re.compile(r"(?:价格|地价|基价|底价|标准|成本|费用|额度|金额|价)\s*$")


#: inspections counted in 次, and meetings held every month or quarter, are procedure,
#: not targets (a meeting or activity held once is an event)
PROCEDURE = re.compile(r"调度|督导|督查|检查|评估|考核|通报|巡查")


MEETING = re.compile(r"会议|例会|会商|推进会|座谈会|调度会|联席会")


EVERY = re.compile(r"每(?:个)?[月季周年]|按[月季]|逐[月季]")


CN_COUNT = frozenset("两二三四五六七八九十")


OUTPUT_METRIC = re.compile(r"产量|销量|产销量|出货量|发电量|生产量")
#: a physical quantity produced (TARGETS.md: production); sales and shipments are other
PRODUCTION_METRIC = re.compile(r"产量|产销量|发电量|放电量|上网电量|生产量|^年产(?![能值])")

#: a counted noun that is itself the metric: 新增整车产能10万辆 (capacity),
#: 实现年产燃料电池电堆2万套 (production, 年产 but not 年产能/年产值)
COUNTED_METRIC = re.compile(r"(?P<tail>产能|产量)\s*$|^\s*(?P<head>年产)(?![能值])")


#: 年产 heading a counted noun with no verb (年产风电整机1500台)
PRODUCED_HEAD = re.compile(r"年产(?![能值量品业])")


CAPACITY_METRIC = re.compile(r"产能|能力$|装机|规模|体量")


#: a project, plant or vehicle class named by its size (50GW组件项目, 49吨燃料电池重卡)
NAMEPLATE_AFTER = re.compile(
    r"^[^，,；;。、]{0,12}?(?:项目|工厂|生产线|产线|重卡|卡车|物流车|货车|客车|船舶|机组)"
)


#: a size tier after a count — money (两个千亿级产业集群, 3个五百亿元级园区) or capacity (5个百万千瓦级
#:基地, 2个十万吨级园区): what the named things are to grow to, so a count of things named
#: before it is still a goal (blind round 6: K's annotator read 规划建设…等5个百万千瓦级基地 so)
SIZE_TIER_AFTER = re.compile(r"^[^，,；;。、]{0,4}?(?:亿元?|千瓦|兆瓦|吨)级")
#: 累计 in a report of results (累计推广燃料电池汽车超过800辆): a total reached, unless the
#: sentence has a goal word, its own time, or says what a plan sets out (方案提出…)
CUMULATIVE = "累计"  # a word, found with str.find
PLAN_SAYS = re.compile(r"提出|明确|规划|部署|将|要|预计")
#: a news report or a report of results: its undated totals are what was reached
REPORT_MARK = re.compile(
    r"记者|获悉|据介绍|据了解|来源[：:]|通讯员|新闻发布会|发布会|日电|讯\s|近日|报道"
)
#: a power station or plant named by its size after a place name (加快推进某县120万千瓦抽水蓄能电站)
FACILITY_AFTER = re.compile(r"^[^，,；;。、]{0,10}?(?:电站|电厂|风电场|光伏场|蓄能站)")
#: a project's figure in parentheses after its name (某光伏制氢示范项目（年产绿氢1万吨）)
IN_PROJECT_BRACKETS = re.compile(
    r"(?:项目|工程|电站|电厂|风电场|基地|工厂|生产线)(?:[一二三四五]期)?(?:项目|工程)?"
    r"\s*[（(][^（）()，,；;。]*$"
)
#: …示范项目，年产绿氢1万吨: a clause that only sizes the project named just before it
PROJECT_ENDS_CLAUSE = re.compile(r"(?:项目|工程|电站|电厂|风电场)(?:建设)?\s*[，,]\s*$")
SIZE_ONLY_CLAUSE = re.compile(
    r"\s*(?:年产能?|年处理|年加工|设计产能|总装机(?:容量)?|装机(?:容量|规模)?|建设规模)"
    r"[\u4e00-\u9fff]{0,6}$"
)


COMPARATOR_AFTER = re.compile(r"^\s*(?P<cmp>及以上|以上|左右|上下|以内|以下|之内|内)")
#: the same, matched from a given offset (after a power/energy pair)
COMPARATOR_AFTER_AT = re.compile(COMPARATOR_AFTER.pattern.removeprefix("^"))


#: the comparator words right before a number, by comparator (约占 takes up to four
#: characters after it: 约占全省比重)
PREFIX_CMP_OF = {
    **dict.fromkeys(("约为", "约", "近", "大约", "接近", "左右", "约占"), "~"),
    **dict.fromkeys(("不低于", "不少于", "至少", "最少", "以上"), ">="),
    **dict.fromkeys(("突破", "超过", "超出", "超", "逾", "过", "高于", "大于"), ">"),
    **dict.fromkeys(("不超过", "不高于", "控制在", "低于", "少于", "小于", "以内"), "<="),
}
#: one flat alternation of those words, in that order (the longest, leftmost, wins): every
#: branch starts with a literal, so a search skips ahead on their first characters (a
#: named group per comparator made it try every branch at every offset)
PREFIX_CMP = re.compile(
    "(?:"
    + "|".join(w + r"[\u4e00-\u9fff]{0,4}" if w == "约占" else w for w in PREFIX_CMP_OF)
    + r")\s*$"
)
#: the last characters of those words (but 约占 takes more after it): PREFIX_CMP can
#: match only before a number whose region ends so
PREFIX_CMP_LAST = frozenset(w[-1] for w in PREFIX_CMP_OF)


# Every branch starts with a literal, so the regex engine can skip ahead to candidate
# characters (an optional prefix group would make it try every position: 7x slower).
METRIC = re.compile(
    r"年(?<![0-9０-９〇零一二三四五六七八九十]年)(?:主营业务收入|营业收入|营收|产值|产能|产量|产(?![能值量品业]))|"
    r"主营业务收入|营业收入|营收|产值|产能|产量|发电量|放电量|上网电量|生产量|电量|体量|出货量|销售量|销量|"
    r"销售收入|业务收入|销售额|总产值|增加值|投资额|投资|投入|社会资本|到位资金|实际使用外资|实际利用外资|利用外资|使用外资|利用内资|外资|内资|"
    r"装机容量|装机|生产能力|供应能力|处理能力|加工能力|制氢能力|外送能力|输送能力|回收处理能力|"
    r"冶炼能力|能力|规模(?!以上)|比例|涨幅|比重|占比|份额|总数|数量|个数|总量|增速|增幅|增长|"
    r"年均|收入|占[^，。；]{0,12}?比|率(?=[达提保到为稳超突不在]|$)|强度"
)


COUNT_METRICS = frozenset({"总数", "数量", "个数", "总量", "规模", "产量", "产能", "年产"})


RATE_NOUN = re.compile(
    r"(?:市场占有|占有|覆盖|渗透|普及|配套|自给|利用|转化|合格|贡献|良品|达标|使用|上云|"
    r"[\u4e00-\u9fff]{1,2}化)率$"
)


METRIC_CUT = re.compile(r"[，。；、]")


HEAD_STRIP = re.compile(
    r"^(?:[\s，、：:\"'（）()—\-]|及以上|以上|左右|其中|同时|并且|并|且|还|要|将|力争|争取|争创(?<!力争创)|努力|力求|确保|推动|"
    r"实现|促进|使|到|至|截至|截止|在|全省|全市|全区|全州|全县|全盟|我省|我市|我区|本省|本市|"
    r"省内|市内|区内|全国|全球|国内|各市|各地|各县|每年|本年度|年度|全年|当年|持续|保持|稳定|累计|其|以及|和|"
    r"新增|培育|引进|招引|建成|新建|创建|打造|形成|举办|组织|开展|认定|遴选|梳理|完成|滚动|"
    r"实施|计划)+"
)


TAIL_STRIP = re.compile(
    r"(?:综合|整体|总体|全部|总|的|之|等|共|约为|大约|约|接近|近|不低于|不少于|至少|超过|超|逾|达|为|将|小于|低于|不高于|"
    r"实现|完成|确保|力争|争取|分别|各自)+$"
)


ANAPHOR = {
    "",
    "全产业链",
    "产业链",
    "全链",
    "整体",
    "该产业",
    "该产业链",
    "本产业链",
    "全行业",
    "产业",
    "行业",
    "链",
}


NOUN_STOP = re.compile(
    r"(?:和|及|与|以及)(?=[0-9０-９一二三四五六七八九十两])|"
    r"形成|探索|推行|建设|开展|实现|达到|发挥|参与|进入|入选|获评|纳入|建成|完成|推动|"
    r"覆盖|并|，|,|；|;|。|、|（|\("
)


NOUN_TRAIL_VERB = re.compile(
    r"(?:落地|开工|投产|建成|签约|实施|入驻|落户|上市|上云|运营|达产|改造|转型|升级)+$"
)


#: a noun that is only a level (1个国家级、3个省级集群): the counted noun follows later
LEVEL_ONLY = re.compile(r"[\u4e00-\u9fff]{1,4}级")


LEVEL_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,4}级")


NUMBER_AT = re.compile(rf"\s*[{START}]")


ENUMERATOR = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.．、](?![0-9])|[一二三四五六七八九十]{1,3}、)\s*"
)


BASE_YEAR_BEFORE = re.compile(r"(?:比|较|相比|与|同|对比|相对于?)\s*$")


BASE_YEAR_AFTER = re.compile(r"\s*(?:相比|基础上|水平|同期|的基础)")


STRETCH_CLAUSE = re.compile(
    r"(?:力争|争取|争创(?<!力争创)|努力|力求)\s*(?:达到|达|突破|超过|实现)?\s*"
    r"(?![12１２][0-9０-９]{3}\s*年)[0-9０-９一二三四五六七八九十两]"  # 力争2025年…: a head, not a stretch
)


CONNECTIVE = re.compile(r"\s*(?:并|同时|要|还|将|也|更|继续)+\s*")


HEADLINE_LINE = re.compile(r"^\s*(?:标题|题目|#|【)")


HEAD_ONLY_CLAUSE = re.compile(
    r"^\s*(?:力争|争取|努力|确保)?\s*(?:到|至|截至|截止到?)?\s*[^，,；;。]{0,14}?"
    r"(?:年|季度|月|年底|年末|底前|前|末)\s*(?:前|底|末)?\s*$"
)


CHAIN_TOPIC = re.compile(
    "(?:" + "|".join(sorted((re.escape(w) for w in CHAINS), key=len, reverse=True)) + ")"
    r"(?:产业链|产业|行业)?"
)


SOFT_WRAP_END = "，,；;、"


NEXT_CLAUSE_DELIM = re.compile(rf"[{CLAUSE_DELIMS}]")


SENTENCE_DELIM = re.compile(rf"[{SENTENCE_DELIMS}]")


LAST_CLAUSE_DELIM = re.compile(rf".*[{CLAUSE_DELIMS}]", re.DOTALL)


LAST_SENTENCE_DELIM = re.compile(rf".*[{SENTENCE_DELIMS}]", re.DOTALL)


PERIOD_CUT = re.compile(r"[。！？!?]")  # safe places to pause reading periods (not \n: 2025\n年)


EVENT_NOUN = re.compile(r"活动|会议|例会|展会|论坛|对接会|推介会|签约|招商|培训|路演|洽谈")


#: the counted noun is firms when it ends so (企业技术中心 counts centres, not firms;
#: a factory is a facility, TARGETS.md: "factories … → other")
FIRM_NOUN = re.compile(r"(?:企业|公司|市场主体|经营主体)(?:[”\"’]|[（(][^）)]*[）)])?$")


#: nouns counted in 家 that are not firms: institutions and facilities (智能工厂150家,
#: 数字化车间, 重点实验室, 研发中心, 示范线)
INSTITUTION_NOUN = re.compile(
    r"医院|学校|银行|机构|平台|中心|实验室|研究院|研究所|孵化器|联盟|协会|商会"
    r"|工厂|车间|示范线|生产线|产线|工作站"
)


#: 产业规模, 规模, 体量 in money with the measure unstated (TARGETS.md: scale)
SCALE_METRIC = re.compile(r"规模|体量")
#: counted industries (10个优势产业, 万亿级产业3个), not chains, clusters or parks of them
INDUSTRY_NOUN = re.compile(r"(?:产业|行业)(?:[”\"’])?$")
#: special programmes counted in 项 or 个 are projects (实施重大科技专项15项, 科技攻关20项)
SPECIAL_PROGRAMME = re.compile(r"(?:专项|攻关)$")
#: a count of capacity in the thing counted (形成120万辆整车产能, 50万辆整车的生产能力)
CAPACITY_NOUN = re.compile(r"(?:产能|能力)$")
#: parks and bases count as clusters (TARGETS.md: 集群, 园区, 基地)
CLUSTER_NOUN = re.compile(r"集群|园区|产业园|基地|集聚区")
#: 户 counts firms, except households and users
HOUSEHOLD_NOUN = re.compile(r"家庭|居民|农户|用户|住户|个体")
REVENUE_METRIC = re.compile(r"营业收入|营收|销售收入|业务收入|销售额|收入")


#: money invested, and capital used from outside or inside the region (实际使用外资, 利用内资)
#: money in another currency (10亿美元): kept for review, its indicator read as for yuan
FOREIGN_MONEY = re.compile(r"(?:美元|欧元|港元|日元)$")
INVESTMENT_METRIC = re.compile(r"投资|投入|资本|到位资金|外资|内资")
#: an amount traded or contracted, named in the value's own clause (技术合同成交额, 外贸出口额,
#: 进出口总额): `other` money, not the investment or value added of the clause before it;
#: 签约金额/签约额 of investment projects is investment (blind round 7)
TRADE_AMOUNT = re.compile(
    r"(?:成交|出口|进口|进出口|贸易|交易|零售|签约|执行)(?:(?:总|金)?额|总值|交货值)"
)


#: a share of a whole (转换效率 too: TARGETS.md reads 率 as a share); an intensity (研发投入强度3%, 能耗强度) is a ratio that is not a
#: share: other (TARGETS.md: "ratios … → other")
SHARE_WORDS = re.compile(
    r"比重|占比|比例|份额|占[^，。；]{0,12}比|率(?<![功频速汇税利]率)|占[^，。；、]{1,12}$"
    r"|(?:总量|总额|总数|总值|总和|保有量|销量|销售量|用量|消费量)的?$"  # 达到销售总量的20%
)


GROWTH_WORDS = re.compile(r"增长|增速|增幅|涨幅|递增")


GROWTH_AFTER = re.compile(r"^\s*(?:左右|以上)?\s*的?增长")


#: a reduction of a physical quantity (压减粗钢产能500万吨, 削减煤炭消费量300万吨): `other` with
#: the positive size, as for a percentage, not the level of capacity (降至/减少到 are levels)
REDUCTION = re.compile(r"(?:下降|降低|减少|压降|削减|压减|压缩)(?![到至])")
#: a verb of change right before a percentage (提高20%; but 提高到20% is a level)
CHANGE_BEFORE = re.compile(
    r"(?:(?P<up>提高|提升|增加|增长|上升)|下降|降低|减少|压降|削减|压减|压缩)了?\s*(?:[约近]|超过|以上)?\s*$"
)


TIME_HEAD = re.compile(
    r"(?:到|至|截至|截止到?)?\s*(?:[12][0-9]{3}\s*年|[一二三四]季度|[上下]半年|年底|年末|全年|年内|"
    r"今年|明年|十[一二三四五六七八九]五[”\"]?(?:时期|期)?末)(?:第?[一二三四]季度|[上下]半年|底|末)?"
    r"(?:前|末|底|内)?"
)


INNER_COMMIT = re.compile(r"(?:力争|争取|争创(?<!力争创)|努力|确保)(?:实现|达到)?")


BASE_YEAR_PHRASE = re.compile(
    r"(?:比|较|与|同|相比|对比)\s*(?:[12１２][0-9０-９]{3}\s*年|上年|去年)(?:底|末)?(?:相比|水平)?"
)


CARRIED_HEAD_START, CARRIED_HEAD_END = ("到", "至"), "末"  # starts so, or holds 末
#: a span from the issue date (3年内, 用三年时间): it dates its own sentence only
SPAN_FROM_NOW = re.compile(r"[一二三四五两1-5１-５]\s*年(?:内|时间|左右时间|累计)")
#: a number with a unit: a value stands there (a time after it does not head its sentence)
VALUE_BEFORE = re.compile(r"[0-9０-９]\s*(?:万|亿)?\s*(?:元|%|％|家|个|吨|GW|千瓦|辆|座|项)")


DOUBLING = re.compile(r"翻(?P<past>了)?(?P<n>[一两二三四])?番(?P<ge>以上)?")


DOUBLINGS = {"": 1, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4}


LIST_SEP = re.compile(r"以及|[、和及与]")


SHARED_SUFFIX = re.compile(r"(?:产业链|产业|行业|企业)$")


#: years listed at the head of a 分别 sentence: 2023年、2024年、2025年，…分别…
YEAR_LIST = re.compile(r"(?:[12][0-9]{3}年?\s*[、和及与]\s*)+[12][0-9]{3}年")
#: one year of such a list
YEAR_DIGITS = re.compile(r"[12][0-9]{3}")


EACH = re.compile(
    r"(?:各|均)(?:自)?(?:达到|达|超过|超|突破|不低于|不少于|在|为|新增|增长|提高到|提升至)"
)


#: a table cell's value: a comparator before or after it, and the brackets of a figure
#: summed over the plan period ([13.5]: 累计, as five-year plans mark them)
TABLE_VALUE = re.compile(
    r"^(?P<pre>≥|>=|＞|>|≤|<=|＜|<|不低于|不少于|超过|突破|不超过|不高于|低于|约|力争)?\s*"
    r"[\[［【〔]?\s*(?P<num>[0-9０-９][0-9０-９.．,]*)\s*[\]］】〕]?"
    r"\s*(?P<post>及以上|以上|左右|以内|以下)?$"
)


TABLE_CMP = {"≥": ">=", ">=": ">=", "不低于": ">=", "不少于": ">=", "及以上": ">=", "以上": ">="}


TABLE_CMP.update({"＞": ">", ">": ">", "超过": ">", "突破": ">", "约": "~", "左右": "~"})
#: a cap in a table (<5.5, ≤5.5, 5.5以内): '<=' with its value, as in the text
TABLE_CMP.update(
    dict.fromkeys(("≤", "<=", "＜", "<", "不超过", "不高于", "低于", "以内", "以下"), "<=")
)


UNIT_TEXT = re.compile(r"^(?P<mult>万亿|千亿|百亿|亿|千万|百万|万|千|百)?(?P<base>.*)$")


STRETCH_LINK = re.compile(
    r"^[、，,\s]*(?:并|且)?(?:力争|争取|争创(?<!力争创)|努力|力求)(?:达到|达|突破|超过|实现)?\s*$"
)

#: verbs that frame what a plan covers (巩固提升十大支柱产业), before a count
FRAMING_BEFORE = re.compile(
    r"(?:巩固提升|巩固|做强做优|做大做强|做优做强|做强|做优|优化提升|以打造|以培育|以建设)"
    r"[^，,；;。0-9]{0,4}$"
)
#: 以打造十大产业链为抓手: the count names the plan's frame, not a goal
FRAMING_AFTER = re.compile(r"^[^，,；;。]{0,16}?为(?:抓手|重点|核心|主线|引领|牵引|主攻方向)")

#: the canonical units of TARGETS.md (value); any other unit is kept for review
CANONICAL_UNITS = VOCABULARY_UNITS  # the data model's units (model.vocab.UNITS)

#: a percentage before a verb of use or coverage is a share (100%使用, 80%以上覆盖)
SHARE_AFTER = re.compile(
    r"^\s*(?:及以上|以上|左右)?\s*(?:使用|覆盖|应用|采用|实现|配套|国产化|本地化)"
)

#: 每个市…10个, 每条产业链1-2个, 各县: a value per unit, not a total (the unit word → `per`)
PER_WORD = re.compile(
    r"(?:每|各)(?:个|条|家|座|一)?[^，,；;。、0-9]{0,8}?(?P<what>设区市|地级市|市（州）|市\(州\)|市州|地市|县（市、区）|县\(市、区\)"
    r"|县市区|县区|区县|产业园区|产业园|开发区|高新区|园区|功能区|片区|示范区|产业链|链|企业|项目"
    r"|乡镇|年度|年|市|州|县|区)"
)
PER_UNITS: dict[str, str] = {
    **dict.fromkeys(("设区市", "地级市", "市（州）", "市(州)", "市州", "地市", "市", "州"), "city"),
    **dict.fromkeys(("县（市、区）", "县(市、区)", "县市区", "县区", "区县", "县"), "county"),
    "区": "district",
    **dict.fromkeys(("产业园区", "产业园", "开发区", "高新区", "园区"), "park"),
    **dict.fromkeys(("功能区", "片区", "示范区"), "zone"),
    **dict.fromkeys(("产业链", "链"), "chain"),
    "企业": "enterprise",
    "项目": "project",
    "乡镇": "township",
    **dict.fromkeys(("年度", "年"), "year"),
}

#: a heading of dated indicator rows: 2030年——加氢站70座，燃料电池汽车7000辆；
DATED_HEAD = re.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十0-9]{1,2}[）).、．]\s*)?(?:到|至)?\s*[12][0-9]{3}\s*年(?:底|末)?\s*(?:——|—|－|–|：|:)"
)
#: where a leading 力争 stops governing (TARGETS.md: the next 。 or ；)
COMMIT_STOP = re.compile(r".*[；;]", re.DOTALL)

#: a noun right after a quantity, up to the next list item (形成10万吨甲、20万吨乙和50GW丙产能)
NOUN_AFTER_VALUE = re.compile(r"(?P<noun>[\u4e00-\u9fffA-Za-z]{2,24}?)(?=[、和及与]|$)")
#: the metric closing such a list: 丙产能
LIST_METRIC_END = re.compile(r"(?:产能|产量|装机规模|装机容量|装机|规模|能力)$")

#: 截至今年4月底 / 截止2024年6月: the state on a reporting date, an achieved figure
#: 目前，/截至目前，/当前， at the head of a sentence: its clauses report the present, up to a
#: goal word or a ； (目前，全省已建成加氢站18座，推广燃料电池汽车1200辆)
FACT_HEAD = re.compile(r"[ \t\u3000]*(?:截至|截止)?(?:目前|当前|现阶段)\s*[，,]")
#: where a fact head stops governing
FACT_HEAD_END = re.compile(r"[；;]|" + GOAL_WORDS.pattern)

AS_OF_MONTH = re.compile(
    r"(?:截至|截止)(?:到)?\s*(?:目前|今年|本年|去年|上年|[12][0-9]{3}\s*年)?\s*"
    r"(?:[0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
)

#: 至少建设1个, 不少于培育3家: a floor word before the verb of the count
FLOOR_BEFORE_VERB = re.compile(r"(?:至少|不少于|不低于)[\u4e00-\u9fff]{1,4}$")
#: counts of policies, measures and tasks are not targets (TARGETS.md)
MEASURE_NOUN = re.compile(r"(?:政策|措施|举措|任务|文件|意见|方案|办法|细则|清单|条款)$")
#: 总投资 of the projects counted just before (实施重点项目100项，总投资2000亿元)
PROJECT_INVESTMENT = re.compile(r"(?:总投资|计划投资|投资)(?:约为?|达|超过|近)?\s*$")


def _province_names() -> str:

    return "|".join(sorted((n for n in PROVINCES.values() if n != "全国"), key=len, reverse=True))


#: a province named at the head of a subject (某省光伏, 安徽省新能源汽车): the row's place,
#: not its scope (headlines name it, the body says 全省)
PLACE_HEAD = re.compile(
    rf"^(?:某(?:省|市|自治区)|(?:{_province_names()})(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)?)"
    r"(?=[\u4e00-\u9fff]{2})"
)


# Seventh blind round (issue 12): what a news report says happened is a fact, not a goal.
#: attendance at a meeting: the people who came (共约260人参加会议, 300余名代表出席) or the
#: count after its noun (参会人数约500人, 与会代表共300余人)
ATTEND_AFTER = re.compile(r"[^，,；;。]{0,16}?(?:参加|出席|参会|与会|到会|列席|莅临|齐聚)")
ATTEND_BEFORE = re.compile(r"(?:参会|与会|出席|到会)[^，,；;。]{0,6}$")
#: the people a count of attendance counts
PEOPLE_UNITS = frozenset({"人", "名", "人次"})
#: a signing reported as it happened (现场签约, 集中签约仪式, 此次签约): its counts and sums are
#: the event's results, unless a goal word governs them (计划签约项目100个)
SIGNED_AT_EVENT = re.compile(
    r"(?:现场|仪式|会上|会议期间|活动期间|当天|此次|本次|集中|成功)[^，,；;。]{0,8}?签(?:约|署|订)"
    r"|共(?:计)?签(?:约|署|订)|签(?:约|署|订)仪式"
)
#: one project's expected effect (项目全部投产后预计年产值可达120亿元, 建成后可新增就业岗位1200个)
PROJECT_EFFECT = re.compile(
    r"(?:投产|达产|建成|达效|满产|投运|运营|竣工)(?:达效|投产|运营|投用)?后[^；;。]{0,24}?(?:可|将|预计|能够|有望)"
)
PROJECT_WORD = re.compile(r"项目|工厂|基地|生产线|产线|一期|二期|三期")
#: one firm's own plan quoted in a report (一家企业负责人介绍，该企业今年计划再投资35亿元)
FIRM_SPEAKS = re.compile(
    r"(?:企业|公司|集团|厂)[^，,；;。]{0,8}?(?:负责人|负责同志|董事长)"
    r"[^；;。]{0,16}?(?:表示|介绍|说|称|透露|坦言|告诉|谈到)"
)
#: the words of an event report a sentence must hold for `reports_an_event` to look further
EVENT_WORDS = ("签", "后", "负责", "董事长")
#: an achievement: 产值首次突破千亿元, 营收首次超过500亿元
FIRST_TIME = re.compile(r"首次(?:突破|超过|超|达到|达|迈上|跨越|站上|跃上|越过)")
#: a fall from a past point (价格较高点下降超过70%, 较去年同期回落15%): a statistic
PAST_POINT = re.compile(r"(?:较|比|相比|相较于?)[^，,；;。]{0,6}?(?:高点|峰值|高位|历史最高|同期)")
#: a fund's size or its investment (设立规模20亿元的产业基金, 引导基金投资不少于10亿元):
#: a budget line (TARGETS.md's subsidies and rules), not a target
FUND_BEFORE = re.compile(r"基金[^；;。]*$")
FUND_AFTER = re.compile(r"[^，,；;。]{0,10}?基金")
#: what a fund draws in is the economy's investment (力争撬动社会资本300亿元): a goal
LEVERAGED = re.compile(r"撬动|带动|吸引|社会资本|社会投资")
#: a sentence turning from a past year to what comes next (会议强调，…; 下一步…)
NEXT_STEP = re.compile(r"强调|部署|提出|明确|要求|下一步|新的一年|将")
#: a bare year of a sentence (全年, 年内): in a paragraph about a past year, that year
BARE_YEARS = frozenset({"全年", "年内", "年底", "年末"})
