"""integration tests (see docs/architecture.md)."""
