"""The report as one self-contained HTML file: inline CSS, figures embedded as
base64 PNG with alt text, no scripts and no external requests."""

from __future__ import annotations

import base64
from html import escape

from viz.report.content import Bullets, Figure, Paragraph, Report, Section, Table

CSS = """
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; max-width: 60em;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #222; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #1f77b4; padding-bottom: 0.15em;
     margin-top: 2em; }
h3 { font-size: 1.1em; margin-top: 1.5em; }
.subtitle { font-size: 1.1em; color: #444; }
.date { color: #666; font-size: 0.9em; }
.notice { background: #fff4ce; border-left: 6px solid #e0a800; padding: 0.8em 1em;
          margin: 1.2em 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left;
         vertical-align: top; }
th { background: #eef3f8; }
caption { caption-side: bottom; text-align: left; font-size: 0.85em; color: #555;
          padding-top: 0.3em; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #555; }
"""


def _block(block, level: int) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{escape(i)}</li>" for i in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        head = ""
        if any(block.header):
            head = "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in block.header)
            head += "</tr></thead>"
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows
        )
        caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
        return f"<table>{caption}{head}<tbody>{body}</tbody></table>"
    if isinstance(block, Figure):
        data = base64.b64encode(block.png).decode("ascii")
        caption = f"<figcaption>{escape(block.caption)}</figcaption>" if block.caption else ""
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.alt)}">'
            f"{caption}</figure>"
        )
    if isinstance(block, Section):
        return _section(block, level + 1)
    raise TypeError(f"unknown block {type(block).__name__}")


def _section(section: Section, level: int) -> str:
    tag = f"h{min(level, 6)}"
    inner = "\n".join(_block(b, level) for b in section.blocks)
    return f"<section><{tag}>{escape(section.title)}</{tag}>\n{inner}</section>"


def render_html(report: Report) -> bytes:
    body = "\n".join(_section(s, 2) for s in report.sections)
    page = f"""<!DOCTYPE html>
<html lang="{report.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(report.title)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{escape(report.title)}</h1>
<p class="subtitle">{escape(report.subtitle)}</p>
<p class="date">{escape(report.date_line)}</p>
<div class="notice" role="note"><strong>{escape(report.notice_title)}.</strong>
{escape(report.notice)}</div>
</header>
<main>
{body}
</main>
</body>
</html>
"""
    return page.encode("utf-8")
