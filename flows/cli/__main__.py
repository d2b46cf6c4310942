"""`python -m flows.cli`: the `factcheck` command."""

import sys

from flows.cli import main

sys.exit(main())
