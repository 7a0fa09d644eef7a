"""The desktop app (PySide6). It reaches the core only through ``ops`` background operations."""
