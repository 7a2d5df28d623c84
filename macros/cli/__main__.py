"""`python -m macros.cli`: the `sotay` command."""

import sys

from .main import main

sys.exit(main())
