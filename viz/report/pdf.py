"""The report as a PDF (fpdf2, A4) with the DejaVu Sans font that matplotlib
ships (a Unicode TrueType font, so '€', '−' and accents print; no system
fonts are used)."""

from __future__ import annotations

import io
from pathlib import Path

from viz.report.content import Bullets, Figure, Paragraph, Report, Section, Table

FONT = "DejaVu"
MARGIN = 18.0  # mm
BODY = 10.0
SMALL = 8.0


def _font_files() -> dict[str, Path]:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {
        "": folder / "DejaVuSans.ttf",
        "B": folder / "DejaVuSans-Bold.ttf",
        "I": folder / "DejaVuSans-Oblique.ttf",
    }


def _pdf_class():
    from fpdf import FPDF

    class ReportPDF(FPDF):
        page_word = "Page"
        footer_text = ""

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, "I", 7.5)
            self.set_text_color(110)
            self.cell(0, 5, self.footer_text, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"{self.page_word} {self.page_no()}/{{nb}}", align="R")
            self.set_text_color(0)

    return ReportPDF


class _Writer:
    def __init__(self, report: Report) -> None:
        pdf = _pdf_class()(orientation="P", unit="mm", format="A4")
        for style, path in _font_files().items():
            pdf.add_font(FONT, style, str(path))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=18)
        pdf.page_word = "Pagina" if report.lang == "nl" else "Page"
        pdf.footer_text = report.notice_title
        pdf.set_title(report.title)
        pdf.set_lang(report.lang)
        pdf.set_creator("veerkracht report")
        self.pdf = pdf
        self.report = report

    @property
    def width(self) -> float:
        return self.pdf.w - 2 * MARGIN

    def heading(self, text: str, level: int, keep: float = 0.0) -> None:
        """A heading kept on one page with the next ``keep`` mm."""
        size = {1: 15.0, 2: 12.5}.get(level, 11.0)
        pdf = self.pdf
        if pdf.will_page_break(size * 1.2 + max(keep, 15.0)):
            pdf.add_page()
        pdf.ln(3 if level > 1 else 5)
        pdf.set_font(FONT, "B", size)
        if level == 1:
            pdf.set_text_color(31, 119, 180)
        pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.ln(1.5)
        pdf.set_font(FONT, "", BODY)

    def paragraph(self, text: str, size: float = BODY, style: str = "") -> None:
        self.pdf.set_font(FONT, style, size)
        self.pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)
        self.pdf.set_font(FONT, "", BODY)

    def bullets(self, items: list[str]) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", BODY)
        for item in items:
            pdf.set_x(MARGIN + 2)
            pdf.cell(4, BODY * 0.5, "•")
            pdf.multi_cell(
                self.width - 6, BODY * 0.5, item, align="L", new_x="LMARGIN", new_y="NEXT"
            )
            pdf.ln(0.8)
        pdf.ln(1.5)

    def table(self, table: Table) -> None:
        from fpdf.fonts import FontFace

        pdf = self.pdf
        pdf.set_font(FONT, "", SMALL)
        has_header = any(table.header)
        widths = table.widths or [1.0] * len(table.header)
        if pdf.will_page_break(6 * min(len(table.rows) + 1, 12)):
            pdf.add_page()
        with pdf.table(
            col_widths=tuple(widths),
            width=self.width,
            text_align="LEFT",
            line_height=SMALL * 0.5,
            first_row_as_headings=has_header,
            headings_style=FontFace(emphasis="BOLD", fill_color=(232, 240, 248)),
            borders_layout="HORIZONTAL_LINES",
            padding=1.2,
        ) as out:
            if has_header:
                row = out.row()
                for cell in table.header:
                    row.cell(cell)
            for cells in table.rows:
                row = out.row()
                for cell in cells:
                    row.cell(cell)
        if table.caption:
            pdf.ln(1)
            self.paragraph(table.caption, SMALL, "I")
        else:
            pdf.ln(3)

    def _figure_size(self, fig: Figure) -> tuple[float, float]:
        width = min(self.width, fig.width_in * 25.4 * 0.9)
        return width, width * fig.height_in / fig.width_in

    def _height(self, block) -> float:
        """Rough height (mm) of the start of a block, to keep headings with it."""
        if isinstance(block, Figure):
            return self._figure_size(block)[1] + 4
        if isinstance(block, Table):
            return 6 * min(len(block.rows) + 1, 6)
        return 20.0

    def figure(self, fig: Figure) -> None:
        pdf = self.pdf
        width, height = self._figure_size(fig)
        if pdf.will_page_break(height + 8):
            pdf.add_page()
        x = MARGIN + (self.width - width) / 2
        pdf.image(io.BytesIO(fig.png), x=x, w=width, h=height, alt_text=fig.alt)
        pdf.ln(1)
        if fig.caption:
            self.paragraph(fig.caption, SMALL, "I")

    def section(self, section: Section, level: int) -> None:
        if section.new_page and level == 1:
            self.pdf.add_page()
        first = section.blocks[0] if section.blocks else None
        self.heading(section.title, level, self._height(first) if first else 0.0)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block.text)
            elif isinstance(block, Bullets):
                self.bullets(block.items)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, Section):
                self.section(block, level + 1)

    def front_page(self) -> None:
        pdf, report = self.pdf, self.report
        pdf.add_page()
        pdf.ln(8)
        pdf.set_font(FONT, "B", 20)
        pdf.multi_cell(0, 9, report.title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(0, 6, report.subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(90)
        pdf.multi_cell(0, 5, report.date_line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.ln(5)
        # the illustrative-data statement in a shaded box
        pdf.set_fill_color(255, 244, 206)
        pdf.set_draw_color(224, 168, 0)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(
            0,
            7,
            report.notice_title,
            fill=True,
            border="LTR",
            padding=(2, 3, 0, 3),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(
            0,
            5,
            report.notice,
            fill=True,
            border="LBR",
            padding=(1, 3, 3, 3),
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_draw_color(0)
        pdf.set_fill_color(255, 255, 255)
        pdf.ln(4)

    def render(self) -> bytes:
        self.front_page()
        for section in self.report.sections:
            self.section(section, 1)
        return bytes(self.pdf.output())


def render_pdf(report: Report) -> bytes:
    return _Writer(report).render()
