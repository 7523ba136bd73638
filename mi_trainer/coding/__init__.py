"""Utterance -> MITI codes: spaCy rule-based coding of practitioner and client language."""
