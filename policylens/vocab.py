"""Controlled vocabularies shared by the project.

Plain data plus one labelling function. Tables, plots and the Excel summary
import these so that a chain key or an indicator name is spelled one way
everywhere. To support a new document, *append* entries (longer Chinese words
win over shorter ones, so adding ``晶硅光伏`` next to ``光伏`` is safe).

* :data:`CHAINS` — chain / industry words → (chain key, English label).
* :data:`SUBJECTS` — other subjects that targets count or measure (firms,
  projects, parks …) → English label. They carry no chain key.
* :data:`QUALIFIERS` — modifiers kept in the English label (省级 → Provincial).
* :data:`INDICATORS`, :data:`UNITS`, :data:`COMPARATORS`, :data:`COMMITMENTS` —
  the allowed values of the ``targets`` table's columns.
"""

from __future__ import annotations

import re

__all__ = [
    "CHAINS",
    "COMMITMENTS",
    "COMPARATORS",
    "GENERIC_HEADS",
    "INDICATORS",
    "QUALIFIERS",
    "SUBJECTS",
    "UNITS",
    "known_words",
    "label_scope",
]

#: Chinese chain / industry word → (chain key, English label).
CHAINS: dict[str, tuple[str, str]] = {
    # energy
    "光伏": ("photovoltaic", "Photovoltaics"),
    "晶硅光伏": ("photovoltaic", "Crystalline-silicon PV"),
    "晶硅": ("photovoltaic", "Crystalline silicon"),
    "多晶硅": ("photovoltaic", "Polysilicon"),
    "太阳能电池": ("photovoltaic", "Solar cells"),
    "硅料": ("photovoltaic", "Polysilicon feedstock"),
    "硅片": ("photovoltaic", "Silicon wafers"),
    "电池片": ("photovoltaic", "PV cells"),
    "光伏组件": ("photovoltaic", "PV modules"),
    "光伏玻璃": ("photovoltaic", "PV glass"),
    "逆变器": ("photovoltaic", "Inverters"),
    "正极材料": ("lithium_battery", "Cathode materials"),
    "负极材料": ("lithium_battery", "Anode materials"),
    "电解液": ("lithium_battery", "Electrolytes"),
    "隔膜": ("lithium_battery", "Separators"),
    "储能电池": ("energy_storage", "Energy-storage batteries"),
    "燃料电池": ("hydrogen", "Fuel cells"),
    "燃料电池汽车": ("hydrogen", "Fuel-cell vehicles"),
    "加氢站": ("hydrogen", "Hydrogen refuelling stations"),
    "充电桩": ("new_energy_vehicles", "Charging piles"),
    "智能网联汽车": ("new_energy_vehicles", "Intelligent connected vehicles"),
    "新能源与智能网联汽车": ("new_energy_vehicles", "New-energy & intelligent connected vehicles"),
    "新能源和智能网联汽车": ("new_energy_vehicles", "New-energy & intelligent connected vehicles"),
    "风电装备": ("wind_power", "Wind-power equipment"),
    "新能源": ("new_energy", "New energy"),
    "锂电": ("lithium_battery", "Lithium batteries"),
    "锂电池": ("lithium_battery", "Lithium batteries"),
    "锂离子电池": ("lithium_battery", "Lithium batteries"),
    "动力电池": ("power_battery", "Power batteries"),
    "钠离子电池": ("sodium_ion_battery", "Sodium-ion batteries"),
    "氢能": ("hydrogen", "Hydrogen"),
    "储能": ("energy_storage", "Energy storage"),
    "新型储能": ("energy_storage", "New-type energy storage"),
    "风电": ("wind_power", "Wind power"),
    "清洁能源装备": ("clean_energy_equipment", "Clean-energy equipment"),
    "天然气": ("natural_gas", "Natural gas"),
    "煤层气": ("coalbed_methane", "Coalbed methane"),
    "现代煤化工": ("coal_chemicals", "Modern coal chemicals"),
    # manufacturing
    "电子信息": ("electronics", "Electronics & IT"),
    "有色金属": ("nonferrous_metals", "Non-ferrous metals"),
    "装备制造": ("equipment", "Equipment manufacturing"),
    "装备制造业": ("equipment", "Equipment manufacturing"),
    "石化化工": ("petrochemicals", "Petrochemicals"),
    "建材": ("building_materials", "Building materials"),
    "钢铁": ("steel", "Steel"),
    "航空": ("aviation", "Aviation"),
    "航空航天": ("aerospace", "Aerospace"),
    "食品": ("food", "Food"),
    "纺织服装": ("textiles_apparel", "Textiles & apparel"),
    "医药": ("pharmaceuticals", "Pharmaceuticals"),
    "生物医药": ("biomedicine", "Biomedicine"),
    "现代家具": ("furniture", "Modern furniture"),
    "新型显示": ("new_display", "New display"),
    "钒钛稀土": ("vanadium_titanium_rare_earth", "Vanadium, titanium & rare earths"),
    "稀土": ("rare_earth", "Rare earths"),
    "轨道交通": ("rail_transit", "Rail transit"),
    "优质白酒": ("baijiu", "Premium baijiu"),
    "白酒": ("baijiu", "Baijiu"),
    "新能源汽车": ("new_energy_vehicles", "New-energy vehicles"),
    "汽车": ("automotive", "Automotive"),
    "集成电路": ("integrated_circuits", "Integrated circuits"),
    "半导体": ("semiconductors", "Semiconductors"),
    "新材料": ("new_materials", "New materials"),
    "数字经济": ("digital_economy", "Digital economy"),
    "数字经济核心产业": ("digital_economy", "Digital-economy core industries"),
    "软件和信息技术服务": ("software", "Software & IT services"),
    "人工智能": ("artificial_intelligence", "Artificial intelligence"),
    "机器人": ("robotics", "Robotics"),
    "先进制造业": ("advanced_manufacturing", "Advanced manufacturing"),
    "制造业": ("manufacturing", "Manufacturing"),
    "战略性新兴产业": ("strategic_emerging", "Strategic emerging industries"),
    # umbrella scopes
    "重点产业链": ("key_chains", "Key chains"),
    "规模以上工业": ("industry", "Industrial enterprises above designated size"),
    "规上工业": ("industry", "Industrial enterprises above designated size"),
    "工业": ("industry", "Industry"),
    # sub-chains and clusters named in chain plans (appended for policylens.chains)
    "铜基新材料": ("copper_materials", "Copper-based new materials"),
    "铜": ("copper", "Copper"),
    "钨": ("tungsten", "Tungsten"),
    "稀土金属新材料": ("rare_earth", "Rare-earth metal new materials"),
    "炼化一体化": ("refining_chemicals", "Integrated refining & chemicals"),
    "化工新材料": ("chemical_materials", "New chemical materials"),
    "石油化工": ("petrochemicals", "Petrochemicals"),
    "精细化工": ("fine_chemicals", "Fine chemicals"),
    "移动智能终端": ("mobile_devices", "Mobile smart devices"),
    "半导体照明": ("semiconductor_lighting", "Semiconductor lighting"),
    "汽车电子": ("automotive_electronics", "Automotive electronics"),
    "电线电缆": ("wires_cables", "Wires & cables"),
    "数控机床": ("machine_tools", "CNC machine tools"),
    "医疗器械": ("medical_devices", "Medical devices"),
    "中药": ("chinese_medicine", "Traditional Chinese medicine"),
    "无人机": ("drones", "Drones"),
}

#: Subjects that targets count or measure, without a chain of their own.
SUBJECTS: dict[str, str] = {
    "链上企业": "Chain firms",
    "产业链企业": "Chain firms",
    "链主企业": "Chain-leader firms",
    "链主": "Chain leader",
    "链核企业": "Chain-core firms",
    "龙头企业": "Leading firms",
    "规上工业企业": "Industrial enterprises above designated size",
    "规模以上工业企业": "Industrial enterprises above designated size",
    "专精特新": "Specialised & innovative",
    "小巨人": "Little giant",
    "单项冠军": "Single-product champion",
    "高新技术企业": "High-tech firms",
    "上市公司": "Listed companies",
    "上市企业": "Listed firms",
    "世界500强企业": "Fortune Global 500 firms",
    "领航": "Pilot",
    "招商落地项目": "Investment projects landed",
    "招商项目": "Investment-promotion projects",
    "示范性项目": "Demonstration projects",
    "重点项目": "Key projects",
    "亿元以上": "RMB 100m+",
    "承载示范开发区": "Host demonstration zones",
    "开发区": "Development zones",
    "园区": "Parks",
    "先进制造业集群": "Advanced manufacturing clusters",
    "协作配套签约活动": "Supply-chain matchmaking signing events",
    "协作配套活动": "Supply-chain matchmaking events",
    "签约活动": "Signing events",
    "基站": "Base stations",
    "绿色工厂": "Green factories",
    "绿色园区": "Green parks",
    "科技型中小企业": "Tech-based SMEs",
    "技改项目": "Technical-upgrade projects",
    "5G基站": "5G base stations",
    "装机": "Installed capacity",
    "增加值": "Value added",
    "营业收入": "Revenue",
    "营收": "Revenue",
    "产值": "Output value",
    "GDP": "GDP",
    "地区生产总值": "GDP",
}

#: Modifiers kept in English labels.
QUALIFIERS: dict[str, str] = {
    "国家级": "National",
    "省级": "Provincial",
    "市级": "Municipal",
    "全省": "Province-wide",
    "全市": "City-wide",
    "全国": "National",
    "世界级": "World-class",
    "省重点": "Provincial key",
}

#: Generic head words: the kind of subject when no known word names it.
GENERIC_HEADS: dict[str, str] = {
    "产业链": "chain",
    "全产业链": "chain",
    "链": "chain",
    "产业": "industry",
    "行业": "industry",
    "集群": "cluster",
    "企业": "firms",
    "项目": "projects",
    "活动": "events",
}

#: Allowed ``indicator`` values.
INDICATORS: tuple[str, ...] = (
    "revenue",
    "output_value",
    "value_added",
    "scale",
    "capacity",
    "production",
    "enterprise_count",
    "project_count",
    "chain_count",
    "industry_count",
    "cluster_count",
    "event_count",
    "growth_rate",
    "share",
    "investment",
    "other",
)

#: Allowed ``unit`` values: yuan, gigawatts, gigawatt-hours (energy), tonnes, square metres,
#: a count, a percentage (shared/TARGETS.md).
UNITS: tuple[str, ...] = ("CNY", "GW", "GWh", "t", "m2", "count", "percent")

#: Allowed ``comparator`` values: 以上/不低于 '>=', 突破/超过 '>', 达到 '=', 左右/约 '~'.
COMPARATORS: tuple[str, ...] = (">=", ">", "=", "~")

#: Allowed ``commitment`` values: 力争/争取/努力 wording is aspirational.
COMMITMENTS: tuple[str, ...] = ("firm", "aspirational")

_HEAD_LABELS = {v: v for v in ("chain", "industry", "cluster", "firms", "projects", "events")}


_LEXICON_CACHE: dict[tuple, tuple[re.Pattern[str], dict[str, tuple[str, str]]]] = {}
_LABELS: dict[str, tuple[str, str]] = {}  # label_scope results under the cached lexicon


def _lexicon() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """A longest-first regex over every known word and each word's (kind, label).

    Rebuilt whenever entries are added to or removed from a vocabulary.
    """
    key = (len(CHAINS), len(SUBJECTS), len(QUALIFIERS), len(GENERIC_HEADS))
    cached = _LEXICON_CACHE.get(key)
    if cached is None:
        kinds: dict[str, tuple[str, str]] = {}
        kinds.update({w: ("head", label) for w, label in GENERIC_HEADS.items()})
        kinds.update({w: ("qualifier", label) for w, label in QUALIFIERS.items()})
        kinds.update({w: ("subject", label) for w, label in SUBJECTS.items()})
        kinds.update({w: ("chain:" + key_, label) for w, (key_, label) in CHAINS.items()})
        words = sorted(kinds, key=len, reverse=True)
        cached = (re.compile("|".join(re.escape(w) for w in words)), kinds)
        _LEXICON_CACHE.clear()
        _LEXICON_CACHE[key] = cached
        _LABELS.clear()
    return cached


def known_words(text: str) -> list[str]:
    """The vocabulary words found in `text`, longest first, left to right.

    >>> known_words("锂电产业链企业")
    ['锂电', '产业链企业']
    """
    if not isinstance(text, str):
        return []
    pattern, _ = _lexicon()
    return pattern.findall(text)


def label_scope(scope_zh: str) -> tuple[str, str]:
    """English label and chain key ("" when none) for a scope in the text's own words.

    Known words are matched longest first, left to right; generic heads
    (产业链, 产业, 集群, 企业 …) say what kind of thing the scope is. Never raises:
    an unknown scope gets a readable fallback.

    >>> label_scope("锂电产业链")
    ('Lithium batteries chain', 'lithium_battery')
    >>> label_scope("省级重点产业链")
    ('Provincial key chains', 'key_chains')
    >>> label_scope("某某")
    ('Other (某某)', '')
    """
    if not isinstance(scope_zh, str) or not scope_zh.strip():
        return ("Unspecified", "")
    text = scope_zh.strip()
    pattern, kinds = _lexicon()
    if text not in _LABELS:
        if len(_LABELS) >= 10_000:
            _LABELS.clear()
        _LABELS[text] = _label_text(text, pattern, kinds)
    return _LABELS[text]


def _label_text(
    text: str, pattern: re.Pattern[str], kinds: dict[str, tuple[str, str]]
) -> tuple[str, str]:
    """label_scope of a stripped, non-empty scope, uncached (scopes repeat a lot)."""
    parts: list[str] = []
    chain_key = ""
    head = ""
    for m in pattern.finditer(text):
        kind, label = kinds[m.group(0)]
        if kind.startswith("chain:"):
            chain_key = chain_key or kind[6:]
            parts.append(label)
            head = ""
        elif kind == "head":
            head = _HEAD_LABELS[label]
        else:
            parts.append(label)
            head = ""
    if not parts and not head:
        return (f"Other ({text})", "")
    if head:
        if parts and parts[-1].endswith("chains") and head != "chain":
            parts[-1] = parts[-1][:-1]
        if not (parts and parts[-1].lower().endswith(head)):
            parts.append(head)
    words = [parts[0]] + [
        p if len(p) > 1 and (p[1].isupper() or p[0].isdigit()) else p[0].lower() + p[1:]
        for p in parts[1:]
    ]
    label = " ".join(words)
    return (label[0].upper() + label[1:], chain_key)
