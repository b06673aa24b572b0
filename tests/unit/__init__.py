"""unit tests (see docs/architecture.md)."""
