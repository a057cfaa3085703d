"""``python -m kratom_quiz`` runs the command line."""

from kratom_quiz.cli import main

main()
