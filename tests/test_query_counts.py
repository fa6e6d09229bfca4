"""How many queries each page and endpoint runs, in one table.

Every row names a page, how to make its data at a given size, who reads it and the most queries
it may run. The test reads the page with few rows, then with many rows (and many related rows:
audit records, addressees, reminders, answers), and where the page is paged also at a small and
a large page size. The counts must all be equal, so that no page runs a query per row, and stay
within the bound, so that a query added to a page shows up here as a failure.
"""

import base64
import datetime
import itertools
import re
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from knox.models import AuthToken, get_digest_token
from simple_history.admin import SimpleHistoryAdmin

from commitments.api.odata.options import encode_token as odata_token
from commitments.models import (
    Commitment,
    Committee,
    Contact,
    ContactResponse,
    Digest,
    Document,
    Member,
    Ministry,
    MinistryAlias,
    Official,
    Party,
    Recess,
    Reminder,
    TkQuarantine,
    TkSync,
)
from commitments.services import links
from tests.factories import (
    CommitteeFactory,
    ContactFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    OfficialFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30
SMALL_PAGE, LARGE_PAGE = 5, 50
MADE_ON = datetime.date(2024, 3, 1)
TODAY = timezone.localdate()
RAPPEL_DAY = datetime.date(2025, 7, 1)
# Values that must differ between the rows of every world a test makes: the numbers of
# commitments inserted in bulk (which bypasses the per-month counter, so they are in a month no
# factory uses) and the first days of recesses.
NUMBERS = itertools.count(1)


# --- Data, made in bulk ----------------------------------------------------------------------


def bulk(factory, rows, **fields):
    """`rows` objects from `factory`, inserted in one statement. Related objects the factory
    would make one by one must be passed in, saved."""
    return factory._meta.model.objects.bulk_create(factory.build_batch(rows, **fields))


def commitments(rows, *, ministry, **fields):
    """`rows` commitments of `ministry`, inserted in one statement without audit records."""
    made = []
    for index in range(rows):
        values = {
            "number": f"TZ199901-{next(NUMBERS):05d}",
            "text": f"Uw Kamer wordt geïnformeerd over onderwerp {index}.",
            "summary": f"Informeren over onderwerp {index}",
            "made_on": MADE_ON,
            "due_date": TODAY + datetime.timedelta(days=10 + index),
            "due_precision": Commitment.Precision.DAY,
            "deadline_phrase": "voor de zomer",
            "ministry": ministry,
            **fields,
        }
        values.setdefault("original_due_date", values["due_date"])
        made.append(Commitment(**values))
    return Commitment.objects.bulk_create(made)


def made_to(pairs):
    """Addressees, as (commitment, member) pairs, in one statement."""
    through = Commitment.made_to.through
    through.objects.bulk_create(
        through(commitment_id=commitment.pk, member_id=member.pk) for commitment, member in pairs
    )


def users(rows):
    """Accounts without a usable password: hashing one per row would make the test slow."""
    return User.objects.bulk_create(
        User(username=f"qc-{uuid.uuid4().hex[:12]}", password="!") for _ in range(rows)
    )


def register(rows):
    """A ministry's `rows` commitments, a third each overdue, fulfilled and open, with an
    official, a committee, a source document, and addressees: members of a party, and parties."""
    ministry = MinistryFactory()
    official = OfficialFactory(ministry=ministry)
    committee = CommitteeFactory()
    party = PartyFactory()
    source = DocumentFactory()
    members = bulk(MemberFactory, rows, party=party)
    shared = {"official": official, "committee": committee, "source": source}
    third = max(rows // 3, 1)
    overdue = commitments(
        third,
        ministry=ministry,
        due_date=MADE_ON + datetime.timedelta(days=30),
        overdue_since=MADE_ON + datetime.timedelta(days=31),
        **shared,
    )
    fulfilled = commitments(
        third,
        ministry=ministry,
        status=Commitment.Status.FULFILLED,
        fulfilled_by=source,
        fulfilled_on=MADE_ON + datetime.timedelta(days=20),
        due_date=MADE_ON + datetime.timedelta(days=30),
        **shared,
    )
    still_open = commitments(rows - 2 * third, ministry=ministry, **shared)
    everything = [*overdue, *fulfilled, *still_open]
    # Every commitment is made to the first member, whose page then lists them all, and to one
    # other.
    made_to(
        (commitment, member)
        for index, commitment in enumerate(everything)
        for member in {members[0], members[index]}
    )
    parties = Commitment.made_to_parties.through
    parties.objects.bulk_create(
        parties(commitment_id=commitment.pk, party_id=party.pk) for commitment in everything
    )
    return SimpleNamespace(
        ministry=ministry,
        official=official,
        committee=committee,
        party=party,
        source=source,
        member=members[0],
        commitments=everything,
    )


def audit_trail(commitment, rows):
    """`rows` changes of status and due date in the commitment's audit trail, each with a
    reason, after the record of its registration."""
    versions = []
    for index in range(rows + 1):
        version = Commitment.objects.get(pk=commitment.pk)
        version.due_date = commitment.due_date + datetime.timedelta(days=index)
        version.status = Commitment.Status.OPEN if index % 2 else Commitment.Status.LAPSED
        version._history_date = timezone.now() - datetime.timedelta(days=rows - index)
        version._change_reason = f"Wijziging {index}"
        versions.append(version)
    Commitment.history.bulk_history_create(versions[:1])
    Commitment.history.bulk_history_create(versions[1:], update=True)


def one_commitment(rows):
    """One commitment with a long audit trail, `rows` addressees (members and parties), the
    commitments it repeats, amends and supplements, and `rows` later ones that refer to it."""
    world = register(rows)
    commitment = world.commitments[0]
    repeats, amends, supplements = commitments(3, ministry=world.ministry)
    Commitment.objects.filter(pk=commitment.pk).update(
        repeats=repeats, amends=amends, supplements=supplements
    )
    for relation in ("repeats", "amends", "supplements"):
        commitments(rows, ministry=world.ministry, **{relation: commitment})
    made_to((commitment, member) for member in bulk(MemberFactory, rows, party=world.party))
    parties = Commitment.made_to_parties.through
    parties.objects.bulk_create(
        parties(commitment_id=commitment.pk, party_id=party.pk)
        for party in bulk(PartyFactory, rows)
    )
    audit_trail(commitment, rows)
    world.commitment = commitment
    return world


def changes(rows):
    """`rows` commitments, each registered and then changed in the audit trail."""
    world = register(rows)
    for commitment in world.commitments:
        audit_trail(commitment, 1)
    return world


def contact_with_open_commitments(rows):
    """A ministry contact, `rows` open commitments of the ministry and answers to some."""
    world = register(rows)
    world.contact = ContactFactory(ministry=world.ministry)
    ContactResponse.objects.bulk_create(
        ContactResponse(
            submission=uuid.uuid4(),
            contact=world.contact,
            commitment=commitment,
            kind=ContactResponse.Kind.FORECAST,
            proposed_date=TODAY + datetime.timedelta(days=90),
        )
        for commitment in world.commitments
    )
    return world


def outbox(rows):
    """A contact with `rows` digests, each bundling two reminders, and one digest with `rows`
    reminders; `rows` answers; and a rappel listing `rows` commitments."""
    world = contact_with_open_commitments(rows)
    contact, items = world.contact, world.commitments
    digests = Digest.objects.bulk_create(
        Digest(contact=contact, day=TODAY - datetime.timedelta(days=index)) for index in range(rows)
    )
    rappel = Digest.objects.create(contact=contact, kind=Digest.Kind.RAPPEL, day=RAPPEL_DAY)
    reminders = [
        Reminder(
            contact=contact,
            commitment=items[(index + step) % rows],
            kind=Reminder.Kind.UPCOMING,
            due_date=items[(index + step) % rows].due_date,
            scheduled_for=digest.day,
            digest=digest,
            created_on=digest.day,
        )
        for index, digest in enumerate(digests)
        for step in (0, 1)
    ]
    reminders += [
        Reminder(
            contact=contact,
            commitment=commitment,
            kind=Reminder.Kind.RAPPEL,
            due_date=commitment.due_date,
            scheduled_for=RAPPEL_DAY,
            digest=rappel,
            created_on=RAPPEL_DAY,
        )
        for commitment in items
    ]
    Reminder.objects.bulk_create(reminders)
    world.digest, world.rappel = digests[0], rappel
    world.reminder = Reminder.objects.filter(contact=contact).first()
    world.response = ContactResponse.objects.filter(contact=contact).first()
    return world


def letter(rows):
    """A letter with `rows` promises the extractor finds, as the letter import saves it."""
    ministry, _created = Ministry.objects.get_or_create(
        name="Justitie en Veiligheid", defaults={"abbreviation": "JenV"}
    )
    promises = "\n\n".join(
        f"Ik zal uw Kamer voor de zomer informeren over onderwerp {index}." for index in range(rows)
    )
    text = (
        f"Ministerie van {ministry.name}\n\nDatum 8 november 2022\n\nGeachte voorzitter,\n\n"
        f"{promises}\n\nDe Minister van {ministry.name},\n\nD. Yesilgöz-Zegerius\n"
    )
    return SimpleNamespace(document=DocumentFactory(text=text, date=datetime.date(2022, 11, 8)))


def reference(model, **fields):
    """`rows` rows of a reference table (with `fields` made once and shared); the first is read."""

    def build(rows):
        made = {name: make() for name, make in fields.items()}
        world = SimpleNamespace(**made)
        world.rows = model_rows(model, rows, made)
        world.first = world.rows[0]
        return world

    return build


def model_rows(model, rows, made):
    """`rows` new rows of `model`, related to the objects in `made`."""
    factories = {
        Ministry: MinistryFactory,
        Official: OfficialFactory,
        Contact: ContactFactory,
        Committee: CommitteeFactory,
        Party: PartyFactory,
        Member: MemberFactory,
        Document: DocumentFactory,
    }
    if model in factories:
        return bulk(factories[model], rows, **made)
    if model is Recess:
        starts = [
            datetime.date(1900, 1, 1) + datetime.timedelta(next(NUMBERS)) for _ in range(rows)
        ]
        return Recess.objects.bulk_create(
            Recess(kind=Recess.Kind.SUMMER, starts_on=day, ends_on=day + datetime.timedelta(5))
            for day in starts
        )
    if model is MinistryAlias:
        return MinistryAlias.objects.bulk_create(
            MinistryAlias(name=f"Ministerie {next(NUMBERS)}", **made) for _ in range(rows)
        )
    if model is TkQuarantine:
        return TkQuarantine.objects.bulk_create(
            TkQuarantine(
                source_url="https://example.org/OData/v4/2.0/Toezegging",
                tk_id=uuid.uuid4(),
                number=f"TZ202402-{next(NUMBERS):03d}",
                field="Ministerie",
                reason="Neither Ministerie nor Functie names a ministry.",
                record={"Ministerie": None, "Functie": None},
            )
            for _ in range(rows)
        )
    if model is TkSync:
        return TkSync.objects.bulk_create(
            TkSync(source_url=f"https://example.org/{uuid.uuid4()}", last_changed_at=timezone.now())
            for _ in range(rows)
        )
    if model in (AccessAttempt, AccessLog, AccessFailureLog):
        extra = {AccessAttempt: {"get_data": "", "post_data": "", "failures_since_start": 1}}
        return model.objects.bulk_create(
            model(
                user_agent="Mozilla/5.0",
                ip_address="192.0.2.1",
                username=f"qc-{uuid.uuid4().hex[:12]}",
                http_accept="text/html",
                path_info="/accounts/login/",
                **extra.get(model, {}),
            )
            for _ in range(rows)
        )
    if model is AuthToken:
        tokens = [(user, get_digest_token()[0]) for user in users(rows)]
        return AuthToken.objects.bulk_create(
            AuthToken(user=user, digest=digest, token_key=digest[:15]) for user, digest in tokens
        )
    if model is User:
        return users(rows)
    if model is Group:
        groups = Group.objects.bulk_create(
            Group(name=f"qc-{uuid.uuid4().hex}") for _ in range(rows)
        )
        permissions = list(Permission.objects.all()[:10])
        for group in groups:
            group.permissions.set(permissions)
        return groups
    raise LookupError(model)


# --- The table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizer:
    """How a page is given its page size: a setting, a query parameter or an admin attribute."""

    kind: str
    model: type | None = None

    def apply(self, size, url, settings, monkeypatch):
        if self.kind == "dashboard":
            settings.DASHBOARD_PAGE_SIZE = size
            return url
        if self.kind == "api":
            return f"{url}{'&' if '?' in url else '?'}page_size={size}"
        monkeypatch.setattr(admin.site._registry[self.model], self.kind, size)
        return url


DASHBOARD = Sizer("dashboard")
API = Sizer("api")


def changelist_size(model):
    return Sizer("list_per_page", model)


def history_size(model):
    return Sizer("history_list_per_page", model)


@dataclass(frozen=True)
class Page:
    """A row of the table: `build(rows)` makes the data and returns what `url` needs; `reader`
    names the client fixture; `covers` says which admin view of which model this is, for the
    check that every registered model is measured."""

    name: str
    build: Callable[[int], object]
    url: Callable[[object], str]
    most: int
    reader: str = "client"
    sizer: Sizer | None = None
    # For a form's POST: the data sent, made afresh for each request.
    data: Callable[[object], dict] | None = None
    status: int = 200
    covers: tuple = ()
    # A different bound on SQLite, where the reason is stated beside the row.
    most_on_sqlite: int | None = None

    def bound(self) -> int:
        if connection.vendor == "sqlite" and self.most_on_sqlite is not None:
            return self.most_on_sqlite
        return self.most


def admin_url(model, view, *args, query=""):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    return reverse(name, args=args) + query


def api_cursor(pk):
    """A cursor of the commitment list at `pk`, as the API hands it out in its next links."""
    return quote(base64.b64encode(f"p={pk}".encode()).decode())


def action(name):
    """An admin action's POST on all the world's commitments, which first shows its form."""

    def data(world):
        return {"action": name, "_selected_action": [c.pk for c in world.commitments]}

    return data


def answer(world):
    return {
        "submission": str(uuid.uuid4()),
        "commitment": world.commitments[-1].number,
        "kind": "forecast",
        "proposed_date": (TODAY + datetime.timedelta(days=60)).isoformat(),
    }


DASHBOARD_PAGES = [
    Page("overview", register, lambda w: reverse("overview"), 8),
    Page("list", register, lambda w: reverse("commitment-list"), 6, sizer=DASHBOARD),
    Page(
        "list filtered by ministry, status and overdue",
        register,
        lambda w: (
            reverse("commitment-list") + f"?ministry={w.ministry.abbreviation}&status=open"
            "&overdue=true"
        ),
        7,
        sizer=DASHBOARD,
    ),
    Page(
        "list filtered by member, party, source, official and committee",
        register,
        lambda w: (
            reverse("commitment-list")
            + f"?member={quote(w.member.name)}&party={w.party.abbreviation}"
            f"&source=36000-{w.source.document_number}&official={quote(w.official.name)}"
            f"&committee={w.committee.abbreviation}"
        ),
        8,
        sizer=DASHBOARD,
    ),
    Page(
        "list searched and sorted by due date",
        register,
        lambda w: reverse("commitment-list") + "?q=onderwerp&o=due_date",
        6,
        sizer=DASHBOARD,
    ),
    Page(
        "list sorted by ministry, descending",
        register,
        lambda w: reverse("commitment-list") + "?o=-ministry",
        6,
        sizer=DASHBOARD,
    ),
    Page(
        "commitment detail",
        one_commitment,
        lambda w: reverse("commitment-detail", args=[w.commitment.number]),
        7,
    ),
    Page(
        "ministry page",
        register,
        lambda w: reverse("ministry-detail", args=[w.ministry.abbreviation]),
        5,
        sizer=DASHBOARD,
    ),
    Page(
        "member page",
        register,
        lambda w: reverse("member-detail", args=[w.member.pk]),
        4,
        sizer=DASHBOARD,
    ),
    # The indexes count what is owed in the same query that reads the page's rows.
    Page("member index", register, lambda w: reverse("member-list"), 3, sizer=DASHBOARD),
    Page(
        "member index sorted by name",
        register,
        lambda w: reverse("member-list") + "?o=name",
        3,
        sizer=DASHBOARD,
    ),
    Page("party index", register, lambda w: reverse("party-list"), 3, sizer=DASHBOARD),
    Page(
        "party page",
        register,
        lambda w: reverse("party-detail", args=[w.party.abbreviation]),
        6,
        sizer=DASHBOARD,
    ),
    Page(
        "Atom feed of changes, filtered by party",
        changes,
        lambda w: reverse("changes-feed") + f"?party={w.party.abbreviation}",
        5,
    ),
    # The addressees come as ids aggregated in the commitment's own row; their names from one
    # query for the members and one for the parties.
    Page("CSV export", register, lambda w: reverse("commitment-csv"), 5),
    Page(
        "CSV export, filtered",
        register,
        lambda w: reverse("commitment-csv") + f"?ministry={w.ministry.abbreviation}&status=open",
        6,
    ),
    Page("iCalendar", register, lambda w: reverse("commitment-calendar"), 3),
    Page(
        "iCalendar, filtered",
        register,
        lambda w: (
            reverse("commitment-calendar") + f"?ministry={w.ministry.abbreviation}&overdue=true"
        ),
        4,
    ),
    Page("Atom feed of changes", changes, lambda w: reverse("changes-feed"), 4),
    Page(
        "contact's respond page",
        contact_with_open_commitments,
        lambda w: reverse("contact-response", args=[links.token_for(w.contact)]),
        5,
    ),
    Page(
        "contact's answer (POST)",
        contact_with_open_commitments,
        lambda w: reverse("contact-response", args=[links.token_for(w.contact)]),
        # Recording locks the contact and counts its waiting answers (at most five a commitment).
        10,
        data=answer,
        status=302,
    ),
]

# The admin's changelists and change forms, per registered model: how to make its rows, a list
# filter and a search term where it has them, and who may read it (clerks may not read sync
# points, tokens of others, accounts or groups; a superuser reads those).
ADMIN_MODELS = {
    Ministry: (reference(Ministry), "", "M"),
    Official: (
        reference(Official, ministry=MinistryFactory),
        "ministry__id__exact={w.ministry.pk}",
        "Bewindspersoon",
    ),
    Contact: (
        reference(Contact, ministry=MinistryFactory),
        "ministry__id__exact={w.ministry.pk}&is_active__exact=1",
        "contact",
    ),
    Committee: (reference(Committee), "", "commissie"),
    Party: (reference(Party), "", "Partij"),
    Member: (
        reference(Member, party=PartyFactory),
        "party__id__exact={w.party.pk}",
        "Kamerlid",
    ),
    Recess: (reference(Recess), "kind__exact=summer", None),
    Document: (reference(Document), "kind__exact=letter", "Brief"),
    Commitment: (
        register,
        "status__exact=open&ministry__id__exact={w.ministry.pk}&overdue=no&due=next30",
        "onderwerp",
    ),
    Digest: (
        outbox,
        "state__exact=pending&contact__ministry__id__exact={w.ministry.pk}",
        "contact",
    ),
    Reminder: (outbox, "kind__exact=upcoming&contact__ministry__id__exact={w.ministry.pk}", "TZ"),
    ContactResponse: (
        outbox,
        "state__exact=pending&contact__ministry__id__exact={w.ministry.pk}",
        "TZ",
    ),
    TkSync: (reference(TkSync), "", None),
    MinistryAlias: (
        reference(MinistryAlias, ministry=MinistryFactory),
        "ministry__id__exact={w.ministry.pk}",
        "Ministerie",
    ),
    TkQuarantine: (reference(TkQuarantine), "resolved=no&field=Ministerie", "TZ202402"),
    AuthToken: (reference(AuthToken), "", None),
    User: (reference(User), "is_staff__exact=0", "qc"),
    Group: (reference(Group), "", "qc"),
    AccessAttempt: (reference(AccessAttempt), "path_info=/accounts/login/", "qc"),
    AccessLog: (reference(AccessLog), "path_info=/accounts/login/", "qc"),
    AccessFailureLog: (reference(AccessFailureLog), "locked_out__exact=0", "qc"),
}
SUPERUSER_ONLY = {TkSync, AuthToken, User, Group, AccessAttempt, AccessLog, AccessFailureLog}


def first_of(model):
    """The object a change form shows: the one with the related rows."""
    return {
        Commitment: lambda w: w.commitment,
        Digest: lambda w: w.digest,
        Reminder: lambda w: w.reminder,
        ContactResponse: lambda w: w.response,
    }.get(model, lambda w: w.first)


def change_form_build(model):
    """Change forms show one object; the commitment's has many addressees and a long history,
    the digest's many reminders, and the others share their table with many rows."""
    if model is Commitment:
        return one_commitment
    if model is Digest:

        def digest_with_reminders(rows):
            world = outbox(rows)
            world.digest = world.rappel
            return world

        return digest_with_reminders
    return ADMIN_MODELS[model][0]


# Query bounds, per model: the changelist (default, filtered, searched) and the change form;
# None where the changelist has no filter or no search.
ADMIN_BOUNDS = {
    Ministry: (10, None, 10, 8),
    Official: (11, 11, 11, 9),
    Contact: (11, 11, 11, 9),
    Committee: (10, None, 10, 8),
    Party: (10, None, 10, 8),
    Member: (11, 11, 11, 9),
    Recess: (12, 12, None, 8),
    Document: (12, 12, 12, 9),
    Commitment: (13, 13, 13, 19),
    Digest: (13, 13, 13, 10),
    Reminder: (12, 12, 12, 12),
    ContactResponse: (13, 13, 13, 10),
    TkSync: (8, None, None, 6),
    MinistryAlias: (11, 11, 11, 10),
    TkQuarantine: (13, 13, 13, 8),
    AuthToken: (9, None, None, 8),
    User: (9, 9, 9, 10),
    Group: (8, None, 8, 8),
    AccessAttempt: (11, 11, 11, 7),
    AccessLog: (11, 11, 11, 6),
    AccessFailureLog: (11, 11, 11, 6),
}


def admin_pages():
    pages = []
    for model, (build, list_filter, search) in ADMIN_MODELS.items():
        reader = "admin_client" if model in SUPERUSER_ONLY else "clerk_client"
        label = model._meta.verbose_name_plural
        listing, filtered, searched, change = ADMIN_BOUNDS[model]
        sizer = changelist_size(model)
        pages.append(
            Page(
                f"admin {label}",
                build,
                lambda w, model=model: admin_url(model, "changelist"),
                listing,
                reader,
                sizer,
                covers=(model, "changelist"),
            )
        )
        if list_filter:
            pages.append(
                Page(
                    f"admin {label}, filtered",
                    build,
                    lambda w, model=model, q=list_filter: admin_url(
                        model, "changelist", query="?" + q.format(w=w)
                    ),
                    filtered,
                    reader,
                    sizer,
                )
            )
        if search:
            pages.append(
                Page(
                    f"admin {label}, searched",
                    build,
                    lambda w, model=model, q=search: admin_url(
                        model, "changelist", query=f"?q={q}"
                    ),
                    searched,
                    reader,
                    sizer,
                )
            )
        pages.append(
            Page(
                f"admin {label}, change form",
                change_form_build(model),
                lambda w, model=model: admin_url(model, "change", first_of(model)(w).pk),
                change,
                reader,
                covers=(model, "change"),
            )
        )
    return pages


ADMIN_PAGES = [
    *admin_pages(),
    Page("admin index", register, lambda w: reverse("admin:index"), 9, "clerk_client"),
    Page(
        "admin app index",
        register,
        lambda w: reverse("admin:app_list", args=["commitments"]),
        7,
        "clerk_client",
    ),
    Page(
        "admin commitment history",
        one_commitment,
        lambda w: admin_url(Commitment, "history", w.commitment.pk),
        12,
        "clerk_client",
        history_size(Commitment),
    ),
    Page(
        "admin document history",
        reference(Document),
        lambda w: admin_url(Document, "history", w.first.pk),
        9,
        "clerk_client",
        history_size(Document),
    ),
    Page(
        "admin letter import form",
        letter,
        lambda w: reverse("admin:commitments_document_import"),
        7,
        "clerk_client",
    ),
    Page(
        "admin letter candidates",
        letter,
        lambda w: reverse("admin:commitments_document_candidates", args=[w.document.pk]),
        13,
        "clerk_client",
    ),
    Page(
        "admin rappel overview",
        outbox,
        lambda w: reverse("admin:commitments_digest_rappel", args=[RAPPEL_DAY.isoformat()]),
        8,
        "clerk_client",
    ),
    *[
        Page(
            f"admin action form: {name}",
            register,
            lambda w: admin_url(Commitment, "changelist"),
            # The changelist behind the form asks the planner how long it is (EXPLAIN) and
            # then counts at most 10,001 rows; the year filter reads the first and last date.
            16,
            "clerk_client",
            data=action(name),
        )
        for name in ("mark_fulfilled", "mark_lapsed", "extend_deadline")
    ],
    Page(
        "admin action form: reject answers",
        outbox,
        lambda w: admin_url(ContactResponse, "changelist"),
        13,
        "clerk_client",
        data=lambda w: {
            "action": "reject",
            "_selected_action": list(
                ContactResponse.objects.filter(contact=w.contact).values_list("pk", flat=True)
            ),
        },
    ),
    *[
        Page(
            f"admin autocomplete: {model_name}.{field_name}",
            build,
            lambda w, model_name=model_name, field_name=field_name: (
                reverse("admin:autocomplete")
                + f"?app_label=commitments&model_name={model_name}&field_name={field_name}&term="
            ),
            # Commitments, the one model with the estimating paginator, take one query more.
            9 if model_name == "commitment" and field_name == "repeats" else 8,
            "clerk_client",
        )
        for model_name, field_name, build in [
            ("commitment", "ministry", reference(Ministry)),
            ("commitment", "official", reference(Official, ministry=MinistryFactory)),
            ("commitment", "committee", reference(Committee)),
            ("commitment", "made_to", reference(Member, party=PartyFactory)),
            ("commitment", "made_to_parties", reference(Party)),
            ("commitment", "source", reference(Document)),
            ("commitment", "repeats", register),
        ]
    ],
]

API_PAGES = [
    Page("API commitments", register, lambda w: "/api/commitments/", 5, sizer=API),
    Page(
        "API commitments, filtered",
        register,
        lambda w: f"/api/commitments/?ministry={w.ministry.abbreviation}&status=open",
        6,
        sizer=API,
    ),
    Page(
        "API commitments, deep cursor page",
        register,
        lambda w: f"/api/commitments/?cursor={api_cursor(w.commitments[-1].pk)}",
        5,
        sizer=API,
    ),
    Page(
        "API commitment",
        one_commitment,
        lambda w: f"/api/commitments/{w.commitment.number}/",
        # The commitments it repeats, amends and supplements come in one small query each.
        6,
        # SQLite has no array aggregate: the members and parties it was made to come in one
        # prefetch query each instead of as arrays in the commitment's own row.
        most_on_sqlite=8,
    ),
    *[
        page
        for path, model, build in [
            ("ministries", Ministry, reference(Ministry)),
            ("officials", Official, reference(Official, ministry=MinistryFactory)),
            ("committees", Committee, reference(Committee)),
            ("members", Member, reference(Member, party=PartyFactory)),
            ("documents", Document, reference(Document)),
        ]
        for page in (
            Page(f"API {path}", build, lambda w, path=path: f"/api/{path}/", 3, sizer=API),
            Page(
                f"API {path}, one",
                build,
                lambda w, path=path: f"/api/{path}/{w.first.pk}/",
                3,
            ),
        )
    ],
    Page("API OData Toezegging", register, lambda w: "/api/odata/Toezegging", 3),
    Page(
        "API OData Toezegging, filtered by change and deep",
        register,
        lambda w: (
            "/api/odata/Toezegging?$orderby=GewijzigdOp&$filter="
            + quote("GewijzigdOp ge 2000-01-01T00:00:00Z and Verwijderd eq false")
            + "&$skiptoken="
            + odata_token([w.commitments[0].updated_at], w.commitments[0].pk)
        ),
        3,
    ),
    # One query more for the count, one for to whom each commitment was made (with the
    # members and parties themselves).
    Page(
        "API OData Toezegging, counted and expanded",
        register,
        lambda w: (
            "/api/odata/Toezegging?$count=true&$orderby=Status desc,Nummer&$expand="
            + quote("ToegezegdAan($expand=Persoon,Fractie)")
        ),
        5,
    ),
    Page("API OData Toezegging count", register, lambda w: "/api/odata/Toezegging/$count", 3),
    Page(
        "API OData v2 Toezegging, counted",
        register,
        lambda w: "/api/odata/v2/Toezegging?$inlinecount=allpages&$orderby=Nummer desc",
        4,
    ),
]

PAGES = [*DASHBOARD_PAGES, *ADMIN_PAGES, *API_PAGES]


# --- Measuring -------------------------------------------------------------------------------


def queries_of(client, page, world, url):
    """The queries one request for `url` runs, the body read to the end (a streamed response
    runs its queries while it is read). The cache is emptied first, so the overview computes
    its figures each time and the API's throttle starts afresh."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, page.data(world)) if page.data else client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == page.status, (page.name, url, response.status_code)
    return [query["sql"] for query in captured.captured_queries]


def repeated(queries):
    """The statements that ran more than once, with how often: the usual look of an N+1."""
    shapes = Counter(re.sub(r"\b\d+\b", "N", sql) for sql in queries)
    return {sql[:300]: times for sql, times in shapes.items() if times > 1}


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_it_reads_every_page_in_a_constant_number_of_queries(page, request, settings, monkeypatch):
    client = request.getfixturevalue(page.reader)
    small, large = (SMALL_PAGE, LARGE_PAGE) if page.sizer else (None, None)

    def measure(world, size):
        url = page.url(world)
        if page.sizer:
            url = page.sizer.apply(size, url, settings, monkeypatch)
        return queries_of(client, page, world, url)

    few = page.build(FEW)
    # The first request of a test fills per-process caches (content types, for one); it is not
    # what a page costs, so it is made once before counting.
    measure(few, small)
    measured = {"few rows": measure(few, small)}
    many = page.build(MANY)
    measured["many rows"] = measure(many, small)
    if page.sizer:
        measured["many rows, large page"] = measure(many, large)

    counts = {label: len(queries) for label, queries in measured.items()}
    assert len(set(counts.values())) == 1, (counts, repeated(measured["many rows"]))
    assert counts["few rows"] <= page.bound(), counts


def test_it_measures_every_model_the_admin_has():
    """A model registered in the admin later gets its rows in the table too, or this fails."""
    covered = {page.covers for page in PAGES if page.covers}
    registered = {
        (model, view) for model in admin.site._registry for view in ("changelist", "change")
    }
    assert registered <= covered, registered - covered


def test_it_never_counts_the_whole_commitment_table_in_the_admin_list(clerk_client):
    """The clerks' list pages through a register of a million rows: counting it on every view
    costs more than the page itself, so neither the default list nor a filtered one may run a
    COUNT over every row of the commitment table."""
    register(MANY)
    for query in ("", "?status__exact=open", "?q=onderwerp"):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = clerk_client.get(admin_url(Commitment, "changelist", query=query))
        assert response.status_code == 200
        # A count that stops after so many rows (the paginator's exact count of a short
        # list, LIMIT n) is allowed; one that reads every row is not.
        unbounded = [
            sql
            for sql in (q["sql"] for q in captured.captured_queries)
            if "COUNT(" in sql.upper()
            and '"commitments_commitment"' in sql
            and " LIMIT " not in sql.upper()
        ]
        assert unbounded == [], (query, unbounded)


def test_it_shows_the_same_history_as_simple_history_with_fewer_queries():
    """The commitment's history page reads the addressees of all its records at once instead of
    per pair of records; what it shows must be what simple-history itself would show."""
    world = register(FEW)
    commitment = Commitment.objects.get(pk=world.commitments[-1].pk)
    commitment.made_to.add(MemberFactory(party=world.party))
    commitment.made_to_parties.clear()
    commitment.status = Commitment.Status.LAPSED
    commitment.save()
    commitment.made_to.remove(world.member)
    model_admin = admin.site._registry[Commitment]

    def history():
        return list(model_admin.get_history_queryset(None, Commitment.history, "id", commitment.pk))

    ours, theirs = history(), history()
    with CaptureQueriesContext(connection) as captured:
        model_admin.set_history_delta_changes(None, ours)
    SimpleHistoryAdmin.set_history_delta_changes(model_admin, None, theirs)

    shown = [record.history_delta_changes for record in ours[:-1]]
    assert shown == [record.history_delta_changes for record in theirs[:-1]]
    addressees = capfirst(Commitment._meta.get_field("made_to").verbose_name)
    assert any(change["field"] == addressees for change in shown[0])
    assert len(captured) == 2
