"""The document the committee signs: the report model (:mod:`kehoach.report.model`) in
its frame, the title naming the tasks ahead, the opening citing the plan's basis and the
plan (:mod:`kehoach.report.frame`), the signer, and the annex after the signature
(:mod:`kehoach.report.annex`). Pure, like the model.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kehoach.core.attainment import StatusResult
from kehoach.core.models import Plan
from kehoach.read.datafolder import DataLoad
from kehoach.report.annex import build_annex
from kehoach.report.frame import opening_text, report_title
from kehoach.report.model import Report, build_report, report_number


def frame_report(
    report: Report,
    plan: Plan,
    status: StatusResult,
    lang: str,
    report_date: date,
    *,
    number: str | None = None,
    signer: str | None = None,
) -> Report:
    """``report`` with its title, opening, signer and annex as the signed document has
    them; ``signer`` names the signer in place of the plan's ``report.signer_name``."""
    header = replace(report.header, title=report_title(plan, status.year, status.month, lang))
    signature = report.signature
    if signer is not None:
        signature = replace(signature, name=" ".join(signer.split()))
    return replace(
        report,
        header=header,
        opening=opening_text(plan, status.year, status.month, lang),
        signature=signature,
        meta_title=f"{header.kind} {header.title}",
        annex=build_annex(plan, status, lang, report_number(plan, number, lang), report_date),
    )


def build_document(
    plan: Plan,
    status: StatusResult,
    load: DataLoad,
    lang: str,
    report_date: date,
    *,
    number: str | None = None,
    signer: str | None = None,
    **options,
) -> Report:
    """:func:`kehoach.report.model.build_report` with the frame of the signed document;
    ``options`` are build_report's own (tasks, revisions, ward_tables, charts, …)."""
    report = build_report(plan, status, load, lang, report_date, number=number, **options)
    return frame_report(report, plan, status, lang, report_date, number=number, signer=signer)
