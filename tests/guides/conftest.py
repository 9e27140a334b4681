import pytest

from gongkai.orgs.models import Role

COMPLETE = {
    "name": "城乡居民最低生活保障申请", "basis": "《社会救助暂行办法》第九条至第十二条",
    "conditions": "共同生活的家庭成员人均收入低于当地最低生活保障标准，且财产状况符合规定。",
    "materials": "户口簿原件及复印件1份\n身份证原件及复印件1份\n家庭收入情况说明1份",
    "location": "龙家圈街道便民服务中心民政窗口", "hours": "工作日 上午8:30–12:00，下午13:30–17:30",
    "phone": "0539-2200030", "process": "申请→受理→入户调查→民主评议→审核审批→公示→发放",
    "time_limit": "30个工作日", "fees": "不收费", "consultation": "电话咨询或到窗口咨询", "complaint": "12345热线",
}


@pytest.fixture
def editor(make_user, township):
    return make_user("guide_editor", township, Role.OFFICER)
