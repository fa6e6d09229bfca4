"""The Django admin as a clerk uses it: access, the changelist, editing, actions and documents."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from commitments.models import Commitment, Document
from tests.factories import CommitmentFactory, DocumentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:commitments_commitment_changelist"
ACTION_TEMPLATE = "admin/commitments/commitment/action_form.html"


def changelist(client, query=""):
    return client.get(f"{reverse(CHANGELIST)}{query}")


def listed(response):
    """The numbers of the commitments on a changelist page."""
    return {commitment.number for commitment in response.context["cl"].result_list}


def row(response, number):
    """The changelist row (<tr>...</tr>) of the commitment with `number`."""
    rows = re.findall(r"<tr>.*?</tr>", response.content.decode(), flags=re.DOTALL)
    [found] = [r for r in rows if f">{number}</a>" in r]
    return found


def dutch(message, **params):
    """`message` as a clerk reads it: the admin speaks Dutch (LANGUAGE_CODE "nl")."""
    with translation.override("nl"):
        text = gettext(message)
    return text % params if params else text


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_form_data(commitment, **changes):
    """What the change form posts back for `commitment` unchanged, with `changes` applied."""

    def pk(value):
        return "" if value is None else value

    def day(value):
        return "" if value is None else value.isoformat()

    data = {
        "summary": commitment.summary,
        "text": commitment.text,
        "status": commitment.status,
        "made_on": day(commitment.made_on),
        "deadline_phrase": commitment.deadline_phrase,
        "due_date": day(commitment.due_date),
        "due_precision": commitment.due_precision,
        "ministry": commitment.ministry_id,
        "official": pk(commitment.official_id),
        "committee": pk(commitment.committee_id),
        "source": pk(commitment.source_id),
        "fulfilled_by": pk(commitment.fulfilled_by_id),
        "fulfilled_on": day(commitment.fulfilled_on),
        "repeats": pk(commitment.repeats_id),
        "amends": pk(commitment.amends_id),
        "supplements": pk(commitment.supplements_id),
        "change_reason": "",
        "_save": "Opslaan",
    }
    return {**data, **changes}


def run_action(client, action, commitments, **fields):
    data = {"action": action, "_selected_action": [c.pk for c in commitments], **fields}
    return client.post(reverse(CHANGELIST), data)


# --- Access ---------------------------------------------------------------------------------


def test_it_does_not_let_a_clerk_delete_a_commitment(clerk_client):
    commitment = CommitmentFactory()

    response = clerk_client.post(
        reverse("admin:commitments_commitment_delete", args=[commitment.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Commitment.objects.filter(pk=commitment.pk).exists()
    assert 'value="delete_selected"' not in changelist(clerk_client).content.decode()


# --- The changelist with the seed letter ----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "due"),
    [
        ("TL202211-002", "30 november 2022"),  # the Proeftuin report
        ("TL202211-006", "20 juni 2023"),  # the review of Samen tegen Mensenhandel
        ("TL202211-001", "-"),  # "op korte termijn": no date
    ],
)
def test_it_lists_the_seed_commitments_with_their_due_dates(seed, clerk_client, number, due):
    response = changelist(clerk_client)

    assert len(listed(response)) == 7
    assert f'<td class="field-due_date nowrap">{due}</td>' in row(response, number)


def test_it_marks_overdue_commitments_in_the_changelist(seed, clerk_client):
    # The marker reads the recorded flag (the seed's registration sets it where a due date has
    # passed): set on one commitment, cleared on another.
    Commitment.objects.filter(number="TL202211-002").update(
        overdue_since=datetime.date(2022, 12, 1)
    )
    Commitment.objects.filter(number="TL202211-006").update(overdue_since=None)

    response = changelist(clerk_client)

    assert 'alt="True"' in row(response, "TL202211-002")
    assert 'alt="False"' in row(response, "TL202211-006")


# --- Filters and search ---------------------------------------------------------------------


def test_it_filters_on_the_recorded_overdue_marker(clerk_client):
    # Overdue is the recorded `overdue_since`, not the due date: both are past their due date.
    overdue, not_swept = CommitmentFactory.create_batch(2)
    Commitment.objects.filter(pk=overdue.pk).update(overdue_since=datetime.date(2024, 7, 5))

    assert listed(changelist(clerk_client, "?overdue=yes")) == {overdue.number}
    assert listed(changelist(clerk_client, "?overdue=no")) == {not_swept.number}


def test_it_filters_on_the_due_date(clerk_client):
    today = timezone.localdate()
    past = CommitmentFactory(
        made_on=today - datetime.timedelta(60), due_date=today - datetime.timedelta(1)
    )
    today_due = CommitmentFactory(made_on=today, due_date=today)
    in_30 = CommitmentFactory(made_on=today, due_date=today + datetime.timedelta(30))
    in_31 = CommitmentFactory(made_on=today, due_date=today + datetime.timedelta(31))
    vague = CommitmentFactory(made_on=today, due_date=None, due_precision="none")

    assert listed(changelist(clerk_client, "?due=past")) == {past.number}
    assert listed(changelist(clerk_client, "?due=next30")) == {today_due.number, in_30.number}
    assert listed(changelist(clerk_client, "?due=none")) == {vague.number}
    assert in_31.number in listed(changelist(clerk_client))


@pytest.mark.parametrize("status", ["open", "fulfilled", "partially_fulfilled", "lapsed"])
def test_it_filters_on_status(clerk_client, status):
    by_status = {
        value: CommitmentFactory(
            status=value,
            fulfilled_on=datetime.date(2024, 6, 1) if value == "fulfilled" else None,
        )
        for value in Commitment.Status.values
    }

    # The status filter in the sidebar links to ?status__exact=...
    assert listed(changelist(clerk_client, f"?status__exact={status}")) == {
        by_status[status].number
    }


def test_it_finds_a_commitment_by_number_and_by_a_word_of_its_text(clerk_client):
    wanted = CommitmentFactory(text="Ik zal de Kamer informeren over de aangiftebereidheid.")
    other = CommitmentFactory()

    assert listed(changelist(clerk_client, f"?q={wanted.number}")) == {wanted.number}
    assert listed(changelist(clerk_client, "?q=aangiftebereidheid")) == {wanted.number}
    assert listed(changelist(clerk_client, f"?q={other.number}")) == {other.number}


def test_it_finds_commitments_by_the_start_of_their_number(clerk_client):
    march = CommitmentFactory(made_on=datetime.date(2024, 3, 1))
    CommitmentFactory(made_on=datetime.date(2023, 5, 1))

    later = CommitmentFactory(made_on=datetime.date(2024, 3, 20))

    assert listed(changelist(clerk_client, "?q=tl202403")) == {march.number, later.number}
    assert listed(changelist(clerk_client, "?q=TL2024")) == {march.number, later.number}
    assert listed(changelist(clerk_client, "?q=TL202403-")) == {march.number, later.number}
    assert listed(changelist(clerk_client, f"?q={later.number}")) == {later.number}
    # Found by number, they are listed by number, the latest first.
    numbers = [c.number for c in changelist(clerk_client, "?q=TL2024").context["cl"].result_list]
    assert numbers == sorted(numbers, reverse=True)


@pytest.mark.postgres
def test_it_searches_words_in_their_dutch_forms_on_postgresql(clerk_client):
    wanted = CommitmentFactory(text="De minister zal de Kamer informeren over de onderzoeken.")
    CommitmentFactory(text="Iets anders.")

    # Dutch stemming: "onderzoek" finds "onderzoeken"; the search documents were written by
    # the database's trigger when the commitments were saved.
    assert listed(changelist(clerk_client, "?q=onderzoek")) == {wanted.number}

    Commitment.objects.filter(pk=wanted.pk).update(text="Nu gaat het over stikstof.")
    assert listed(changelist(clerk_client, "?q=onderzoek")) == set()
    assert listed(changelist(clerk_client, "?q=stikstof")) == {wanted.number}


def test_it_filters_on_the_year_due_with_the_years_there_are(clerk_client):
    this_year = CommitmentFactory(
        made_on=datetime.date(2024, 1, 5), due_date=datetime.date(2024, 6, 1)
    )
    next_year = CommitmentFactory(
        made_on=datetime.date(2024, 1, 5), due_date=datetime.date(2026, 2, 1)
    )

    response = changelist(clerk_client)
    [year_filter] = [
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", None) == "due_year"
    ]
    assert [choice for choice, _label in year_filter.lookup_choices] == ["2026", "2025", "2024"]
    assert listed(changelist(clerk_client, "?due_year=2024")) == {this_year.number}
    assert listed(changelist(clerk_client, "?due_year=2026")) == {next_year.number}
    assert listed(changelist(clerk_client, "?due_year=2025")) == set()


def test_it_counts_a_short_list_exactly(clerk_client):
    CommitmentFactory.create_batch(3)

    assert changelist(clerk_client).context["cl"].result_count == 3


@pytest.mark.postgres
def test_it_takes_the_planners_estimate_for_a_long_list_instead_of_counting_it(
    clerk_client, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commitments.ops.paginators import EstimatedCountPaginator

    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 5)
    CommitmentFactory.create_batch(40)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE commitments_commitment")

    with CaptureQueriesContext(connection) as captured:
        response = changelist(clerk_client)

    # The planner knows the table's size from ANALYZE; nothing counted the rows themselves.
    assert response.context["cl"].result_count == 40
    assert not any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)
    # A filter the planner expects to match little is counted exactly.
    assert changelist(clerk_client, "?status__exact=lapsed").context["cl"].result_count == 0


# --- Editing through the change form --------------------------------------------------------


def test_it_records_who_changed_a_commitment_and_why(clerk, clerk_client):
    commitment = CommitmentFactory(deadline_phrase="voor de zomer")
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])

    response = clerk_client.post(
        url,
        change_form_data(
            commitment,
            deadline_phrase="voor het kerstreces",
            due_date="2024-12-20",
            change_reason="Minister schreef een nieuwe termijn",
        ),
    )

    assert response.status_code == 302
    latest = commitment.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == clerk
    assert latest.history_change_reason == "Minister schreef een nieuwe termijn"
    assert latest.due_date == datetime.date(2024, 12, 20)

    history = clerk_client.get(
        reverse("admin:commitments_commitment_history", args=[commitment.pk])
    ).content.decode()
    assert "Minister schreef een nieuwe termijn" in history
    assert clerk.username in history
    # The changes column: "<strong>field:</strong> old &rarr; new"
    assert re.search(r"voor de zomer\s*&nbsp;&rarr;&nbsp;&nbsp;voor het kerstreces", history)


def test_it_refuses_a_due_date_before_the_commitment_was_made(clerk_client):
    commitment = CommitmentFactory(made_on=datetime.date(2024, 3, 1))
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])

    response = clerk_client.post(url, change_form_data(commitment, due_date="2024-02-29"))

    assert response.status_code == 200
    assert (
        escape(dutch("The due date cannot lie before the date the commitment was made."))
        in response.content.decode()
    )
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 7, 4)


def test_it_refuses_fulfilled_without_the_date_it_was_fulfilled(clerk_client):
    commitment = CommitmentFactory()
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])

    response = clerk_client.post(
        url, change_form_data(commitment, status="fulfilled", fulfilled_on="")
    )

    assert response.status_code == 200
    assert (
        escape(dutch("A fulfilled commitment needs the date on which it was fulfilled."))
        in response.content.decode()
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN


# --- Actions --------------------------------------------------------------------------------


def test_it_asks_before_marking_fulfilled_and_then_marks_it(clerk, clerk_client):
    commitment = CommitmentFactory()
    letter = DocumentFactory(date=datetime.date(2024, 6, 10))

    first = run_action(clerk_client, "mark_fulfilled", [commitment])

    assert first.status_code == 200
    assert ACTION_TEMPLATE in [t.name for t in first.templates]
    assert commitment.number in first.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN

    applied = run_action(
        clerk_client,
        "mark_fulfilled",
        [commitment],
        apply="1",
        document=letter.pk,
        fulfilled_on="2024-06-10",
        reason="Beantwoord in de brief van 10 juni",
    )

    assert applied.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.fulfilled_by == letter
    assert commitment.fulfilled_on == datetime.date(2024, 6, 10)
    latest = commitment.history.latest()
    assert latest.history_user == clerk
    assert latest.history_change_reason == "Beantwoord in de brief van 10 juni"


def test_it_marks_lapsed_with_a_reason(clerk, clerk_client):
    commitment = CommitmentFactory()

    first = run_action(clerk_client, "mark_lapsed", [commitment])
    assert first.status_code == 200
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN

    applied = run_action(
        clerk_client, "mark_lapsed", [commitment], apply="1", reason="Motie ingetrokken"
    )

    assert applied.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.LAPSED
    latest = commitment.history.latest()
    assert latest.history_user == clerk
    assert latest.history_change_reason == "Motie ingetrokken"


@pytest.mark.parametrize("reason", ["", "   "], ids=["empty", "blank"])
def test_it_does_not_mark_lapsed_without_a_reason(clerk_client, reason):
    commitment = CommitmentFactory()

    response = run_action(clerk_client, "mark_lapsed", [commitment], apply="1", reason=reason)

    assert response.status_code == 200
    assert ACTION_TEMPLATE in [t.name for t in response.templates]
    assert response.context["form"].errors["reason"]
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.history.count() == 1  # only "created"


def test_it_extends_the_deadline_and_keeps_the_original(clerk, clerk_client):
    commitment = CommitmentFactory(due_date=datetime.date(2024, 7, 4))

    first = run_action(clerk_client, "extend_deadline", [commitment])
    assert first.status_code == 200
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 7, 4)

    applied = run_action(
        clerk_client,
        "extend_deadline",
        [commitment],
        apply="1",
        new_due_date="2024-12-20",
        reason="Uitstel gemeld in de verzamelbrief",
    )

    assert applied.status_code == 302
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 12, 20)
    assert commitment.original_due_date == datetime.date(2024, 7, 4)
    latest = commitment.history.latest()
    assert latest.history_user == clerk
    assert latest.history_change_reason == "Uitstel gemeld in de verzamelbrief"


@pytest.mark.parametrize("new_due_date", ["2024-07-04", "2024-07-01"], ids=["same", "earlier"])
def test_it_refuses_a_new_deadline_that_is_not_later(clerk_client, new_due_date):
    commitment = CommitmentFactory(due_date=datetime.date(2024, 7, 4))

    response = run_action(
        clerk_client,
        "extend_deadline",
        [commitment],
        apply="1",
        new_due_date=new_due_date,
        reason="Nieuwe termijn",
    )

    assert messages_of(response) == [
        dutch(
            "The new due date must lie after the current one: %(numbers)s.",
            numbers=commitment.number,
        )
    ]
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 7, 4)
    assert commitment.history.count() == 1


@pytest.mark.parametrize(
    ("action", "fields", "verb"),
    [
        (
            "mark_fulfilled",
            {"fulfilled_on": "2024-06-10", "reason": "Beantwoord"},
            "marked fulfilled",
        ),
        ("mark_lapsed", {"reason": "Vervallen"}, "marked lapsed"),
        (
            "extend_deadline",
            {"new_due_date": "2024-12-20", "reason": "Uitstel"},
            "given a new deadline",
        ),
    ],
)
def test_it_changes_nothing_when_a_closed_commitment_is_selected(
    clerk_client, action, fields, verb
):
    """An open commitment selected together with a fulfilled one: neither changes."""
    fulfilled = CommitmentFactory(status="fulfilled", fulfilled_on=datetime.date(2024, 5, 1))
    still_open = CommitmentFactory()
    if action == "mark_fulfilled":
        fields = {**fields, "document": DocumentFactory().pk}

    response = run_action(clerk_client, action, [fulfilled, still_open], apply="1", **fields)

    # The message names only the commitment that blocked the action.
    assert messages_of(response) == [
        dutch(
            "Only open or partially fulfilled commitments can be %(action)s: %(numbers)s.",
            action=dutch(verb),
            numbers=fulfilled.number,
        )
    ]
    for commitment in (fulfilled, still_open):
        before = commitment.status, commitment.due_date
        commitment.refresh_from_db()
        assert (commitment.status, commitment.due_date) == before
        assert commitment.history.count() == 1


# --- Documents and their commitments --------------------------------------------------------


def test_it_shows_a_documents_commitments_on_its_page(seed, clerk_client):
    letter = Document.objects.get(dossier_number="28 638", document_number="212")

    response = clerk_client.get(reverse("admin:commitments_document_change", args=[letter.pk]))

    assert "De Kamer informeren over het CKM-rapport over de Proeftuin aangiftebereidheid" in (
        response.content.decode()
    )


def document_form_data(document, **commitment):
    """The document's change form with one new inline commitment."""
    return {
        "kind": document.kind,
        "dossier_number": document.dossier_number,
        "document_number": document.document_number,
        "date": document.date.isoformat(),
        "title": document.title,
        "text": document.text,
        "url": document.url,
        "commitments-TOTAL_FORMS": "1",
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "1000",
        "commitments-0-id": "",
        "commitments-0-source": document.pk,
        "commitments-0-summary": "Informeren over de voortgang",
        "commitments-0-made_on": "",
        "commitments-0-due_date": "",
        "commitments-0-deadline_phrase": "",
        "commitments-0-status": "open",
        **{f"commitments-0-{name}": value for name, value in commitment.items()},
        "_save": "Opslaan",
    }


def test_it_adds_a_commitment_inline_on_the_document(clerk_client):
    letter = DocumentFactory(date=datetime.date(2024, 5, 14))
    ministry = CommitmentFactory().ministry
    url = reverse("admin:commitments_document_change", args=[letter.pk])

    response = clerk_client.post(
        url, document_form_data(letter, ministry=ministry.pk, made_on="2024-05-14")
    )

    assert response.status_code == 302
    added = letter.commitments.get()
    assert added.summary == "Informeren over de voortgang"
    assert re.fullmatch(r"TL202405-\d{3}", added.number)


def test_it_dates_an_inline_commitment_on_the_document_when_made_on_is_left_empty(
    clerk_client,
):
    letter = DocumentFactory(date=datetime.date(2024, 5, 14))
    ministry = CommitmentFactory().ministry
    url = reverse("admin:commitments_document_change", args=[letter.pk])

    response = clerk_client.post(url, document_form_data(letter, ministry=ministry.pk))

    assert response.status_code == 302
    added = letter.commitments.get()
    assert added.made_on == datetime.date(2024, 5, 14)
    assert re.fullmatch(r"TL202405-\d{3}", added.number)


# --- Large tables stay out of the page ------------------------------------------------------


def options_of(html, name):
    """The non-empty <option>s of the <select name=`name`> in `html`."""
    [select] = re.findall(rf'<select name="{name}".*?</select>', html, flags=re.DOTALL)
    return re.findall(r'<option value="[^"]+"', select)


def test_it_does_not_render_every_document_into_the_change_form(clerk_client):
    documents = DocumentFactory.create_batch(30)
    commitment = CommitmentFactory(source=documents[7])

    change = clerk_client.get(
        reverse("admin:commitments_commitment_change", args=[commitment.pk])
    ).content.decode()
    add = clerk_client.get(reverse("admin:commitments_commitment_add")).content.decode()
    fulfil = run_action(clerk_client, "mark_fulfilled", [commitment]).content.decode()

    assert options_of(change, "source") == [f'<option value="{documents[7].pk}"']
    assert options_of(change, "fulfilled_by") == []
    assert options_of(add, "source") == []
    assert options_of(fulfil, "document") == []
