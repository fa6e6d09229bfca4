import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.models import (
    Commitment,
    Committee,
    Document,
    Member,
    Ministry,
    Official,
    Party,
)
from commitments.normalise import NormalisedSerializer
from commitments.references import is_commitment_number
from commitments.services import commitments as services

# A constraint's message belongs to the field a person would correct.
CONSTRAINT_FIELDS = {
    "commitment_due_not_before_made": "due_date",
    "commitment_fulfilled_has_date": "fulfilled_on",
    "commitment_fulfilled_not_before_made": "fulfilled_on",
    "commitment_vague_has_no_precision": "due_precision",
}


class ModelCleanMixin(NormalisedSerializer):
    """Runs the model's own validation (fields, clean, constraints) on the data as it would be
    saved, so the API enforces exactly what the admin and the database enforce; its text comes
    through the normaliser (commitments/normalise.py)."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        plain = {k: v for k, v in attrs.items() if not model._meta.get_field(k).many_to_many}
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in plain.items():
            setattr(candidate, name, value)
        try:
            candidate.full_clean(validate_unique=True, validate_constraints=True)
        except DjangoValidationError as error:
            raise serializers.ValidationError(errors_by_field(error, model)) from error
        # clean() may normalise values the client did not send (a vague deadline's precision);
        # keep what it decided for every field this serializer writes.
        writable = {
            field.attname
            for field in model._meta.concrete_fields
            if field.name in self.fields and not self.fields[field.name].read_only
        }
        return {**attrs, **{name: getattr(candidate, name) for name in writable - {"number"}}}


def errors_by_field(error: DjangoValidationError, model) -> dict:
    """A model's validation errors keyed by field, with each constraint's message on the field
    a person would correct."""
    errors: dict[str, list[str]] = {}
    for field, messages in error.message_dict.items():
        for message in messages:
            target = field
            if field == NON_FIELD_ERRORS:
                target = next(
                    (
                        name
                        for constraint, name in CONSTRAINT_FIELDS.items()
                        if message == str(constraint_message(model, constraint))
                    ),
                    "non_field_errors",
                )
            errors.setdefault(target, []).append(message)
    return errors


def constraint_message(model, name):
    return next(
        (c.violation_error_message for c in model._meta.constraints if c.name == name), None
    )


class SlugField(serializers.SlugRelatedField):
    """A reference by a natural key; a NUL byte is refused before it reaches the database."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


class MinistrySerializer(ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Ministry
        fields = ["id", "name", "abbreviation"]


class OfficialSerializer(ModelCleanMixin, serializers.ModelSerializer):
    ministry = SlugField(slug_field="abbreviation", queryset=Ministry.objects.all())

    class Meta:
        model = Official
        fields = ["id", "name", "function", "ministry"]


class CommitteeSerializer(ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name", "abbreviation"]


class MemberSerializer(ModelCleanMixin, serializers.ModelSerializer):
    party = SlugField(
        slug_field="abbreviation", queryset=Party.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Member
        fields = ["id", "name", "party"]


class DocumentSerializer(ModelCleanMixin, serializers.ModelSerializer):
    kamerstuk = serializers.CharField(read_only=True, help_text="The citation, if numbered.")

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "dossier_number",
            "document_number",
            "kamerstuk",
            "date",
            "title",
            "text",
            "url",
        ]


class DocumentListSerializer(DocumentSerializer):
    """A document in a list: without its full text, which a letter carries by the hundred
    kilobytes (a page of fifty was 28 MB); the document's own URL gives it."""

    class Meta(DocumentSerializer.Meta):
        fields = [name for name in DocumentSerializer.Meta.fields if name != "text"]


def valid_number(value: str) -> None:
    if not is_commitment_number(value):
        raise serializers.ValidationError(
            _(
                "A number is TZyyyymm-nnn, or another register's number of letters, "
                "digits, dots and hyphens."
            )
        )


class CommitmentSerializer(ModelCleanMixin, serializers.ModelSerializer):
    number = serializers.CharField(
        required=False,
        max_length=20,
        validators=[valid_number],
        help_text="TZyyyymm-nnn; assigned on creation unless given (an import). Fixed afterwards.",
    )
    ministry = SlugField(slug_field="abbreviation", queryset=Ministry.objects.all())
    committee = SlugField(
        slug_field="abbreviation",
        queryset=Committee.objects.all(),
        allow_null=True,
        required=False,
    )
    made_to_parties = SlugField(
        slug_field="abbreviation", queryset=Party.objects.all(), many=True, required=False
    )
    repeats = SlugField(
        slug_field="number", queryset=Commitment.objects.all(), allow_null=True, required=False
    )
    amends = SlugField(
        slug_field="number", queryset=Commitment.objects.all(), allow_null=True, required=False
    )
    supplements = SlugField(
        slug_field="number", queryset=Commitment.objects.all(), allow_null=True, required=False
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="commitment-detail", lookup_field="number", read_only=True
    )

    class Meta:
        model = Commitment
        fields = [
            "number",
            "url",
            "text",
            "summary",
            "status",
            "withdrawn_from_source",
            "made_on",
            "due_date",
            "due_precision",
            "deadline_phrase",
            "original_due_date",
            "overdue_since",
            "official",
            "ministry",
            "committee",
            "made_to",
            "made_to_parties",
            "source",
            "fulfilled_by",
            "fulfilled_on",
            "repeats",
            "amends",
            "supplements",
            "created_at",
            "updated_at",
        ]
        # Status and fulfilment change only through the fulfil, lapse and extend actions.
        # Whether the Tweede Kamer's register has withdrawn it is set by the import (tk/sync.py);
        # a withdrawn commitment is not open, whatever its status says.
        read_only_fields = [
            "status",
            "withdrawn_from_source",
            "original_due_date",
            "overdue_since",
            "fulfilled_by",
            "fulfilled_on",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"made_to": {"required": False}}

    def create(self, validated_data):
        addressees = {name: validated_data.pop(name, ()) for name in ("made_to", "made_to_parties")}
        return services.register_commitment(
            commitment=Commitment(**validated_data),
            user=self.context["request"].user,
            **addressees,
        )

    def to_representation(self, commitment):
        """What the declared fields give, read in one pass: DRF's generic loop over two dozen
        fields for each of fifty rows costs a page more than its queries do. The suite holds
        this to the generic result (tests/test_api.py)."""
        fields = self.fields
        return {
            "number": commitment.number,
            "url": fields["url"].to_representation(commitment),
            "text": commitment.text,
            "summary": commitment.summary,
            "status": commitment.status,
            "withdrawn_from_source": commitment.withdrawn_from_source,
            "made_on": iso_date(commitment.made_on),
            "due_date": iso_date(commitment.due_date),
            "due_precision": commitment.due_precision,
            "deadline_phrase": commitment.deadline_phrase,
            "original_due_date": iso_date(commitment.original_due_date),
            "overdue_since": iso_date(commitment.overdue_since),
            "official": commitment.official_id,
            "ministry": commitment.ministry.abbreviation,
            "committee": commitment.committee.abbreviation if commitment.committee_id else None,
            "made_to": addressees(commitment, "made_to_ids", "made_to", "pk"),
            "made_to_parties": addressees(
                commitment, "made_to_party_abbreviations", "made_to_parties", "abbreviation"
            ),
            "source": commitment.source_id,
            "fulfilled_by": commitment.fulfilled_by_id,
            "fulfilled_on": iso_date(commitment.fulfilled_on),
            "repeats": commitment.repeats.number if commitment.repeats_id else None,
            "amends": commitment.amends.number if commitment.amends_id else None,
            "supplements": commitment.supplements.number if commitment.supplements_id else None,
            "created_at": fields["created_at"].to_representation(commitment.created_at),
            "updated_at": fields["updated_at"].to_representation(commitment.updated_at),
        }

    def validate_number(self, value):
        if self.instance is not None and value != self.instance.number:
            raise serializers.ValidationError(_("A commitment's number cannot change."))
        return value


def addressees(commitment, annotation: str, relation: str, key: str) -> list:
    """The keys of a commitment's addressees: from the array its query brought along (the API's
    own queryset on PostgreSQL), or else from the relation."""
    if annotation in commitment.__dict__:
        return list(commitment.__dict__[annotation])
    return [getattr(related, key) for related in getattr(commitment, relation).all()]


def iso_date(value):
    return None if value is None else value.isoformat()


class FulfilSerializer(NormalisedSerializer, serializers.Serializer):
    document = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all())
    fulfilled_on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class LapseSerializer(NormalisedSerializer, serializers.Serializer):
    reason = serializers.CharField()


class ExtendDeadlineSerializer(NormalisedSerializer, serializers.Serializer):
    new_due_date = serializers.DateField()
    reason = serializers.CharField()
