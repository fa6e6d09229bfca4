from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, transaction
from django.db.models import OuterRef, Prefetch
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from commitments.api import serializers
from commitments.models import (
    Commitment,
    Committee,
    Document,
    Member,
    Ministry,
    Official,
    Party,
)
from commitments.services import commitments as services
from commitments.services.overdue import SweepResult, refresh_overdue
from commitments.web.filters import CommitmentFilter

PAGINATION_PARAMETERS = {"cursor", "page_size", "format"}


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter ignores parameters it does not know; an API should say so instead, so a
    misspelt filter is not mistaken for an empty one."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        unknown = sorted(set(request.query_params) - known - PAGINATION_PARAMETERS)
        if unknown:
            raise ValidationError({name: [_("Unknown filter.")] for name in unknown})
        return super().filter_queryset(request, queryset, view)


class ApiCommitmentFilter(CommitmentFilter):
    """The dashboard's filters; the order is the cursor's (newest first), not a parameter."""

    o = None


class WriteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; nothing is deleted through the API (a commitment lapses)."""

    filter_backends = [StrictFilterBackend]

    def get_object(self):
        # No key holds a NUL byte, and PostgreSQL refuses one in a query.
        if "\x00" in str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")):
            raise NotFound
        return super().get_object()


class MinistryViewSet(WriteViewSet):
    queryset = Ministry.objects.all()
    serializer_class = serializers.MinistrySerializer


class OfficialViewSet(WriteViewSet):
    queryset = Official.objects.select_related("ministry")
    serializer_class = serializers.OfficialSerializer


class CommitteeViewSet(WriteViewSet):
    queryset = Committee.objects.all()
    serializer_class = serializers.CommitteeSerializer


class MemberViewSet(WriteViewSet):
    queryset = Member.objects.select_related("party")
    serializer_class = serializers.MemberSerializer


class DocumentViewSet(WriteViewSet):
    queryset = Document.objects.all()
    serializer_class = serializers.DocumentSerializer

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.DocumentListSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        queryset = super().get_queryset()
        # A list reads no full texts from the database either.
        return queryset.defer("text") if self.action == "list" else queryset


class CommitmentViewSet(WriteViewSet):
    """Commitments, filtered like the dashboard's list; status changes are explicit actions."""

    # Of the related rows only the keys the API shows are read. The commitments it repeats,
    # amends or supplements come in small queries of their own: joining the commitment table to
    # itself three more times costs PostgreSQL more to plan than a page costs to read.
    queryset = (
        Commitment.objects.select_related("ministry", "committee")
        .only(
            *[field.name for field in Commitment._meta.concrete_fields],
            "ministry__abbreviation",
            "committee__abbreviation",
        )
        .prefetch_related(
            *[
                Prefetch(relation, queryset=Commitment.objects.only("pk", "number"))
                for relation in ("repeats", "amends", "supplements")
            ],
        )
    )
    serializer_class = serializers.CommitmentSerializer
    filterset_class = ApiCommitmentFilter
    lookup_field = "number"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        """On PostgreSQL each commitment's addressees come with it as arrays, in the order the
        related tables keep; elsewhere they are prefetched. Either way a page takes the same
        few queries, but building a related manager per row costs more than the page's SQL."""
        queryset = super().get_queryset()
        if connection.vendor != "postgresql":
            return queryset.prefetch_related(
                Prefetch("made_to", queryset=Member.objects.only("pk")),
                Prefetch("made_to_parties", queryset=Party.objects.only("pk", "abbreviation")),
            )
        members = Member.objects.filter(commitments=OuterRef("pk")).order_by("name", "pk")
        parties = Party.objects.filter(commitments=OuterRef("pk")).order_by("abbreviation")
        return queryset.annotate(
            made_to_ids=ArraySubquery(members.values("pk")),
            made_to_party_abbreviations=ArraySubquery(parties.values("abbreviation")),
        )

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()
            # A due date changed through the API leaves the overdue flag right at once, and the
            # answer shows it.
            if refresh_overdue([serializer.instance.pk]) != SweepResult(flagged=0, cleared=0):
                serializer.instance.refresh_from_db(fields=["overdue_since", "updated_at"])
        # The addressees read with the commitment are those from before the change.
        for name in ("made_to_ids", "made_to_party_abbreviations"):
            serializer.instance.__dict__.pop(name, None)

    def _status_change(self, request, serializer_class, perform):
        commitment = self.get_object()
        payload = serializer_class(data=request.data)
        payload.is_valid(raise_exception=True)
        perform(commitment, payload.validated_data)
        commitment.refresh_from_db()
        return Response(self.get_serializer(commitment).data)

    @extend_schema(request=serializers.FulfilSerializer, responses=serializers.CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def fulfil(self, request, number=None):
        """Mark fulfilled by a document on a date, as the admin's action does."""
        return self._status_change(
            request,
            serializers.FulfilSerializer,
            lambda commitment, data: services.fulfil_commitments(
                commitments=[commitment],
                document=data["document"],
                fulfilled_on=data["fulfilled_on"],
                user=request.user,
                reason=data["reason"],
            ),
        )

    @extend_schema(request=serializers.LapseSerializer, responses=serializers.CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def lapse(self, request, number=None):
        """Mark lapsed (vervallen), with the reason."""
        return self._status_change(
            request,
            serializers.LapseSerializer,
            lambda commitment, data: services.lapse_commitments(
                commitments=[commitment], user=request.user, reason=data["reason"]
            ),
        )

    @extend_schema(
        request=serializers.ExtendDeadlineSerializer, responses=serializers.CommitmentSerializer
    )
    @action(detail=True, methods=["post"], url_path="extend-deadline")
    def extend_deadline(self, request, number=None):
        """Give a later due date, with the reason; the original due date is kept."""
        return self._status_change(
            request,
            serializers.ExtendDeadlineSerializer,
            lambda commitment, data: services.extend_deadline(
                commitments=[commitment],
                new_due_date=data["new_due_date"],
                user=request.user,
                reason=data["reason"],
            ),
        )
