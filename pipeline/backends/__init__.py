"""LLM backends. Stages take a Backend and never import a concrete one."""
