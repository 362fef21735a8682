"""Content: the project's folders, YAML read with positions, and the JSON Schemas."""
