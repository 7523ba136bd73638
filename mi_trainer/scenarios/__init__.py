"""Scenario YAML format: models, safe loading and validation for trainers."""
