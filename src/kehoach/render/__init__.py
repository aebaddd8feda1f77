"""Renderers: one computed result, drawn for the terminal, text, Markdown, Word or a workbook."""
