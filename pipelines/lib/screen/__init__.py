"""Screening: names in, the best matches of a published denylist version out."""
