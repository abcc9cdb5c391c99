"""Renderers: the notes document → Markdown, the review page with its mind-map tab, OPML, and
cleaned subtitles."""
