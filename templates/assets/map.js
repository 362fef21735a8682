/* Draws each map of the page from its data (<script type="application/json"
   id="data-MAP">) with the function folium's script became (assets/folium-maps.js, which
   loads first), then adds what folium does not draw:
   - controls in the page's language (the zoom buttons' names come from data-zoom-in/out);
   - on maps without raster tiles, the basemap: country outlines from the site's own
     TopoJSON (data-basemap), with the countries the page lists as <template class="map-area">
     shaded and opening their popup (the template's content, escaped by the build).
   Content reaches the page only as DOM text or as HTML the build escaped (the templates,
   the data's popups and labels), never as a string of HTML put together here. */
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

  function unwrap(geometry) {
    // Natural Earth cuts rings at the antimeridian (Russia, Fiji, Alaska's islands); on a
    // flat map a jump from 180 to -180 would draw a band across the world, so a ring goes
    // on past 180 instead, as Leaflet can draw.
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        var shift = 0;
        for (var i = 1; i < ring.length; i++) {
          var step = ring[i][0] + shift - ring[i - 1][0];
          if (step > 180) shift -= 360;
          else if (step < -180) shift += 360;
          ring[i] = [ring[i][0] + shift, ring[i][1]];
        }
      });
    });
  }

  function drawBasemap(map, element, topology) {
    var areas = {}, colours = getComputedStyle(element);
    element.parentNode.querySelectorAll("template.map-area").forEach(function (template) {
      areas[template.dataset.outline] = template;
    });
    var countries = topojson.feature(topology, topology.objects.countries);
    countries.features.forEach(function (feature) {
      if (feature.geometry) unwrap(feature.geometry);
    });
    // Every other country on one canvas (an SVG path each would cost a long task on a
    // phone), in the colours site.css gives the map (dark mode included).
    L.geoJSON(countries, {
      filter: function (feature) { return !areas[feature.id]; },
      renderer: L.canvas({ padding: 0.5 }),
      interactive: false,
      style: { fillColor: colours.getPropertyValue("--land").trim(), fillOpacity: 1,
               color: colours.getPropertyValue("--border").trim(), weight: 0.8 }
    }).addTo(map);
    // The countries the page is about: SVG paths styled by class, with their popups.
    L.geoJSON(countries, {
      filter: function (feature) { return Boolean(areas[feature.id]); },
      style: { className: "basemap-outline" },
      onEachFeature: function (feature, layer) {
        var template = areas[feature.id];
        delete areas[feature.id];
        layer.bindPopup(popupOf(template), { maxWidth: 280 });
        layer.bindTooltip(textElement(template.dataset.name), { sticky: true });
      }
    }).addTo(map);
    Object.keys(areas).forEach(function (id) { areaMarker(map, areas[id]); });
    map.attributionControl.addAttribution(textElement(element.dataset.attribution).innerHTML);
    element.classList.add("map--drawn");
  }

  document.querySelectorAll(".map-figure .map").forEach(function (element) {
    var data = document.getElementById("data-" + element.id);
    if (!data) return;
    data = JSON.parse(data.textContent);
    var map = window[element.id] = window.foliumMaps[data.kind](data);
    localise(map, element);
    if (!element.dataset.basemap) return;
    fetch(element.dataset.basemap)
      .then(function (response) { return response.json(); })
      .then(function (topology) { drawBasemap(map, element, topology); });
  });
})();
