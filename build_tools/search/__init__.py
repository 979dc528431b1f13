"""Search stage: the built pages of an edition -> a static, sharded bigram index (search-index/).

In the spirit of Lucene's CJKBigramFilter: Chinese as overlapping character bigrams, English as lightly
stemmed words; the postings name the entries holding a token, and a phrase is verified on the entry's
text, so it is found exactly as written. Modules, in pipeline order:

    tokens.py    normalise, tokenise (bigrams, words, stem), the shard hash; mirrored by search.js
    extract.py   built HTML -> entries, one per deepest anchor (#t2-3, #s1-1-p1, headings)
    synonyms.py  agency abbreviations from data/taxonomy/agency_types.yml (发改委 = 发展改革委)
    postings.py  postings as varints, shards by token hash, hot tokens' files (some against a base)
    index.py     entries -> manifest, postings shards, hot tokens, entries, a store of distinct sentences,
                 the filters' facets; gzip files (byte-identical for the same site)
    query.py     the reference query (phrases, synonyms, filters, ranking, the page fallback), as the
                 browser runs it

Material's lunr search ships the whole index to every visitor and cannot match a Chinese phrase; Pagefind
(measured on the same corpus, see tests/benchmarks/bench_search.py) splits Chinese queries and pages
differently and misses phrases present on every page. Hence this small engine.
"""
