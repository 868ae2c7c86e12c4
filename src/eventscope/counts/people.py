"""Decide whether a singular noun names one person ("a translator", "a 15-year-old").

A list can never hold every job or role a report may mention, so a noun counts as a
person when any of these holds:

* its lemma is in :data:`PERSON_NOUNS` (roles, jobs, kin, ranks);
* it ends in a suffix that forms nouns for people (-man, -woman, -ist, -ian) and is not
  one of the few things with that ending (:data:`_NOT_PEOPLE`);
* the model tags it as a PERSON or a nationality/group (NORP: "a Palestinian");
* an age modifies it ("a 15-year-old girl", "a 60-year-old"): only people have ages in
  casualty reports.
"""

from __future__ import annotations

from spacy.tokens import Token

PERSON_NOUNS = frozenset(
    {
        # people in general, age groups, kin
        "man", "woman", "child", "boy", "girl", "person", "baby", "infant", "toddler",
        "teenager", "teen", "youth", "adult", "pensioner", "minor", "wife", "husband", "son",
        "daughter", "mother", "father", "brother", "sister", "relative", "cousin", "nephew",
        "niece", "uncle", "aunt", "grandfather", "grandmother", "grandson", "granddaughter",
        "neighbour", "neighbor", "friend", "resident", "villager", "citizen", "national",
        "local", "native", "individual", "civilian", "bystander", "passer-by", "passerby",
        "pedestrian", "passenger", "commuter", "shopper", "customer", "tourist", "visitor",
        "pilgrim", "worshipper", "worshiper", "migrant", "refugee", "asylum-seeker",
        # security forces and armed groups
        "soldier", "officer", "policeman", "policewoman", "trooper", "guard", "sentry",
        "ranger", "gendarme", "marine", "sailor", "airman", "conscript", "recruit", "cadet",
        "reservist", "paratrooper", "sniper", "commando", "captain", "sergeant", "colonel",
        "general", "lieutenant", "major", "corporal", "private", "commander", "fighter",
        "militant", "rebel", "insurgent", "gunman", "attacker", "assailant", "bomber",
        "jihadist", "militiaman", "combatant", "mercenary", "contractor", "bodyguard",
        "informant", "spy", "agent", "warden",
        # occupations
        "journalist", "reporter", "photographer", "cameraman", "correspondent", "editor",
        "blogger", "translator", "interpreter", "fixer", "driver", "pilot", "mechanic",
        "engineer", "technician", "electrician", "plumber", "labourer", "laborer", "worker",
        "employee", "staffer", "volunteer", "farmer", "shepherd", "herder", "herdsman",
        "fisherman", "miner", "trader", "vendor", "merchant", "shopkeeper", "businessman",
        "businesswoman", "banker", "accountant", "clerk", "cashier", "waiter", "cook", "chef",
        "baker", "butcher", "tailor", "carpenter", "builder", "porter", "cleaner", "janitor",
        "courier", "teacher", "lecturer", "professor", "principal", "student", "pupil",
        "schoolboy", "schoolgirl", "scholar", "researcher", "scientist", "doctor", "nurse",
        "medic", "paramedic", "surgeon", "midwife", "pharmacist", "dentist", "lawyer",
        "attorney", "prosecutor", "judge", "magistrate", "priest", "imam", "cleric", "pastor",
        "monk", "nun", "bishop", "preacher", "rabbi", "missionary",
        "firefighter", "rescuer", "lifeguard", "watchman", "caretaker",
        # public life
        "official", "mayor", "governor", "minister", "lawmaker", "legislator", "senator",
        "deputy", "councillor", "councilor", "politician", "candidate", "diplomat",
        "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "aide",
        "assistant", "adviser", "advisor", "secretary", "chief", "leader", "elder", "chairman",
        "president", "activist", "campaigner", "organiser", "organizer", "unionist",
        "protester", "protestor", "demonstrator", "striker", "dissident", "opponent",
        "critic", "member", "supporter", "voter", "observer", "monitor",
        # people in custody or danger
        "prisoner", "inmate", "detainee", "suspect", "hostage", "captive", "convict",
        "defendant", "victim", "survivor", "casualty",
    }
)  # fmt: skip
_PERSON_SUFFIXES = ("man", "woman", "ist", "ian")
# Things whose names end like people's: "a human" is a person, these are not.
_NOT_PEOPLE = frozenset(
    {"van", "caravan", "roman", "german", "ottoman", "shaman", "list", "mist", "wrist", "fist"}
)


def is_person_noun(token: Token) -> bool:
    """Whether ``token`` (a noun) names a person; see the module docstring for why each
    test is there."""
    lemma = token.lemma_.lower()
    if lemma in PERSON_NOUNS:
        return True
    if lemma.endswith(_PERSON_SUFFIXES) and lemma not in _NOT_PEOPLE and len(lemma) > 4:
        return True
    if token.ent_type_ in ("PERSON", "NORP"):
        return True
    return has_age(token)


def has_age(token: Token) -> bool:
    """ "a 15-year-old girl": an age in the noun's modifiers (however the tokenizer split
    "15-year-old")."""
    for child in token.children:
        if child.dep_ not in ("amod", "compound", "nummod", "npadvmod"):
            continue
        words = "".join(t.text for t in child.subtree).lower()
        if "year" in words and "old" in words:
            return True
    return False


__all__ = ["PERSON_NOUNS", "has_age", "is_person_noun"]
