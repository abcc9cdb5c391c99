"""Renderers: the notes document → Markdown (and HTML)."""
