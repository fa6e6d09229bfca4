from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from commitments.ops import health

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("commitments.api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", health.health, name="health"),
    # Browsers and crawlers ask for /favicon.ico whatever the page's <link rel=icon> says.
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("commitments/favicon.svg")),
        name="favicon",
    ),
    path("", include("commitments.web.urls")),
]
