"""GET /api/v1/orgs: every organization that takes disclosure requests."""

from ninja import Router, Schema

from .models import Organization

router = Router()


class OrgOut(Schema):
    code: str
    name: str
    parent: str | None


@router.get("", response=list[OrgOut], summary="受理依申请公开的机构")
def list_orgs(request):
    orgs = Organization.objects.filter(takes_requests=True).select_related("parent").order_by("position", "id")
    return [{"code": o.code, "name": o.name, "parent": o.parent.code if o.parent_id else None} for o in orgs]
