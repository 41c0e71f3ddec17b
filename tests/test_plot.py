"""The picture: a PNG and an SVG of the sample corpus, checked to be real, non-trivial images."""

from __future__ import annotations

import pytest

from kkrgraph.export.plot import plot_network


def test_plot_png_from_sample_corpus(sample_output, tmp_path):
    from kkrgraph.cli import main

    out = tmp_path / "full.png"
    assert main(["plot", "--graph", str(sample_output / "graph.ttl"), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1600, 1200)
    import matplotlib.image

    pixels = matplotlib.image.imread(out)
    # not blank: many distinct colours (node types, labels, edges)
    distinct = {tuple(p) for p in (pixels[::7, ::7, :3] * 255).astype(int).reshape(-1, 3).tolist()}
    assert len(distinct) > 50


def test_plot_svg_has_labels_and_legend(sample_kg, tmp_path):
    out = plot_network(sample_kg.to_networkx("co-attendance"), tmp_path / "co.svg", labels=5)
    text = out.read_text("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "node type" in text and "person" in text


def test_plot_refuses_other_formats(sample_kg, tmp_path):
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        plot_network(sample_kg.to_networkx("co-attendance"), tmp_path / "x.jpg")
