"""FieldKit: an offline field kit for embassy staff."""

import os

__version__ = "0.1.0"

# FieldKit uses no pydantic plugins. Looking for them reads every installed package's metadata
# when the first model is built: about 20 ms of every command's and the app's start.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
