"""The Dutch words a promise to parliament is built from, grouped by the part they play.

A promise has three parts (promises.py puts them together):

- an *agent*: the government speaking (ik, wij, het kabinet, mijn ministerie, de minister of
  staatssecretaris, named or not), or the Chamber as the one who receives ("U ontvangt …",
  "uw Kamer wordt … geïnformeerd");
- a *marker* that makes it a commitment rather than a report: the future (zal, zullen, gaan), a
  wish or an expectation (wil, verwacht, streef ernaar, zet mij in, ben voornemens), a promise in
  so many words (zeg toe, toegezegd), or the present tense together with a time still to come;
- a *delivery* to parliament: a verb of informing or sending in any of its forms (informeren,
  informeer, geïnformeerd, toe te zenden, terugkomen, ontvangen, aanbieden, indienen, delen …),
  or a deliverable noun, compounds included ("voortgangsrapportage", "beleidsreactie").

The patterns are regular-expression fragments without groups, matched case-insensitively on a
sentence as sentences.py joins it (single spaces). Verbs are listed by stem with all the endings
Dutch gives them, so that one entry covers main-clause order ("ik stuur"), verb-final order
("dat ik … stuur"), the infinitive with te ("toe te sturen") and the participle ("toegestuurd").
"""

# Subject pronouns of the writer. "me", "mij" and "ons" are objects and do not make an agent.
FIRST_PERSON = r"(?:ik|wij|we)"
# A ministry's name: capitalised words joined by commas or "en" ("Volksgezondheid, Welzijn en
# Sport"); case-sensitive also inside a pattern that is not, so that a lower-case word ends it.
MINISTRY_NAME = r"(?-i:[A-ZÀ-Þ][\w'-]*(?:(?:,\s*|\s+en\s+|\s+)[A-ZÀ-Þ][\w'-]*)*)"
# Office-holders and bodies of the government. "mijn ambtgenoot" and "mijn voorganger" promise
# for the government as much as "ik" does.
OFFICE = (
    r"(?:minister(?:-president)?|ministers|staatssecretaris|staatssecretarissen|bewindspersonen?|"
    r"bewindslieden|"
    r"ambtgeno(?:ot|ten)|voorganger|ambtsvoorganger)"
)
GOVERNMENT = (
    r"(?:het\s+kabinet|de\s+regering|(?:mijn|ons|onze|het)\s+(?:ministerie|departement)"
    # "Minister Grapperhaus zegt toe": an office and a name, as registers and Handelingen write.
    r"|(?-i:(?:Minister|Staatssecretaris|Minister-president)\s+(?:van\s+)?[A-Z][\w'-]+)"
    rf"|(?:de|mijn|onze)\s+{OFFICE}(?:\s+(?:van|voor)\s+{MINISTRY_NAME})?"
    r"|(?:mijn|onze)\s+(?:inspanningen|inzet|planning|voornemen|streven|bedoeling|intentie"
    r"|verwachting))"
)
# The government's intention said impersonally: "Het streven is om … aan de Kamer te sturen".
IMPERSONAL = (
    r"(?:het\s+(?:streven|voornemen|plan)\s+is|de\s+(?:planning|verwachting|bedoeling)\s+is"
    r"|het\s+is\s+de\s+bedoeling|naar\s+verwachting)"
)
# "hij" and "zij" stand for a minister named earlier in the sentence ("De minister … zegt de
# Kamer toe dat hij …"); promises.py only counts them then.
THIRD_PERSON = r"(?:hij|zij)"

# The Chamber or a committee as the one who receives.
CHAMBER = (
    r"(?:(?:uw|de|beide|de\s+eerste|de\s+tweede)\s+(?:kamer|kamers|(?:vaste\s+)?commissie)"
    r"|de\s+(?:eerste|tweede)\s+kamer(?:\s+der\s+staten-generaal)?|beide\s+kamers"
    r"|het\s+parlement|de\s+staten-generaal)"
)
RECIPIENT = rf"(?:{CHAMBER}|u)"

# The future and intentions. "ga/gaan" is the future only before an infinitive: "gaan we in op"
# is the present of "ingaan", and "ga ervan uit" an assumption (promises.py excludes both).
FUTURE = r"(?:zal|zullen|zult|ga|gaan|gaat)"
# A wish or a hope promises only with a time: "Ik hoop u voor de zomer te informeren".
WISH = r"(?:wil|wilt|willen|hoop|hopen)"
EXPECT = r"(?:verwacht|verwachten|de\s+verwachting\s+is|naar\s+verwachting)"
AIM = (
    r"(?:streef|streeft|streven|(?:is|zijn)\s+erop\s+gericht|erop\s+gericht)"
    # "zet mij ervoor in", "zet het kabinet zich in om", "spant zich in om"
    r"|(?:zet|zetten|span|spant|spannen)\s+(?:\S+\s+){0,6}?(?:mij|me|zich|ons)\s+"
    r"(?:\S+\s+){0,3}?in\b|(?:mij|me|zich|ons)\s+(?:\S+\s+){0,3}?(?:inzetten|inspannen)"
)
INTEND = (
    r"(?:voornemens|van\s+plan|beoog|beoogt|beogen|besloten|besluit|(?:mijn|ons)\s+voornemen|het\s+voornemen|planning\s+is|"
    r"(?:stel|stellen)\s+(?:(?:ik|wij|we)\s+)?(?:u\s+)?voor)"
)
# Keeping the Chamber informed is a promise in any tense: "Ik houd uw Kamer op de hoogte".
CONTINUE = r"(?:blijf|blijft|blijven|houd|houdt|houden)"
# A promise in so many words. "toegezegd" reports an earlier one; promises.py decides whether it
# is still open.
PROMISE = r"(?:zeg|zegt|zeggen)\s+(?:\S+\s+){0,50}?toe|toezeggen|toegezegd|toezegging"
# How often a standing duty recurs: "ontvangt de Kamer halfjaarlijks een rapportage".
# "per jaar" is mostly a rate ("5 miljoen euro per jaar"), so only "per kwartaal" counts.
RECURRING = (
    r"(?:(?:half)?jaarlijks|maandelijks|periodiek|(?:elk|ieder)\s+(?:jaar|halfjaar|half\s+jaar"
    r"|kwartaal|maand)|per\s+kwartaal|(?:twee|drie|vier)\s+keer\s+per\s+jaar)"
)

# Delivery verbs by stem; DELIVERY_VERB adds the endings. "stuur" covers stuur, stuurt, sturen,
# gestuurd, toe te sturen, toegestuurd, opgestuurd.
_SEND_STEMS = r"(?:stuur|stuurt|sturen|zend|zendt|zenden|zond|zonden)"
_SENT = r"(?:gestuurd|gezonden|toegestuurd|toegezonden|opgestuurd|verstuurd|verzonden)"
DELIVERY_VERB = (
    r"(?:informeren|informeer|informeert|geïnformeerd|inlichten|ingelicht|licht\s+(?:\S+\s+){0,8}?in"
    r"|berichten|bericht|rapporteren|rapporteer|rapporteert|gerapporteerd|terugrapporteren"
    r"|terugkoppelen|teruggekoppeld|koppel\s+(?:\S+\s+){0,8}?terug"
    # "sturen op" is to steer towards: "blijven sturen op 25% reductie".
    rf"|(?:toe|op|ver|door)?(?:te\s+)?{_SEND_STEMS}(?!\s+op\b)|{_SENT}"
    r"|doen\s+toekomen|doen\s+komen|(?:laten|laat)\s+toekomen|laten\s+weten"
    r"|aanbieden|aangeboden|aan\s+te\s+bieden|(?:bied|biedt)\s+(?:\S+\s+){0,10}?aan"
    r"|voorleggen|voorgelegd|voor\s+te\s+leggen|leg\s+(?:\S+\s+){0,8}?voor"
    r"|indienen|ingediend|in\s+te\s+(?:kunnen\s+)?dienen|dien\s+(?:\S+\s+){0,8}?in"
    r"|delen|gedeeld|te\s+delen"
    r"|op\s+de\s+hoogte|in\s+kennis\s+(?:te\s+)?(?:stellen|stel|gesteld)"
    r"|verslag\s+(?:te\s+)?(?:doen|uitbrengen)|(?:doe|breng)\s+(?:\S+\s+){0,8}?verslag"
    r"|terugkomen|terug\s+te\s+komen|teruggekomen|(?:kom|komt)\s+(?:\S+\s+){0,10}?terug"
    r"|ontvangen|ontvangt|tegemoet\s+(?:\S+\s+)?zien|tegemoetzien"
    r"|beantwoorden|beantwoord"
    r"|publiceren|openbaar\s+maken|vermelden|melden|mededelen|verantwoorden|toelichten"
    r"|verstrekken|verstrekt|presenteren|presenteer|presenteert|gepresenteerd|uitbrengen"
    r"|(?:kom|komt)\s+(?:\S+\s+){0,6}?met|komen\s+met)"
)
# Speaking of something in a text: a promise only when a text to come is named ("In de
# voortgangsbrief van juni zal ik ingaan op …"); otherwise the letter itself ("Ik zal ingaan op
# de aanbevelingen").
DISCOURSE_VERB = r"(?:ingaan\s+op|in\s+te\s+gaan\s+op|(?:ga|gaan)\s+(?:\S+\s+){0,8}?in\s+op)"
# Taking something along or having it studied: acts the Chamber can hold a minister to also in
# the present tense ("Ik neem uw suggestie mee in de evaluatie", "Ik laat onderzoeken of …").
TAKE_ALONG = (
    r"(?:neem|neemt|nemen)\s+(?:\S+\s+){0,10}?mee\s+(?:in|bij)|(?:meenemen|mee\s+te\s+nemen)\s+(?:in|bij)"
    r"|(?:laat|laten)\s+(?:\S+\s+){0,8}?(?:onderzoeken|uitzoeken|evalueren|in\s+kaart\s+brengen"
    r"|doorrekenen|uitvoeren|opstellen)"
)
# A deliverable that follows: "De beantwoording volgt zo spoedig mogelijk".
FOLLOWS = r"(?:volgt|volgen)"
# Participles of a deliverable becoming ready: "De evaluatie is begin 2017 gereed".
READY = (
    r"(?:opgeleverd|gepubliceerd|afgerond|gereed|klaar|voltooid|verschijnt|verschijnen"
    r"|beschikbaar|openbaar\s+gemaakt|plaatsvinden|plaatsvindt)"
)
# Deliverables, as the last part of a word so that compounds count: "evaluatiebrief",
# "voortgangsrapportage", "beleidsreactie", "kabinetsstandpunt".
DELIVERABLE = (
    r"\w*(?:brief|brieven|rapport|rapportage|rapportages|notitie|nota|reactie|evaluatie|"
    r"overzicht|verslag|analyse|onderzoek|advies|visie|agenda|beantwoording|antwoorden|"
    r"uitkomsten|resultaten|bevindingen|monitor|verkenning|strategie|uitwerking|"
    r"wetsvoorstel|voorstel|plan|standpunt|update|informatie|doorlichting|inventarisatie)"
)
# Legislation being prepared goes to parliament in the end.
LEGISLATION = (
    r"(?:wetgevingstraject|wetsvoorstel|wetswijziging)\s+(?:is|wordt)\s+(?:\S+\s+){0,2}?"
    r"(?:gestart|in\s+gang\s+gezet|opgestart|in\s+voorbereiding|voorbereid)"
)
# Present-tense verbs that promise only together with a time to come ("Begin april kom ik met
# een beleidsbrief", "Aanvullend start mijn departement dit jaar nog met …").
PRESENT_ACT = r"(?:start|begin|begint|starten|beginnen)"
# Passive auxiliaries that look ahead; "is" and "werd" look back ("is u toegezonden").
PASSIVE_AHEAD = r"(?:wordt|worden|zal\s+worden|zullen\s+worden|zal|zullen)"

# What cancels a promise in its own clause. "niet later dan" and "niet alleen" do not.
NEGATION = r"(?:niet|geen|nooit)(?!\s+(?:later|eerder|alleen|langer|meer\s+dan|uitgesloten)\b)"
# What this very letter does: it is sent now, not promised.
THIS_LETTER = (
    r"(?:(?:in|met|via|middels|door\s+middel\s+van)\s+(?:deze|onderhavige|de\s+voorliggende|dit)"
    r"\s+(?:kamer)?(?:brief|schrijven)"
    r"|hierbij|bijgaande?|bijgevoegd\w*|hieronder|onderstaande?|in\s+het\s+navolgende"
    r"|(?:in|als)\s+(?:de\s+)?bijlage|treft\s+u\s+(?:\S+\s+){0,6}?aan"
    # Its own parts: "In de volgende paragraaf zal ik ingaan op …", "In hoofdstuk 3 …".
    r"|(?:in|onder)\s+(?:de\s+|deze\s+)?(?:volgende\s+|vorige\s+)?(?:paragraaf|paragrafen"
    r"|hoofdstuk|alinea|onderdeel))"
)
# Later in the same debate, as a minister speaks in the Handelingen: "Ik kom daar straks op terug",
# "Ik zal daar in mijn tweede termijn op ingaan".
IN_THIS_DEBATE = (
    r"(?:in\s+(?:mijn|de)\s+(?:eerste|tweede)\s+termijn|straks|zo\s+meteen|zometeen|dadelijk"
    r"|zo\s+direct|aanstonds|later\s+in\s+dit\s+debat)"
)
# A recurring act done again now: "Zoals gebruikelijk zend ik u ook dit voorjaar …".
HABIT = (
    r"(?:zoals\s+(?:gebruikelijk|elk\s+jaar|ieder\s+jaar|gewoonlijk|jaarlijks)"
    r"|ook\s+dit\s+(?:jaar|voorjaar|najaar))"
)
# A promise the letter keeps or overtakes: "doe ik gestand", "is hiermee afgedaan".
FULFILLED = (
    r"(?:gestand|afgedaan|(?:voldoe|voldoen|voldaan)\s+(?:\S+\s+){0,3}?aan"
    r"|(?:geef|geven)\s+(?:\S+\s+){0,4}?(?:invulling|uitvoering|gevolg)\s+aan"
    r"|(?:kom|komen)\s+(?:ik|wij|we)\s+(?:\S+\s+){0,4}?na|hiermee\s+(?:kom|doe|geef|voldoe))"
)
# A restated promise that will not be kept as made: "maar dat lukt helaas niet".
GIVEN_UP = (
    r"(?:lukt|lukken|gelukt)\s+(?:\S+\s+){0,2}?niet|niet\s+(?:\S+\s+){0,2}?(?:haalbaar|mogelijk|lukken)"
    r"|(?:vertraging|uitgesteld|uitstel)"
)
# Positions taken, as a geannoteerde agenda states them for a council: no act to check.
STANCE = (
    r"(?:steunen|onderschrijven|verwelkomen|instemmen|stemmen|pleiten|benadrukken|uitdragen"
    r"|aandringen|hechten|constructief|kritisch|positief|terughoudend)"
)
# Verbs after "zal" that state rather than act: "Ik zal eindverantwoordelijk blijven".
STATE = r"(?:blijven|zijn|worden|hebben)"
