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
