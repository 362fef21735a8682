/* What a folium map on our pages needs beyond folium's own script (which runs first):
   - controls in the page's language (the zoom buttons' names come from data-zoom-in/out);
   - on maps without raster tiles, the basemap: country outlines from the site's own
     TopoJSON (data-basemap), with the countries the page lists as <template class="map-area">
     shaded and opening their popup (the template's content, escaped by the build).
   Content reaches the page only as DOM text or as the build's escaped templates, never as
   a string of HTML put together here. */
(function () {
  "use strict";

  function localise(map, element) {
    var names = { "leaflet-control-zoom-in": element.dataset.zoomIn,
                  "leaflet-control-zoom-out": element.dataset.zoomOut };
    Object.keys(names).forEach(function (name) {
      var button = element.querySelector("." + name);
      if (button && names[name]) {
        button.title = names[name];
        button.setAttribute("aria-label", names[name]);
      }
    });
  }

  function textElement(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function popupOf(template) {
    return function () {
      var box = document.createElement("div");
      box.appendChild(template.content.cloneNode(true));
      return box;
    };
  }

  function areaMarker(map, template) {
    var icon = L.divIcon({ className: "place-marker place-marker--country place-marker--area",
                           iconSize: [22, 22], iconAnchor: [11, 11], html: "" });
    L.marker([Number(template.dataset.lat), Number(template.dataset.lon)],
             { icon: icon, alt: template.dataset.name })
      .bindPopup(popupOf(template), { maxWidth: 280 })
      .bindTooltip(textElement(template.dataset.name))
      .addTo(map);
  }

  function drawBasemap(map, element, topology) {
    var areas = {};
    element.parentNode.querySelectorAll("template.map-area").forEach(function (template) {
      areas[template.dataset.outline] = template;
    });
    var countries = topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      interactive: true,
      style: function (feature) {
        return { className: areas[feature.id] ? "basemap-outline" : "basemap-land" };
      },
      onEachFeature: function (feature, layer) {
        var template = areas[feature.id];
        if (!template) {
          layer.options.interactive = false;
          return;
        }
        delete areas[feature.id];
        layer.bindPopup(popupOf(template), { maxWidth: 280 });
        layer.bindTooltip(textElement(template.dataset.name), { sticky: true });
      }
    }).addTo(map).bringToBack();
    Object.keys(areas).forEach(function (id) { areaMarker(map, areas[id]); });
    map.attributionControl.addAttribution(textElement(element.dataset.attribution).innerHTML);
  }

  document.querySelectorAll(".map-figure .map").forEach(function (element) {
    var map = window[element.id];
    if (!map) return;
    localise(map, element);
    if (!element.dataset.basemap) return;
    fetch(element.dataset.basemap)
      .then(function (response) { return response.json(); })
      .then(function (topology) { drawBasemap(map, element, topology); });
  });
})();
