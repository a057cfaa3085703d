"""Exports to Anki: ``anki.export_apkg`` (.apkg package) and ``text.export_text`` (Anki's text format)."""
