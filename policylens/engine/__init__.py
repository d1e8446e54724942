"""Running the extractors over a corpus: one document's rows, their cache, processes, frames.

* :mod:`~policylens.engine.unit` — one document in, plain rows of every per-document
  table out (no DataFrame: rows are cheap to cache and to move between processes);
* :mod:`~policylens.engine.cache` — those rows kept on disk per document, keyed by its
  text, issue date and the extractor's code, so editing one document re-extracts one;
* :mod:`~policylens.engine.pool` — batches of documents over a process pool;
* :mod:`~policylens.engine.frames` — one DataFrame per table from the rows of a batch.
"""
