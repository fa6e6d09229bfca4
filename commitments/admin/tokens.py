"""API tokens, each clerk's own."""

from django.contrib import admin
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

# Django REST framework registers an admin for its tokens in which a clerk picks the user a token
# is for; it is replaced by the one below.
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class ClerkTokenAdmin(TokenAdmin):
    """API tokens: a clerk makes and revokes a token for themself, never for someone else; the
    key is always drawn at random."""

    def get_fields(self, request, obj=None):
        return []

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def save_model(self, request, obj, form, change):
        obj.user = request.user
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        already = TokenProxy.objects.filter(user=request.user).exists()
        return super().has_add_permission(request) and not already
