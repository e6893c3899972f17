"""Every word list and small table the verify rules use, in one place.

A rule module says what it does with a list; the list itself is here, so a word can be
added without reading the rule. The numbers the rules tune by (how far a reversing word
reaches, how much of a name two forms share) are ``Config`` fields, not here.
"""

from __future__ import annotations

import re

from ..quantities import ONES, SCALES, TENS

# -- words as written ---------------------------------------------------------------------

# Ligatures PDF extraction loses; a "\ufffd" pasted from the raw file stands for one.
LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")

# -- polarity: reversing words (rules/polarity/reversing.py) --------------------------------

# Words that turn a clause into its opposite: "not", and words of failure, refusal or
# denial. Two of them close together undo each other ("did not lose" is "won"); "nor"
# carries a negation on, it does not undo it.
NEGATORS = frozenset({"not", "no", "never", "none", "nothing", "cannot"})
REVERSING = re.compile(
    r"fail(?:s|ed|ing|ure)?|lost|lose|loses|losing|lack(?:s|ed|ing)?|"
    r"reject(?:s|ed|ing|ion)?|refus(?:e|es|ed|ing|al)|den(?:y|ies|ied|ying|ial)|"
    r"spurn(?:s|ed)?|veto(?:es|ed)?|abandon(?:s|ed)?|scrap(?:s|ped)?|"
    r"cancell?(?:ed|ing|ation)?|cancels?|unable|unsuccessful(?:ly)?|unspecified|undisclosed|"
    r"less|fewer"
)
TURN = frozenset({"turn", "turns", "turned", "turning"})  # "turned down" is "rejected"
# A negator before one of these reverses nothing: "not only", "not surprisingly".
NOT_REVERSING = frozenset({"only", "just", "surprisingly", "coincidentally", "unexpectedly"})
# "X rather than Y", "X instead of Y": the words after the pair are the ones denied.
CONTRASTS = (("rather", "than"), ("instead", "of"))
# Commas and "but" do not end a clause here: a paraphrase moves words across them.
CLAUSE_BREAKS = frozenset({";", ":", ".", "!", "?", "(", ")", "\u2014"})

# -- polarity: opposites (rules/polarity/opposites.py) --------------------------------------

# Words and their opposites: a text that says one where its sentence says the other (and
# neither says both) says the opposite ("smallest" for "largest"). Opposites are far
# apart in context (0.1 to 0.4), so the place of the word is not checked.
OPPOSITES = (
    ("before", "after"),
    ("first", "last"),
    ("more most", "less least fewer"),
    ("large larger largest big bigger biggest", "small smaller smallest"),
    (
        "increase increased increases increasing rise rose risen rising grow grew grown "
        "growing expand expanded expanding",
        "decrease decreased decreases decreasing fall fell fallen falling shrink shrank "
        "shrunk shrinking contract contracted",
    ),
    ("well good better best", "badly poorly bad worse worst"),
    ("strong stronger strongest", "weak weaker weakest"),
    ("fast faster fastest quick quickly rapid rapidly", "slow slower slowest slowly"),
    ("high higher highest", "low lower lowest"),
    ("easy easier", "difficult harder"),
    ("success successful succeeded succeeds", "failure unsuccessful"),
    ("early earlier", "late later"),
    ("permanent lasting", "temporary"),
    ("gave give gives provided provides granted offered", "withheld withhold"),
    ("allowed permitted", "barred banned prohibited"),
    ("welcomed embraced accepted supported backed", "opposed resisted"),
    ("began begin beginning start started", "end ended ending"),
)
OPPOSITE = {  # each word: the words on the other side of its pairs
    word: frozenset(
        w
        for a, b in OPPOSITES
        for one, other in ((a, b), (b, a))
        if word in one.split()
        for w in other.split()
    )
    for pair in OPPOSITES
    for side in pair
    for word in side.split()
}

# -- figures (rules/edits.py, rules/figures/) ---------------------------------------------

# The words of a figure: a figure put for a figure is one word changed ("$500 million" for
# "half-billion-dollar"), as "16" for "sixteen" is.
NUMBER_WORDS = frozenset([*ONES, *TENS, *(s for s in SCALES if len(s) > 1), "half", "quarter"])
FIGURE_TOKENS = NUMBER_WORDS | {"a", "and", "of", "$", "%", "percent", "per", "cent"}
FIGURE_TOKENS |= {"us", "dollar", "dollars", "rm", "ringgit", "yuan", "rmb", "usd", "myr"}
# Where the clause of a figure ends: "46 percent ... in 2010, but more than 80 percent"
FIGURE_CLAUSE_BREAK = re.compile(r";|—|\s–\s|[()]|,\s+(?:but|while|whereas|although|though)\b")

# -- names (rules/names/) -----------------------------------------------------------------

# Small words inside a name that its initials skip: Belt and Road is BR, Ministry of
# Commerce MC.
INSIDE_ACRONYM = frozenset({"and", "of"})
# Words of a name run that are no part of the name's own words: "the", "for".
NAME_FILLERS = frozenset({"for", "the"})
METONYMS = {  # a capital for its government: "Beijing" says what "China" does
    "beijing": ("China", "Chinese"),
    "washington": ("US", "United States", "American"),
}
DEMONYMS = {  # adjectives of countries that share too little of the name to look kindred
    "polish": "poland",
    "irish": "ireland",
    "spanish": "spain",
    "english": "england",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "danish": "denmark",
    "filipino": "philippines",
    "laotian": "laos",
    "american": "us",  # America itself is kindred by its letters
}
# Two forms of one name differ only in their ends, past the letters they share: one keeps
# the name's ending or drops it (China, Sweden: "a", "en"), the other adds the ending of
# an adjective, a people or a plural (Chinese, Swedish, Malaysians, western). "Australia"
# is no form of "Austria" ("alia" is no such ending), nor "Nigeria" of "Niger".
NAME_ENDINGS = frozenset({"", "a", "e", "y", "en", "land"})
FORM_ENDINGS = frozenset({"", "n", "an", "ian", "ean", "ese", "ish", "i", "ern", "s", "ns"})
FORM_ENDINGS |= {"ans", "ians"}
# Names that the endings above would join, but that name two places: Niger is not the
# land of the Nigerians.
LOOKALIKES = frozenset(frozenset(pair) for pair in (("niger", "nigerian"), ("niger", "nigerians")))
