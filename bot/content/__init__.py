"""Answer content the communicatie team edits: store access, safe Markdown, readability."""
