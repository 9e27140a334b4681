from django.conf import settings


def site(request):
    """Values every template needs."""
    return {"SITE_NAME": "政务公开", "SITE_URL": settings.SITE_URL}
