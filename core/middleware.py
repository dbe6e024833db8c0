from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Add the Content-Security-Policy header from settings to every response.

    Pages use no inline scripts or styles, so the policy can forbid both.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        return response
