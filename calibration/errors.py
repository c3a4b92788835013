"""The one exception type for mistakes a user can fix (bad names, values, files)."""


class InputError(ValueError):
    """A user-facing input problem. The message is one line that names the
    value and what is allowed; the CLI prints it without a traceback."""
