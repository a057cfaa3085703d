"""Schema revisions this version knows; no SQLAlchemy or Alembic import, so the start path can read them."""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
"""Every revision under migrations/versions, oldest first (a test keeps this in step with Alembic)."""

HEAD_REVISION = KNOWN_REVISIONS[-1]
"""The newest schema revision this version of the app knows."""
