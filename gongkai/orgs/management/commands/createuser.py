import os

from django.core.exceptions import ValidationError

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.services import create_staff_user


class Command(GongkaiCommand):
    help = "创建工作人员账号并授予机构内的角色。密码取自 --password 或环境变量 GONGKAI_NEW_USER_PASSWORD。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--org", required=True, help="机构代码")
        parser.add_argument("--role", action="append", required=True, choices=Role.values, help="角色，可重复")
        parser.add_argument("--name", default="", help="姓名")
        parser.add_argument("--password", help="初始密码（至少 8 位）")
        parser.add_argument("--superuser", action="store_true", help="同时设为系统超级管理员")

    def handle(self, *args, username, org, role, name, password, superuser, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise UsageError(f"机构代码不存在：{org}")
        password = password or os.environ.get("GONGKAI_NEW_USER_PASSWORD", "")
        if len(password) < 8:
            raise UsageError("请用 --password 或 GONGKAI_NEW_USER_PASSWORD 提供至少 8 位的初始密码。")
        try:
            user, created = create_staff_user(
                username=username, password=password, org=organization, roles=role, full_name=name,
                is_superuser=superuser,
            )
        except ValidationError as exc:
            raise UsageError("；".join(exc.messages)) from exc
        self.stdout.write(f"{user.username}：{'已创建' if created else '已存在，已授予角色'}（{organization.name}）")
