"""The commitment list's active filters as chips: one removable link per filter value given."""

import datetime

from django.db.models import Model
from django.forms import ModelChoiceField
from django.http import QueryDict
from django.utils import formats

# Not a filter but the order of the list: it stays when a chip is removed, and shows no chip.
NOT_FILTERS = {"o", "page"}


def shown(value, choices: dict) -> str:
    """`value` as a reader reads it: a choice's label, a record's name, a date in full."""
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return str(choices.get(value, value))


def active_filters(filterset, query: QueryDict) -> list[dict]:
    """The filters in `query` that `filterset` (bound and already run, so its form is cleaned)
    applied, in the form's order, as [{"label": str, "value": str, "remove": str}]: `remove` is
    the query string without that one value (nor a page number). A list whose filters are wrong
    shows no chips: the form shows its errors instead. No queries: the cleaned values are the
    records the filtering already read."""
    form = filterset.form
    if not filterset.is_bound or not form.is_valid():
        return []
    chips = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in NOT_FILTERS or value in (None, "", [], ()):
            continue
        # A record's field would read its table again for its choices; its value is the record.
        plain = not isinstance(field, ModelChoiceField)
        choices = {str(key): label for key, label in getattr(field, "choices", [])} if plain else {}
        raw_values = query.getlist(name)
        values = value if isinstance(value, list) else [value]
        for raw, cleaned in zip(raw_values, values, strict=False):
            rest = query.copy()
            rest.setlist(name, [other for other in raw_values if other != raw])
            rest.pop("page", None)
            chips.append(
                {"label": field.label, "value": shown(cleaned, choices), "remove": rest.urlencode()}
            )
    return chips
