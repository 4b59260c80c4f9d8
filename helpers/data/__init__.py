"""Layer 1 — data: read, decode and check the files in ``data/`` into one :class:`Corpus`.

Nothing above this layer reads the disk. Modules: ``paths`` (where the data
folder is), ``schema`` (the tables and their rules), ``text`` (normalising,
search keys, sentences), ``validation`` (every rule, ``file:row:column — fix``),
``loading`` (the Corpus and the loaders), ``registry`` (registering a new
article), ``files`` (the one atomic write).
"""
