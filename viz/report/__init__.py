"""The council report of a compare result folder: ``veerkracht report DIR``.

``content`` builds a language-resolved structure (sections, tables, figures,
slides) from the folder; ``html``, ``pdf`` and ``pptx`` render it;
``numbers`` formats numbers the Dutch or English way; ``texts`` holds every
sentence in both languages.
"""

from __future__ import annotations

from pathlib import Path

FORMATS = {"html": "report.html", "pdf": "report.pdf", "pptx": "slides.pptx"}


def parse_formats(spec: str) -> list[str]:
    """'html,pdf' -> ['html', 'pdf']; ValueError naming an unknown format."""
    chosen = [f.strip().lower() for f in spec.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(
            f"unknown format {', '.join(map(repr, unknown)) or repr(spec)}; use one or more of "
            f"{', '.join(FORMATS)}, separated by commas"
        )
    return list(dict.fromkeys(chosen))


def write_report(
    folder: str | Path, out: str | Path, lang: str = "nl", formats=("html", "pdf", "pptx")
) -> list[Path]:
    """Check the folder, build the report and write the chosen formats to ``out``
    (each file written to a temporary name and renamed into place). Raises
    ``content.ReportInputError`` before writing anything if the folder is
    incomplete."""
    from core.store import make_output_dir, write_bytes
    from viz.report.content import build_report

    report = build_report(folder, lang)
    rendered: dict[str, bytes] = {}
    for fmt in formats:  # render everything first: a failure leaves no files behind
        if fmt == "html":
            from viz.report.html import render_html

            rendered[fmt] = render_html(report)
        elif fmt == "pdf":
            from viz.report.pdf import render_pdf

            rendered[fmt] = render_pdf(report)
        elif fmt == "pptx":
            from viz.report.pptx import render_pptx

            rendered[fmt] = render_pptx(report)
    target = make_output_dir(Path(out))
    paths = []
    for fmt, data in rendered.items():
        path = target / FORMATS[fmt]
        write_bytes(data, path)
        paths.append(path)
    return paths
