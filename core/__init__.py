"""The bottom layer: what every other layer may use (the user-facing error type)."""
