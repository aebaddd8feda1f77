"""``kehoach validate``: check submission files against the plan and the stored data.

Each file goes through the one pipeline submit uses (:func:`kehoach.pipeline.check_file`),
against what is stored under ``--data``, so a file validate finds clean is one submit
accepts (a refusal for a file already stored aside).
"""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.common import (
    EXIT_ERRORS,
    EXIT_OK,
    Progress,
    load_plan_or_fail,
    month_option,
    print_json,
    require_file,
    stdout_console,
    unit_option,
)


def validate_files(
    plan,
    files: list[Path],
    unit: int | None,
    month: int | None,
    data: Path,
    progress=None,
):
    """Check each file; compare with what is stored under ``data`` if it exists.

    The stored data is read once; a file being validated that lives in the data folder is
    left out of the comparison (it would otherwise conflict with itself).
    """
    from kehoach.pipeline import check_file
    from kehoach.read.checks import CheckContext
    from kehoach.read.datafolder import load_data

    ctx = CheckContext(plan, unit=unit, month=month)
    stored = load_data(plan, data, skip=files).dataset if data.is_dir() else None
    results = []
    for n, path in enumerate(files, 1):
        results.append(check_file(plan, path, ctx, stored, data).result)
        if progress:
            progress(n, len(files))
    return results


def run_validate(
    files: list[Path],
    unit: str | None,
    month: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    unit_idx = unit_option(unit, plan, lang)
    month_num = month_option(month, plan, lang)
    if any(str(p) != "-" and p.is_dir() for p in files):
        from kehoach.commands.submit import expand_inputs

        named, files = files, expand_inputs(files, lang)
        if not files:
            from kehoach.commands.common import fail
            from kehoach.commands.submit import SUBMIT_MESSAGES

            fail(
                SUBMIT_MESSAGES["no_files"](lang).format(paths=", ".join(map(str, named))),
                SUBMIT_MESSAGES["no_files_hint"](lang),
            )
    for path in files:
        require_file(path, lang)
    from kehoach.pipeline import is_narrative_file

    narratives = [p for p in files if is_narrative_file(p)]
    if narratives:
        return _validate_with_narratives(
            plan, files, narratives, unit_idx, month_num, data, lang, json_out
        )
    with Progress(lang, enabled=not json_out) as bar:
        results = validate_files(plan, files, unit_idx, month_num, data, bar.update)
    if json_out:
        print_json(
            {
                "files": [
                    {
                        "path": r.path,
                        "rows": r.rows,
                        "ok": r.ok,
                        "errors": [i.to_dict(lang) for i in r.errors],
                        "warnings": [i.to_dict(lang) for i in r.warnings],
                    }
                    for r in results
                ]
            }
        )
    else:
        from kehoach.render.issues import render_file_issues

        console = stdout_console()
        for r in results:
            render_file_issues(r, lang, console)
        if len(results) > 1:
            from kehoach.render.submit import render_validate_summary

            render_validate_summary(results, lang, console)
    return EXIT_ERRORS if any(not r.ok for r in results) else EXIT_OK


def _validate_with_narratives(
    plan, files, narratives, unit_idx, month_num, data: Path, lang: str, json_out: bool
) -> int:
    """Files among which are narrative reports (.docx, .md): each checked by its own
    pipeline (:func:`kehoach.pipeline.check_narrative` for a report), printed in the order
    given."""
    from kehoach.pipeline import check_narrative
    from kehoach.render.narrative import narrative_json, render_narrative_issues

    figures = [p for p in files if p not in narratives]
    checked = {}
    if figures:
        results = validate_files(plan, figures, unit_idx, month_num, data)
        for path, r in zip(figures, results, strict=True):
            checked[path] = ("figures", r)
    for path in narratives:
        root = data if data.is_dir() else None
        checked[path] = ("narrative", check_narrative(plan, path, unit_idx, month_num, root))
    ordered = [checked[p] for p in dict.fromkeys(files)]
    if json_out:
        docs = []
        for kind, r in ordered:
            doc = {
                "path": r.path,
                "rows": r.rows,
                "ok": r.ok,
                "errors": [i.to_dict(lang) for i in r.errors],
                "warnings": [i.to_dict(lang) for i in r.warnings],
            }
            if kind == "narrative":
                doc.update(narrative_json(r, plan))
            docs.append(doc)
        print_json({"files": docs})
    else:
        from kehoach.render.issues import render_file_issues

        console = stdout_console()
        for kind, r in ordered:
            if kind == "narrative":
                render_narrative_issues(r, plan, lang, console)
            else:
                render_file_issues(r, lang, console)
    return EXIT_ERRORS if any(not r.ok for _, r in ordered) else EXIT_OK
