#!/usr/bin/env python3
"""Draws requests/s against connection count from TcpEndToEndBenchmark's JMH JSON output, as an SVG.

Usage: python3 benchmarks/chart.py RESULT.json [MORE.json ...] OUTPUT.svg [--title TEXT]

One panel per workload (FC03-10, FC03-125, FC16-100), one line per server, error bars from JMH's 99.9 %
confidence interval. Several JSON files are merged (e.g. one run per server). Python 3 standard library only.
"""

import argparse
import json
import math
import sys
from collections import defaultdict
from xml.sax.saxutils import escape

BENCHMARK = "TcpEndToEndBenchmark.request"
# Fixed colours and order, so charts from different runs compare at a glance.
SERVERS = [
    ("MODBUS_TOOLKIT", "modbus-toolkit (event loop)", "#1f77b4"),
    ("MODBUS_TOOLKIT_THREADS", "modbus-toolkit (threads)", "#9467bd"),
    ("DIGITALPETRI", "digitalpetri 2.1.4", "#ff7f0e"),
    ("J2MOD", "j2mod 3.3.0", "#2ca02c"),
]
PANEL_W, PANEL_H = 300, 240
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 70, 20, 60, 90
GAP = 30


def load(paths):
    """{workload: {server: {connections: (score, error)}}} from JMH JSON files."""
    data = defaultdict(lambda: defaultdict(dict))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            runs = json.load(f)
        for run in runs:
            if not run.get("benchmark", "").endswith(BENCHMARK):
                continue
            params = run.get("params", {})
            metric = run["primaryMetric"]
            if metric.get("scoreUnit") != "ops/s":
                sys.exit(f"{path}: expected ops/s (throughput mode), got {metric.get('scoreUnit')}")
            error = metric.get("scoreError")
            error = 0.0 if error is None or (isinstance(error, float) and math.isnan(error)) else error
            data[params["workload"]][params["server"]][int(params["connections"])] = (metric["score"], error)
    if not data:
        sys.exit(f"no {BENCHMARK} results in {', '.join(paths)}")
    return data


def nice_max(value):
    """A round axis maximum at or above value."""
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * exponent >= value:
            return step * exponent
    return 10 * exponent


def label(value):
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def panel(out, x0, y0, workload, series, connections, y_max):
    """One workload: axes, grid, a polyline with error bars per server."""
    plot_w, plot_h = PANEL_W, PANEL_H

    def px(i):
        return x0 + (plot_w * (i + 0.5) / len(connections))

    def py(v):
        return y0 + plot_h - plot_h * v / y_max

    out.append(f'<text x="{x0 + plot_w / 2}" y="{y0 - 12}" text-anchor="middle" font-weight="bold">'
               f'{escape(workload.replace("_", "-"))}</text>')
    for k in range(6):
        v = y_max * k / 5
        y = py(v)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{label(v)}</text>')
    out.append(f'<rect x="{x0}" y="{y0}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#888"/>')
    for i, c in enumerate(connections):
        out.append(f'<text x="{px(i):.1f}" y="{y0 + plot_h + 16}" text-anchor="middle" font-size="11">{c}</text>')
    out.append(f'<text x="{x0 + plot_w / 2}" y="{y0 + plot_h + 34}" text-anchor="middle" font-size="12">'
               'connections</text>')
    for key, _, colour in SERVERS:
        points = series.get(key, {})
        xy = [(px(i), py(points[c][0]), points[c][1]) for i, c in enumerate(connections) if c in points]
        if not xy:
            continue
        if len(xy) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in xy)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y, _), c in zip(xy, [c for c in connections if c in points]):
            score, error = points[c]
            if error > 0:
                top, bottom = py(min(y_max, score + error)), py(max(0.0, score - error))
                out.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
                           f'stroke="{colour}" stroke-width="1"/>')
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                       f'<title>{escape(key)} {c} connections: {score:,.0f} req/s ± {error:,.0f}</title></circle>')


def render(data, title):
    workloads = sorted(data)
    connections = sorted({c for w in data.values() for s in w.values() for c in s})
    # Scaled to the scores, not their error bars: on a noisy machine a wide bar would flatten every line; bars
    # reaching past the top are clipped there.
    y_max = nice_max(1.1 * max(score for w in data.values() for s in w.values() for score, _ in s.values()))
    width = MARGIN_L + len(workloads) * PANEL_W + (len(workloads) - 1) * (GAP + MARGIN_L - 20) + MARGIN_R
    height = MARGIN_T + PANEL_H + MARGIN_B
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="Helvetica, Arial, sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>',
           f'<text transform="translate(16,{MARGIN_T + PANEL_H / 2}) rotate(-90)" text-anchor="middle">'
           'requests/s</text>']
    for n, workload in enumerate(workloads):
        x0 = MARGIN_L + n * (PANEL_W + GAP + MARGIN_L - 20)
        panel(out, x0, MARGIN_T, workload, data[workload], connections, y_max)
    legend_y = height - 22
    x = MARGIN_L
    for key, name, colour in SERVERS:
        if not any(key in w for w in data.values()):
            continue
        out.append(f'<line x1="{x}" y1="{legend_y - 4}" x2="{x + 24}" y2="{legend_y - 4}" stroke="{colour}" '
                   'stroke-width="3"/>')
        out.append(f'<text x="{x + 30}" y="{legend_y}">{escape(name)}</text>')
        x += 40 + 8 * len(name)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="JMH JSON result files, then the output SVG")
    parser.add_argument("--title", default="Modbus TCP servers over loopback (JMH TcpEndToEndBenchmark)")
    args = parser.parse_args(argv)
    if len(args.files) < 2 or not args.files[-1].endswith(".svg"):
        parser.error("give one or more JSON files, then the output .svg")
    svg = render(load(args.files[:-1]), args.title)
    with open(args.files[-1], "w", encoding="utf-8") as f:
        f.write(svg)


if __name__ == "__main__":
    main()
