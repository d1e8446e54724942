"""The data model: every table's schema (``schema``) and the one vocabulary (``vocab``).

The vocabulary holds every word list and label once — chain keys and their English
labels, actors, purposes, indicators, units, comparators, commitments, provinces —
and the schemas and messages that list allowed values are built from it.
"""
