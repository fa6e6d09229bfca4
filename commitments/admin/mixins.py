"""What several ModelAdmins share: who may write their records, and the pages they add to the
admin (a wizard step, a report, the form an action asks for)."""

from django.contrib import admin
from django.template.response import TemplateResponse


class WrittenBySystemMixin:
    """For records the product writes itself (the outbox, answers, sync points): nobody adds or
    deletes them by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(WrittenBySystemMixin):
    """Records that are only ever read in the admin."""

    def has_change_permission(self, request, obj=None):
        return False


class AdminPageMixin:
    """For a ModelAdmin that adds pages of its own beside the change list and change form."""

    def admin_page(self, request, template, **context):
        """`template` rendered with what every admin page of this model is given (the site's
        context and the model's options as `opts`) and `context`: title, form, ..."""
        return TemplateResponse(
            request,
            template,
            {**self.admin_site.each_context(request), "opts": self.model._meta, **context},
        )


class ActionFormMixin(AdminPageMixin):
    """For actions that ask for a form before they change anything. The action is first chosen
    from the change list; its form page lists what it applies to and posts the same selection
    back with "apply", so that the action runs again, now with the form filled in."""

    def action_form_as_posted(self, request, form_class):
        """The action's form: bound to what was posted from its own page, unbound when the
        action was only just chosen from the change list."""
        return form_class(request.POST if "apply" in request.POST else None)

    def action_form_page(self, request, *, form, title, commitments):
        """The page that asks for `form`, listing the `commitments` the action applies to."""
        return self.admin_page(
            request,
            "admin/commitments/commitment/action_form.html",
            title=title,
            form=form,
            commitments=commitments,
            action=request.POST.get("action"),
            selected=request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            media=self.media + form.media,
        )
