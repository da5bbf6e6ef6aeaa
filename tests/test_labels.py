"""Every metric and unit has a Chinese name and an English one (labels.py): a Chinese page showed
the slug of a metric or unit the vocabulary does not list (buildings for 冷库12座, xushuitangba for
8个蓄水塘坝). Checked on every metric and unit of the bundled database, of databases built from
the test articles, and of every name the build can make from its vocabularies."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from qdaid import labels
from qdaid.messages import metric_label, unit_name

ARTICLES = Path(__file__).parent / "articles"
LATIN = re.compile(r"[A-Za-z]")
HAN = re.compile(r"[\u3400-\u9fff]")
# An article written for this test: 蓄水塘坝 is a noun no list knows (its unit is its pinyin), 座 a
# measure word of CC-CEDICT the Chinese vocabulary does not name.
POND = "青岛援建陇南水利\n2020年,青岛市在陇南市新建8个蓄水塘坝,建成冷库5座。\n"


def _markdown(cli, *args) -> dict[str, str]:
    """A `list` page in Markdown: first column → second."""
    result = cli("list", *args, "-f", "md")
    assert result.exit_code == 0, result.stderr
    return {cells[0]: cells[1] for line in result.stdout.splitlines()[2:]
            if len(cells := [c.strip() for c in line.strip("|").split("|")]) > 1}


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> list[str]:
    from typer.testing import CliRunner

    from qdaid.cli import app

    folder = tmp_path_factory.mktemp("labels")
    (folder / "pond.txt").write_text(POND, encoding="utf-8")
    (folder / "pond.meta.json").write_text('{"id": "pond", "title": "青岛援建陇南水利", "date": "2021-01-05"}',
                                           encoding="utf-8")
    corpus = folder / "corpus"  # its own database: a_ytrb has the source id of yantai_honorees
    shutil.copytree(ARTICLES / "corpus", corpus)
    run = CliRunner()
    built = []
    for name, sources in (("articles", sorted(ARTICLES.glob("*.txt"))), ("corpus", sorted(corpus.glob("*.txt"))),
                          ("pond", [folder / "pond.txt"])):
        target = folder / f"{name}.json"
        result = run.invoke(app, ["build", *map(str, sources), "-o", str(target)])
        assert result.exit_code == 0, result.output
        built.append(str(target))
    return [str(Path(__file__).parent.parent / "data" / "qdaid.json"), *built]


def test_every_metric_and_unit_of_a_database_has_a_chinese_and_an_english_name(cli, databases):
    seen = 0
    for db in databases:
        for kind, name in (("metrics", "label"), ("units", "name")):
            zh = _markdown(cli, kind, "--db", db, "-F", f"{kind[:-1]},{name}")
            en = _markdown(cli, kind, "--db", db, "-F", f"{kind[:-1]},{name}", "--lang", "en")
            for slug, label in zh.items():
                assert label and not LATIN.search(label), (db, slug, label)  # 座, 蓄水塘坝数, %
                assert not HAN.search(en[slug]), (db, slug, en[slug])
            seen += len(zh)
    assert seen > 150


def test_a_name_the_text_wrote_is_the_name_a_page_shows(cli, databases):
    # by hand, from POND: 8个蓄水塘坝 counts 蓄水塘坝 (unit xushuitangba, metric xushuitangbas), 冷库5座 counts
    # by 座 (unit building, metric buildings): the page writes 8个蓄水塘坝 and 5座, and names the counts
    pond = databases[-1]
    units = _markdown(cli, "units", "--db", pond, "-F", "unit,name")
    metrics = _markdown(cli, "metrics", "--db", pond, "-F", "metric,label")
    assert (units["xushuitangba"], units["building"]) == ("个蓄水塘坝", "座")
    assert (metrics["xushuitangbas"], metrics["buildings"]) == ("蓄水塘坝数", "座数")
    page = cli("figures", "--db", pond, "-f", "md", "-F", "raw,value,metric").stdout
    assert "| 8个 | 8个蓄水塘坝 | 蓄水塘坝数 |" in page and "| 5座 | 5座 | 座数 |" in page
    # and a page's names are taken back (names in = names out)
    assert cli("figures", "--db", pond, "--metric", "蓄水塘坝数", "-F", "raw").stdout.split() == ["raw", "8个"]
    assert cli("figures", "--db", pond, "--unit", "座", "-F", "raw").stdout.split() == ["raw", "5座"]


def test_every_name_the_build_can_make_has_a_chinese_name():
    # without a database: every unit the vocabularies give (classifiers, CC-CEDICT's measure words
    # and nouns, the lexicon's nouns) and every metric (the lexicon's, and one named after each unit
    # by the build's own rule)
    import json
    from importlib import resources

    from qdaid.pipeline.classify import _plural

    labels.use(None)
    lexicon = json.loads(resources.files("qdaid.vocabulary").joinpath("lexicon.json").read_text("utf-8"))
    units = set(labels._written_as()) | set(labels._vocabulary("chinese.json")["units"])
    metrics = {_plural(u) for u in units} | {e["metric"] for e in lexicon["metrics"]}
    metrics |= {m for e in lexicon["metrics"] for m in e.get("by_unit", {}).values()}
    metrics |= {m for k, m in {**lexicon["weak_keywords"], **lexicon["default_metric_by_unit"]}.items()
                if not k.startswith("_")}
    assert len(units) > 100 and len(metrics) > 200
    for unit in units:
        assert unit_name(unit) and not LATIN.search(unit_name(unit)), unit
        assert not HAN.search(unit_name(unit, "en")), unit
    for metric in metrics:
        assert metric_label(metric) and not LATIN.search(metric_label(metric)), metric
        assert not HAN.search(metric_label(metric, "en")), metric
