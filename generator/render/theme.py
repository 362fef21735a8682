"""Where templates come from: the project's ``templates/`` over the packaged ones.

Apart from the renderer so that a build can tell whether templates changed without
importing Jinja.
"""

from __future__ import annotations

from pathlib import Path


def packaged_templates() -> Path:
    """The default templates: shipped in the wheel, or the repository's own folder."""
    inside = Path(__file__).parents[1] / "_templates"
    return inside if inside.is_dir() else Path(__file__).parents[2] / "templates"


def template_dirs(project_templates: Path) -> tuple[Path, ...]:
    """Search order: the project's ``templates/`` first, then the packaged defaults."""
    dirs = [project_templates] if project_templates.is_dir() else []
    default = packaged_templates()
    if not dirs or default.resolve() != dirs[0].resolve():
        dirs.append(default)
    return tuple(dirs)


def changed_templates(dirs: tuple[Path, ...]) -> set[str]:
    """Names of the templates a project changed: its own files that are not, byte for
    byte, the packaged template of the same name (a copy is no change)."""
    default = packaged_templates()
    changed = set()
    for folder in dirs:
        if folder.resolve() == default.resolve():
            continue
        for path in folder.rglob("*.html"):
            name = path.relative_to(folder).as_posix()
            packaged = default / name
            if not packaged.is_file() or packaged.read_bytes() != path.read_bytes():
                changed.add(name)
    return changed
