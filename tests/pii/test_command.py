"""`gongkai pii scan [FILE]` through the installed console script, as outside checks run it."""

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[2]
GONGKAI = str(Path(sys.executable).parent / "gongkai")
VALID_ID = "371323198507178433"
TEXT = f"张三\r\n身份证号：{VALID_ID}\n手机：138-1234-5678，邮箱 zs@qq.com\n秘密★1年\n龙街办发〔2023〕12号 2023-06-03"


def run(*args, stdin: bytes = b""):
    return subprocess.run([GONGKAI, "pii", "scan", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=60)


def lines(result):
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def expected_for(text):
    out = []
    for kind, value in [("id_card", VALID_ID), ("mobile", "138-1234-5678"), ("email", "zs@qq.com")]:
        start = text.index(value)
        out.append({"kind": kind, "start": start, "end": start + len(value), "text": value})
    return out


def test_stdin_prints_json_lines_sorted_with_character_offsets():
    result = run(stdin=TEXT.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    assert lines(result) == expected_for(TEXT)  # \r\n kept: offsets are those of the text as sent
    assert result.stderr == b""
    assert "张三".encode() not in result.stdout


def test_file_argument_and_utf8_output(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    result = run(str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert lines(result) == expected_for(TEXT)
    first = result.stdout.decode("utf-8").splitlines()[0]
    assert first == f'{{"kind": "id_card", "start": {TEXT.index(VALID_ID)}, "end": {TEXT.index(VALID_ID) + 18}, "text": "{VALID_ID}"}}'


def test_nothing_found_exits_zero_with_no_output():
    result = run(stdin="索引号 yishuiljqz2322108/2023-0000352，金额1234567.89元".encode())
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_fullwidth_text_reports_original_characters():
    text = "电话：１３８１２３４５６７８"
    assert lines(run(stdin=text.encode())) == [{"kind": "mobile", "start": 3, "end": 14, "text": "１３８１２３４５６７８"}]


def test_markings_flag_adds_secrecy_markings():
    result = run("--markings", stdin=TEXT.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    kinds = [r["kind"] for r in lines(result)]
    assert kinds == ["id_card", "mobile", "email", "secret_marking"]


def test_docx_file_is_extracted_first(tmp_path):
    document = docx.Document()
    document.add_paragraph(f"身份证号 {VALID_ID}")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "名单.docx"
    path.write_bytes(buffer.getvalue())
    result = run(str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert lines(result) == [{"kind": "id_card", "start": 5, "end": 23, "text": VALID_ID}]


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda d: d / "missing.txt", "文件不存在"),
        (lambda d: d, "这是一个目录"),
        (lambda d: (d / "gbk.txt", (d / "gbk.txt").write_bytes("电话".encode("gbk")))[0], "不是 UTF-8"),
        (lambda d: (d / "bad.docx", (d / "bad.docx").write_bytes(b"not a zip"))[0], "Word 文件已损坏"),
        (lambda d: (d / "bad.pdf", (d / "bad.pdf").write_bytes(b"%PDF-1.4 junk"))[0], "PDF 文件无法读取"),
    ],
)
def test_unreadable_file_exits_2_with_one_chinese_line(tmp_path, setup, message):
    result = run(str(setup(tmp_path)))
    assert result.returncode == 2, result.stderr.decode()
    err = result.stderr.decode("utf-8").strip()
    assert len(err.splitlines()) == 1
    assert message in err
    assert "Traceback" not in err


def test_bad_arguments_exit_2():
    result = subprocess.run([GONGKAI, "pii"], capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_non_utf8_stdin_exits_2():
    result = run(stdin="电话".encode("gbk"))
    assert result.returncode == 2, result.stderr.decode()
    assert "UTF-8" in result.stderr.decode()
