"""Power-list fixtures: a township's office admin and a helper that writes real .xlsx files."""

from __future__ import annotations

import io

import pytest

from gongkai.orgs.models import Role

HEADER = ["序号", "事项编码", "事项名称", "子项名称", "权力类型", "实施依据", "实施主体", "责任事项", "追责情形", "运行流程", "备注"]


def row(n, code, name, category="行政许可", **extra):
    values = {"basis": "《中华人民共和国行政许可法》第十二条", "subject": "本机关", "resp": "受理责任、审查责任、决定责任",
              "acc": "不依法履行职责的，依法追究责任", "flow": "", "sub": "", "remarks": "", **extra}
    return [n, code, name, values["sub"], category, values["basis"], values["subject"], values["resp"],
            values["acc"], values["flow"], values["remarks"]]


def make_xlsx(rows, *, header=HEADER, title="沂水县龙家圈街道权责清单", merges=()) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(header)
    for r in rows:
        ws.append(r)
    for rng in merges:
        ws.merge_cells(rng)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def admin(make_user, township):
    return make_user("powers_admin", township, Role.OFFICE_ADMIN)
