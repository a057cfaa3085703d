"""Everything Textual: the study app, its screens and widgets."""
