"""Seed data (JSON, one file per area), read by adapters.postgres.seed.load_seed_data()."""
