"""MkDocs hooks for the site's own Vietnamese search (filled in by the search work)."""

from __future__ import annotations
