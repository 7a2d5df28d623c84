"""Sổ tay tuyên truyền: the domain core (data model, loading, checking) and a thin MkDocs layer.

Everything except `mkdocs_hooks`, `site_macros` imports nothing from MkDocs, so the engine can be replaced.
"""
