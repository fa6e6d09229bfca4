from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the reader chose otherwise with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a Dutch
    parliament's register speaks Dutch first, whatever the browser says.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RefuseNulMiddleware:
    """A NUL byte in a query string is never meaningful here and PostgreSQL refuses it in text;
    answer 400 before it reaches a query, instead of failing there. (Paths are kept clean by the
    URL patterns and the API's lookups.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            return HttpResponseBadRequest("A NUL byte is not allowed in an address.")
        return self.get_response(request)
