"""`python -m policylens` is `policylens`."""

from policylens.cli import main

if __name__ == "__main__":
    main()
