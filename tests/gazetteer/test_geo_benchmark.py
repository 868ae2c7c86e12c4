"""Readers and subsets of the geoparsing benchmark, on tiny made-up corpus files."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.evaluate.geo import auc, read_gwn, read_lgl_format

GWN = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <text>Fans met on Mill Lane in Springfield.</text>
    <toponyms>
      <toponym><extractedName>Mill Lane</extractedName><type>Literal</type>
        <start>12</start><end>21</end><geonamesID /><latitude>39.8</latitude>
        <longitude>-89.6</longitude></toponym>
      <toponym><extractedName>Springfield</extractedName><type>Literal</type>
        <start>25</start><end>36</end><geonamesID>4250542</geonamesID>
        <latitude>39.80172</latitude><longitude>-89.64371</longitude></toponym>
      <toponym><extractedName>Fans</extractedName><type>Non_Lit_Expression</type>
        <start>0</start><end>4</end></toponym>
    </toponyms>
  </article>
</articles>
"""

LGL = """<?xml version="1.0" ?>
<articles>
  <article docid="1">
    <text>Storms hit Springfield and Lakeside.</text>
    <toponyms>
      <toponym><start>11</start><end>22</end><phrase>Springfield</phrase>
        <gaztag geonameid="4250542"><lat>39.80172</lat><lon>-89.64371</lon></gaztag>
      </toponym>
      <toponym><start>27</start><end>35</end><phrase>Lakeside</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_geo_benchmark_gwn_keeps_toponyms_and_their_geonames_ids(tmp_path: Path) -> None:
    path = tmp_path / "GWN.xml"
    path.write_text(GWN, encoding="utf-8")
    (article,) = read_gwn(path)
    assert [(t.text, t.geonameid) for t in article.toponyms] == [
        ("Mill Lane", None),  # placed by hand: scored in resolution_*, not in geonames_*
        ("Springfield", 4250542),
    ]


def test_geo_benchmark_lgl_reads_geonameid_attribute(tmp_path: Path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(LGL, encoding="utf-8")
    (article,) = read_lgl_format(path)
    assert [(t.text, t.geonameid, t.lat) for t in article.toponyms] == [
        ("Springfield", 4250542, 39.80172),
        ("Lakeside", None, None),
    ]


def test_geo_benchmark_auc_is_zero_for_perfect_and_one_for_worst() -> None:
    assert auc([0.0, 0.0]) == 0.0
    assert auc([20039.0, 20039.0]) == pytest.approx(1.0, abs=1e-4)
