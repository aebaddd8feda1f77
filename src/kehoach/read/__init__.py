"""Readers: one per input format (CSV, workbook), each feeding the same row checks."""
