"""How much kehoach reads of any one input: generous for real files, never unbounded.

Checked before a file is read (its size on disk) and while it is read (a pipe has no
size): a file past its limit is refused with its own message, never read into memory.
README.md ("Limits") states them; the workbook reader's own caps (rows, columns, merged
areas, cell and part sizes) are in :mod:`kehoach.read.xlsx`.
"""

from __future__ import annotations

MIB = 1024 * 1024

# A unit's monthly file: 31 rows in the 2020 plan; a workbook with a logo or a few sheets
# is well under 1 MiB. 50 MiB is a hundred times more than anything sent so far.
MAX_SUBMISSION_BYTES = 50 * MIB
# The plan: 60 KB for the 2020 plan; a roll-up plan of 10,600 units is about 3 MiB.
MAX_PLAN_BYTES = 16 * MIB
# The office's tasks for next month: a page or two of text.
MAX_TASKS_BYTES = 4 * MIB
# Rows with a value in one submission: a unit sends 31 rows a month, the office at most
# 19 units × 31 indicators × 12 months = 7,068 in one file. Past this, reading stops.
MAX_FILE_ROWS = 20_000
# A FIFO or pipe that sends nothing for this long is given up on (seconds).
PIPE_IDLE_SECONDS = 10.0
