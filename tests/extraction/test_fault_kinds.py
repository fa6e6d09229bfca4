"""Every invented example of /work/shared/extraction/fault-kinds.md (K1 to K9, K11, K12) with its
right answer: whether `extract` proposes the sentence, and with which due date.

The examples were written to show the kinds of fault found on letters the engine had never
seen; K10 (the date resolver) is tested in test_deadlines*.py. Each example is one row, with its
id ("K2-1" is the first example of K2) and the letter date the fault-kinds file gives. A
commitment without a date ("vague" or "recurring") must come out with no due date.
"""

import datetime
from pathlib import Path

import pytest

from commitments.extraction import ParliamentaryCalendar, extract, read_header

BASE_DIR = Path(__file__).resolve().parents[2]
CALENDAR = ParliamentaryCalendar.from_csv(BASE_DIR / "seeds" / "recesses.csv")
NO_DATE = None
NOT_A_COMMITMENT = "not a commitment"

# (id, letter date, text, right answer): a due date, NO_DATE for a vague or recurring
# commitment, or NOT_A_COMMITMENT.
EXAMPLES = [
    (
        "K1-1",
        "2023-03-14",
        "In het commissiedebat van 2 februari is toegezegd de Kamer voor de "
        "zomer een overzicht van de wachtlijsten te sturen.",
        "2023-07-06",
    ),
    (
        "K1-2",
        "2019-10-01",
        "Mijn voorganger heeft uw Kamer laten weten dat de evaluatie van de "
        "subsidieregeling in het eerste kwartaal van 2020 wordt toegezonden.",
        "2020-03-31",
    ),
    (
        "K1-3",
        "2021-03-09",
        "Tijdens het debat heb ik toegezegd om de regeling jaarlijks te evalueren.",
        NO_DATE,
    ),
    (
        "K1-contrast",
        "2019-10-01",
        "Zoals toegezegd in het debat van 12 september stuur ik u hierbij het gevraagde overzicht.",
        NOT_A_COMMITMENT,
    ),
    (
        "K2-1",
        "2022-04-05",
        "Ik laat u weten dat ik de Kamer na afloop van de pilot, in september "
        "2022, zal informeren over de resultaten.",
        "2022-09-30",
    ),
    (
        "K2-2",
        "2021-11-02",
        "Het onderzoek wordt uitgevoerd door een extern bureau, waarna ik uw "
        "Kamer in het voorjaar van 2022 de uitkomsten zal toezenden.",
        ("2022-06-20", "2022-06-21"),
    ),
    (
        "K2-3",
        "2020-01-20",
        "Het plan van aanpak, dat uw Kamer uiterlijk 1 maart zal ontvangen, "
        "beschrijft drie sporen.",
        "2020-03-01",
    ),
    (
        "K3-1",
        "2019-05-14",
        "De beleidsnotitie over flexwonen zal in oktober aan uw Kamer worden toegestuurd.",
        "2019-10-31",
    ),
    ("K3-1b", "2019-05-14", "Het rapport wordt in oktober aan uw Kamer toegestuurd.", "2019-10-31"),
    (
        "K3-2",
        "2024-02-06",
        "U ontvangt de tweede voortgangsrapportage voor het zomerreces.",
        "2024-07-04",
    ),
    (
        "K3-3",
        "2018-09-11",
        "Vanaf volgend jaar wordt u elk kwartaal over de stand van de wachttijden geïnformeerd.",
        NO_DATE,
    ),
    (
        "K4-1",
        "2016-10-04",
        "De verwachting is dat de evaluatie van de wet begin 2017 gereed is en "
        "aan uw Kamer wordt toegezonden.",
        "2017-03-31",
    ),
    (
        "K4-2",
        "2019-02-12",
        "Naar verwachting is de doorlichting in mei afgerond, waarna deze aan "
        "uw Kamer wordt gezonden.",
        "2019-05-31",
    ),
    (
        "K4-contrast",
        "2020-06-02",
        "Naar verwachting daalt het aantal aanvragen in de tweede helft van het jaar.",
        NOT_A_COMMITMENT,
    ),
    (
        "K5-1",
        "2019-03-12",
        "De minister van Financiën zegt de Kamer, naar aanleiding van een vraag "
        "van het lid De Vries over de bankenbelasting, toe de opbrengst jaarlijks in de "
        "Miljoenennota te vermelden.",
        NO_DATE,
    ),
    (
        "K5-2",
        "2021-06-29",
        "De staatssecretaris zegt toe de Eerste Kamer voor 1 januari 2022 een "
        "evaluatie van de pilot te sturen.",
        "2021-12-31",
    ),
    (
        "K5-3",
        "2022-03-01",
        "In het debat heeft de minister van Onderwijs toegezegd dat de Kamer in "
        "september een brief over het lerarentekort ontvangt.",
        "2022-09-30",
    ),
    (
        "K6-1",
        "2023-01-17",
        "In de voortgangsbrief van juni zal ik ingaan op de uitkomsten van de pilots.",
        "2023-06-30",
    ),
    (
        "K6-2",
        "2023-01-17",
        "Met deze brief laat ik u weten dat ik de evaluatie in april aan uw Kamer zal sturen.",
        "2023-04-30",
    ),
    ("K6-3", "2023-01-17", "In de bijlage gaan we in op de stand van de moties.", NOT_A_COMMITMENT),
    (
        "K7-1",
        "2017-11-07",
        "Zoals elk jaar bied ik u in november het jaarverslag van de toezichthouder aan.",
        NOT_A_COMMITMENT,
    ),
    (
        "K7-2",
        "2018-02-06",
        "Ik bericht u dat de Europese Commissie haar voorstel deze maand publiceert.",
        NOT_A_COMMITMENT,
    ),
    (
        "K7-3",
        "2018-02-06",
        "Ik houd de Kamer op de hoogte van de onderhandelingen in Brussel.",
        NO_DATE,
    ),
    (
        "K7-4",
        "2018-02-06",
        "Ook in de toekomst blijf ik uw Kamer elk halfjaar over de voortgang rapporteren.",
        NO_DATE,
    ),
    (
        "K7-control",
        "2018-02-06",
        "Ik informeer uw Kamer voor 1 maart over de onderhandelingen in Brussel.",
        "2018-02-28",
    ),
    (
        "K8-1",
        "2022-09-20",
        "Over de uitwerking wil ik voor het kerstreces bij uw Kamer terugkomen.",
        "2022-12-22",
    ),
    (
        "K8-2",
        "2021-04-13",
        "Het kabinet spant zich in om het wetsvoorstel nog dit jaar bij de Kamer in te dienen.",
        "2021-12-31",
    ),
    (
        "K8-contrast",
        "2021-04-13",
        "Ik zet mij ervoor in om de regeling per 1 januari in werking te laten treden.",
        NOT_A_COMMITMENT,
    ),
    (
        "K9-1",
        "2019-11-05",
        "De toezichthouder verwacht zijn oordeel uiterlijk 15 januari te geven. "
        "Ik zal uw Kamer daarover direct na ontvangst informeren.",
        NO_DATE,
    ),
    (
        "K9-2",
        "2019-11-05",
        "De ombudsman publiceert zijn rapport in maart. Vervolgens zal ik uw "
        "Kamer mijn reactie hierop sturen.",
        NO_DATE,
    ),
    (
        "K9-3",
        "2019-11-05",
        "Het RIVM rondt de metingen eind 2019 af. Zodra de resultaten er zijn, "
        "zal ik uw Kamer hierover informeren.",
        NO_DATE,
    ),
    (
        "K12-1",
        "2019-04-02",
        "Ik kan u niet toezeggen dat de regeling voor 1 januari gereed is.",
        NOT_A_COMMITMENT,
    ),
    (
        "K12-2",
        "2019-04-02",
        "Wel kan ik toezeggen dat de tarieven dit jaar niet stijgen.",
        NOT_A_COMMITMENT,
    ),
    (
        "K12-control",
        "2019-04-02",
        "Ik zeg u toe dat ik u voor de zomer over de tarieven zal informeren.",
        "2019-07-04",
    ),
]


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


@pytest.mark.parametrize(
    ("letter_date", "text", "answer"),
    [pytest.param(*example[1:], id=example[0]) for example in EXAMPLES],
)
def test_it_gives_each_fault_kind_example_its_right_answer(letter_date, text, answer):
    candidates = extract(text, _date(letter_date), CALENDAR)
    if answer == NOT_A_COMMITMENT:
        assert candidates == []
        return
    assert len(candidates) == 1, [c.sentence for c in candidates]
    due = candidates[0].due_date
    if answer is NO_DATE:
        assert due is None, candidates[0].deadline_phrase
    elif isinstance(answer, tuple):
        assert _date(answer[0]) <= due <= _date(answer[1])
    else:
        assert due == _date(answer)


def test_it_keeps_the_third_party_sentence_out_of_a_promise_that_borrows_no_date():
    """K9: "De toezichthouder verwacht …" is the toezichthouder's date, not the minister's."""
    text = (
        "De toezichthouder verwacht zijn oordeel uiterlijk 15 januari te geven. Ik zal uw Kamer "
        "daarover direct na ontvangst informeren."
    )
    [candidate] = extract(text, _date("2019-11-05"), CALENDAR)
    assert candidate.vague
    assert candidate.deadline_phrase != "uiterlijk 15 januari"


def test_it_keeps_both_owners_of_a_joint_promise():
    """K11: the staatssecretaris and the signing minister both own the promise."""
    text = (
        "De staatssecretaris en ik zullen uw Kamer in juni informeren over de herziening.\n\n"
        "De Minister van Financiën,\nA.B. Jansen\n"
    )
    [candidate] = extract(text, _date("2023-05-02"), CALENDAR)
    assert candidate.owner == "Minister van Financiën en Staatssecretaris van Financiën"
    assert candidate.official == "A.B. Jansen"


def test_it_names_the_office_holder_a_register_item_speaks_of():
    """K11 and K5: a register item in the third person belongs to the one it names."""
    text = (
        "De minister van Financiën zegt de Kamer, naar aanleiding van een vraag van het lid De "
        "Vries over de bankenbelasting, toe de opbrengst jaarlijks in de Miljoenennota te "
        "vermelden."
    )
    [candidate] = extract(text, _date("2019-03-12"), CALENDAR)
    assert candidate.owner == "Minister van Financiën"


def test_it_gives_the_cabinet_its_own_promise():
    text = "Het kabinet spant zich in om het wetsvoorstel nog dit jaar bij de Kamer in te dienen."
    [candidate] = extract(text, _date("2021-04-13"), CALENDAR)
    assert candidate.owner == "het kabinet"


def test_it_takes_no_kamerstuk_from_a_citation_in_the_body():
    """K11: a letter whose header was cut off gets no Kamerstuk, not the one it cites."""
    header = read_header(
        "Den Haag, 3 maart 2024\n\nIn mijn brief van 24 april (Kamerstuk 33 529, nr. 466) heb ik "
        "uw Kamer geïnformeerd over de voortgang.\n"
    )
    assert (header.dossier_number, header.document_number) == ("", "")


def test_it_names_no_owner_when_the_signature_is_cut_off():
    """K11: "ik" is the signer, and without a signature nobody can be named."""
    [candidate] = extract("Ik zal uw Kamer in juni informeren.", _date("2023-05-02"), CALENDAR)
    assert candidate.owner == ""


def test_it_gives_a_promise_of_both_signers_to_both():
    text = (
        "Wij zullen uw Kamer voor de zomer een voortgangsrapportage sturen.\n\n"
        "De minister van Volksgezondheid, Welzijn en Sport, E.I. Schippers\n\n"
        "De staatssecretaris van Volksgezondheid, Welzijn en Sport, M.J. van Rijn\n"
    )
    [candidate] = extract(text, _date("2013-04-03"), CALENDAR)
    assert candidate.owner == (
        "Minister van Volksgezondheid, Welzijn en Sport en "
        "Staatssecretaris van Volksgezondheid, Welzijn en Sport"
    )


def test_it_keeps_every_minister_a_plural_subject_names():
    text = "De ministers van Financiën en van Economische Zaken zullen uw Kamer in mei informeren."
    [candidate] = extract(text, _date("2023-03-14"), CALENDAR)
    assert candidate.owner == "Minister van Financiën en Minister van Economische Zaken"


def test_it_writes_out_an_abbreviated_ministry_and_a_portfolio_minister():
    owners = [
        extract(text, _date("2023-03-14"), CALENDAR)[0].owner
        for text in (
            "De minister van EZK zal de Kamer in mei informeren.",
            "De minister van Rechtsbescherming zal de Kamer in mei informeren.",
        )
    ]
    assert owners == [
        "Minister van Economische Zaken en Klimaat",
        "Minister voor Rechtsbescherming",
    ]


def test_it_dates_a_promise_by_its_own_clause_not_a_third_partys_before_it():
    """K9 within one sentence: the committee's March is not the minister's deadline."""
    text = (
        "De commissie brengt in maart haar rapport uit, waarna ik uw Kamer voor de zomer zal "
        "informeren."
    )
    [candidate] = extract(text, _date("2023-01-17"), CALENDAR)
    assert (candidate.deadline_phrase, candidate.due_date) == ("voor de zomer", _date("2023-07-06"))


def test_it_passes_over_an_earlier_promise_whose_dated_deadline_has_passed():
    """K1: a restated promise overtaken by a new date is a negative; the new date counts."""
    text = (
        "In mijn brief van 3 maart heb ik gemeld dat ik uw Kamer voor 1 april 2020 een notitie "
        "zal doen toekomen. Ik verwacht u de notitie uiterlijk 30 april te doen toekomen."
    )
    candidates = extract(text, _date("2020-04-06"), CALENDAR)
    assert [(c.deadline_phrase, c.due_date) for c in candidates] == [
        ("uiterlijk 30 april", _date("2020-04-30"))
    ]


def test_it_keeps_a_present_tense_promise_for_later_in_the_letters_own_month():
    """K7: "in november" in a November letter is this letter; "eind maart" in March is ahead."""
    found = extract(
        "Ik informeer uw Kamer eind maart over de uitkomsten.", _date("2023-03-05"), CALENDAR
    )
    assert [c.due_date for c in found] == [_date("2023-03-31")]


def test_it_dates_a_second_main_clause_by_its_own_words():
    """K9 within one sentence: "daarna" follows the NZa, whose March is not the minister's."""
    text = "De NZa rapporteert in maart en ik zal uw Kamer daarna informeren."
    [candidate] = extract(text, _date("2023-01-14"), CALENDAR)
    assert (candidate.deadline_phrase, candidate.due_date, candidate.vague) == (
        "daarna",
        None,
        True,
    )
