"""The product's URLs plus one constant page: the floor the framework itself sets, served by the
same gunicorn, through the same middleware, so each page can be compared with it."""

from django.http import HttpResponse
from django.urls import path

from tracker.urls import urlpatterns as product_urlpatterns

CONSTANT_PAGE = b"<!doctype html><title>Constant</title><p>The same page every time.</p>"


def constant_page(request):
    return HttpResponse(CONSTANT_PAGE)


urlpatterns = [path("bench/constant/", constant_page), *product_urlpatterns]
