"""One module per ``build-site`` command; each has ``register(subparsers)`` and ``run``.

``COMMANDS`` is the order they appear in ``build-site --help``.
"""

from generator.cli.commands import build, check, extract, init, new, publish, serve

COMMANDS = [build, check, new, extract, publish, serve, init]
