from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions

# Status changes are changes, whatever HTTP method carries them.
CHANGE_ACTIONS = {"fulfil", "lapse", "extend_deadline"}


class ReadPublicWriteClerk(DjangoModelPermissions):
    """Reading follows the dashboard (public unless DASHBOARD_REQUIRE_LOGIN); writing needs the
    model permissions that the Clerks group holds, by session or by token."""

    def has_permission(self, request, view):
        if request.method not in view.allowed_methods:
            # Let the view answer 405: nothing is deleted through the API, whoever asks.
            return True
        if request.method in SAFE_METHODS:
            return not settings.DASHBOARD_REQUIRE_LOGIN or request.user.is_authenticated
        if getattr(view, "action", None) in CHANGE_ACTIONS:
            model = view.get_queryset().model
            return request.user.is_authenticated and request.user.has_perm(
                f"{model._meta.app_label}.change_{model._meta.model_name}"
            )
        return super().has_permission(request, view)
