"""Cache: what one build keeps for the next (parsed files, fingerprints, rendered pieces)."""
