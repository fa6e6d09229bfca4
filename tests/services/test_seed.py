import datetime

import pytest
from django.core.management import call_command

from commitments.models import Commitment, Document, Ministry, Recess
from tests.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_it_loads_the_seed_letter_with_its_commitments_and_deadlines(capsys):
    call_command("load_seed")

    letter = Document.objects.get()
    assert letter.kamerstuk == "Kamerstuk 28 638, nr. 212"
    assert letter.date == datetime.date(2022, 11, 8)
    assert "Uw Kamer zal hierover worden geïnformeerd." in letter.text

    by_phrase = {c.deadline_phrase: c for c in letter.commitments.all() if c.deadline_phrase}
    assert by_phrase["in november van dit jaar"].due_date == datetime.date(2022, 11, 30)
    assert by_phrase["in november van dit jaar"].due_precision == "month"
    assert by_phrase["eind dit jaar"].due_date == datetime.date(2022, 12, 31)
    assert by_phrase["dit jaar nog"].due_date == datetime.date(2022, 12, 31)
    spring = by_phrase["aan het einde van volgend voorjaar"]
    assert (spring.due_date, spring.due_precision) == (datetime.date(2023, 6, 20), "season")
    assert by_phrase["op korte termijn"].due_date is None

    commitments = Commitment.objects.order_by("number")
    assert [c.number for c in commitments] == [f"TL202211-{n:03d}" for n in range(1, 8)]
    assert commitments.without_deadline().count() == 3
    assert {c.official.name for c in commitments} == {"E. van der Burg"}
    assert {c.ministry.abbreviation for c in commitments} == {"JenV"}
    answers = by_phrase["op korte termijn"]
    assert sorted(m.name for m in answers.made_to.all()) == ["Bikker", "Kuik", "Verkuijlen"]
    assert "7 new commitments" in capsys.readouterr().out


def test_it_gives_each_ministry_a_demo_contact_at_example_org():
    call_command("load_seed")
    for ministry in Ministry.objects.all():
        assert [c.email.split("@")[1] for c in ministry.contacts.all()] == ["example.org"]


def test_it_seeds_the_recess_calendar():
    call_command("load_seed")
    summer_2023 = Recess.objects.get(kind=Recess.Kind.SUMMER, starts_on__year=2023)
    assert (summer_2023.starts_on, summer_2023.ends_on) == (
        datetime.date(2023, 7, 7),
        datetime.date(2023, 9, 4),
    )


def test_it_changes_nothing_when_loaded_twice(capsys):
    call_command("load_seed")
    first = snapshot()
    call_command("load_seed")
    assert snapshot() == first
    assert "0 new commitments, 0 new recesses" in capsys.readouterr().out


def test_it_leaves_a_clerk_correction_alone_when_loaded_again():
    call_command("load_seed")
    commitment = Commitment.objects.get(deadline_phrase="in november van dit jaar")
    commitment.summary = "Gecorrigeerd door de griffie"
    commitment.save()
    call_command("load_seed")
    commitment.refresh_from_db()
    assert commitment.summary == "Gecorrigeerd door de griffie"
    assert Commitment.objects.count() == 7
