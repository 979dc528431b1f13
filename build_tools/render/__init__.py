"""Render stage: structured plans -> Markdown pages and downloads in content/."""
