"""subnotes: clean, segment and outline Chinese talk transcripts, with every line grounded."""

__version__ = "0.1.0"
