"""One exception tree for clusterkb; the API maps these to HTTP in one place."""


class ClusterKBError(Exception):
    """Root of every error clusterkb raises on purpose."""


class SchemaError(ClusterKBError):
    """A node type, relation type or endpoint that the ontology does not allow."""


class NotFound(ClusterKBError):
    """An entity, document or path that the knowledge base does not hold."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []


class StoreError(ClusterKBError):
    """The store could not be opened, read or written."""


class InputError(ClusterKBError):
    """A file or value given by the user that cannot be used (named in the message)."""


class DeadlineExceeded(ClusterKBError):
    """Work stopped because its request's deadline passed or the server is stopping
    (kb.deadline); `deadline` says which."""

    def __init__(self, message: str, deadline: object = None):
        super().__init__(message)
        self.deadline = deadline


class Busy(ClusterKBError):
    """The server has no room for more CPU-heavy work now; retry in a few seconds."""
