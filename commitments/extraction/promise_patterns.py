"""The patterns promises.py reads a clause with, compiled from the words of promise_words.py.

Every pattern matches whole words, case-insensitively, on a sentence as sentences.py joins it.
The comments say what each pattern is for; promises.py says how the parts combine.
"""

import re

from commitments.extraction import promise_words as w


def compile_words(pattern: str) -> re.Pattern[str]:
    """`pattern` as whole words, case-insensitive."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


# "zoals ik", "naar ik begreep": an aside. "van mijn ministerie", "met het kabinet": not the
# subject.
AGENT = compile_words(
    rf"(?<!zoals\s)(?<!naar\s){w.FIRST_PERSON}"
    rf"|(?<!van\s)(?<!met\s)(?<!aan\s)(?<!door\s)(?<!bij\s)(?<!voor\s){w.GOVERNMENT}"
)
THIRD_PERSON = compile_words(w.THIRD_PERSON)
IMPERSONAL = compile_words(w.IMPERSONAL)
TAKE_ALONG = compile_words(w.TAKE_ALONG)
FOLLOWS = compile_words(w.FOLLOWS)
OFFICE = compile_words(w.OFFICE)
RECIPIENT = compile_words(w.RECIPIENT)
CHAMBER = compile_words(w.CHAMBER)
FUTURE = compile_words(w.FUTURE)
# "gaan we in op" (ingaan, present) and "ga ervan uit" (assume) are no future.
NOT_FUTURE_GAAN = compile_words(
    r"(?:ga|gaan|gaat)\s+(?:\S+\s+){0,8}?in\s+op|(?:ga|gaan|gaat)\s+(?:\S+\s+){0,2}?er\s*van\s*uit"
)
MARKERS = {
    "wish": compile_words(w.WISH),
    "expectation": compile_words(w.EXPECT),
    "aim": compile_words(w.AIM),
    "intention": compile_words(w.INTEND),
    "keeping informed": compile_words(w.CONTINUE),
}
PROMISE = compile_words(w.PROMISE)
# What a promise in so many words promises: "toe … te sturen", "toegezegd om … te evalueren".
PROMISED_INFINITIVE = compile_words(
    r"(?:toe|toegezegd|toezeggen|toezegging)\W*\s(?:\S+\s+){0,30}?te\s+\w+"
)
DELIVERY = compile_words(w.DELIVERY_VERB)
PRESENT_DELIVERY = compile_words(
    r"informeer|informeert|stuur|stuurt|zend|zendt|bied|biedt|bericht|rapporteer|rapporteert"
    r"|(?:kom|komt)\s+(?:\S+\s+){0,10}?(?:terug|met)|(?:dien|leg|deel|licht)\s+(?:\S+\s+){0,10}?"
    r"(?:in|voor|mee)"
    r"|ontvangt|krijgt|ontvang|laat\s+(?:\S+\s+){0,10}?weten"
)
# "Ik kom hier later op terug", "… terug in de voortgangsbrief": coming back is a promise in the
# present tense once it says when or where; without that ("Ik kom terug op uw vraag") it is now.
COMING_BACK = compile_words(r"(?:kom|komt)\s+(?:\S+\s+){0,10}?terug")
LATER = compile_words(r"later|nader|nog|binnenkort|spoedig")
PRESENT_ACT = compile_words(w.PRESENT_ACT)
# A clause in the perfect tells what happened: "Ik heb … zodra ik op de hoogte was … laten weten".
PERFECT = compile_words(r"heb|heeft|hebben|had|hadden")
RECEIVE = (
    r"(?:ontvangen|ontvangt|krijgt|krijgen|tegemoet\s+(?:\S+\s+)?zien|tegemoetzien|verwachten"
    r"|bereiken|bereikt)"
)
RECEIVES = compile_words(
    rf"{w.RECIPIENT}\s+(?:\S+\s+){{0,12}}?{RECEIVE}|(?:ontvangt|krijgt)\s+{w.RECIPIENT}(?!\w)"
)
RECEIVED_PRONOUN = compile_words(r"deze|die|dit|ze|hem")
RECEIVE_MARKER = compile_words(r"zult|zal|zullen|kunt|kan|kunnen|blijf|blijft|blijven")
RECURRING = compile_words(w.RECURRING)
# "te worden geïnformeerd" is a wish ("De wens van de commissie om … te worden geïnformeerd").
PASSIVE_AHEAD = compile_words(rf"(?<!te\s){w.PASSIVE_AHEAD}")
DISCOURSE = compile_words(w.DISCOURSE_VERB)
# After "zal": no act the Chamber could check. Speaking of something (in this letter), a need or
# a possibility ("zal moeten", "zal kunnen"), an effort or a state ("zal zich blijven inzetten"),
# a position taken in a debate or a council ("Het kabinet zal het voorstel steunen").
NO_ACT = compile_words(
    rf"{w.DISCOURSE_VERB}|(?:zal|zullen)\s+(?:\S+\s+){{0,8}}?(?:moeten|kunnen|blijven|inzetten)"
    rf"|{w.AIM}|{w.STANCE}"
)
# Markers that reach into the clause they govern.
LENDING_KINDS = ("expectation", "wish", "aim", "intention")
# "zou", "zouden": the future seen from the past, or a condition; nothing is promised now.
HYPOTHETICAL = compile_words(r"zou|zouden")
# A verb of informing in the present tense followed by "dat": the letter tells something now.
REPORTS = compile_words(r"(?:bericht|informeer|meld|deel|laat)\s+(?:\S+\s+){0,6}?dat")
# A text still to come: "in de volgende voortgangsbrief", "bij de eerstvolgende rapportage".
NEXT_TEXT = compile_words(
    r"(?:in|bij|via|met)\s+(?:de|het|een)\s+(?:volgende|eerstvolgende|komende|eerstkomende|nieuwe)"
    r"\s+(?!paragraaf|hoofdstuk|alinea|onderdeel|deel|sectie|bijlage)\w+"
)
# A condition still to be met: the present tense after it looks ahead.
CONDITION = compile_words(
    r"zodra|nadat|wanneer|indien|(?:als|na)\s+(?:de|het|er|dit|deze|u|uw|ik|wij|we)\s+\w+\s+"
    r"(?:\S+\s+){0,8}?(?:is|zijn|heeft|hebben|wordt|worden|bekend|gereed|afgerond)"
)
DELIVERED = compile_words(
    r"geïnformeerd|ingelicht|gestuurd|gezonden|toegestuurd|toegezonden|opgestuurd|aangeboden"
    r"|in\s+kennis\s+(?:worden\s+)?gesteld|beantwoord"
    r"|voorgelegd|gedeeld|ingediend|op\s+de\s+hoogte\s+(?:worden\s+)?(?:gesteld|gehouden)"
    r"|nader\s+bericht"
)
# Asides that name the Chamber without making it receive: "zoals u weet", "zoals uw Kamer bekend".
ASIDE = compile_words(
    r"zoals\s+(?:u|uw\s+kamer)\s+(?:\S+\s+){0,3}?(?:weet|bekend|is\s+gemeld|heeft\s+kunnen\s+lezen)"
)
# "u" as the one informed, not "zoals u weet": next to the passive or after "aan".
YOU_PASSIVE = compile_words(r"u\s+(?:wordt|zal|zult)|(?:wordt|zal|zult)\s+u|aan\s+u|met\s+u")
PASSIVE_SUBJECT = re.compile(
    r"(?<!\w)(?:wordt|worden)\s+(?:de|het|alle)\s+(?P<noun>\w+)", re.IGNORECASE
)
# Another recipient than the Chamber: "aan de gemeenten gestuurd".
OTHER_RECIPIENT = compile_words(
    r"(?:aan|met)\s+(?:de|alle|het)\s+(?!kamer|commissie|tweede|eerste)\w+"
)
DELIVERABLE = compile_words(w.DELIVERABLE)
OTHERS_DELIVERABLE = compile_words(rf"(?:hun|zijn|haar)\s+(?:\S+\s+)?{w.DELIVERABLE}")
# Questions are put by members of the Chamber: their answers go to it without saying so ("De
# vragen zullen zo spoedig mogelijk worden beantwoord").
ANSWERS = compile_words(r"\w*vragen|beantwoording|antwoorden")
READY = compile_words(w.READY)
READY_AHEAD = compile_words(r"wordt|worden|zal|zullen|is|zijn")
BY_OTHERS = compile_words(
    r"door\s+(?:de|het|een)\s+\w+|heeft\s+(?:\S+\s+){0,4}?(?:toegelicht|aangegeven)"
)
LEGISLATION = compile_words(w.LEGISLATION)
NEGATION = compile_words(w.NEGATION)
THIS_LETTER = compile_words(w.THIS_LETTER)
HABIT = compile_words(w.HABIT)
FULFILLED = compile_words(w.FULFILLED)
GIVEN_UP = compile_words(w.GIVEN_UP)
IN_THIS_DEBATE = compile_words(w.IN_THIS_DEBATE)
REQUEST = compile_words(
    r"(?:uw\s+kamer|de\s+kamer|de\s+commissie|de\s+motie|u)\s+(?:\S+\s+){0,4}?"
    r"(?:verzoekt|vraagt|heeft\s+(?:\S+\s+){0,8}?(?:verzocht|gevraagd))"
    r"|verzoekt\s+(?:\S+\s+){0,3}?(?:de\s+regering|het\s+kabinet)"
    r"|(?<!zoals\s)(?:verzocht|vroeg|vroegen)\s+(?:u|uw\s+kamer|de\s+kamer|de\s+commissie)"
    r"|wens\s+van\s+(?:uw\s+kamer|de\s+kamer|de\s+commissie)"
    r"|(?:wordt|werd|worden|werden)\s+(?:\S+\s+){0,4}?verzocht"
)
STATE_ENDING = compile_words(rf"{w.FUTURE}\s+(?:\S+\s+){{0,4}}?{w.STATE}\s*[.!?]?\s*$")
# Words that open a subordinate clause. "dat" and "die" only before what can start a clause:
# "dat ik", "dat de evaluatie", but not the pointing "dat voornemen".
CLAUSE_START = re.compile(
    r"(?<=[:;]\s)|(?<=\s)(?=(?:waarna|zodra|nadat|voordat|zodat|omdat|wanneer|waarbij|waarin"
    r"|waarmee|terwijl|indien|want)\s)"
    # A second main clause with a subject of its own: "De NZa rapporteert in maart en ik zal …";
    # not a joint subject, whose verb is plural: "De staatssecretaris en ik zullen …".
    r"|(?<=\s)(?=en\s+(?:ik|het\s+kabinet)\s+(?!\w+en\b)\w+)"
    r"|(?<=\s)(?=(?:dat|die)\s+(?:ik|wij|we|hij|zij|ze|u|uw|het|de|een|er|dit|deze|mijn|onze|ons"
    r"|zijn|haar|hun|men|in|op|voor|na|bij|naar|met|nog|ook|zo|(?-i:[A-ZÀ-Þ])\w*)\s)",
    re.IGNORECASE,
)
# A sentence that points back at the one before it ("Uw Kamer zal hierover worden
# geïnformeerd", "Ik verwacht de resultaten ...") needs that sentence to say what is promised.
# Of the "er" forms only "erover" is counted: "ernaar", "erop" and "ervan" mostly belong to fixed
# expressions ("ik streef ernaar", "erop gericht", "ervan uitgaan") that point nowhere.
# "Ik zal dit uiterlijk 13 mei doen" points back too: "dit doen" stands for the act before.
POINTS_BACK = compile_words(
    r"(?:hier|daar)(?:over|van|op|aan|mee|in|naar|omtrent|uit)|erover"
    r"|(?:dit|dat)\s+(?:\S+\s+){0,5}?doen"
    r"|(?:de|het)\s+(?:resultaten|uitkomsten|bevindingen|wetgevingstraject|traject)"
    r"(?!\s+(?:van|uit|over|naar|inzake|met|voor)\b)"
)
