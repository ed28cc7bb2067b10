"""The few helpers every room of mapgen may use: text folding, cache paths, atomic files, countries.

Nothing here imports from read, place, draw or write.
"""
