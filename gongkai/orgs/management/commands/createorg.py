from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.orgs.models import Organization, OrgKind
from gongkai.orgs.services import create_org


class Command(GongkaiCommand):
    help = "创建机构（含标准栏目）；机构代码已存在时保持不变。"

    def add_arguments(self, parser):
        parser.add_argument("code", help="机构代码，如 yishui")
        parser.add_argument("name", help="机构名称，如 沂水县人民政府")
        parser.add_argument("--parent", help="上级机构代码")
        parser.add_argument("--kind", default=OrgKind.DEPARTMENT, choices=OrgKind.values, help="机构类型")
        parser.add_argument("--template", default="statutory", choices=["statutory", "township_seed_003"])

    def handle(self, *args, code, name, parent, kind, template, **options):
        parent_org = None
        if parent:
            parent_org = Organization.objects.filter(code=parent).first()
            if parent_org is None:
                raise UsageError(f"上级机构代码不存在：{parent}")
        from django.core.exceptions import ValidationError

        try:
            org, created = create_org(code=code, name=name, parent=parent_org, kind=kind, template=template)
        except ValidationError as exc:
            raise UsageError("；".join(m for msgs in exc.message_dict.values() for m in msgs)) from exc
        verb = "已创建" if created else "已存在，未修改"
        self.stdout.write(f"{org.code} {org.name}：{verb}")
