"""File formats at the edge, other than the workbook (``rostering/workbook/``).

- ``rostering/formats/curtois.py``: the Curtois & Qu benchmark instances (``roster bench
  curtois``).
"""
