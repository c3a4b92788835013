"""The report as slides (python-pptx, 16:9): a title slide, the question, the
map, one slide per compared scenario, one per main indicator, what the budget
buys, the stress tests (if any), data and limits, reproducibility."""

from __future__ import annotations

import io

from viz.report.content import Report, Slide, Table

NOTICE_FILL = (0xFF, 0xF4, 0xCE)


def _rgb(colour):
    from pptx.dml.color import RGBColor

    return RGBColor(*colour)


def _text_box(slide, left, top, width, height, lines, size=14, italic=False, fill=None):
    from pptx.util import Pt

    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    if fill is not None:
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(fill)
    for k, line in enumerate(lines):
        para = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        para.text = line
        para.font.size = Pt(size)
        para.font.italic = italic
        para.space_after = Pt(6)
    return box


def _table(slide, table: Table, left, top, width, height, size=11):
    from pptx.util import Pt

    has_header = any(table.header)
    rows = ([table.header] if has_header else []) + table.rows
    rows = rows[:14]  # a slide holds about a dozen rows
    shape = slide.shapes.add_table(len(rows), len(table.header), left, top, width, height)
    grid = shape.table
    grid.first_row = has_header
    widths = table.widths or [1.0] * len(table.header)
    total = sum(widths)
    for j, w in enumerate(widths):
        grid.columns[j].width = int(width * w / total)
    for i, cells in enumerate(rows):
        for j, value in enumerate(cells):
            cell = grid.cell(i, j)
            cell.text = value
            for para in cell.text_frame.paragraphs:
                para.font.size = Pt(size)
    return shape


def _add(prs, spec: Slide, layout) -> None:
    from pptx.util import Emu, Inches

    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = spec.title
    width, height = prs.slide_width, prs.slide_height
    left, top = Inches(0.5), Inches(1.45)
    usable_w = width - Inches(1.0)
    usable_h = height - top - Inches(0.9)
    note_h = Inches(0.8) if spec.note else Emu(0)
    if spec.figure is not None:
        fig = spec.figure
        fig_w = usable_w * (0.6 if (spec.table or spec.bullets) else 1.0)
        fig_h = min(usable_h - note_h, int(fig_w * fig.height_in / fig.width_in))
        fig_w = int(fig_h * fig.width_in / fig.height_in)
        pic = slide.shapes.add_picture(io.BytesIO(fig.png), left, top, fig_w, fig_h)
        pic._element.nvPicPr.cNvPr.set("descr", fig.alt)  # alt text
        side_left = left + fig_w + Inches(0.2)
        side_w = width - side_left - Inches(0.4)
        if spec.table is not None:
            _table(slide, spec.table, side_left, top, side_w, Inches(0.3), size=10)
        elif spec.bullets:
            _text_box(slide, side_left, top, side_w, fig_h, spec.bullets, size=13)
    elif spec.table is not None:
        if spec.bullets:
            _text_box(slide, left, top, usable_w, Inches(1.6), spec.bullets, size=12)
            top = top + Inches(1.8)
        _table(slide, spec.table, left, top, usable_w, Inches(0.3), size=10)
    elif spec.bullets:
        _text_box(slide, left, top, usable_w, usable_h - note_h, spec.bullets, size=16)
    if spec.note:
        _text_box(slide, left, height - Inches(1.05), usable_w, Inches(0.8), [spec.note], 10, True)


def render_pptx(report: Report) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title_layout, content_layout = prs.slide_layouts[0], prs.slide_layouts[5]  # title only
    first, *rest = report.slides
    slide = prs.slides.add_slide(title_layout)
    # the layout's placeholders are made for a 4:3 slide: spread them over the wide one,
    # above the notice
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    for shape, top, height in ((title, 0.9, 1.8), (subtitle, 2.8, 2.5)):
        shape.left, shape.width = Inches(1.0), prs.slide_width - Inches(2.0)
        shape.top, shape.height = Inches(top), Inches(height)
    title.text = first.title
    title.text_frame.paragraphs[0].font.size = Pt(36)
    subtitle.text = "\n".join(first.bullets)
    for para in subtitle.text_frame.paragraphs:
        para.font.size = Pt(20)
    _text_box(
        slide,
        Inches(1.0),
        Inches(5.6),
        prs.slide_width - Inches(2.0),
        Inches(1.5),
        [report.notice_title + ". " + report.notice],
        size=12,
        fill=NOTICE_FILL,
    )
    for spec in rest:
        _add(prs, spec, content_layout)
    for s in prs.slides:  # keep titles readable on the wide slide
        title = s.shapes.title
        if title is not None and s is not prs.slides[0]:
            title.left, title.top = Inches(0.5), Inches(0.3)
            title.width, title.height = prs.slide_width - Inches(1.0), Inches(1.0)
            for para in title.text_frame.paragraphs:
                para.font.size = Pt(30)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
