"""Speed of the browser app's Explore page: one month step with redraw, both buurten.

Run from the repository root:

    .venv/bin/python benchmarks/bench_app.py            # 36 steps (3 years), seed 7
    .venv/bin/python benchmarks/bench_app.py --steps 120 --layer problems --by-block
    .venv/bin/python benchmarks/bench_app.py --json benchmarks/output/app.json

A 'step with redraw' is what the play loop does for each month when it redraws
every month: ``SimState.step(1)`` (the model), then the map as PNG bytes
(``MapView.png``) and the six live charts as SVG (``charts_html``), i.e. all
the server-side work behind one frame. The browser's own drawing and the
websocket transfer are not included. The intervention switched on is the
meeting place, so a programme runs. Timings are informational; the script never
fails on them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TARGET_S = 0.5  # a frame every half second is comfortable to watch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=36, help="months to step (default 36)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--layer", default="resilience", help="map layer (viz.labels.MAP_LAYERS)")
    parser.add_argument("--by-block", action="store_true", help="colour the map by block")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.steps <= 120:
        print("--steps must be from 1 to 120", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    from viz.app_charts import charts_html
    from viz.app_map import MapView
    from viz.app_state import SimState
    from viz.labels import CHART_INDICATORS, MAP_LAYERS

    if args.layer not in MAP_LAYERS:
        print(f"--layer must be one of {', '.join(MAP_LAYERS)}", file=sys.stderr)
        return 2
    imports_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    state = SimState(seed=args.seed)
    state.set_intensity("meeting_place", 1.0)
    view = MapView()
    view.png(state, args.layer, "nl", args.by_block)  # first frame builds the figure
    setup_s = time.perf_counter() - t0

    model_s, map_s, charts_s, frame_s = [], [], [], []
    for _ in range(args.steps):
        a = time.perf_counter()
        state.step(1)
        b = time.perf_counter()
        view.png(state, args.layer, "nl", args.by_block)
        c = time.perf_counter()
        charts_html(state, CHART_INDICATORS, "nl")
        d = time.perf_counter()
        model_s.append(b - a)
        map_s.append(c - b)
        charts_s.append(d - c)
        frame_s.append(d - a)

    rows = [
        ("model step", model_s),
        ("map (PNG)", map_s),
        ("charts (SVG)", charts_s),
        ("step with redraw", frame_s),
    ]
    n_res = state.model.residents.n_alive
    print(
        f"\nApp benchmark: {args.steps} monthly steps with redraw, both buurten "
        f"({n_res} residents), seed {args.seed}, map layer {args.layer}"
        f"{' by block' if args.by_block else ''}"
    )
    print(f"{'part':<18} {'median ms':>10} {'worst ms':>10} {'mean ms':>10}")
    for name, values in rows:
        print(
            f"{name:<18} {1000 * statistics.median(values):10.1f} "
            f"{1000 * max(values):10.1f} {1000 * statistics.fmean(values):10.1f}"
        )
    print(f"imports {imports_s:.1f} s, set-up and first frame {setup_s:.1f} s")
    median = statistics.median(frame_s)
    verdict = "MET" if median < TARGET_S else "NOT MET"
    print(f"Target: median step with redraw < {1000 * TARGET_S:.0f} ms: {verdict}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        data = {name: {"median_s": statistics.median(v), "worst_s": max(v)} for name, v in rows}
        data.update(steps=args.steps, seed=args.seed, layer=args.layer, by_block=args.by_block)
        args.json.write_text(json.dumps(data, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
