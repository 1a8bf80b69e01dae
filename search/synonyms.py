"""Vietnamese abbreviations understood by search, in both directions.

Each pair is (abbreviation, full form), written as people type them; the
analysers fold case and diacritics before applying the rules, so "NĐ", "nđ"
and "ND" all mean "Nghị định" and "nghi dinh".

The engine applies them as a contraction on both sides rather than as a
query-time expansion: at index time a full form is also indexed as its
abbreviation (``INDEX_RULES``: "Nghị định" gives nghi, dinh and nd at the same
place), and at query time a full form is looked up as its abbreviation
(``QUERY_RULES``). Either way of writing then matches both, with one term per
abbreviation in the query; expanding "UBND" into the phrase "uy ban nhan dan"
at query time made the engine read the positions of very common words in most
documents, several times slower on a large collection.
"""

ABBREVIATIONS = [
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("QĐ", "Quyết định"),
    ("NQ", "Nghị quyết"),
    ("CT", "Chỉ thị"),
    ("KH", "Kế hoạch"),
    ("QH", "Quốc hội"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
]

# Solr synonym format, shared by OpenSearch and Elasticsearch.
SYNONYMS = [f"{short}, {full}" for short, full in ABBREVIATIONS]
INDEX_RULES = [f"{full} => {full}, {short}" for short, full in ABBREVIATIONS]
QUERY_RULES = [f"{full} => {short}" for short, full in ABBREVIATIONS]
