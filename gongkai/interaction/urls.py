"""Public participation URLs: public forms and lists, and staff screens under /staff/interaction/."""

from django.urls import path, re_path

from .views import hotline, site
from .views import messages as public
from .views import messages_staff as staff
from .views import solicitations as solicitation
from .views import surveys as survey

app_name = "interaction"
urlpatterns = [
    path("hudong/", site.hub, name="hub"),
    path("hudong/answers/", site.answers, name="site_answers"),
    path("hudong/consultations/", site.consultations, name="site_consultations"),
    path("hudong/surveys/", site.surveys, name="site_surveys"),
    path("ask/", public.ask, name="ask"),
    path("ask/done/", public.ask_done, name="ask_done"),
    path("ask/track/", public.track, name="track"),
    path("report-error/", public.report_error, name="report_error"),
    path("report-error/done/", public.report_error_done, name="report_error_done"),
    path("gk/<str:org_code>/messages/", public.org_messages, name="org_messages"),
    path("gk/<str:org_code>/messages/<int:pk>/", public.org_message, name="org_message"),
    path("gk/<str:org_code>/consultations/", solicitation.org_list, name="org_solicitations"),
    path("gk/<str:org_code>/consultations/<int:pk>/", solicitation.detail, name="solicitation"),
    path("gk/<str:org_code>/surveys/", survey.org_list, name="org_surveys"),
    path("gk/<str:org_code>/surveys/<int:pk>/", survey.take, name="survey"),
    path("gk/<str:org_code>/surveys/<int:pk>/results/", survey.public_results, name="survey_results"),
    path("gk/<str:org_code>/surveys/<int:pk>/results.csv", survey.public_results_csv, name="survey_results_csv"),
    path("staff/interaction/surveys/", survey.staff_list, name="staff_surveys"),
    path("staff/interaction/surveys/<int:pk>/", survey.staff_detail, name="staff_survey"),
    path("staff/interaction/surveys/<int:pk>/publish/", survey.staff_publish, name="staff_survey_publish"),
    path("staff/interaction/surveys/<int:pk>/responses.csv", survey.staff_csv, name="staff_survey_csv"),
    path("staff/interaction/hotline/", hotline.hotline_view, name="staff_hotline"),
    path("staff/interaction/solicitations/", solicitation.staff_list, name="staff_solicitations"),
    path("staff/interaction/solicitations/<int:pk>/", solicitation.staff_detail, name="staff_solicitation"),
    path("staff/interaction/solicitations/<int:pk>/<str:action>/", solicitation.staff_action,
         name="staff_solicitation_action"),
    re_path(r"^staff/interaction/(?P<kind>messages|errors)/$", staff.queue, name="staff_queue"),
    re_path(r"^staff/interaction/(?P<kind>messages|errors)/(?P<pk>[0-9]+)/$", staff.item_detail, name="staff_item"),
    re_path(r"^staff/interaction/(?P<kind>messages|errors)/(?P<pk>[0-9]+)/(?P<action>[a-z]+)/$", staff.item_action,
            name="staff_action"),
]
