"""API tokens (django-rest-knox), each clerk's own: only a hash is stored, and each expires."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken, get_digest_token
from knox.settings import CONSTANTS
from rest_framework.authtoken.models import TokenProxy

# Both libraries register an admin in which whoever adds a token picks the user it is for: DRF's
# (for the old plain-text tokens, no longer accepted) goes, knox's is replaced by the one below.
admin.site.unregister(TokenProxy)
admin.site.unregister(AuthToken)


class TokenForm(forms.ModelForm):
    """A new token: only its lifetime is chosen; the owner and the token itself never are."""

    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=366,
        initial=lambda: settings.API_TOKEN_DAYS,
    )

    class Meta:
        model = AuthToken
        fields = []


@admin.register(AuthToken)
class ClerkTokenAdmin(admin.ModelAdmin):
    """API tokens: a clerk makes a token for themself, sees it once, and revokes it; never for
    someone else. A clerk has one live token at a time."""

    form = TokenForm
    # A clerk has one token, revoked on its own page.
    actions = None
    list_display = ["token_key", "created", "expiry"]
    fields = ["days"]

    def get_list_display(self, request):
        return ["user", *self.list_display] if request.user.is_superuser else self.list_display

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else ["token_key", "created", "expiry"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["token_key", "created", "expiry"]

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def save_model(self, request, obj, form, change):
        """Draws a new token, stores its digest, and shows the token this once: it cannot be read
        back. A token's own page has nothing to change."""
        if change:
            return
        digest, token = get_digest_token()
        obj.digest = digest
        obj.token_key = token[: CONSTANTS.TOKEN_KEY_LENGTH]
        obj.user = request.user
        obj.expiry = timezone.now() + datetime.timedelta(days=form.cleaned_data["days"])
        super().save_model(request, obj, form, change)
        self.message_user(
            request,
            gettext("Your new API token: %(token)s. Copy it now: it is shown only this once.")
            % {"token": token},
            messages.WARNING,
        )

    def has_add_permission(self, request):
        live = AuthToken.objects.filter(user=request.user, expiry__gt=timezone.now()).exists()
        return super().has_add_permission(request) and not live
