"""Names of Dutch ministries and of the posts within them, as the Tweede Kamer's register writes
them: the data behind `commitments.tk.ministries` and the seed of `MinistryAlias`
(migration 0014). Plain data, no imports, so that a migration can read it.

Sources are named per entry. "Issue 16" is this project's issue on the real register;
"FACTS.md" is /work/shared/tk/FACTS.md (the verbatim real samples beside it).
"""

# Ministries of the cabinets since 2010, as we name them, with their usual abbreviations.
KNOWN = {
    "Algemene Zaken": "AZ",
    "Asiel en Migratie": "AenM",
    "Binnenlandse Zaken en Koninkrijksrelaties": "BZK",
    "Buitenlandse Zaken": "BZ",
    "Defensie": "Def",
    "Economische Zaken": "EZ",
    "Economische Zaken en Klimaat": "EZK",
    "Financiën": "Fin",
    "Infrastructuur en Milieu": "IenM",
    "Infrastructuur en Waterstaat": "IenW",
    "Justitie en Veiligheid": "JenV",
    "Klimaat en Groene Groei": "KGG",
    "Landbouw, Natuur en Voedselkwaliteit": "LNV",
    "Landbouw, Visserij, Voedselzekerheid en Natuur": "LVVN",
    "Onderwijs, Cultuur en Wetenschap": "OCW",
    "Sociale Zaken en Werkgelegenheid": "SZW",
    "Volkshuisvesting en Ruimtelijke Ordening": "VRO",
    "Volksgezondheid, Welzijn en Sport": "VWS",
}

# Departments that kept their work under a new name: earlier name -> current name. Their
# commitments belong to the current ministry. Split or merged ministries (Economische Zaken en
# Klimaat, Infrastructuur en Milieu) are not renamings and are not listed.
RENAMED = {
    # FACTS.md: "LNV -> LVVN in 2024"; the real sample TZ202412-116 names the new ministry.
    "Landbouw, Natuur en Voedselkwaliteit": "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "LNV": "Landbouw, Visserij, Voedselzekerheid en Natuur",
    # FACTS.md: "V&J -> JenV in 2017".
    "Veiligheid en Justitie": "Justitie en Veiligheid",
    "VenJ": "Justitie en Veiligheid",
}

# Posts within a ministry (a minister without a ministry of their own, or a state secretary's
# portfolio) that the register writes where a ministry is expected: post -> ministry.
POSTS = {
    # FACTS.md sample TZ202402-164 ("Minister voor Buitenlandse Handel en
    # Ontwikkelingssamenwerking", Ministerie "Buitenlandse Zaken"); issue 16 (the "BHO" bug).
    "Buitenlandse Handel en Ontwikkelingssamenwerking": "Buitenlandse Zaken",
    "BHO": "Buitenlandse Zaken",
    # The same post in the Schoof cabinet: nieuws.nl/algemeen/20240613 (Klever).
    "Buitenlandse Handel en Ontwikkelingshulp": "Buitenlandse Zaken",
    # Issue 16 (the "DenK" bug); the post falls under BZK: techzine.nl/nieuws/trends/473659.
    "Digitalisering en Koninkrijksrelaties": "Binnenlandse Zaken en Koninkrijksrelaties",
    "Koninkrijksrelaties en Digitalisering": "Binnenlandse Zaken en Koninkrijksrelaties",
    # VWS's ministers without portfolio and state secretaries: bvkz.nl (Rutte IV: "minister voor
    # Langdurige Zorg en Sport in plaats van een minister voor Medische Zorg en Sport",
    # "staatssecretaris van Jeugd en Preventie"); wikikids.nl, Ministerie van VWS (Rutte III:
    # Medische Zorg); skipr.nl (Jetten cabinet: "minister van Langdurige Zorg, Jeugd en Sport").
    "Medische Zorg": "Volksgezondheid, Welzijn en Sport",
    "Medische Zorg en Sport": "Volksgezondheid, Welzijn en Sport",
    "Langdurige Zorg en Sport": "Volksgezondheid, Welzijn en Sport",
    "Jeugd en Preventie": "Volksgezondheid, Welzijn en Sport",
    "Langdurige Zorg, Jeugd en Sport": "Volksgezondheid, Welzijn en Sport",
    # Rutte IV posts: nu.nl/formatie-2021/6173765 ("minister voor Natuur en Stikstof bij het
    # ministerie van Landbouw", "minister voor Armoedebeleid, Participatie en Pensioenen" at SZW,
    # "staatssecretaris voor Mijnbouw bij het ministerie van Economische Zaken", a state
    # secretary "voor Cultuur en Media" at OCW, "minister voor Klimaat en Energie");
    # nu.nl/politiek/6176057 ("minister voor Rechtsbescherming" at JenV, Wiersma "minister voor
    # Primair en Voortgezet Onderwijs"); nos.nl/artikel/2411867 ("Toeslagen en Douane" at
    # Financiën).
    "Natuur en Stikstof": "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Armoedebeleid, Participatie en Pensioenen": "Sociale Zaken en Werkgelegenheid",
    "Mijnbouw": "Economische Zaken en Klimaat",
    "Klimaat en Energie": "Economische Zaken en Klimaat",
    "Cultuur en Media": "Onderwijs, Cultuur en Wetenschap",
    "Primair en Voortgezet Onderwijs": "Onderwijs, Cultuur en Wetenschap",
    "Rechtsbescherming": "Justitie en Veiligheid",
    "Toeslagen en Douane": "Financiën",
    # derdekamer.nl, De ministers: "Minister-President, Minister van Algemene Zaken".
    "Minister-president": "Algemene Zaken",
}

# Every other name the register may give a ministry, with the ministry it means.
ALIASES = RENAMED | POSTS
