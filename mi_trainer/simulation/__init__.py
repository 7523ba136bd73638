"""Codes -> client reaction: the deterministic family-member engine."""
