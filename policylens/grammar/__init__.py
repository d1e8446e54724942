"""The grammar of Chinese policy texts, shared by every extractor.

Numerals as written (``numbers``), time expressions and calendar periods
(``periods``), the clause around a match (``clauses``), the outline of headed
sections (``sections``) and indicator tables (``annex``). Each is a set of pure
functions of the text; nothing here knows about tables or files.
"""
