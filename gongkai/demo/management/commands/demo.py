"""`gongkai demo`: load the demo platform and print the staff accounts and their password."""

from django.utils import timezone

from gongkai.core.commands import GongkaiCommand
from gongkai.demo.build import build
from gongkai.demo.registers import build_registers
from gongkai.orgs.models import Role


class Command(GongkaiCommand):
    help = "载入演示数据（机构、栏目、政府信息、各登记簿、各角色演示账号）；重复执行不会重复创建。"

    def handle(self, *args, **options):
        result = build()
        registers = build_registers(timezone.localdate())
        labels = dict(Role.choices)
        self.stdout.write(f"演示数据就绪：{result['orgs']} 个机构，本次新增 {result['documents']} 条政府信息。")
        if registers["created"]:
            self.stdout.write("已载入规范性文件、政府公报、权责清单、办事指南、重大行政决策和建议提案办理结果的演示数据。")
        self.stdout.write(f"演示账号（密码均为 {result['password']}），登录地址 http://127.0.0.1:8000/staff/login/ ：")
        for username, code, roles, display in result["accounts"]:
            self.stdout.write(f"  {username:<14} {'、'.join(str(labels[r]) for r in roles):<24} {display}（{code}）")
        self.stdout.write(
            f"2027年节假日安排尚未录入（跨入2027年的期限为暂定）。示例文本：{result['notice_example']}；"
            "以 county_office 登录后在 /staff/calendar/notice/ 粘贴预览，"
            f"或运行 gongkai workdays notice {result['notice_example']} --year 2027 --dry-run")
