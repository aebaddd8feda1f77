"""The report as data: what the committee's monthly report says, with no formatting
(:mod:`kehoach.report.model`), the office's tasks for its section III
(:mod:`kehoach.report.tasks`) and the ward tables (:mod:`kehoach.report.wards`).
"""
