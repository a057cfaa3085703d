"""``python -m kratom_quiz`` runs the command (the app at once when no argument is given)."""

from kratom_quiz.launch import main

main()
