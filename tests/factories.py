import datetime

import factory
from django.contrib.auth import get_user_model

from commitments.models import (
    Commitment,
    Committee,
    Contact,
    Document,
    Member,
    Ministry,
    Official,
    Party,
)
from commitments.services.commitments import number_commitment


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ministry

    name = factory.Sequence(lambda n: f"Ministerie {n}")
    abbreviation = factory.Sequence(lambda n: f"M{n}")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Sequence(lambda n: f"A. Bewindspersoon {n}")
    function = factory.LazyAttribute(lambda official: f"Minister van {official.ministry.name}")
    ministry = factory.SubFactory(MinistryFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    ministry = factory.SubFactory(MinistryFactory)
    name = factory.Sequence(lambda n: f"Contactpersoon {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Vaste commissie {n}")
    abbreviation = factory.Sequence(lambda n: f"C{n}")


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    name = factory.Sequence(lambda n: f"Partij {n}")
    abbreviation = factory.Sequence(lambda n: f"P{n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"Kamerlid {n}")
    party = factory.SubFactory(PartyFactory)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind = Document.Kind.LETTER
    dossier_number = "36 000"
    document_number = factory.Sequence(lambda n: str(n + 1))
    date = datetime.date(2024, 3, 1)
    title = factory.Sequence(lambda n: f"Brief {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    text = factory.Sequence(lambda n: f"Uw Kamer zal voor de zomer worden geïnformeerd ({n}).")
    summary = factory.Sequence(lambda n: f"Informeren over onderwerp {n}")
    made_on = datetime.date(2024, 3, 1)
    due_date = factory.LazyAttribute(lambda c: c.made_on + datetime.timedelta(days=125))
    due_precision = Commitment.Precision.RECESS
    deadline_phrase = "voor de zomer"
    ministry = factory.SubFactory(MinistryFactory)
    official = factory.SubFactory(OfficialFactory, ministry=factory.SelfAttribute("..ministry"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Numbered as the register service numbers it; saved without its validation, so tests
        can also build the odd rows that imports and old data hold."""
        commitment = model_class(*args, **kwargs)
        number_commitment(commitment)
        commitment.save()
        return commitment
