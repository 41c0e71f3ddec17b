"""Assemble README.md from the sections in docs/readme/ (in file-name order)."""

from pathlib import Path

root = Path(__file__).resolve().parent.parent
sections = sorted((root / "docs" / "readme").glob("*.md"))
text = "\n".join(p.read_text("utf-8").rstrip() + "\n" for p in sections)
(root / "README.md").write_text(text, "utf-8")
print(f"README.md from {len(sections)} sections")
