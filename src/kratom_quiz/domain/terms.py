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
