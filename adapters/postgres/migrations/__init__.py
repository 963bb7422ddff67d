"""Alembic environment, shipped inside the package; run it through adapters.postgres.migrate."""
