"""``veerkracht report``: the council report of a compare result folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import app, fail, out


@app.command()
def report(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Result folder of 'veerkracht compare' (its --out).", show_default=False
        ),
    ],
    lang: Annotated[str, typer.Option(help="Language: nl (Dutch) or en (English).")] = "nl",
    format_: Annotated[
        str,
        typer.Option("--format", help="Formats, comma-separated: html, pdf, pptx."),
    ] = "html,pdf,pptx",
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the report files (default: FOLDER/report/)."),
    ] = None,
) -> None:
    """Write the council report of a comparison: report.html (self-contained),
    report.pdf and slides.pptx, in Dutch (default) or English.

    The folder must hold a finished comparison (manifest.json, summary.csv,
    costs.csv and every replicate run); otherwise nothing is written and the
    error says what is missing.
    """
    from core.errors import InputError
    from core.store import check_output_dir
    from viz.report import parse_formats, write_report
    from viz.report.content import ReportInputError
    from viz.report.texts import LANGS

    if lang not in LANGS:
        fail(f"--lang must be one of {', '.join(LANGS)}, got {lang!r}")
    try:
        formats = parse_formats(format_)
    except ValueError as exc:
        fail(f"--format: {exc}")
    target = out_dir if out_dir is not None else folder / "report"
    try:
        check_output_dir(target)
        paths = write_report(folder, target, lang, formats)
    except (ReportInputError, InputError) as exc:
        fail(str(exc))
    out.print(
        f"Report written to {target}: " + ", ".join(p.name for p in paths),
        highlight=False,
        soft_wrap=True,
    )
