"""Checks: every rule the content must pass, reported as located problems."""
