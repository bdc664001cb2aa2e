"""Engines for SQLite and PostgreSQL, migrations, backup and the search index."""
