"""Static, bilingual fact-sheet site generator: YAML facts in, a deployable site out."""

__version__ = "0.1.0"
