"""FieldKit: an offline field kit for embassy staff."""

__version__ = "0.1.0"
