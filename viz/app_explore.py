"""The Explore page: controls, budget meter, map, live charts and the Inspect panel.

State is held in Solara reactives, which Solara keeps per browser session. The
play loop runs in a thread (``solara.use_thread``) and redraws every few
months, so the page stays responsive while the model runs.
"""

from __future__ import annotations

import time

import numpy as np
import solara

from agents.labels import field_label
from scenarios.interventions import CATALOGUE
from viz.app_charts import charts_html
from viz.app_inspect import inspect_household, inspect_resident, labelled
from viz.app_map import MapView
from viz.app_state import (
    INTENSITY_RANGE,
    SEED_RANGE,
    SimState,
    make_intervention,
    parse_int,
    parse_param,
    scenario_label,
    scenario_names,
)
from viz.app_widgets import Notice
from viz.labels import (
    CHART_INDICATORS,
    MAP_LAYERS,
    PARAMS,
    format_value,
    indicator_label,
    intervention_label,
    layer_label,
    markdown_table,
    t,
)

REDRAW_CHOICES = ["1", "3", "6", "12"]
PAUSE_S = 0.05  # between redraws while playing, so clicks get through

sim: solara.Reactive[SimState | None] = solara.reactive(None)
version = solara.reactive(0)  # bumped after every change of the model
playing = solara.reactive(False)
redraw_every = solara.reactive("1")
seed_text = solara.reactive("7")
message = solara.reactive("")
notice = solara.reactive("")
map_layer = solara.reactive("resilience")
by_block = solara.reactive(False)
param_name = solara.reactive(next(iter(PARAMS)))
param_text = solara.reactive("")
param_message = solara.reactive("")
show_params = solara.reactive(False)
inspect_kind = solara.reactive("household")
inspect_text = solara.reactive("")
picks = solara.reactive(0)


def get_sim() -> SimState:
    if sim.value is None:
        sim.set(SimState(seed=7))
    return sim.value


def bump() -> None:
    version.set(version.value + 1)


def euros(value: float, lang: str) -> str:
    text = f"EUR {value:,.0f}"
    return text.replace(",", ".") if lang == "nl" else text


# ---------------------------------------------------------------------------- actions
def choose_scenario(name: str, lang: str) -> None:
    playing.set(False)
    s = get_sim()
    s.choose_scenario(name)
    notice.set(t("restarted", lang, what=scenario_label(name, lang)))
    bump()


def reset(lang: str) -> None:
    value, error = parse_int(seed_text.value, *SEED_RANGE, lang=lang)
    if error:
        message.set(error)
        return
    message.set("")
    playing.set(False)
    s = get_sim()
    s.seed = value
    s.reset()
    notice.set(t("restarted", lang, what=f"seed {value}"))
    bump()


def step_once() -> None:
    get_sim().step(1)
    bump()


def set_intensity(key: str, value: float) -> None:
    get_sim().set_intensity(key, value)
    bump()


def set_param(lang: str) -> None:
    value, error = parse_param(param_name.value, param_text.value, lang)
    if error:
        param_message.set(error)
        return
    param_message.set("")
    s = get_sim()
    s.params = {**s.params, param_name.value: value}
    bump()


def clear_params() -> None:
    get_sim().params = {}
    param_message.set("")
    bump()


# ---------------------------------------------------------------------------- components
@solara.component
def Player() -> None:  # noqa: N802 (components are CamelCase)
    """Steps the model while 'playing' is on, redrawing every few months."""

    def loop(cancel) -> None:
        while playing.value and not cancel.is_set():
            s = get_sim()
            if s.finished:
                playing.set(False)
                return
            s.step(int(redraw_every.value))
            bump()
            time.sleep(PAUSE_S)

    solara.use_thread(loop, dependencies=[playing.value], intrusive_cancel=False)


@solara.component
def BudgetMeter(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    _ = version.value
    total, cap, share = get_sim().budget()
    over = share > 1.0 + 1e-9
    solara.Markdown(
        f"**{t('budget', lang)}: {euros(total, lang)}** "
        f"({100 * share:.0f}% {t('of_budget', lang)})",
        style={"font-size": "1.05em"},
    )
    solara.ProgressLinear(value=min(100.0, 100 * share), color="error" if over else "success")
    if over:
        Notice(kind="error", text=t("over_budget", lang))


@solara.component
def InterventionSwitches(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    _ = version.value
    s = get_sim()
    solara.Markdown(f"**{t('interventions', lang)}**  \n{t('intensity_help', lang)}")
    for key in CATALOGUE:
        value = s.switches.get(key, 0.0)
        with solara.Row(style={"align-items": "center", "gap": "4px"}):
            solara.Switch(
                label=intervention_label(key, lang),
                value=value > 0,
                on_value=lambda on, k=key: set_intensity(k, 1.0 if on else 0.0),
            )
        if value > 0:
            cost = euros(make_intervention(key, value, s.sizes, 1).yearly_cost(), lang)
            solara.SliderFloat(
                t("intensity", lang, value=value, cost=cost),
                value=value,
                min=INTENSITY_RANGE[0],
                max=INTENSITY_RANGE[1],
                step=0.1,
                on_value=lambda v, k=key: set_intensity(k, v),
            )


@solara.component
def ParamControls(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    _ = version.value
    s = get_sim()
    p = PARAMS[param_name.value]
    solara.Switch(label=t("params", lang), value=show_params)
    if not show_params.value:
        return
    solara.Select(t("param_name", lang), values=list(PARAMS), value=param_name)
    solara.Text(
        f"{p.description}; "
        + t("param_range", lang, default=p.default, low=p.low, high=p.high, unit=p.unit)
    )
    solara.InputText(t("param_value", lang), value=param_text, continuous_update=False)
    with solara.Row():
        solara.Button(t("param_set", lang), on_click=lambda: set_param(lang), classes=["param-set"])
        solara.Button(t("param_clear", lang), on_click=clear_params, text=True)
    if param_message.value:
        Notice(kind="error", text=param_message.value)
    if s.params:
        solara.Markdown(
            f"{t('param_overrides', lang)}: "
            + ", ".join(f"`{k} = {v:g}`" for k, v in s.params.items())
        )


@solara.component
def Controls(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    s = get_sim()
    names = scenario_names()
    labels = {scenario_label(n, lang): n for n in names}
    current = scenario_label(s.scenario, lang)
    solara.Select(
        t("scenario", lang),
        values=list(labels),
        value=current,
        on_value=lambda v: choose_scenario(labels[v], lang),
    )
    solara.InputText(t("seed", lang), value=seed_text, continuous_update=False)
    with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
        solara.Button(
            t("step", lang),
            on_click=step_once,
            disabled=playing.value or s.finished,
            classes=["step-button"],
        )
        solara.Button(
            t("pause", lang) if playing.value else t("play", lang),
            on_click=lambda: playing.set(not playing.value),
            disabled=s.finished and not playing.value,
            color="primary",
            classes=["play-button"],
        )
        solara.Button(t("reset", lang), on_click=lambda: reset(lang), classes=["reset-button"])
    solara.Select(t("redraw_every", lang), values=REDRAW_CHOICES, value=redraw_every)
    if message.value:
        Notice(kind="error", text=message.value, classes=["input-error"])
    elif notice.value:
        Notice(kind="info", text=notice.value)
    BudgetMeter(lang)
    InterventionSwitches(lang)
    ParamControls(lang)


@solara.component
def NowTable(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    """The chart indicators' current values per buurt (also for the browser test)."""
    _ = version.value
    s = get_sim()
    areas = {a.key: a.name for a in s.model.areas}
    areas["total"] = "samen" if lang == "nl" else "together"
    head = f"| {t('now', lang)} ({s.date}) | " + " | ".join(areas.values()) + " |"
    lines = [head, "|---" * (len(areas) + 1) + "|"]
    for name in CHART_INDICATORS:
        now = s.current(name)
        cells = " | ".join(format_value(name, now[k]) for k in areas)
        lines.append(f"| {indicator_label(name, lang)} | {cells} |")
    with solara.Column(classes=["now-table"]):
        solara.Markdown("\n".join(lines))


@solara.component
def Inspect(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    _ = version.value
    s = get_sim()
    m = s.model
    solara.Markdown(f"### {t('inspect', lang)}")
    kinds = {t("household", lang): "household", t("resident", lang): "resident"}

    def pick() -> None:
        slots = m.households.active() if inspect_kind.value == "household" else m.residents.active()
        # the page's own generator: the model's rng must not be touched by viewing
        rng = np.random.default_rng([s.seed, s.month, picks.value])
        picks.set(picks.value + 1)
        inspect_text.set(str(int(rng.choice(slots))))

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "8px"}):
        solara.ToggleButtonsSingle(
            value=t(inspect_kind.value, lang),
            values=list(kinds),
            on_value=lambda v: inspect_kind.set(kinds[v]),
        )
        solara.InputText(t("number", lang), value=inspect_text, continuous_update=False)
        solara.Button(t("random_pick", lang), on_click=pick, classes=["pick-button"])
    if not inspect_text.value.strip():
        return
    table = m.households if inspect_kind.value == "household" else m.residents
    slot, error = parse_int(inspect_text.value, 0, max(table.size - 1, 0), lang)
    with s.lock:
        if error is None:
            info = (
                inspect_household(m, slot, lang)
                if inspect_kind.value == "household"
                else inspect_resident(m, slot, lang)
            )
        else:
            info = None
    if error or info is None:
        what = t(inspect_kind.value, lang)
        Notice(kind="error", text=error or t("gone", lang, what=what, n=slot, count=table.n_alive))
        return
    if inspect_kind.value == "household":
        members = info.pop("members")
        solara.Markdown(", ".join(f"**{k}**: {v}" for k, v in labelled(info, lang).items()))
        solara.Markdown(f"**{field_label('members', lang)}**")
        solara.Markdown(markdown_table([labelled(row, lang) for row in members]))
    else:
        state = info["state"]
        problems = state["problems"] if state["problems"] != "-" else t("no_problems", lang)
        solara.Markdown(
            f"**{field_label('resident', lang)} {state['resident']}** ({info['buurt']}, "
            f"{t('household', lang)} {info['household']})  \n"
            f"**{field_label('problems', lang)}**: {problems}"
        )
        solara.Markdown(markdown_table([labelled(state, lang)]))
        solara.Markdown(
            f"**{field_label('ties', lang)}**: {len(info['ties'])} "
            f"(+ {info['ties_outside_buurten']} {t('elsewhere', lang)})"
        )
        if info["ties"]:
            solara.Markdown(markdown_table([labelled(row, lang) for row in info["ties"]]))


@solara.component
def MapAndCharts(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    _ = version.value
    s = get_sim()
    layers = {layer_label(k, lang): k for k in MAP_LAYERS}
    with solara.Row(style={"align-items": "center", "gap": "12px"}):
        solara.Text(f"{t('month', lang)}:", style={"font-size": "1.3em"})
        solara.Text(
            s.date, classes=["month-label"], style={"font-size": "1.3em", "font-weight": "bold"}
        )
        solara.Select(
            t("map_colour", lang),
            values=list(layers),
            value=layer_label(map_layer.value, lang),
            on_value=lambda v: map_layer.set(layers[v]),
        )
        solara.Switch(label=f"{t('map_unit', lang)} {t('unit_block', lang)}", value=by_block)
    solara.Markdown(t("map_help", lang))
    view = solara.use_memo(MapView, [])
    solara.Image(view.png(s, map_layer.value, lang, by_block.value))
    solara.Markdown(f"**{t('charts', lang)}**")
    solara.HTML(tag="div", unsafe_innerHTML=charts_html(s, CHART_INDICATORS, lang))
    NowTable(lang)


@solara.component
def ExplorePage(lang: str) -> None:  # noqa: N802 (components are CamelCase)
    Player()
    with solara.Columns([1, 2]):
        with solara.Column():
            Controls(lang)
        with solara.Column():
            MapAndCharts(lang)
            Inspect(lang)
