"""Promises recognised by their parts, in the many ways Dutch puts them, and sentences that only
look like promises. Every sentence here is invented to show a rule about Dutch (promises.py),
not taken from a letter; all are read as if in a letter of 14 March 2023.
"""

import datetime
from pathlib import Path

import pytest

from commitments.extraction import ParliamentaryCalendar, extract

BASE_DIR = Path(__file__).resolve().parents[2]
CALENDAR = ParliamentaryCalendar.from_csv(BASE_DIR / "seeds" / "recesses.csv")
LETTER_DATE = datetime.date(2023, 3, 14)

# Main-clause, inverted and verb-final order; first person, the cabinet, a named office, the
# Chamber receiving; future, present with a time, expectation, aim, intention, "zeg toe".
PROMISES = [
    "In de komende weken zal ik met de betrokken partijen overleggen.",
    "Ik zal de uitkomsten van deze rapportage betrekken bij mijn visie op de sector.",
    "Ik informeer u hierover in de volgende voortgangsbrief.",
    "Ik kom hierop terug in de eerstvolgende rapportage.",
    "Daarna wordt de Tweede Kamer geïnformeerd.",
    "De resultaten worden in mei aan u toegezonden.",
    "Ik informeer u zodra de resultaten er zijn.",
    "Als de resultaten bekend zijn, informeer ik u daarover.",
    "Zodra de evaluatie gereed is, stuur ik deze naar uw Kamer.",
    "De minister zegt de Kamer toe dat er in 2025 een evaluatie komt.",
    "De vragen zullen zo spoedig mogelijk worden beantwoord.",
    "Beantwoording van de vragen zal zo spoedig mogelijk plaatsvinden.",
    "De evaluatie zal uw Kamer voor de zomer bereiken.",
    "Ik hoop u voor de zomer te kunnen informeren.",
    "Ik beoog het wetsvoorstel in het najaar bij uw Kamer in te dienen.",
    "Uw Kamer zal hiervan in het najaar in kennis worden gesteld.",
    "Ik zal uw Kamer hiervan verslag doen.",
    "De staatssecretaris zegt de Kamer toe geen onomkeerbare stappen te zetten voor de evaluatie.",
    "Ik kom hier later op terug.",
    "Ik kom op dit punt terug in de volgende voortgangsrapportage.",
    "Ik zal de vaste commissie voor Financiën voor de zomer informeren.",
    "Ik zal uw Kamer voor de zomer informeren over de uitkomsten.",
    "Voor de zomer zal ik uw Kamer informeren over de uitkomsten.",
    "Ik informeer uw Kamer in het najaar over de voortgang.",
    "Uw Kamer ontvangt de evaluatie voor het einde van dit jaar.",
    "De evaluatie ontvangt u voor het einde van dit jaar.",
    "De evaluatie wordt voor het einde van dit jaar aan uw Kamer aangeboden.",
    "Ik verwacht uw Kamer in het najaar de evaluatie te kunnen sturen.",
    "Het kabinet zal de Kamer in het najaar een wetsvoorstel voorleggen.",
    "Ik streef ernaar het wetsvoorstel voor de zomer bij uw Kamer in te dienen.",
    "Ik kom hier voor het zomerreces bij uw Kamer op terug.",
    "Ik ben voornemens uw Kamer in mei een brief te sturen.",
    "Het is mijn voornemen de Kamer voor de zomer te informeren.",
    "Na afronding van het onderzoek zal ik uw Kamer de resultaten toezenden.",
    "Ik zal de Kamer jaarlijks rapporteren over de voortgang.",
    "Over de uitkomsten van dit gesprek zal ik u nader berichten.",
    "Ik zal uw Kamer hierover in de volgende voortgangsrapportage informeren.",
    "De minister zegt toe de Kamer voor 1 juli een brief te sturen over de stand van zaken.",
    "De minister informeert de Kamer voor de zomer over de evaluatie.",
    "De staatssecretaris stuurt de Kamer voor 1 juni een brief over de uitvoering.",
    "De staatssecretaris komt voor het kerstreces terug op de motie.",
    "Ik verwacht dat ik u in mei kan informeren over de uitkomsten.",
    "Ik zal de Kamer informeren zodra de uitkomsten bekend zijn.",
    "Het kabinet streeft ernaar de Kamer nog dit jaar een voorstel te sturen.",
    "Ik zeg u toe de Kamer voor de begrotingsbehandeling te informeren.",
    "Uiterlijk 1 oktober ontvangt u mijn reactie op het rapport.",
    "Mijn reactie op het advies stuur ik u voor de zomer.",
    "De kabinetsreactie op het rapport volgt voor het zomerreces.",
    "Ik laat onderzoeken of de regeling kan worden vereenvoudigd.",
    "Ik neem dit punt mee in de evaluatie van de wet.",
    "Ik zal de suggestie van het lid Van Dijk meenemen bij de herziening.",
    "Wij zullen uw Kamer voor 1 mei een voorstel doen toekomen.",
    "In het voorjaar van 2024 ontvangt uw Kamer de eerste voortgangsrapportage.",
    "Uw Kamer wordt hierover voor de zomer nader geïnformeerd.",
    "De Tweede Kamer zal voor 1 juni worden geïnformeerd over de uitkomsten.",
    "Zoals toegezegd zal ik de Kamer voor de zomer informeren.",
    "De resultaten van de evaluatie zal ik uw Kamer na de zomer doen toekomen.",
    "Ik zal uw Kamer periodiek informeren over de voortgang van de uitvoering.",
    "De minister van Justitie en Veiligheid zal de Kamer in het najaar informeren.",
]

# This letter's own acts, requests, third parties, the past, negation, questions, forecasts,
# effort or states without delivery, promises kept or given up.
NOT_PROMISES = [
    "Ik bericht u dat, zodra de Commissie haar voorstel publiceert, de onderhandelingen beginnen.",
    "Ik zal bezien of aanvullende maatregelen nodig zijn.",
    "Ik zal de uitvoering van de motie nauwlettend volgen.",
    "Ik verwacht hun advies in mei.",
    "In de volgende paragraaf zal ik ingaan op de kosten.",
    "In hoofdstuk 3 zal ik de financiële gevolgen toelichten.",
    "Ik informeer u hierover in de bijgaande voortgangsbrief.",
    "Zoals u weet, worden de gemeenten hierover geïnformeerd.",
    "Zoals uw Kamer weet, worden de gemeenten hierover voor de zomer geïnformeerd.",
    "Zoals u weet, zal het rapport in mei worden gepubliceerd.",
    "Ik kom daar straks nog op terug.",
    "Ik zal daar in mijn tweede termijn op terugkomen.",
    "Als minister informeer ik de Kamer regelmatig over van alles.",
    "Ik kan toezeggen dat de lijst gelijk blijft.",
    "De schriftelijke vragen van het lid Van Dijk kunnen niet binnen de gebruikelijke termijn "
    "van drie weken worden beantwoord.",
    "De vragen zijn op 3 maart beantwoord.",
    "Het kabinet zal het voorstel van de Commissie steunen.",
    "Het kabinet zal zich kritisch opstellen tegenover het voorstel.",
    "Ik hoop dat de situatie verbetert.",
    "Wij willen de doelen in 2030 bereiken.",
    "Zoals u kunt verwachten, is de situatie complex.",
    "Ik kom terug op uw vraag over de kosten.",
    "Tijdens het debat van 3 maart heb ik toegezegd uw Kamer te informeren over de uitkomsten. "
    "Met deze brief doe ik dat.",
    "In deze brief informeer ik uw Kamer over de voortgang.",
    "Hierbij zend ik u het rapport van de commissie.",
    "Met deze brief geef ik invulling aan de toezegging om uw Kamer te informeren over de pilot.",
    "Bijgaand treft u de beantwoording van de vragen aan.",
    "Uw Kamer heeft gevraagd om voor 1 juni een brief te ontvangen over de wachtlijsten.",
    "De Europese Commissie zal in het najaar een voorstel publiceren.",
    "De NZa rapporteert voor de zomer over de wachtlijsten.",
    "Op 12 maart heb ik uw Kamer geïnformeerd over de uitkomsten.",
    "In mijn brief van 3 februari heb ik uw Kamer geïnformeerd over de stand van zaken.",
    "Ik kan niet toezeggen dat de regeling per 1 januari in werking treedt.",
    "Het is niet mogelijk uw Kamer voor de zomer te informeren.",
    "Wilt u de Kamer voor de zomer informeren?",
    "Bent u bereid de Kamer voor de zomer te informeren?",
    "Ik ga hieronder in op de vragen van de commissie.",
    "In paragraaf 3 ga ik in op de financiële gevolgen.",
    "Het kabinet hecht groot belang aan een goede samenwerking met de gemeenten.",
    "Ik heb de NZa gevraagd om voor 1 juli te rapporteren over de wachttijden.",
    "Het debat over de begroting is gepland op 12 november.",
    "Naar verwachting stijgt het aantal aanvragen volgend jaar.",
    "De gemeenten zullen de regeling vanaf 1 januari uitvoeren.",
    "Het is van belang dat we de Kamer goed informeren.",
    "De motie verzoekt de regering de Kamer voor de zomer te informeren.",
    "Het lid Van Dijk vroeg of ik de Kamer voor de zomer kan informeren.",
    "Vorig jaar heb ik toegezegd de Kamer voor de zomer te informeren, en met deze brief doe ik "
    "die toezegging gestand.",
    "Graag informeer ik u over de uitkomsten van het overleg.",
    "Ik wil u graag informeren over de stand van zaken.",
    "In de bijlage vindt u het overzicht van de moties en toezeggingen.",
    "Deze brief gaat in op de vragen van de commissie.",
    "Het rapport is op 1 maart gepubliceerd.",
    "Het kabinet zal zich onverminderd blijven inzetten voor een veilige samenleving.",
    "Dat zal tijd kosten.",
    "We zullen moeten accepteren dat niet alles tegelijk kan.",
    "De commissie zal haar advies in het najaar aan mij uitbrengen.",
    "Ik verwacht dat de commissie haar advies in het najaar uitbrengt.",
    "Ik ga ervan uit dat de gemeenten de regeling tijdig uitvoeren.",
    "Het kabinet wil dat iedereen kan meedoen in de samenleving.",
    "Wij willen de komende jaren investeren in goed onderwijs.",
    "Ik vind het belangrijk dat gemeenten hierover worden geïnformeerd.",
    "Gemeenten worden via de VNG geïnformeerd over de nieuwe regels.",
    "De burgers worden per brief geïnformeerd over hun toeslag.",
    "De Belastingdienst stuurt de betrokkenen in april een brief.",
    "Ik heb de toezichthouder verzocht mij voor de zomer te informeren.",
    "De commissie heeft mij laten weten dat zij haar rapport in juni zal publiceren.",
    "Ik heb begrip voor de zorgen die in uw Kamer leven.",
    "Zoals ik in mijn brief van 1 februari heb aangegeven, is de uitvoering complex.",
    "Uw Kamer is op 3 maart geïnformeerd over de uitkomsten.",
    "De Kamer werd in januari over de voortgang geïnformeerd.",
    "Ik stuurde uw Kamer op 3 februari een brief over de stand van zaken.",
    "In de brief van 3 februari is toegezegd de Kamer voor 1 maart te informeren; met deze brief "
    "kom ik die toezegging na.",
    "Het rapport wordt door het RIVM in het najaar opgeleverd.",
    "Het onderzoek wordt uitgevoerd door een extern bureau.",
    "De inspectie publiceert jaarlijks een rapport over de staat van het onderwijs.",
    "In 2022 ontving uw Kamer de eerste rapportage.",
    "De Kamer ontving in januari de eerste voortgangsrapportage.",
    "Ik heb uw Kamer toegezegd om u voor de zomer te informeren, maar dat lukt helaas niet.",
    "De gemeente zal de bewoners voor de zomer informeren.",
    "Hoe gaat u de Kamer informeren over de voortgang?",
    "Het is aan de gemeenten om burgers tijdig te informeren.",
    "Wij gaan de komende periode in gesprek met de sector.",
    "Ik ga met de sector in gesprek over de uitwerking.",
    "Het kabinet gaat de regeldruk voor ondernemers verminderen.",
    "Dit voorjaar start de campagne van de Rijksoverheid.",
    "Ik zal niet ingaan op individuele zaken.",
    "Ik zal hier niet verder op ingaan.",
    "Zoals bekend zal de wet op 1 januari in werking treden.",
]


@pytest.mark.parametrize("sentence", PROMISES)
def test_it_proposes_a_promise_in_any_of_its_forms(sentence):
    assert [c.sentence for c in extract(sentence, LETTER_DATE, CALENDAR)] == [sentence]


@pytest.mark.parametrize("sentence", NOT_PROMISES)
def test_it_passes_over_what_only_looks_like_a_promise(sentence):
    assert extract(sentence, LETTER_DATE, CALENDAR) == []


def test_it_keeps_only_the_new_date_of_a_promise_given_up():
    text = (
        "In het debat heb ik toegezegd uw Kamer voor 1 mei een brief te sturen. Door vertraging "
        "bij de uitvoerders lukt dat helaas niet. Ik verwacht u de brief in juni te sturen."
    )
    candidates = extract(text, LETTER_DATE, CALENDAR)
    assert [(c.sentence, c.due_date) for c in candidates] == [
        ("Ik verwacht u de brief in juni te sturen.", datetime.date(2023, 6, 30))
    ]


def test_it_tells_which_parts_made_the_promise():
    [candidate] = extract(
        "Ik verwacht dat ik u in mei kan informeren over de uitkomsten.", LETTER_DATE, CALENDAR
    )
    assert candidate.reason == (
        "agent: ik; marker: verwacht; delivery: informeren; deadline: in mei"
    )
