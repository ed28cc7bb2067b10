"""`python -m mapgen` runs the mapgen command."""

from .cli import main

main()
