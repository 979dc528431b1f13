"""Plan Atlas: Chinese local carbon-peaking plans -> structured data -> static site.

Stages (one package each): ingest (file -> clean paragraphs), parse (paragraphs -> plan),
link (names -> canonical ids), render (plans -> Markdown pages), site (MkDocs hooks).
"""
