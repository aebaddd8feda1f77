"""Entry point for ``python -m kehoach``."""

from kehoach.cli import main

main()
