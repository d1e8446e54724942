"""`python -m policylens` is `policylens`."""

from policylens.cli import main

main()
