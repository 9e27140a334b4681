"""The `gongkai` console script as an operator runs it: exit codes and one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GONGKAI = str(Path(sys.executable).parent / "gongkai")


@pytest.fixture
def cli_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DATABASE_URL"}
    env.update(GONGKAI_SQLITE_PATH=str(tmp_path / "cli.sqlite3"), GONGKAI_VAR_DIR=str(tmp_path))
    subprocess.run([GONGKAI, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    return env


def run(env, *args, stdin=None):
    return subprocess.run([GONGKAI, *args], env=env, cwd=ROOT, capture_output=True, text=True, input=stdin)


def test_createorg_is_idempotent_and_bad_input_exits_2(cli_env):
    assert run(cli_env, "createorg", "yishui", "沂水县人民政府", "--kind", "county_government").returncode == 0
    again = run(cli_env, "createorg", "yishui", "别的名字")
    assert again.returncode == 0 and "已存在" in again.stdout
    child = run(cli_env, "createorg", "ljq", "龙家圈街道办事处", "--parent", "yishui")
    assert child.returncode == 0
    for args in (["createorg", "bad code!", "名字"], ["createorg", "x1", "名字", "--parent", "nope"], ["createorg"]):
        result = run(cli_env, *args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_import_documents_prints_one_summary_line(cli_env, tmp_path):
    run(cli_env, "createorg", "ljq", "龙家圈街道办事处")
    path = tmp_path / "docs.jsonl"
    good = {"title": "标题", "body": "正文", "agency": "龙家圈街道办事处", "doc_number": "龙街办发〔2024〕1号",
            "published_on": "2024-01-05"}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n{bad\n", encoding="utf-8")
    result = run(cli_env, "import", "documents", str(path), "--org", "ljq")
    assert result.returncode == 0
    assert result.stdout.strip().splitlines() == ["导入完成：成功 1 条，跳过 1 条，提示 0 条，发文字号待核 0 条。"]
    assert "第 2 行" in result.stderr
    missing = run(cli_env, "import", "documents", str(tmp_path / "nope.jsonl"), "--org", "ljq")
    assert missing.returncode == 2 and "无法读取" in missing.stderr


def test_createuser_grants_roles(cli_env):
    run(cli_env, "createorg", "ljq", "龙家圈街道办事处")
    ok = run(cli_env, "createuser", "li", "--org", "ljq", "--role", "officer", "--password", "long-enough-1")
    assert ok.returncode == 0, ok.stderr
    short = run(cli_env, "createuser", "wang", "--org", "ljq", "--role", "officer", "--password", "short")
    assert short.returncode == 2 and "8 位" in short.stderr
