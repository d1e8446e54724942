"""Controlled vocabularies shared by the project.

Plain data plus the labelling functions: the one place where a Chinese term
gets its key and its English translation. Tables, plots and the Excel summary
import these so that a chain key, an actor or a purpose is spelled and
translated one way everywhere. To support a new document, *append* entries
(longer Chinese words win over shorter ones, so adding ``晶硅光伏`` next to
``光伏`` is safe). A term with no entry gets an empty label and is reported
(:class:`UnlabelledWarning`), never a made-up one.

* :data:`CHAINS` — chain / industry words → (chain key, English label), one
  key per distinct chain; :data:`CONTEXT_CHAINS` — words read only inside a
  chain (电池 in a PV plan); :data:`BROADER` — narrower key → broader key.
* :data:`SUBJECTS` — other subjects that targets count or measure (firms,
  projects, parks …) → English label. They carry no chain key.
* :data:`QUALIFIERS` — modifiers kept in the English label (省级 → Provincial).
* :data:`ACTORS`, :data:`ACTOR_LABELS`, :data:`PURPOSES`, :data:`SLOGAN_TERMS` —
  the words of “A+B” modes, their keys and their English.
* :data:`INDICATORS`, :data:`UNITS`, :data:`COMPARATORS`, :data:`COMMITMENTS` —
  the allowed values of the ``targets`` table's columns.
"""

from __future__ import annotations

import re

__all__ = [
    "ACTORS",
    "ACTOR_LABELS",
    "BROADER",
    "CHAINS",
    "COMMITMENTS",
    "COMPARATORS",
    "CONTEXT_CHAINS",
    "GENERIC_HEADS",
    "INDICATORS",
    "PURPOSES",
    "QUALIFIERS",
    "SLOGAN_TERMS",
    "SUBJECTS",
    "UNITS",
    "UNIT_NAMES",
    "UnlabelledWarning",
    "actor_label",
    "chain_label",
    "known_words",
    "label_scope",
    "mode_label",
    "purpose_label",
    "reading_context",
    "scope_reading",
    "units_described",
    "unlabelled_words",
]

#: Chinese chain / industry word → (chain key, English label).
#: One key names one chain: words that share a key are synonyms and share its
#: label, and two words with different labels never share a key (a sub-chain
#: such as 石油化工 is not its parent 石化化工). :data:`BROADER` links a narrower
#: chain to the chain it belongs to.
CHAINS: dict[str, tuple[str, str]] = {
    # energy: photovoltaics and its links
    "光伏": ("photovoltaic", "Photovoltaics"),
    "光伏新能源": ("photovoltaic_new_energy", "PV new energy"),
    "晶硅光伏": ("crystalline_silicon_pv", "Crystalline-silicon PV"),
    "晶硅": ("crystalline_silicon", "Crystalline silicon"),
    "单晶硅": ("monocrystalline_silicon", "Monocrystalline silicon"),
    "多晶硅": ("polysilicon", "Polysilicon"),
    "太阳能电池": ("solar_cells", "Solar cells"),
    "硅料": ("silicon_feedstock", "Silicon feedstock"),
    "硅片": ("silicon_wafers", "Silicon wafers"),
    "电池片": ("pv_cells", "PV cells"),
    "光伏组件": ("pv_modules", "PV modules"),
    "光伏玻璃": ("pv_glass", "PV glass"),
    "逆变器": ("inverters", "Inverters"),
    # batteries, storage, hydrogen, vehicles
    "锂电": ("lithium_battery", "Lithium batteries"),
    "锂电池": ("lithium_battery", "Lithium batteries"),
    "锂离子电池": ("lithium_battery", "Lithium batteries"),
    "正极材料": ("cathode_materials", "Cathode materials"),
    "负极材料": ("anode_materials", "Anode materials"),
    "电解液": ("electrolytes", "Electrolytes"),
    "隔膜": ("separators", "Separators"),
    "动力电池": ("power_battery", "Power batteries"),
    "钠离子电池": ("sodium_ion_battery", "Sodium-ion batteries"),
    "储能": ("energy_storage", "Energy storage"),
    "新型储能": ("new_type_energy_storage", "New-type energy storage"),
    "储能电池": ("energy_storage_batteries", "Energy-storage batteries"),
    "氢能": ("hydrogen", "Hydrogen"),
    "燃料电池": ("fuel_cells", "Fuel cells"),
    "燃料电池汽车": ("fuel_cell_vehicles", "Fuel-cell vehicles"),
    "加氢站": ("hydrogen_refuelling_stations", "Hydrogen refuelling stations"),
    "新能源汽车": ("new_energy_vehicles", "New-energy vehicles"),
    "智能网联汽车": ("intelligent_connected_vehicles", "Intelligent connected vehicles"),
    "新能源与智能网联汽车": ("nev_icv", "New-energy & intelligent connected vehicles"),
    "新能源和智能网联汽车": ("nev_icv", "New-energy & intelligent connected vehicles"),
    "充电桩": ("charging_piles", "Charging piles"),
    "汽车": ("automotive", "Automotive"),
    "整车": ("complete_vehicles", "Complete vehicles"),
    "电机电控": ("motors_controls", "Electric motors & controls"),
    "汽车电子": ("automotive_electronics", "Automotive electronics"),
    # other energy
    "新能源": ("new_energy", "New energy"),
    "风电": ("wind_power", "Wind power"),
    "风电装备": ("wind_power_equipment", "Wind-power equipment"),
    "清洁能源装备": ("clean_energy_equipment", "Clean-energy equipment"),
    "天然气": ("natural_gas", "Natural gas"),
    "煤层气": ("coalbed_methane", "Coalbed methane"),
    "现代煤化工": ("coal_chemicals", "Modern coal chemicals"),
    # electronics
    "电子信息": ("electronics", "Electronics & IT"),
    "光电子信息": ("optoelectronics", "Optoelectronic information"),
    "北斗": ("beidou", "BeiDou satellite navigation"),
    "集成电路": ("integrated_circuits", "Integrated circuits"),
    "半导体": ("semiconductors", "Semiconductors"),
    "半导体照明": ("semiconductor_lighting", "Semiconductor lighting"),
    "新型显示": ("new_display", "New-type displays"),
    "移动智能终端": ("mobile_devices", "Mobile smart devices"),
    "印制电路板": ("printed_circuit_boards", "Printed circuit boards"),
    "虚拟现实": ("virtual_reality", "Virtual reality"),
    "软件和信息技术服务": ("software", "Software & IT services"),
    "数字经济": ("digital_economy", "Digital economy"),
    "数字经济核心产业": ("digital_economy_core", "Digital-economy core industries"),
    "人工智能": ("artificial_intelligence", "Artificial intelligence"),
    # metals
    "有色金属": ("nonferrous_metals", "Non-ferrous metals"),
    "铜": ("copper", "Copper"),
    "铜基新材料": ("copper_materials", "Copper-based new materials"),
    "钨": ("tungsten", "Tungsten"),
    "稀土": ("rare_earth", "Rare earths"),
    "稀土金属新材料": ("rare_earth_metal_materials", "Rare-earth metal new materials"),
    "钒钛稀土": ("vanadium_titanium_rare_earth", "Vanadium, titanium & rare earths"),
    "钢铁": ("steel", "Steel"),
    # chemicals
    "石化化工": ("petrochemical_chemical", "Petrochemicals & chemicals"),
    "石油化工": ("petrochemicals", "Petrochemicals"),
    "石化": ("petrochemicals", "Petrochemicals"),
    "炼化一体化": ("refining_chemical_integration", "Refining-chemical integration"),
    "化工新材料": ("chemical_materials", "New chemical materials"),
    "精细化工": ("fine_chemicals", "Fine chemicals"),
    "氯碱深加工": ("chlor_alkali_processing", "Chlor-alkali downstream processing"),
    # building materials
    "建材": ("building_materials", "Building materials"),
    "绿色建材": ("green_building_materials", "Green building materials"),
    "建筑陶瓷": ("architectural_ceramics", "Architectural ceramics"),
    "水泥": ("cement", "Cement"),
    "玻纤": ("glass_fibre", "Glass fibre"),
    "无机非金属新材料": ("inorganic_nonmetallic_materials", "Inorganic non-metallic new materials"),
    "新材料": ("new_materials", "New materials"),
    # equipment and transport
    "装备制造": ("equipment", "Equipment manufacturing"),
    "装备制造业": ("equipment", "Equipment manufacturing"),
    "高端装备": ("high_end_equipment", "High-end equipment"),
    "电线电缆": ("wires_cables", "Wires & cables"),
    "数控机床": ("machine_tools", "CNC machine tools"),
    "机器人": ("robotics", "Robotics"),
    "轨道交通": ("rail_transit", "Rail transit"),
    "航空": ("aviation", "Aviation"),
    "航空航天": ("aerospace", "Aerospace"),
    "教练机": ("trainer_aircraft", "Trainer aircraft"),
    "民机": ("civil_aircraft", "Civil aircraft"),
    "直升机": ("helicopters", "Helicopters"),
    "无人机": ("drones", "Drones"),
    # consumer goods
    "食品": ("food", "Food"),
    "地方特色食品": ("local_specialty_food", "Local specialty foods"),
    "禽畜制品": ("livestock_poultry_products", "Livestock & poultry products"),
    "肉制品": ("meat_products", "Meat products"),
    "预制菜": ("prepared_dishes", "Prepared dishes"),
    "白酒": ("baijiu", "Baijiu"),
    "优质白酒": ("premium_baijiu", "Premium baijiu"),
    "纺织服装": ("textiles_apparel", "Textiles & apparel"),
    "纺织": ("textiles", "Textiles"),
    "产业用纺织品": ("technical_textiles", "Technical textiles"),
    "化纤": ("chemical_fibres", "Chemical fibres"),
    "服装": ("apparel", "Apparel"),
    "棉纺": ("cotton_spinning", "Cotton spinning"),
    "现代家具": ("furniture", "Modern furniture"),
    "实木家具": ("solid_wood_furniture", "Solid-wood furniture"),
    "金属家具": ("metal_furniture", "Metal furniture"),
    "教育装备": ("education_equipment", "Educational equipment"),
    # health
    "医药": ("pharmaceuticals", "Pharmaceuticals"),
    "生命健康": ("life_health", "Life & health"),
    "生物医药": ("biomedicine", "Biomedicine"),
    "中药": ("chinese_medicine", "Traditional Chinese medicine"),
    "化学药": ("chemical_drugs", "Chemical drugs"),
    "生物药": ("biologics", "Biologics"),
    "医疗器械": ("medical_devices", "Medical devices"),
    # umbrella scopes
    "先进制造业": ("advanced_manufacturing", "Advanced manufacturing"),
    "制造业": ("manufacturing", "Manufacturing"),
    "战略性新兴产业": ("strategic_emerging", "Strategic emerging industries"),
    "重点产业链": ("key_chains", "Key chains"),
    "规模以上工业": ("industry_above_size", "Industrial enterprises above designated size"),
    "规上工业": ("industry_above_size", "Industrial enterprises above designated size"),
    "工业": ("industry", "Industry"),
}

#: Chain words whose meaning depends on the chain they are named in (电池 in a
#: PV plan's 硅料-硅片-电池-组件 is PV cells): enclosing chain key → words.
CONTEXT_CHAINS: dict[str, dict[str, tuple[str, str]]] = {
    "photovoltaic": {
        "电池": ("pv_cells", "PV cells"),
        "组件": ("pv_modules", "PV modules"),
        "设备": ("pv_equipment", "PV equipment"),
        "辅材": ("pv_auxiliary_materials", "PV auxiliary materials"),
        "辅料": ("pv_auxiliary_materials", "PV auxiliary materials"),
    },
}

#: Narrower chain key → the chain it is part of (for rolling up; never a label).
BROADER: dict[str, str] = {
    "crystalline_silicon_pv": "photovoltaic",
    "crystalline_silicon": "photovoltaic",
    "monocrystalline_silicon": "photovoltaic",
    "polysilicon": "photovoltaic",
    "solar_cells": "photovoltaic",
    "silicon_feedstock": "photovoltaic",
    "silicon_wafers": "photovoltaic",
    "pv_cells": "photovoltaic",
    "pv_modules": "photovoltaic",
    "pv_glass": "photovoltaic",
    "inverters": "photovoltaic",
    "pv_equipment": "photovoltaic",
    "pv_auxiliary_materials": "photovoltaic",
    "cathode_materials": "lithium_battery",
    "anode_materials": "lithium_battery",
    "electrolytes": "lithium_battery",
    "separators": "lithium_battery",
    "new_type_energy_storage": "energy_storage",
    "energy_storage_batteries": "energy_storage",
    "fuel_cells": "hydrogen",
    "fuel_cell_vehicles": "hydrogen",
    "hydrogen_refuelling_stations": "hydrogen",
    "charging_piles": "new_energy_vehicles",
    "wind_power_equipment": "wind_power",
    "premium_baijiu": "baijiu",
    "petrochemicals": "petrochemical_chemical",
    "green_building_materials": "building_materials",
    "local_specialty_food": "food",
    "digital_economy_core": "digital_economy",
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
    "专精特新企业": "Specialised SMEs",
    "专精特新中小企业": "Specialised SMEs",
    "中小企业": "SMEs",
    "创新平台": "Innovation platforms",
    "小巨人": "Little giant",
    "单项冠军": "Single-product champion",
    "高新技术企业": "High-tech firms",
    "上市公司": "Listed companies",
    "上市企业": "Listed firms",
    "世界500强企业": "Fortune Global 500 firms",
    "领航": "Flagship",
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
    # 对接: events that bring two sides together (产业链对接活动, 供需对接会); who meets
    # whom is a qualifier (供需, 产销 …), 活动 the head ("events")
    "对接": "Matchmaking",
    "对接会": "Matchmaking meetings",
    "产业链对接": "Chain matchmaking",
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
    "世界一流": "World-class",
    "上下游": "Upstream & downstream",
    # the two sides of a matchmaking event (供需对接活动, 产销对接会, 银企对接)
    "供需": "Supply-demand",
    "产销": "Producer-buyer",
    "产用": "Producer-user",
    "产融": "Industry-finance",
    "银企": "Bank-firm",
    "政银企": "Government-bank-firm",
    "优势": "Competitive",
}

#: Generic head words: the kind of subject when no known word names it.
GENERIC_HEADS: dict[str, str] = {
    "产业链": "chain",
    "全产业链": "chain",
    "链": "chain",
    "产业": "industry",
    "产业领域": "industry",  # 10个优势产业领域: the fields are the industries
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

#: What each of :data:`UNITS` measures: the one place messages and notes take it from.
UNIT_NAMES: dict[str, str] = {
    "CNY": "yuan",
    "GW": "gigawatts of power",
    "GWh": "gigawatt-hours of energy",
    "t": "tonnes",
    "m2": "square metres",
    "count": "a count",
    "percent": "12.5 means 12.5 %",
}


def units_described() -> str:
    """Every allowed unit with what it measures, for messages and column notes.

    >>> units_described().split(", ")[:2]
    ['CNY (yuan)', 'GW (gigawatts of power)']
    >>> units_described().endswith("or percent (12.5 means 12.5 %)")
    True
    """
    named = [f"{unit} ({UNIT_NAMES[unit]})" for unit in UNITS]
    return ", ".join(named[:-1]) + " or " + named[-1]


#: Allowed ``comparator`` values: 以上/不低于 '>=', 突破/超过 '>', 达到 '=', 左右/约 '~',
#: and an upper bound 控制在…以内/以下, 不超过, 不高于 '<=' (the cap is the value).
COMPARATORS: tuple[str, ...] = (">=", ">", "=", "~", "<=")

#: Allowed ``commitment`` values: 力争/争取/努力 wording is aspirational.
COMMITMENTS: tuple[str, ...] = ("firm", "aspirational")


class UnlabelledWarning(UserWarning):
    """Chinese terms the vocabulary cannot translate yet (their English label is empty)."""


_HEAD_LABELS = {v: v for v in ("chain", "industry", "cluster", "firms", "projects", "events")}

#: Actor key (``mode_actors.actor``) → (English, Chinese): the one translation of each actor.
ACTOR_LABELS: dict[str, tuple[str, str]] = {
    "government": ("Government", "政府"),
    "chain_chief": ("Chain chief", "链长"),
    "lead_agency": ("Chain lead agency", "链长牵头单位"),
    "locality": ("Host locality", "属地"),
    "chain_leader_firm": ("Chain-leader firms", "链主企业"),
    "chain_core_firm": ("Chain-core firms", "链核企业"),
    "chain_firm": ("Chain firms", "链上企业"),
    "leading_firm": ("Leading firms", "龙头企业"),
    "firm": ("Firms", "企业"),
    "state_owned_firm": ("State-owned firms", "国有企业"),
    "private_firm": ("Private firms", "民营企业"),
    "sme": ("Specialised SMEs", "专精特新企业"),
    "cooperative": ("Cooperatives", "合作社"),
    "farmer": ("Farmers", "农户"),
    "park": ("Industrial parks", "园区"),
    "base": ("Industrial bases", "基地"),
    "major_project": ("Major projects", "重大项目"),
    "chain": ("Industrial chain", "产业链"),
    "fund": ("Industry funds", "产业基金"),
    "bank": ("Banks & financial institutions", "金融机构"),
    "guarantor": ("Guarantors", "担保机构"),
    "insurer": ("Insurers", "保险机构"),
    "private_capital": ("Private capital", "社会资本"),
    "platform": ("Platforms", "平台"),
    "experts": ("Experts", "专家"),
    "university": ("Universities", "高校"),
    "research_institute": ("Research institutes", "科研院所"),
    "association": ("Industry associations", "行业协会"),
    "service_provider": ("Service providers", "服务机构"),
    "incubator": ("Incubators", "孵化器"),
}

#: Actor words of “A+B” modes → actor key; a part is an actor only if it equals a word here.
ACTORS: dict[str, str] = {
    # public side
    "政府": "government",
    "地方政府": "government",
    "属地政府": "government",
    "政府部门": "government",
    "部门": "government",
    "有为政府": "government",
    "链长": "chain_chief",
    "总链长": "chain_chief",
    "链长牵头单位": "lead_agency",
    "牵头单位": "lead_agency",
    "链长单位": "lead_agency",
    "链长办": "lead_agency",
    "属地": "locality",
    "地方": "locality",
    "市县": "locality",
    # firms
    "链主": "chain_leader_firm",
    "链主企业": "chain_leader_firm",
    "链核": "chain_core_firm",
    "链核企业": "chain_core_firm",
    "链上企业": "chain_firm",
    "龙头企业": "leading_firm",
    "龙头": "leading_firm",
    "骨干企业": "leading_firm",
    "企业": "firm",
    "国企": "state_owned_firm",
    "国有企业": "state_owned_firm",
    "民企": "private_firm",
    "民营企业": "private_firm",
    "专精特新": "sme",
    "专精特新企业": "sme",
    "中小企业": "sme",
    "中小微企业": "sme",
    "小巨人": "sme",
    "合作社": "cooperative",
    "农民合作社": "cooperative",
    "专业合作社": "cooperative",
    "农户": "farmer",
    "农民": "farmer",
    "家庭农场": "farmer",
    # places and projects
    "园区": "park",
    "开发区": "park",
    "产业园": "park",
    "产业园区": "park",
    "工业园区": "park",
    "示范区": "park",
    "高新区": "park",
    "经开区": "park",
    "基地": "base",
    "重大项目": "major_project",
    "重点项目": "major_project",
    "项目": "major_project",
    "产业链": "chain",
    # money
    "基金": "fund",
    "产业基金": "fund",
    "投资基金": "fund",
    "引导基金": "fund",
    "政府引导基金": "fund",
    "产业引导基金": "fund",
    "创投基金": "fund",
    "金融机构": "bank",
    "银行": "bank",
    "担保": "guarantor",
    "担保机构": "guarantor",
    "融资担保": "guarantor",
    "保险": "insurer",
    "保险机构": "insurer",
    "社会资本": "private_capital",
    # knowledge
    "平台": "platform",
    "创新平台": "platform",
    "服务平台": "platform",
    "专家": "experts",
    "专家团队": "experts",
    "智库": "experts",
    "高校": "university",
    "高等院校": "university",
    "院校": "university",
    "大学": "university",
    "科研院所": "research_institute",
    "院所": "research_institute",
    "科研机构": "research_institute",
    "研究院": "research_institute",
    "协会": "association",
    "行业协会": "association",
    "商会": "association",
    "服务机构": "service_provider",
    "中介机构": "service_provider",
    "孵化器": "incubator",
}

#: Purpose words written after a mode (招商, 共建 …) → the one English translation of each.
PURPOSES: dict[str, str] = {
    "招商": "investment promotion",
    "招商引资": "investment promotion",
    "共建": "joint development",
    "培育": "firm cultivation",
    "锻造": "chain forging",
    "智库": "expert advice",
    "运作": "operation",
    "运营": "operation",
    "工作模式": "working model",
    "工作机制": "working mechanism",
    "协同": "coordination",
    "联动": "coordination",
    "合作": "cooperation",
    "风险分担": "risk sharing",
    "融资": "financing",
    "投资": "investment",
    "担保": "guarantee",
    "服务": "services",
    "创新": "innovation",
    "攻关": "joint research",
    "研发": "research and development",
    "孵化": "incubation",
    "帮扶": "assistance",
    "对接": "matchmaking",
    "融合": "integration",
    "人才": "talent",
    "共享": "sharing",
    "监管": "supervision",
    "审批": "approval",
    "评估": "assessment",
    "管理": "management",
    "推进": "implementation",
    "引领": "leadership",
    "带动": "leverage",
}

#: Parts of “+” slogans that are no actors (线上+线下, 承诺制+标准地) → English.
SLOGAN_TERMS: dict[str, str] = {
    "线上": "online",
    "线下": "offline",
    "政策": "policy",
    "服务": "services",
    "清单制": "list-based management",
    "责任制": "responsibility system",
    "承诺制": "commitment-based approval",
    "标准地": "pre-zoned standard land",
    "全代办": "full proxy service",
    "专家评审": "expert review",
    "平台大数据画像": "big-data profiling on a platform",
    "社会风险调查": "social-risk survey",
    "公平竞争审查": "fair-competition review",
}

_LEXICON_CACHE: dict[str, object] = {}  # "sizes" and one lexicon per context
_LABELS: dict[tuple[str, str], tuple[str, str, tuple[str, ...]]] = {}  # cached _label_text
_SCOPES: dict[str, tuple[str, str, bool]] = {}  # cached scope_reading

# A short parenthetical after a term glosses it (印制电路板（PCB）, 教育装备（校具）).
_GLOSS = re.compile(r"[（(][^（）()]{1,12}[）)]")
_IGNORED = re.compile(r"[\s“”\"‘’'「」『』《》]|的")
_CONJUNCTION = re.compile(r"^(?:以及|和|与|及|、|·)+$")
_DASHES = re.compile(r"^[-—–－~～]+$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _lexicon(context: str = "") -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """A longest-first regex over every known word and each word's (kind, label).

    ``context`` is the key of an enclosing chain whose :data:`CONTEXT_CHAINS`
    words are known too. Caches are dropped whenever a vocabulary changes size
    (entries appended at run time are seen at once).
    """
    sizes = (len(CHAINS), len(SUBJECTS), len(QUALIFIERS), len(GENERIC_HEADS))
    sizes += tuple(map(len, CONTEXT_CHAINS.values()))  # map: a generator costs 3x (per row)
    if _LEXICON_CACHE.get("sizes") != sizes:
        _LEXICON_CACHE.clear()
        _LABELS.clear()
        _SCOPES.clear()
        _LEXICON_CACHE["sizes"] = sizes
    cached = _LEXICON_CACHE.get(context)
    if cached is None:
        kinds: dict[str, tuple[str, str]] = {}
        kinds.update({w: ("head", label) for w, label in GENERIC_HEADS.items()})
        kinds.update({w: ("qualifier", label) for w, label in QUALIFIERS.items()})
        kinds.update({w: ("subject", label) for w, label in SUBJECTS.items()})
        kinds.update({w: ("chain:" + k, label) for w, (k, label) in CHAINS.items()})
        extra = CONTEXT_CHAINS.get(context, {})
        kinds.update({w: ("chain:" + k, label) for w, (k, label) in extra.items()})
        words = sorted(kinds, key=len, reverse=True)
        cached = (re.compile("|".join(re.escape(w) for w in words)), kinds)
        _LEXICON_CACHE[context] = cached
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


def label_scope(scope_zh: str, context: str = "") -> tuple[str, str]:
    """English label and chain key ("" when none) for a scope in the text's own words.

    Known words are matched longest first, left to right; generic heads
    (产业链, 产业, 集群, 企业 …) say what kind of thing the scope is. Chains
    joined by 和/与/及/、 get both keys (``a_and_b``); a sequence of links
    (硅料-硅片-电池-组件) gets ``first_to_last``. ``context`` is the key of the
    chain the scope is named in (for words such as 电池 in a PV plan).

    The label is a translation or nothing: when part of the scope is no known
    word the label is "" (list such words with :func:`unlabelled_words` and add
    them to this module), never a made-up fallback. Never raises.

    >>> label_scope("锂电产业链")
    ('Lithium batteries chain', 'lithium_battery')
    >>> label_scope("省级重点产业链")
    ('Provincial key chains', 'key_chains')
    >>> label_scope("某某产业")
    ('', '')
    """
    if not isinstance(scope_zh, str) or not scope_zh.strip():
        return ("Unspecified", "")
    label, key, _ = _labelled(scope_zh.strip(), context)
    return label, key


def scope_reading(scope_zh: str) -> tuple[str, str, bool]:
    """(label, chain key, covered) of a row's scope: :func:`label_scope`, and whether
    vocabulary words cover at least 3/4 of it (restatements worded alike then merge).

    Cached like the labels (a scope is a few words, and the same few recur in every
    plan); the cache is dropped whenever a vocabulary changes size.
    """
    _lexicon()  # first: it drops stale entries
    found = _SCOPES.get(scope_zh)
    if found is None:
        if len(_SCOPES) >= 10_000:
            _SCOPES.clear()
        known = sum(len(w) for w in known_words(scope_zh))
        found = (*label_scope(scope_zh), known >= 0.75 * len(scope_zh))
        _SCOPES[scope_zh] = found
    return found


def unlabelled_words(scope_zh: str, context: str = "") -> list[str]:
    """The parts of a scope no vocabulary word covers (why its label is empty).

    >>> unlabelled_words("产值超百亿元企业")
    ['超百亿元']
    """
    if not isinstance(scope_zh, str) or not scope_zh.strip():
        return []
    return list(_labelled(scope_zh.strip(), context)[2])


def chain_label(key: str) -> str:
    """English label of a chain key ("" for a key the vocabulary does not list)."""
    for words in (CHAINS, *CONTEXT_CHAINS.values()):
        for chain_key, label in words.values():
            if chain_key == key:
                return label
    return ""


def actor_label(actor: str) -> str:
    """English label of a ``mode_actors.actor`` key; a slogan part (``other:线上``) too.

    "" when the vocabulary has no translation (add one to :data:`ACTOR_LABELS`
    or :data:`SLOGAN_TERMS`).
    """
    if actor in ACTOR_LABELS:
        return ACTOR_LABELS[actor][0]
    if not actor.startswith("other:"):
        return ""
    word = actor.removeprefix("other:")
    if word in SLOGAN_TERMS:
        return SLOGAN_TERMS[word]
    if not _CJK.search(word):
        return word  # 1+N, 1+11: numerals and letters read the same in English
    label, _, missing = _labelled(word, "")
    return "" if missing else label


def mode_label(mode_key: str) -> str:
    """English label of a ``mode_key``: its actors joined by " + ", "" if one is unknown.

    >>> mode_label("chain_leader_firm+government+park")
    'Chain-leader firms + government + industrial parks'
    """
    one_sided = mode_key.endswith("+*")
    actors = [a for a in mode_key.removesuffix("+*").split("+") if a]
    labels = [actor_label(a) for a in actors]
    if not labels or not all(labels):
        return ""
    words = [labels[0][:1].upper() + labels[0][1:]] + [_lower_first(x) for x in labels[1:]]
    return " + ".join(words) + (" +" if one_sided else "")


def purpose_label(purpose_zh: str) -> str:
    """English purpose of a mode (招商 → investment promotion); "" when unknown."""
    return PURPOSES.get(purpose_zh, "") if isinstance(purpose_zh, str) else ""


def _lower_first(word: str) -> str:
    """Lower-case a word's first letter unless it starts an acronym (PV, GDP, N)."""
    if word[1:2].islower():
        return word[:1].lower() + word[1:]
    return word


def _labelled(text: str, context: str) -> tuple[str, str, tuple[str, ...]]:
    cache_key = (text, context)
    pattern, kinds = _lexicon(context)  # first: it drops stale labels
    if cache_key not in _LABELS:
        if len(_LABELS) >= 10_000:
            _LABELS.clear()
        found = _label_text(text, pattern, kinds)
        own = _own_chain(text, pattern, kinds) if found[2] else ""
        if own and own != context:  # 硅料-硅片-电池-组件 is PV wherever it is named
            in_own = _label_text(text, *_lexicon(own))
            found = found if in_own[2] else in_own
        _LABELS[cache_key] = found
    return _LABELS[cache_key]


def reading_context(scope_zh: str) -> str:
    """The chain a scope names by its own words whose words read differently
    (:data:`CONTEXT_CHAINS`): the context its neighbours are read in. The side chains of
    a main chain 硅料-硅片-电池-组件 (辅材, 设备) are PV's, whatever the paragraph's heading.

    >>> reading_context("晶硅、电池片、组件"), reading_context("锂电产业链")
    ('photovoltaic', '')
    """
    if not isinstance(scope_zh, str):
        return ""
    return _context_of(scope_zh, *_lexicon())


def _own_chain(text: str, pattern: re.Pattern[str], kinds: dict[str, tuple[str, str]]) -> str:
    """The chain a sequence of links names by one of its own links (硅料 in
    硅料-硅片-电池-组件 is photovoltaic), when that chain gives words a meaning
    (:data:`CONTEXT_CHAINS`); "" for a scope that is no sequence."""
    if not any(_DASHES.match(c) for c in text):
        return ""
    return _context_of(text, pattern, kinds)


def _context_of(text: str, pattern: re.Pattern[str], kinds: dict[str, tuple[str, str]]) -> str:
    """The first chain of `text`'s own words that is a key of :data:`CONTEXT_CHAINS`."""
    for word in pattern.findall(text):
        kind = kinds[word][0]
        if kind.startswith("chain:"):
            chain = BROADER.get(kind[6:], kind[6:])
            if chain in CONTEXT_CHAINS:
                return chain
    return ""


def _label_text(
    text: str, pattern: re.Pattern[str], kinds: dict[str, tuple[str, str]]
) -> tuple[str, str, tuple[str, ...]]:
    """(label, chain key, words no entry covers) of a stripped, non-empty scope."""
    glossed = _GLOSS.sub("", text)
    text = glossed if glossed.strip() else text
    parts: list[str] = []
    groups: list[list[str]] = [[]]  # chain keys, one group per conjunct
    missing: list[str] = []
    head = ""
    sequence = False
    pos = 0

    def gap(stretch: str) -> None:
        nonlocal sequence
        stretch = _IGNORED.sub("", stretch)
        if not stretch:
            return
        if parts and _CONJUNCTION.match(stretch):
            parts.append("&")
            groups.append([])
        elif parts and _DASHES.match(stretch):
            parts.append("–")
            sequence = True
        else:
            missing.append(stretch)

    for m in pattern.finditer(text):
        gap(text[pos : m.start()])
        pos = m.end()
        kind, label = kinds[m.group(0)]
        if kind == "head":
            head = _HEAD_LABELS[label]
            continue
        if kind.startswith("chain:"):
            groups[-1].append(kind[6:])
        parts.append(label)
        head = ""
    gap(text[pos:])
    key = _chain_key(groups, sequence)
    if missing or (not parts and not head):
        return ("", key, tuple(missing) or (text,))
    if head:
        if parts and parts[-1].endswith("chains") and head != "chain":
            parts[-1] = parts[-1][:-1]
        if not (parts and parts[-1].lower().endswith(head)):
            parts.append(head)
    words = parts[:1] + [_lower_first(p) for p in parts[1:]]
    label = " ".join(words)
    return (label[0].upper() + label[1:], key, ())


def _chain_key(groups: list[list[str]], sequence: bool) -> str:
    """One key per conjunct joined by ``_and_``; a sequence of links is ``first_to_last``."""
    if sequence:
        keys = [k for group in groups for k in group]
        if len(keys) > 1:
            return f"{keys[0]}_to_{keys[-1]}"
    firsts = [group[0] for group in groups if group]
    return "_and_".join(dict.fromkeys(firsts))
