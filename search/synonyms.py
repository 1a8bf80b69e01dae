"""Vietnamese abbreviations understood by search, in both directions.

One rule per line in the Solr synonym format that OpenSearch and Elasticsearch
share ("a, b" = equivalent). Rules are written as people type them; the
analyser folds case and diacritics before applying them, so "NĐ", "nđ" and
"ND" all match "Nghị định" and "nghi dinh".
"""

SYNONYMS = [
    "NĐ, Nghị định",
    "TT, Thông tư",
    "QĐ, Quyết định",
    "NQ, Nghị quyết",
    "CT, Chỉ thị",
    "KH, Kế hoạch",
    "QH, Quốc hội",
    "UBND, Ủy ban nhân dân",
    "HĐND, Hội đồng nhân dân",
]
