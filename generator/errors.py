"""Errors that are the user's to fix: shown as plain messages, never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something in the input or the set-up that the editor or developer must fix.

    The command line prints the messages and exits non-zero; nothing else is shown.
    """

    def __init__(self, summary: str, details: list[str] | None = None) -> None:
        super().__init__(summary)
        self.summary = summary
        self.details = details or []
