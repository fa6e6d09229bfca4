"""The one FilterSet for commitments: the dashboard list, its feeds and exports, and the API.

Choices come only from small reference tables (ministries, committees, parties); officials,
members and source documents are matched by what the reader types, so no form ever renders a
table that grows with the register.
"""

import operator

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Replace
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from commitments import normalise
from commitments.models import Commitment, Committee, Member, Ministry, Party
from commitments.models.commitments import OPEN_STATUSES, open_condition, overdue_condition
from commitments.references import parse_kamerstuk, parse_period_number


def search_text(queryset, value: str):
    """Commitments whose summary or text matches `value` (web search syntax: words, "a phrase",
    -word, or), or the one whose number it is.

    PostgreSQL searches the commitments' search documents (models.CommitmentSearch) on their
    full-text index; SQLite, for the demo, matches the texts plainly.
    """
    # Stored text is normalised where it enters (NFKC); what a reader types is read the same way.
    term = normalise.line(value).strip()
    number = parse_period_number(term)
    if number is not None:
        return queryset.filter(number=str(number))
    if connection.vendor == "postgresql":
        query = SearchQuery(term, config=settings.SEARCH_CONFIG, search_type="websearch")
        return queryset.filter(search_document__document=query)
    return queryset.filter(
        Q(summary__icontains=term) | Q(text__icontains=term) | Q(number__iexact=term)
    )


# The most digits of a member's id in a filter: a 64-bit id has 19, and more would overflow the
# database's integer rather than match nobody.
MEMBER_ID_DIGITS = 18


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorting by a date puts commitments without one last, in both directions. Rows that tie
    on the chosen field follow their number, then their id, in the same direction: without a
    unique last key the database may order ties differently for each page, showing a row twice
    and another never."""

    TIE_BREAKERS = ("number", "pk")

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = F(self.param_map[param.lstrip("-")])
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)

    def build_choices(self, fields, labels):
        # django-filter formats "(descending)" into each label once, when the FilterSet class is
        # made, in the language active then ("Termijn (aflopend)" on English pages); formatted
        # lazily, each reader gets their own language.
        ascending = [
            (param, labels.get(field, pretty_name(param))) for field, param in fields.items()
        ]
        descending = [
            (
                f"-{param}",
                labels.get(f"-{param}", lazy(operator.mod, str)(self.descending_fmt, label)),
            )
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        direction = "-" if value[-1].startswith("-") else ""
        return qs.order_by(
            *[self.get_ordering_value(param) for param in value],
            *[direction + field for field in self.TIE_BREAKERS],
        )


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    ministry = django_filters.ModelChoiceFilter(
        label=_("Ministry"),
        queryset=Ministry.objects.all(),
        to_field_name="abbreviation",
        empty_label=_("Any"),
    )
    official = django_filters.CharFilter(
        label=_("Official"), field_name="official__name", lookup_expr="icontains"
    )
    committee = django_filters.ModelChoiceFilter(
        label=_("Committee"),
        queryset=Committee.objects.all(),
        to_field_name="abbreviation",
        empty_label=_("Any"),
    )
    # ?status=open&status=lapsed means either: every value given counts.
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Commitment.Status.choices,
        method="filter_status",
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=[("true", _("Overdue only")), ("false", _("Not overdue"))],
        empty_label=_("Any"),
        method="filter_overdue",
    )
    # Dates are ISO (YYYY-MM-DD) whatever the reader's language, so a link means one thing.
    due_after = django_filters.DateFilter(
        label=_("Due from"),
        field_name="due_date",
        lookup_expr="gte",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_before = django_filters.DateFilter(
        label=_("Due until"),
        field_name="due_date",
        lookup_expr="lte",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    member = django_filters.CharFilter(label=_("Made to (member)"), method="filter_member")
    party = django_filters.ModelChoiceFilter(
        label=_("Made to (party)"),
        queryset=Party.objects.all(),
        to_field_name="abbreviation",
        empty_label=_("Any"),
        method="filter_party",
    )
    source = django_filters.CharFilter(
        label=_("Source (Kamerstuk)"),
        method="filter_source",
        help_text=_("For example: 28638-212"),
    )
    o = NullsLastOrderingFilter(
        label=_("Sort by"),
        empty_label=_("Newest first"),
        fields=[
            ("due_date", "due_date"),
            ("made_on", "made_on"),
            ("number", "number"),
            ("ministry__name", "ministry"),
        ],
        field_labels={
            "due_date": _("Due date"),
            "made_on": _("Made on"),
            "number": _("Number"),
            "ministry__name": _("Ministry"),
        },
    )

    class Meta:
        model = Commitment
        fields = []

    @property
    def matching(self):
        """The commitments that match; none while the filters themselves are wrong."""
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return self.qs

    def filter_text(self, queryset, name, value):
        return search_text(queryset, value)

    def filter_status(self, queryset, name, value: list[str]):
        # An open status means open by the register's one definition: a commitment withdrawn
        # from the source register is no longer owed, whatever status it was withdrawn in.
        condition = Q()
        for status in value:
            if status in OPEN_STATUSES:
                condition |= open_condition() & Q(status=status)
            else:
                condition |= Q(status=status)
        return queryset.filter(condition)

    def filter_overdue(self, queryset, name, value):
        if value == "true":
            return queryset.filter(overdue_condition())
        return queryset.exclude(overdue_condition())

    def filter_member(self, queryset, name, value):
        # A member's page links to its own subscriptions by the member's id, as names repeat
        # ("Kuik" is in "Kuiken"); a reader types part of a name, which no name is in digits.
        if value.isascii() and value.isdigit() and len(value) <= MEMBER_ID_DIGITS:
            members = Member.objects.filter(commitments=OuterRef("pk"), pk=int(value))
        else:
            members = Member.objects.filter(commitments=OuterRef("pk"), name__icontains=value)
        return queryset.filter(Exists(members))

    def filter_party(self, queryset, name, value: Party):
        through_member = Member.objects.filter(commitments=OuterRef("pk"), party=value)
        directly = Party.objects.filter(commitments=OuterRef("pk"), pk=value.pk)
        return queryset.filter(Exists(through_member) | Exists(directly))

    def filter_source(self, queryset, name, value):
        kamerstuk = parse_kamerstuk(value)
        if kamerstuk is None:
            return queryset.filter(source__title__icontains=value)
        # The Chamber writes "28 638"; readers type "28638" as often.
        return queryset.annotate(
            source_dossier=Replace("source__dossier_number", Value(" "), Value(""))
        ).filter(
            source_dossier=kamerstuk.dossier.replace(" ", ""),
            source__document_number=kamerstuk.number,
        )
