"""``python -m benchmarks.curtois``: see `benchmarks.curtois`."""

from __future__ import annotations

import sys

from . import main

sys.exit(main())
