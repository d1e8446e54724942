"""The installed policylens version, read once from the package metadata (pyproject.toml)."""

from importlib.metadata import version

__version__ = version("policylens")
