"""Veerkracht browser app: ``veerkracht app`` or ``solara run viz/app.py``.

Two pages: Explore (the two buurten month by month, interventions switched on
and off, a budget meter, inspection of households and residents) and Compare
(a portfolio against the baseline over paired replicates). Dutch by default,
English with one click.

Mesa's ``SolaraViz`` is not used for the page itself: its controls and
captions are fixed English, it rebuilds the model only from keyword arguments
on reset (switching an intervention on in a running model is not possible),
and it has no place for a background ensemble. The page follows its pattern
instead: a reactive model, a threaded play loop, a redraw interval.
"""

from __future__ import annotations

import solara

from viz.app_compare_page import ComparePage
from viz.app_explore import ExplorePage, playing
from viz.app_widgets import Notice
from viz.labels import DEFAULT_LANG, LANGS, t

lang = solara.reactive(DEFAULT_LANG)
page = solara.reactive("explore")


def go(name: str) -> None:
    playing.set(False)
    page.set(name)


@solara.component
def Page() -> None:  # noqa: N802 (components are CamelCase)
    L = lang.value
    solara.Title(t("title", L))
    with solara.AppBar():
        solara.AppBarTitle(t("title", L))
        solara.ToggleButtonsSingle(value=lang, values=list(LANGS), classes=["lang-toggle"])
    with solara.Column(style={"padding": "8px 16px"}):
        with solara.Row(style={"gap": "8px"}):
            solara.Button(
                t("explore", L),
                on_click=lambda: go("explore"),
                color="primary" if page.value == "explore" else None,
                classes=["nav-explore"],
            )
            solara.Button(
                t("compare", L),
                on_click=lambda: go("compare"),
                color="primary" if page.value == "compare" else None,
                classes=["nav-compare"],
            )
        solara.Markdown(t("help", L))
        Notice(kind="warning", text=t("illustrative", L), classes=["illustrative"])
        if page.value == "explore":
            ExplorePage(L)
        else:
            ComparePage(L)
