"""Exit statuses of every `sotay` command, the same for people, scripts and CI."""

from __future__ import annotations

EXIT_OK = 0  # all is well
EXIT_PROBLEMS = 1  # the data has problems, or the build or the publish failed
EXIT_USAGE = 2  # the command was called the wrong way
EXIT_INTERNAL = 3  # a fault of the program itself, never of the data
