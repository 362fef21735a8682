"""Each fast path of the build gives what its slow reference gives: libyaml loading and the
strict loader, jsonschema-rs and jsonschema, the shared map script and folium's own
script (drawn in a process of their own, or here)."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from dataclasses import replace

import pytest
from conftest import FIXTURES, REPO, copy_project

from generator.build.pipeline import build
from generator.content import loader, yaml_fast
from generator.content.schema import SCHEMA_NAMES, accepts, validator
from generator.errors import ContentError
from generator.maps import folium_map, shared, templates
from generator.maps.folium_map import folium_script
from generator.maps.fragment import BASEMAP_ZOOM, MapPlace, _marker, _safe_attribution, build_map
from generator.maps.view import MapView

pytestmark = pytest.mark.slow  # every content file through both loaders and validators

CONTENT_FILES = sorted([*FIXTURES.rglob("*.yml"), *(REPO / "content").rglob("*.yml")])


def _text_document(path) -> bool:
    text, _ = loader.read_text(path, "x")
    return text is not None and bool(text.strip())


def _loadable(path) -> bool:
    return loader.load_document(path, "x")[0].data is not None


TEXT_FILES = [path for path in CONTENT_FILES if _text_document(path)]
"""Files that are not UTF-8 text or are empty are refused before either loader runs."""
LOADABLE_FILES = [path for path in CONTENT_FILES if _loadable(path)]


def strict_load(text: str):
    """(data, positions, key positions) by the pure-Python loader, or None if it refuses."""
    strict = loader._StrictLoader(text)
    node = strict.get_single_node()
    document = loader.Document(None, "x")
    builder = loader._Builder(document, strict)
    data = builder.build(node, ())
    return None if builder.problems else (data, document.positions, document.key_positions)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_fast_loading_equals_strict_loading(path):
    text, problems = loader.read_text(path, "x")
    try:
        expected = strict_load(text)
    except Exception:  # a YAML error: the fast path must refuse the file too
        expected = None
    try:
        data, found = yaml_fast.fast_load(text, keep=None)
        fast = (data, found.values, found.keys)
    except yaml_fast.Irregular:
        fast = None
    assert fast == expected


def test_positions_not_kept_are_found_on_demand(tmp_path):
    path = tmp_path / "one.yml"
    path.write_text("a:\n  b:\n    c: [1, 2]\n", "utf-8")
    document, _ = loader.load_document(path, "one.yml")
    assert not document.complete and ("a", "b", "c", 1) not in document.positions
    assert document.where(("a", "b", "c", 1)) == (3, 12)
    assert document.where(("a", "b", "c"), key=True) == (3, 5)


@pytest.mark.parametrize("path", LOADABLE_FILES, ids=lambda p: p.name)
def test_jsonschema_rs_agrees_with_jsonschema(path):
    document, _ = loader.load_document(path, "x")
    for name in SCHEMA_NAMES:
        assert accepts(name, document.data) == validator(name).is_valid(document.data), name


def test_jsonschema_rs_accepts_the_shipped_content():
    for path in sorted((REPO / "content" / "sheets").glob("*.yml")):
        document, _ = loader.load_document(path, "x")
        assert accepts("sheet", document.data)


HOSTILE = "`${alert(1)}` </script><script>alert(2)</script> \u2028' بغداد & <b>"


DRAWN = """() => {
  // The map window.drawn as Leaflet holds it: view, options, controls, and each layer
  // (markers with their icon, popup and tooltip; a cluster group with its markers).
  const map = window.drawn;
  const json = value => JSON.stringify(value, (key, v) => key === 'icon' ? v.options
                                                          : key === 'crs' ? 'crs' : v);
  const text = bound => bound ? [bound.getContent(), json(bound.options)] : null;
  const describe = layer => ({
    kind: layer instanceof L.MarkerClusterGroup ? 'cluster' : layer instanceof L.TileLayer
      ? 'tiles' : layer instanceof L.Marker ? 'marker' : 'group',
    latlng: layer.getLatLng ? layer.getLatLng() : null, options: json(layer.options),
    popup: layer.getPopup ? text(layer.getPopup()) : null,
    tooltip: layer.getTooltip ? text(layer.getTooltip()) : null,
    markers: layer instanceof L.MarkerClusterGroup ? layer.getLayers().map(describe) : null,
  });
  const layers = [];
  map.eachLayer(layer => {
    if (!(layer instanceof L.MarkerCluster) && !layer.__parent) layers.push(describe(layer));
  });
  return {centre: map.getCenter(), zoom: map.getZoom(), bounds: map.getBounds(),
          options: json(map.options), layers: layers,
          controls: [...map.getContainer().querySelectorAll('.leaflet-control')]
            .map(control => control.className)};
}"""
VENDOR = REPO / "templates" / "assets" / "vendor"


def drawn(page, name: str, script: str) -> dict:
    """What ``script`` draws on a blank page, in a map element of id ``map_<name>``, with
    Leaflet's animations off (a fit to bounds would end a frame later, or not yet)."""
    page.set_content(f'<div id="map_{name}" style="width: 640px; height: 400px"></div>')
    for library in ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js"):
        page.add_script_tag(content=(VENDOR / library).read_text("utf-8"))
    page.add_script_tag(content="L.Map.mergeOptions({zoomAnimation: false, "
                        "fadeAnimation: false, markerZoomAnimation: false});")
    page.add_script_tag(content=script)
    return page.evaluate(DRAWN)


@pytest.mark.parametrize("count", [1, 2, 5])
@pytest.mark.parametrize("tiles", ["https://t/{z}/{x}/{y}.png?k='<&>'", None])
def test_the_shared_map_script_draws_what_folium_draws(browser, count, tiles):
    """A page's data drawn by the shared script (folium's script made a function) is the
    map folium's own script draws for the same places, hostile names and all."""
    places = [MapPlace(f"p{i}", f"{HOSTILE}{i}", ("city", "country")[i % 2], "مدينة",
                       30 + i / 7, 44 - i / 3, "../x/", ((HOSTILE, "#s1"),))
              for i in range(count)]
    attribution = "&copy; OSM"
    fragment = build_map("sheet", places, tiles, attribution, 18, "ar", "rtl")
    bounds = (min(p.lat for p in places), min(p.lon for p in places),
              max(p.lat for p in places), max(p.lon for p in places))
    view = MapView("sheet", (sum(p.lat for p in places) / count, sum(p.lon for p in places) /
                             count), 5 if count > 1 else 11, bounds if count > 1 else None,
                   tiles, _safe_attribution(attribution), 18)
    if tiles is None:
        view = replace(view, zoom=min(view.zoom, BASEMAP_ZOOM))
    folium_page = folium_script(view, [_marker(p, "ar", "rtl") for p in places])
    ours = (shared.maps_script().decode("utf-8") + "window.drawn = foliumMaps[data.kind](data);")
    page = browser.new_page()
    page.route("**/*", lambda route: route.abort())  # tiles
    try:
        theirs = drawn(page, "sheet", folium_page + "\nwindow.drawn = map_sheet;")
        assert theirs["layers"] and theirs["zoom"] > 0
        mine = drawn(page, "sheet", f"var data = {fragment.data};\n{ours}")
    finally:
        page.close()
    assert mine == theirs


@pytest.fixture
def no_templates(monkeypatch):
    """No kind of map drawn yet in this process (as in a first build)."""
    monkeypatch.setattr(templates, "TEMPLATES", {})


def test_maps_drawn_by_other_code_are_drawn_again(tmp_path, no_templates, monkeypatch):
    """The last build's map templates are kept by the code that drew them: after an
    upgrade that draws maps otherwise (here a cluster radius), the maps follow it."""
    project = copy_project(tmp_path / "project")
    build(project, quiet=True)
    monkeypatch.setattr(folium_map, "CLUSTER_RADIUS", 10)  # the upgrade, and its signature
    monkeypatch.setattr(templates, "code_signature", lambda: "the upgrade")
    templates.template_key.cache_clear()
    try:
        settings = project.content / "site.yml"  # every page made again, as an upgrade does
        settings.write_text(settings.read_text("utf-8") + "\n# edited\n", "utf-8")
        build(project, quiet=True)
    finally:
        templates.template_key.cache_clear()
    script = (project.site / "assets" / "folium-maps.js").read_text("utf-8")
    assert '"maxClusterRadius": 10' in script


DRAWN_APART = """
from generator.maps import templates

drawing = templates.Drawing()
assert drawing.drawer is not None and drawing.drawer.is_alive()
drawing.finish()
assert drawing.drawer is None
drawn_apart = templates.saved_templates()
assert sorted(drawn_apart) == sorted(templates.template_key(k) for k in templates.KINDS)
assert drawn_apart == templates._draw(templates.KINDS)
"""


def test_maps_drawn_in_their_own_process_are_those_drawn_here():
    """In a fresh interpreter: a process forks only while it runs one thread, and the
    suite's browser tests may have left theirs running."""
    subprocess.run([sys.executable, "-c", DRAWN_APART], check=True)


def test_a_failed_drawing_process_is_drawn_again_here(no_templates, monkeypatch):
    monkeypatch.setattr(templates, "_draw_and_send", lambda kinds, sending: sending.close())
    drawing = templates.Drawing()
    drawing.finish()
    assert len(templates.saved_templates()) == len(templates.KINDS)


def test_a_build_that_fails_leaves_no_drawing_process(tmp_path, no_templates):
    project = copy_project(tmp_path)
    sheet = next((project.root / "content" / "sheets").glob("*.yml"))
    sheet.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build(project, quiet=True)
    assert multiprocessing.active_children() == []
