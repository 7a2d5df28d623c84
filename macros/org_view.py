"""View helpers for the org pages (filled in with the templates that use them)."""

from __future__ import annotations
