"""Ingest stage: a raw source file -> clean paragraphs with provenance."""
