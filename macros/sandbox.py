"""Runs the Jinja that mkdocs-macros applies to every page in a sandbox.

mkdocs-macros renders pages with a plain Jinja Environment: `{{ cycler.__init__.__globals__ }}` in a
page would reach Python internals and could run code on the build machine. A SandboxedEnvironment
refuses such access (SecurityError), and with `on_error_fail` the build stops and says where.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment

_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "undefined",
             "optimized", "finalize", "autoescape", "loader", "cache_size", "auto_reload")


def sandboxed_copy(env: Environment) -> SandboxedEnvironment:
    """A sandboxed environment with the same delimiters, loader, globals, filters and tests."""
    settings: dict[str, Any] = {name: getattr(env, name) for name in _SETTINGS if hasattr(env, name)}
    settings["cache_size"] = 400
    sandbox = SandboxedEnvironment(extensions=list(env.extensions), **settings)
    sandbox.globals.update(env.globals)
    sandbox.filters.update(env.filters)
    sandbox.tests.update(env.tests)
    return sandbox


def sandbox_macros_plugin(plugin: Any) -> None:
    """Replace the plugin's Jinja environment by its sandboxed copy (mkdocs-macros keeps it in `_env`)."""
    if isinstance(plugin.env, SandboxedEnvironment):
        return
    plugin._env = sandboxed_copy(plugin.env)
