"""e2e tests (see docs/architecture.md)."""
