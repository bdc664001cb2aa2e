"""Importing legacy client lists (Excel, CSV): read a sheet (`readers`), map its columns
to fields (`headers`, `mapping`), normalise each row (`normalise`), then deduplicate and
write one undoable batch (`batches`)."""
