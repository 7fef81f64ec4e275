"""``python -m benchmarks``: run the benchmarks (see `benchmarks.run`)."""

from __future__ import annotations

import sys

from .run import main

sys.exit(main())
