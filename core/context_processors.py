from django.utils.translation import gettext_lazy as _

PLATFORM_NAME = _("People's Court Online Petition and Appeal Platform")


def platform(request):
    return {"PLATFORM_NAME": PLATFORM_NAME}
