"""The engine's version, in one place (reports record it)."""

__version__ = "0.1.0"
