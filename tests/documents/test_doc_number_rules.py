"""发文字号 forms agencies really publish: kept as published for display, compared by a normalized key."""

from pathlib import Path

import pytest

from gongkai.documents.rules import check_doc_number, chinese_number, clean_doc_number, doc_number_key


@pytest.mark.parametrize(
    "raw, published, key",
    [
        # the forms quoted by the issue, as the agencies publish them
        ("国家税务总局公告2018年第13号", "国家税务总局公告2018年第13号", "国家税务总局公告2018年第13号"),
        ("财政部公告2015年第3号", "财政部公告2015年第3号", "财政部公告2015年第3号"),
        ("交通运输部令2016年第62号", "交通运输部令2016年第62号", "交通运输部令2016年第62号"),
        ("上海市人民政府令2018年第8号", "上海市人民政府令2018年第8号", "上海市人民政府令2018年第8号"),
        # leading zeros stay in the published form, not in the key
        ("沪府发〔1999〕043号", "沪府发〔1999〕043号", "沪府发〔1999〕43号"),
        ("发文字号：龙街办发【2023】012号", "龙街办发〔2023〕012号", "龙街办发〔2023〕12号"),
        ("海关总署公告2019年第013号", "海关总署公告2019年第013号", "海关总署公告2019年第13号"),
        # the 〔〕 form and 令第N号, as before
        ("国办发明电〔2023〕7号", "国办发明电〔2023〕7号", "国办发明电〔2023〕7号"),
        ("国发〔2018〕43号", "国发〔2018〕43号", "国发〔2018〕43号"),
        ("中华人民共和国国务院令第732号", "中华人民共和国国务院令第732号", "中华人民共和国国务院令第732号"),
        ("中华人民共和国主席令第三十一号", "中华人民共和国主席令第三十一号", "中华人民共和国主席令第31号"),
        ("中国人民银行公告〔2017〕第7号", "中国人民银行公告〔2017〕第7号", "中国人民银行公告〔2017〕7号"),
        # joint numbers keep the space between agencies; the key has no separators
        ("财政部 税务总局公告2019年第39号", "财政部 税务总局公告2019年第39号", "财政部税务总局公告2019年第39号"),
        ("财政部、税务总局公告2019年第39号", "财政部、税务总局公告2019年第39号", "财政部税务总局公告2019年第39号"),
        # pasted noise
        (" 龙街办发（2023）12号\u200b", "龙街办发〔2023〕12号", "龙街办发〔2023〕12号"),
        ("龙街办发 [ 2023 ] 12 号", "龙街办发〔2023〕12号", "龙街办发〔2023〕12号"),
        ("沂府发〔２０２３〕１２号", "沂府发〔2023〕12号", "沂府发〔2023〕12号"),
        ("国家税务总局2018年第13号", "国家税务总局2018年第13号", "国家税务总局2018年第13号"),
    ],
)
def test_real_forms_are_accepted_and_kept_as_published(raw, published, key):
    check = check_doc_number(raw, max_year=2027)
    assert check.ok, check.error
    assert (check.value, check.key) == (published, key)
    assert (clean_doc_number(raw), doc_number_key(raw)) == (published, key)


@pytest.mark.parametrize(
    "raw, message",
    [
        ("龙街办发2023-12", "〔"),
        ("龙街办发2024年3号", "公告某年第N号"),
        ("国家税务总局公告2018年13号", "例如"),
        ("龙街办发〔2023〕12", "以“号”结尾"),
        ("龙街办发〔23〕12号", "格式不正确"),
        ("龙街办发〔2023〕0号", "序号不能为 0"),
        ("龙街办发〔2023〕000号", "序号不能为 0"),
        ("国务院令第〇号", "序号不能为 0"),
        ("龙街办发〔1900〕3号", "年份 1900"),
        ("交通运输部令2099年第1号", "年份 2099"),
        ("第五号", "例如"),
    ],
)
def test_numbers_that_cannot_be_understood_are_refused(raw, message):
    check = check_doc_number(raw, max_year=2027)
    assert not check.ok and message in check.error
    assert check.value == clean_doc_number(raw)  # the raw number is still there for whoever keeps it


@pytest.mark.parametrize(
    "a, b",
    [
        ("沪府发〔1999〕043号", "沪府发〔1999〕43号"),
        ("沪府发[1999]43号", "沪府发〔1999〕0043号"),
        ("中华人民共和国主席令第三十一号", "中华人民共和国主席令第31号"),
        ("交通运输部令2016年第062号", "交通运输部令2016年第62号"),
    ],
)
def test_the_same_number_written_two_ways_has_one_key(a, b):
    assert doc_number_key(a) == doc_number_key(b)
    assert clean_doc_number(a) != clean_doc_number(b)


@pytest.mark.parametrize(
    "text, value",
    [("一", 1), ("十", 10), ("十五", 15), ("三十一", 31), ("一百零八", 108), ("二百", 200), ("一千零一", 1001),
     ("甲", None)],
)
def test_chinese_number(text, value):
    assert chinese_number(text) == value


def test_empty_is_allowed():
    assert check_doc_number("  ").ok and check_doc_number("").value == ""


def real_numbers() -> list[str]:
    path = Path(__file__).parent / "data" / "real_doc_numbers.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_every_real_number_of_the_list_is_accepted_and_its_digits_kept():
    numbers = real_numbers()
    checks = [check_doc_number(n, max_year=2027) for n in numbers]
    assert len(numbers) == 96 and all(c.ok for c in checks)
    changed = {n: c.value for n, c in zip(numbers, checks, strict=True) if c.value != n}
    # Only a space before 号 or square brackets around the year are ever changed.
    assert changed == {"财税[2019]39号": "财税〔2019〕39号", "国办发〔2015〕73 号": "国办发〔2015〕73号",
                       "国办发〔2019〕13 号": "国办发〔2019〕13号", "财税〔2018〕164 号": "财税〔2018〕164号",
                       "国发〔2005〕38 号": "国发〔2005〕38号"}
