"""The one error type users see: it names the file and says what is wrong."""


class SourceError(Exception):
    """A source file that cannot be turned into a plan."""

    def __init__(self, file: str, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
