"""Scored session -> SQLite: kept safely and queried for review."""
