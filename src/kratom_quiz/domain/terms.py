"""Built-in terms of kratom pharmacology, for telling a near-miss typed answer from a typo."""

from __future__ import annotations

# Terms a learner may confuse with one another. A near miss that is itself one of these is a different
# answer, not a typo: "hypotension" for "hypertension", "CYP3A5" for "CYP3A4", "beta" for "delta".
DOMAIN_TERMS = frozenset((
    # Kratom and its alkaloids
    "kratom", "Mitragyna speciosa", "Rubiaceae", "ketum", "kakuam", "thang", "biak",
    "mitragynine", "7-hydroxymitragynine", "mitragynine pseudoindoxyl", "paynantheine", "speciogynine",
    "speciociliatine", "corynantheidine", "9-hydroxycorynantheidine", "mitraphylline", "isomitraphylline",
    "rhynchophylline", "isorhynchophylline", "corynoxine", "corynoxine B", "ajmalicine", "mitraciliatine",
    "isopaynantheine", "epicatechin",
    # Receptors, Greek letters, mechanisms
    "mu", "delta", "kappa", "alpha", "beta", "gamma", "sigma", "nu", "mu opioid", "delta opioid",
    "kappa opioid", "nociceptin", "opioid", "adrenergic", "alpha-1 adrenergic", "alpha-2 adrenergic",
    "serotonin", "5-HT1A", "5-HT2A", "5-HT2B", "dopamine", "D2", "adenosine", "agonist", "antagonist",
    "partial agonist", "full agonist", "inverse agonist", "G protein", "beta-arrestin",
    # Metabolism
    "CYP3A4", "CYP2D6", "CYP2C9", "CYP2C19", "CYP1A2", "CYP3A5", "P-glycoprotein", "UGT", "liver", "kidney",
    # Other substances
    "morphine", "codeine", "oxycodone", "hydrocodone", "fentanyl", "heroin", "opium", "methadone",
    "buprenorphine", "naloxone", "naltrexone", "tramadol", "caffeine", "nicotine", "alcohol", "cannabis",
    "benzodiazepines", "gabapentin", "modafinil",
    # Effects and risks
    "hypertension", "hypotension", "tachycardia", "bradycardia", "hepatotoxicity", "nephrotoxicity",
    "cardiotoxicity", "neurotoxicity", "respiratory depression", "sedation", "stimulation", "analgesia",
    "euphoria", "seizure", "seizures", "withdrawal", "tolerance", "dependence", "addiction", "overdose",
    "constipation", "nausea", "vomiting", "insomnia", "anxiety", "salmonella", "contamination",
    "heavy metals", "lead", "nickel",
    # Regulation
    "FDA", "DEA", "WHO", "NIDA", "CDC", "Schedule I", "Schedule II", "Schedule III", "Schedule IV",
))  # fmt: skip

# The glossary's short forms: each group is one term with the other names a learner may type for it
# (abbreviations, a receptor named by its Greek letter). Any form counts as the term wherever the term is
# the answer, and the reverse. A form belongs to one group only; a part that drops the distinguishing word
# is no form ("speciosa" is not "M. speciosa"), and a broader name is none either ("opioid receptor" is not
# "mu-opioid receptor").
SHORT_FORMS: tuple[tuple[str, ...], ...] = (
    ("central nervous system", "CNS"),
    ("peripheral nervous system", "PNS"),
    ("mu-opioid receptor", "mu-opioid", "mu receptor", "mu", "MOR"),
    ("delta-opioid receptor", "delta-opioid", "delta receptor", "DOR"),
    ("kappa-opioid receptor", "kappa-opioid", "kappa receptor", "KOR"),
    ("7-hydroxymitragynine", "7-OH", "7-OH-mitragynine"),
    ("Mitragyna speciosa", "M. speciosa"),
    ("serotonin", "5-HT", "5-hydroxytryptamine"),
    ("gamma-aminobutyric acid", "GABA"),
    ("norepinephrine", "noradrenaline"),
    ("epinephrine", "adrenaline"),
    ("cytochrome P450", "CYP450", "P450"),
    ("P-glycoprotein", "P-gp"),
    ("selective serotonin reuptake inhibitor", "SSRI"),
    ("monoamine oxidase inhibitor", "MAOI"),
    ("nonsteroidal anti-inflammatory drug", "NSAID"),
    ("opioid use disorder", "OUD"),
    ("substance use disorder", "SUD"),
    ("randomized controlled trial", "randomised controlled trial", "RCT"),
    ("conflict of interest", "COI"),
    ("drug-induced liver injury", "DILI"),
    ("gastrointestinal", "GI"),
    ("Food and Drug Administration", "FDA", "US Food and Drug Administration"),
    ("Drug Enforcement Administration", "DEA"),
    ("World Health Organization", "WHO"),
    ("National Institute on Drug Abuse", "NIDA"),
    ("Centers for Disease Control and Prevention", "CDC"),
)  # fmt: skip
