"""Standard column templates, as data.

Each entry is (slug, name, kind, update_cycle_days, children). The statutory template follows
条例 Art. 20–21 and rules.md §2; the township template is seed 003's real tree; key domains follow
seed 001's list of 重点领域信息.
"""

from __future__ import annotations

Node = tuple[str, str, str, int, list]

STATUTORY: list[Node] = [
    ("guide", "政府信息公开指南", "guide", 365, []),
    ("foi-rules", "政府信息公开制度", "list", 365, []),
    ("institution", "机构职能", "list", 365, [
        ("functions", "机构设置及职能", "list", 365, []),
        ("leaders", "领导信息", "list", 365, []),
    ]),
    ("basis", "履职依据", "policy", 180, [
        ("rules", "规章", "policy", 180, []),
        ("normative", "行政规范性文件", "policy", 180, []),
        ("other-docs", "其他文件", "policy", 180, []),
    ]),
    ("plans", "规划计划", "list", 365, []),
    ("work-report", "政府工作报告", "list", 365, []),
    ("powers", "权责清单", "list", 365, []),
    ("enforcement", "处罚强制信息", "list", 180, []),
    ("news", "工作动态", "news", 14, []),
    ("notices", "通知公告", "notice", 180, []),
    ("key-domains", "重点领域信息", "list", 180, [
        ("finance", "财政信息", "list", 365, []),
        ("law-enforcement", "行政执法公示", "list", 180, []),
        ("public-resources", "公共资源配置", "list", 180, []),
        ("elderly-care", "养老服务", "list", 365, []),
        ("social-welfare", "社会福利", "list", 365, []),
        ("culture-sports", "公共文化体育", "list", 365, []),
        ("social-assistance", "社会救助", "list", 180, []),
        ("education", "义务教育", "list", 365, []),
        ("health", "医疗卫生", "list", 365, []),
        ("food-safety", "食品安全", "list", 365, []),
        ("environment", "生态环境", "list", 365, []),
        ("agriculture", "农业农村", "list", 365, []),
        ("emergency", "应急管理", "list", 365, []),
    ]),
    ("interpretation", "政策解读", "list", 180, []),
    ("annual-reports", "政府信息公开年度报告", "annual_report", 365, []),
]

# Seed 003: a township's real tree of ten main columns and their sub-columns.
TOWNSHIP_SEED_003: list[Node] = [
    ("overview", "乡镇概况", "list", 365, []),
    ("institution", "机构职能", "list", 365, [
        ("npc-work", "人大工作", "list", 365, []),
    ]),
    ("catalog-guide", "公开目录及指南", "guide", 365, [
        ("guide", "政府信息公开指南", "guide", 365, []),
        ("foi-rules", "政府信息公开制度", "list", 365, []),
        ("annual-reports", "政府信息公开年度报告", "annual_report", 365, []),
    ]),
    ("news", "工作动态", "news", 14, [
        ("economy", "经济运行", "news", 90, []),
        ("major-projects", "重大项目建设", "news", 90, []),
        ("township-news", "乡镇动态", "news", 14, []),
        ("speeches", "领导讲话", "news", 180, []),
    ]),
    ("four-systems", "四项制度及社会评价", "list", 365, [
        ("sunshine", "阳光政府四项制度", "list", 365, []),
        ("responsible", "责任政府四项制度", "list", 365, []),
        ("evaluation", "社会评价工作", "list", 365, []),
    ]),
    ("policy", "政策信息", "policy", 180, [
        ("party-docs", "党委文件", "policy", 180, []),
        ("gov-docs", "政府文件", "policy", 180, []),
        ("appointments", "人事任免", "list", 365, []),
        ("emergency-plans", "应急预案", "list", 365, []),
    ]),
    ("finance", "政府财政管理", "list", 365, []),
    ("land", "土地利用及管理", "list", 365, []),
    ("fees", "行政事业性收费", "list", 365, []),
    ("services", "办事程序及服务", "list", 365, []),
]

TEMPLATES = {"statutory": STATUTORY, "township_seed_003": TOWNSHIP_SEED_003}
