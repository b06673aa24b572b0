"""contract tests (see docs/architecture.md)."""
