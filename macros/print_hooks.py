"""MkDocs hooks for printing and PDFs (filled in by the print work)."""

from __future__ import annotations
