"""The one exception type for mistakes a user can fix (bad names, values, files)."""


class InputError(ValueError):
    """A user-facing input problem. The message names the value and what is
    allowed, one line per problem (a file check may report several); the CLI
    prints it without a traceback."""
