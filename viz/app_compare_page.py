"""The Compare page: pick a portfolio and the buurten, run paired replicates in a
background thread with a progress bar, then show bands, the differences in the three
views (people and city first), the tweedeling and the displacement by screening."""

from __future__ import annotations

import threading

import solara

from viz.app_compare import (
    CompareResult,
    band_figure,
    beyond_note,
    difference_rows,
    displacement_rows,
    has_tweedeling,
    run_compare,
    shown_views,
    start_label,
    view_title,
)
from viz.app_state import parse_int, portfolio_names, scenario_label
from viz.app_widgets import Notice
from viz.labels import markdown_table, t

REPLICATES = (10, 100)
YEARS = (1, 10)

portfolio = solara.reactive("integrated-mix")
reps_text = solara.reactive("10")
years_text = solara.reactive("10")
areas = solara.reactive("focus")  # 'focus' (the portfolio's buurten) or 'all'
AREAS = {"focus": None, "all": "all"}
progress = solara.reactive((0, 0))
running = solara.reactive(False)
result: solara.Reactive[CompareResult | None] = solara.reactive(None)
message = solara.reactive("")
stop = solara.reactive(threading.Event())


def start(lang: str) -> None:
    """Check the inputs, then run the comparison in a thread (the page stays live)."""
    reps, error = parse_int(reps_text.value, *REPLICATES, lang=lang)
    years, error2 = parse_int(years_text.value, *YEARS, lang=lang)
    if error or error2:
        message.set(error or error2)
        return
    message.set("")
    result.set(None)
    progress.set((0, 2 * reps))
    running.set(True)
    cancel = threading.Event()
    stop.set(cancel)
    name = portfolio.value
    where = AREAS[areas.value]

    def work() -> None:
        # Solara gives threads started from a page the page's session context
        outcome, error = None, ""
        try:
            outcome = run_compare(
                name,
                reps,
                years,
                progress=lambda done, total: progress.set((done, total)),
                cancelled=cancel.is_set,
                areas=where,
            )
        except Exception as exc:  # shown on the page as one line, never a traceback
            error = f"{type(exc).__name__}: {exc}"
        running.set(False)
        if outcome is not None:
            result.set(outcome)
        else:
            message.set(error or t("cancelled", lang))

    threading.Thread(target=work, daemon=True, name="veerkracht-compare").start()


@solara.component
def ComparePage(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    solara.Markdown(t("compare_help", lang))
    names = portfolio_names()
    labels = {f"{scenario_label(n, lang)} ({n})": n for n in names}
    current = next(k for k, v in labels.items() if v == portfolio.value)
    with solara.Row(style={"flex-wrap": "wrap", "gap": "12px", "align-items": "center"}):
        solara.Select(
            t("portfolio", lang),
            values=list(labels),
            value=current,
            on_value=lambda v: portfolio.set(labels[v]),
            style={"min-width": "320px"},
        )
        solara.InputText(t("replicates", lang), value=reps_text, continuous_update=False)
        solara.InputText(t("years", lang), value=years_text, continuous_update=False)
        area_labels = {t("areas_focus", lang): "focus", t("areas_city", lang): "all"}
        solara.Select(
            t("areas_choice", lang),
            values=list(area_labels),
            value=next(k for k, v in area_labels.items() if v == areas.value),
            on_value=lambda v: areas.set(area_labels[v]),
            style={"min-width": "260px"},
        )
        solara.Button(
            t("run_compare", lang),
            on_click=lambda: start(lang),
            disabled=running.value,
            color="primary",
            classes=["compare-button"],
        )
        if running.value:
            solara.Button(t("cancel", lang), on_click=lambda: stop.value.set(), text=True)
    if message.value:
        Notice(kind="error", text=message.value, classes=["input-error"])
    if running.value:
        done, total = progress.value
        solara.Text(t("running", lang, done=done, total=total), classes=["compare-progress"])
        solara.ProgressLinear(value=100.0 * done / max(total, 1))
    res = result.value
    if res is None:
        return
    label = scenario_label(res.portfolio, lang)
    Notice(
        kind="success",
        text=t(
            "compare_done",
            lang,
            reps=res.replicates,
            portfolio=label,
            years=res.years,
            start=start_label(res),
        ),
    )
    solara.Markdown(f"**{t('bands', lang)}**")
    solara.FigureMatplotlib(band_figure(res, lang), format="png", dpi=80)
    Notice(kind="info", text=t("views_note", lang))
    for view in shown_views(res):
        solara.Markdown(f"**{view_title(res, view, lang)}**")
        with solara.Column(classes=["diff-table", f"diff-{view}"]):
            solara.Markdown(markdown_table(difference_rows(res, lang, view)))
    if has_tweedeling(res):
        solara.Markdown(f"**{view_title(res, 'gap', lang)}**")
        with solara.Column(classes=["gap-table"]):
            solara.Markdown(markdown_table(difference_rows(res, lang, "gap")))
    else:
        solara.Text(t("no_tweedeling", lang), classes=["no-tweedeling"])
    displaced = displacement_rows(res, lang)
    if displaced:
        solara.Markdown(f"**{t('displacement_table', lang)}**")
        with solara.Column(classes=["displacement-table"]):
            solara.Markdown(markdown_table(displaced))
    note = beyond_note(res, lang)
    if note:
        Notice(kind="info", text=note)
