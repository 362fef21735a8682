"""``python -m generator.cli``: the same as the ``build-site`` command."""

import sys

from generator.cli import main

sys.exit(main())
