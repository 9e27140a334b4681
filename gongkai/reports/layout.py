"""The three tables of 国办公开办函〔2021〕30号 as grids of cells with row/column spans.

HTML, .docx and .xlsx are all drawn from these grids, so the three outputs cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from .rules import COLUMNS, OUTCOME_CODES

SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# Outcome code → (group label, item label) as printed in the national format.
OUTCOME_GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    ("（一）予以公开", [("granted", "")]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partially_granted", "")]),
    ("（三）不予公开", [
        ("withheld_state_secret", "1.属于国家秘密"),
        ("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("withheld_security_stability", "3.危及“三安全一稳定”"),
        ("withheld_third_party", "4.保护第三方合法权益"),
        ("withheld_internal_affairs", "5.属于三类内部事务信息"),
        ("withheld_process_info", "6.属于四类过程性信息"),
        ("withheld_enforcement_file", "7.属于行政执法案卷"),
        ("withheld_administrative_query", "8.属于行政查询事项"),
    ]),
    ("（四）无法提供", [
        ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
        ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
        ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ]),
    ("（五）不予处理", [
        ("rejected_petition", "1.信访举报投诉类申请"),
        ("rejected_repeated", "2.重复申请"),
        ("rejected_publication", "3.要求提供公开出版物"),
        ("rejected_excessive", "4.无正当理由大量反复申请"),
        ("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ]),
    ("（六）其他处理", [
        ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"),
    ]),
]
assert [code for _g, items in OUTCOME_GROUPS for code, _l in items] == list(OUTCOME_CODES)

ROW_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "results": "三、本年度办理结果",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
APPLICANT_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
REVIEW_RESULT_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    number: bool = False


@dataclass(frozen=True)
class Grid:
    ncols: int
    rows: list[list[Cell]]
    label_columns: int = 1  # leading columns holding row labels (wider in .xlsx)

    def positioned(self) -> list[tuple[int, int, Cell]]:
        """(row, column, cell) with absolute positions, skipping slots covered by earlier spans."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        return out


def _h(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan, colspan, header=True)


def _n(value) -> Cell:
    return Cell(str(value), number=True)


def proactive_grid(p: dict) -> Grid:
    def numbers(n, colspan=3):
        return Cell(str(n), colspan=colspan, number=True)

    return Grid(4, [
        [_h("第二十条第（一）项", colspan=4)],
        [_h("信息内容"), _h("本年制发件数"), _h("本年废止件数"), _h("现行有效件数")],
        [Cell("规章"), *(_n(v) for v in p["rules"])],
        [Cell("行政规范性文件"), *(_n(v) for v in p["normative_documents"])],
        [_h("第二十条第（五）项", colspan=4)],
        [_h("信息内容"), _h("本年处理决定数量", colspan=3)],
        [Cell("行政许可"), numbers(p["licensing"])],
        [_h("第二十条第（六）项", colspan=4)],
        [_h("信息内容"), _h("本年处理决定数量", colspan=3)],
        [Cell("行政处罚"), numbers(p["penalty"])],
        [Cell("行政强制"), numbers(p["enforcement"])],
        [_h("第二十条第（八）项", colspan=4)],
        [_h("信息内容"), _h("本年收费金额（单位：万元）", colspan=3)],
        [Cell("行政事业性收费"), numbers(p["fees_wan_yuan"])],
    ])


def request_grid(rows: dict[str, list[int]]) -> Grid:
    width = 3 + len(COLUMNS)
    grid: list[list[Cell]] = [
        [_h("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
         _h("申请人情况", colspan=7)],
        [_h("自然人", rowspan=2), _h("法人或其他组织", colspan=5), _h("总计", rowspan=2)],
        [_h(label) for label in APPLICANT_LABELS[1:6]],
        [Cell(ROW_LABELS["new"], colspan=3), *(_n(v) for v in rows["new"])],
        [Cell(ROW_LABELS["carried_over"], colspan=3), *(_n(v) for v in rows["carried_over"])],
    ]
    results_span = sum(len(items) for _g, items in OUTCOME_GROUPS) + 1
    first = True
    for group, items in OUTCOME_GROUPS:
        for i, (code, item) in enumerate(items):
            row: list[Cell] = []
            if first:
                row.append(Cell(ROW_LABELS["results"], rowspan=results_span))
                first = False
            if not item:
                row.append(Cell(group, colspan=2))
            else:
                if i == 0:
                    row.append(Cell(group, rowspan=len(items)))
                row.append(Cell(item))
            row.extend(_n(v) for v in rows[code])
            grid.append(row)
    grid.append([Cell(ROW_LABELS["total_processed"], colspan=2), *(_n(v) for v in rows["total_processed"])])
    grid.append([Cell(ROW_LABELS["carried_forward"], colspan=3), *(_n(v) for v in rows["carried_forward"])])
    return Grid(width, grid, label_columns=3)


def review_grid(reviews: dict[str, list[int]]) -> Grid:
    return Grid(15, label_columns=0, rows=[
        [_h("行政复议", colspan=5), _h("行政诉讼", colspan=10)],
        [*(_h(label, rowspan=2) for label in REVIEW_RESULT_LABELS),
         _h("未经复议直接起诉", colspan=5), _h("复议后起诉", colspan=5)],
        [_h(label) for label in REVIEW_RESULT_LABELS * 2],
        [_n(v) for kind in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
         for v in reviews[kind]],
    ])
