"""Small Solara building blocks shared by the app's pages.

The pinned ipyvuetify (3.x) does not fit solara 1.58's front end everywhere:
solara.Error/Warning/Info/Success fail at render time (the alert's ``text``
is no longer a boolean), solara.Details fails, and solara.Checkbox draws its
label twice. The app therefore uses ``Notice`` for messages and
solara.Switch for on/off choices.
"""

from __future__ import annotations

import solara

COLOURS = {
    "error": ("#b00020", "#fdecea"),
    "warning": ("#8a6d00", "#fff8e1"),
    "info": ("#0b5cad", "#e8f1fb"),
    "success": ("#1b6e20", "#e9f5ea"),
}


@solara.component
def Notice(text: str, kind: str = "info", classes: list[str] | None = None) -> None:  # noqa: N802 (components are CamelCase)
    """A coloured box with one message (Markdown)."""
    edge, fill = COLOURS[kind]
    with solara.Column(
        classes=[f"notice-{kind}", *(classes or [])],
        style={
            "border-left": f"4px solid {edge}",
            "background": fill,
            "color": edge,
            "padding": "6px 10px",
            "border-radius": "4px",
        },
    ):
        solara.Markdown(text, style={"color": edge})
