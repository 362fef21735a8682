"""Text: Arabic normalization shared by search and extraction."""
