"""One module per ``build-site`` command; each has ``register(subparsers)`` and ``run``.

``COMMANDS`` is the order they appear in ``build-site --help``.
"""

from . import build, check, extract, init, publish, serve

COMMANDS = [build, check, extract, publish, serve, init]
