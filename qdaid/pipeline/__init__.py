"""The build-time half: article text → the records of every table.

text → paragraphs, sentences, clauses (text) → honoree sections (sections) → quantities
(quantities, numbers) → metric and period (classify) → region (regions, gazetteer) → part_of
(links) → records (records); events and programs (narrative). The vocabulary is data
(qdaid/vocabulary/*.json, read by lexicon and gazetteer). Nothing here imports the query half.
"""
