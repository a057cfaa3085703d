"""kratom-quiz: a terminal study app for kratom pharmacology and risk awareness."""
