"""``python -m helpers …``: the same commands as ``readouts …``."""

import sys

from .cli import main

sys.exit(main())
