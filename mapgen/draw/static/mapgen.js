/* mapgen: markers, legend, filters, list and popups, made in the browser from the GeoJSON that
   the page carries. Text from the data only ever reaches the page through textContent or
   attribute setters, never as HTML, so a hostile table cannot run code here. */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var PRECISION_TEXT = {
    exact: "exact position",
    town: "approximate: town centre",
    region: "approximate: seat of the region",
    country: "approximate: the country"
  };
  var SHAPES = {
    circle: '<circle cx="12" cy="12" r="8"/>',
    square: '<rect x="5" y="5" width="14" height="14"/>',
    diamond: '<polygon points="12,2 22,12 12,22 2,12"/>',
    triangle: '<polygon points="12,3 22,20 2,20"/>',
    "triangle-down": '<polygon points="2,4 22,4 12,21"/>',
    hexagon: '<polygon points="7,3 17,3 22,12 17,21 7,21 2,12"/>',
    star: '<polygon points="12,2 15,9 22,9 16.5,14 18.5,21 12,17 5.5,21 7.5,14 2,9 9,9"/>',
    cross: '<polygon points="9,2 15,2 15,9 22,9 22,15 15,15 15,22 9,22 9,15 2,15 2,9 9,9"/>'
  };
  var PLAY_STEP_MS = 700;

  function dayNumber(iso) {
    return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS);
  }
  function formatDay(day) {
    var d = new Date(day * DAY_MS);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  function formatSpan(start, end) {
    if (start === end) return formatDay(start);
    var a = new Date(start * DAY_MS), b = new Date(end * DAY_MS);
    if (a.getUTCFullYear() === b.getUTCFullYear() && a.getUTCMonth() === b.getUTCMonth()) {
      return a.getUTCDate() + "–" + formatDay(end);
    }
    return formatDay(start) + " – " + formatDay(end);
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function safeColour(colour) {
    return /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#7f7f7f";
  }
  // An approximate position keeps its shape, smaller, inside a dashed ring: the ring says
  // "somewhere about here" at a glance, and the popup gives the radius.
  function shapeSvg(style, approximate, size) {
    var colour = safeColour(style.colour), shape = SHAPES[style.shape] || SHAPES.circle;
    var ring = approximate
      ? '<circle cx="12" cy="12" r="10.5" fill="rgba(255,255,255,0.75)" stroke="' + colour + '" stroke-width="1.6" stroke-dasharray="3 2.2"/>' +
        '<g transform="translate(12 12) scale(0.62) translate(-12 -12)">'
      : "<g>";
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="' + size + '" height="' + size + '">' + ring +
      '<g fill="' + colour + '" stroke="#fff" stroke-width="2">' + shape + "</g></g></svg>";
  }
  function swatch(style, approximate) {
    var span = el("span", "mapgen-swatch");
    span.innerHTML = shapeSvg(style, approximate, 16);  // built from constants and a checked colour
    return span;
  }
  var GEOCODERS = {
    coordinates: "the table's own coordinates",
    places: "the curated places table",
    gazetteer: "the GeoNames gazetteer"
  };
  function geocoderName(step) {
    if (GEOCODERS[step]) return GEOCODERS[step];
    if (step.indexOf("cache:") === 0) return step.slice(6) + " (an earlier answer, cached)";
    return step;
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  // The incidents come as GeoJSON or, for large maps, as columns (see mapgen/render/__init__.py);
  // both are read through the same two calls, count and get(i, field).
  function GeoJsonTable(collection) {
    var features = collection.features;
    this.count = features.length;
    this.get = function (i, field) { return features[i].properties[field]; };
    this.position = function (i) { var c = features[i].geometry.coordinates; return [c[1], c[0]]; };
    this.fields = function (i) { return Object.keys(features[i].properties); };
  }
  function ColumnTable(data) {
    var columns = data.columns, names = Object.keys(columns);
    this.count = data.count;
    this.get = function (i, field) {
      var column = columns[field];
      if (!column) return undefined;
      var value = column.codes ? column.values[column.codes[i]] : column[i];
      return value === "" || value === null ? undefined : value;
    };
    this.position = function (i) { return [data.latitude[i], data.longitude[i]]; };
    this.fields = function () { return names; };
  }
  function readTable(node) {
    var data = JSON.parse(node.textContent);
    return data.type === "FeatureCollection" ? new GeoJsonTable(data) : new ColumnTable(data);
  }

  function Incident(table, index) {
    this.index = index;
    this.table = table;
    this.latlng = L.latLng(table.position(index));
    var date = table.get(index, "date"), end = table.get(index, "date_end");
    this.start = date ? dayNumber(date) : 0;
    this.end = end ? dayNumber(end) : this.start;
    this.category = table.get(index, "category") || "other";
    this.time = table.get(index, "time") || "";
    var precision = table.get(index, "location_precision");
    this.approximate = !!precision && precision !== "exact";
    this.marker = null;
    this.inTime = false;
  }
  Incident.prototype.get = function (field) { return this.table.get(this.index, field); };
  Incident.prototype.props = function () {
    var p = {}, self = this;
    this.table.fields(this.index).forEach(function (field) { p[field] = self.get(field); });
    return p;
  };
  Incident.prototype.when = function () {
    var precision = this.get("date_precision"), text;
    if (precision === "week") text = "week of " + formatSpan(this.start, this.end) + " (known to the week)";
    else if (precision === "month") text = formatSpan(this.start, this.end) + " (known to the month)";
    else if (this.end !== this.start) text = formatSpan(this.start, this.end) + " (over the span; the exact day is not known)";
    else text = formatDay(this.start);
    if (this.time) text += ", " + this.time;
    return text;
  };
  Incident.prototype.sortKey = function () {
    return this.start * 1440 + (this.time ? (+this.time.slice(0, 2)) * 60 + (+this.time.slice(3, 5)) : 0);
  };

  function popupNode(incident, style) {
    var p = incident.props();
    var root = el("div", "mapgen-popup");
    var head = el("p", "mapgen-popup-category");
    head.appendChild(swatch(style, incident.approximate));
    head.appendChild(el("span", null, style.label));
    root.appendChild(head);
    root.appendChild(el("h3", null, p.place || p.matched_name || "(no place name)"));
    var list = el("dl");
    function row(term, value) {
      if (value === undefined || value === null || value === "") return;
      list.appendChild(el("dt", null, term));
      var dd = el("dd");
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
      list.appendChild(dd);
    }
    row("When", incident.when());
    var where = (p.matched_name && p.matched_name !== p.place ? p.matched_name + " — " : "") +
      (PRECISION_TEXT[p.location_precision] || "position given") +
      (incident.approximate && p.uncertainty_km ? " (±" + p.uncertainty_km + " km)" : "") +
      (p.geocoder ? ", from " + geocoderName(p.geocoder) : "");
    row("Where", where);
    row("What", p.description);
    row("Note", p.note);
    var url = safeUrl(p.source_url);
    if (url) {
      var link = el("a", null, p.source || url);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      row("Source", link);
    } else {
      row("Source", p.source || "not given");
    }
    row("Id", p.id);
    root.appendChild(list);
    return root;
  }

  // Country outlines under the tiles: when the tiles cannot load (no network, --tiles none),
  // the page still shows where things are.
  function addBasemap(map) {
    var node = document.getElementById("mapgen-basemap");
    if (!node) return;
    map.createPane("mapgen-basemap");
    map.getPane("mapgen-basemap").style.zIndex = 150;
    map.getContainer().classList.add("mapgen-has-basemap");
    L.geoJSON(JSON.parse(node.textContent), {
      pane: "mapgen-basemap",
      interactive: false,
      style: { color: "#8c9aa8", weight: 1, fillColor: "#f4f3ee", fillOpacity: 1 }
    }).addTo(map);
  }

  function start(map, config) {
    if (window.performance && performance.mark) performance.mark("mapgen-start");
    addBasemap(map);
    var table = readTable(document.getElementById("mapgen-incidents"));
    var unplaced = JSON.parse(document.getElementById("mapgen-unplaced").textContent);
    var styles = {}, groups = {}, active = {}, icons = {}, drawing = {}, loaders = {};
    // A snapshot waits for this: every category's markers have been clustered and drawn.
    function markDrawn(key) {
      delete drawing[key];
      if (!Object.keys(drawing).length) document.body.setAttribute("data-mapgen-drawn", "1");
    }
    config.categories.forEach(function (style) { drawing[style.key] = true; });
    if (!config.categories.length) document.body.setAttribute("data-mapgen-drawn", "1");
    var binned = config.mode === "bins";
    config.categories.forEach(function (style) {
      styles[style.key] = style;
      active[style.key] = true;
      if (binned) return;
      groups[style.key] = L.markerClusterGroup({
        chunkedLoading: true,
        chunkProgress: function (processed, total) {
          // The next slice waits for a frame, so that what is clustered so far is drawn first.
          if (processed === total) requestAnimationFrame(function () { setTimeout(function () { loaders[style.key].next(); }, 0); });
        },
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        maxClusterRadius: 45,
        iconCreateFunction: function (cluster) {
          var count = cluster.getChildCount();
          return L.divIcon({
            html: '<div style="background:' + safeColour(style.colour) + '"><span>' + count + "</span></div>",
            className: "marker-cluster mapgen-cluster mapgen-cat-" + style.key.replace(/[^\w-]/g, "_"),
            iconSize: L.point(36, 36)
          });
        }
      });
      loaders[style.key] = new Loader(map, groups[style.key], function () {
        if (document.body.hasAttribute("data-mapgen-first-drawn")) return;
        document.body.setAttribute("data-mapgen-first-drawn", "1");
        // The frame after the first markers are in the page is the one that shows them.
        if (window.performance && performance.mark) requestAnimationFrame(function () { performance.mark("mapgen-first-drawn"); });
      }, function () { markDrawn(style.key); });
      groups[style.key].on("click", function (event) { openPopup(event.layer.incident); });
      groups[style.key].on("mouseover", function (event) { showTooltip(event.layer.incident); });
      groups[style.key].on("mouseout", function () { map.closeTooltip(tooltip); });
    });
    function iconFor(incident) {
      var key = incident.category + (incident.approximate ? "~" : "");
      if (!icons[key]) {
        icons[key] = L.divIcon({
          html: shapeSvg(styles[incident.category], incident.approximate, 22),
          className: "mapgen-marker mapgen-cat-" + incident.category.replace(/[^\w-]/g, "_") + (incident.approximate ? " mapgen-approximate" : ""),
          iconSize: [22, 22],
          iconAnchor: [11, 11]
        });
      }
      return icons[key];
    }

    // One popup and one tooltip serve every marker: a map of 100,000 incidents makes none of
    // them until a marker is clicked or hovered.
    var popup = L.popup({ maxWidth: 320, offset: [0, -8] });
    var tooltip = L.tooltip({ direction: "top", offset: [0, -10] });
    var uncertainty = null, popupIncident = null;
    function openPopup(incident) {
      popupIncident = incident;
      popup.setLatLng(incident.latlng).setContent(popupNode(incident, styles[incident.category])).openOn(map);
    }
    function showTooltip(incident) {
      tooltip.setLatLng(incident.latlng).setContent(el("span", null,
        (incident.get("place") || "") + " · " + styles[incident.category].label + " · " + formatDay(incident.start)));
      map.openTooltip(tooltip);
    }
    map.on("popupopen", function (event) {
      if (event.popup !== popup || !popupIncident) return;
      if (uncertainty) map.removeLayer(uncertainty);
      uncertainty = null;
      var radius = popupIncident.get("uncertainty_km");
      if (popupIncident.approximate && radius) {
        uncertainty = L.circle(popupIncident.latlng, {
          radius: radius * 1000, dashArray: "6 6", weight: 2,
          color: safeColour(styles[popupIncident.category].colour), fillOpacity: 0.06, interactive: false
        }).addTo(map);
      }
    });
    map.on("popupclose", function (event) {
      if (event.popup !== popup) return;
      if (uncertainty) map.removeLayer(uncertainty);
      uncertainty = null;
    });

    function makeMarker(incident) {
      incident.marker = L.marker(incident.latlng, { icon: iconFor(incident), keyboard: false });
      incident.marker.incident = incident;
      return incident.marker;
    }
    var incidents = new Array(table.count);
    for (var i = 0; i < table.count; i++) {
      var incident = new Incident(table, i);
      if (!styles[incident.category]) incident.category = config.categories[0].key;
      if (!binned) makeMarker(incident);
      incidents[i] = incident;
    }
    if (window.performance && performance.mark) performance.mark("mapgen-markers-made");

    var firstDay = incidents.length ? reduceMin(incidents) : 0;
    var lastDay = incidents.length ? reduceMax(incidents) : 0;
    var range = { from: firstDay, to: lastDay };
    var heat = null;

    // -- filtering ---------------------------------------------------------------------------
    function inTime(incident) { return incident.end >= range.from && incident.start <= range.to; }
    function visible(incident) { return active[incident.category] && incident.inTime; }
    function applyTime() {
      if (binned) {
        incidents.forEach(function (incident) { incident.inTime = inTime(incident); });
        bins.redraw();
        refresh();
        return;
      }
      var adds = {}, removes = {};
      incidents.forEach(function (incident) {
        var now = inTime(incident);
        if (now !== incident.inTime) {
          (now ? adds : removes)[incident.category] = (now ? adds : removes)[incident.category] || [];
          (now ? adds : removes)[incident.category].push(incident.marker);
          incident.inTime = now;
        }
      });
      Object.keys(removes).forEach(function (key) {
        var group = groups[key];
        if (removes[key].length > group.getLayers().length / 2) {
          // Most of the group goes: building it again is quicker than taking markers out one by one.
          var kept = group.getLayers().filter(function (marker) { return marker.incident.inTime; });
          group.clearLayers();
          loaders[key].add(kept);
        } else {
          group.removeLayers(removes[key]);
        }
      });
      Object.keys(adds).forEach(function (key) { loaders[key].add(adds[key]); });
      Object.keys(drawing).forEach(function (key) { if (!adds[key] && !loaders[key].busy) markDrawn(key); });
      refresh();
    }
    function refresh() {
      updateHeat();
      renderList();
      updateCounts();
    }
    function setCategory(key, on) {
      active[key] = on;
      if (binned) bins.redraw();
      else if (on) map.addLayer(groups[key]);
      else map.removeLayer(groups[key]);
      refresh();
    }

    // -- legend --------------------------------------------------------------------------------
    var legend = L.control({ position: "topright" });
    var countNodes = {};
    legend.onAdd = function () {
      var box = el("div", "mapgen-legend leaflet-bar");
      box.id = "mapgen-legend";
      box.appendChild(el("h2", null, "Legend"));
      config.categories.forEach(function (style) {
        var label = el("label", "mapgen-legend-item");
        var box_ = el("input");
        box_.type = "checkbox";
        box_.checked = true;
        box_.setAttribute("data-category", style.key);
        box_.addEventListener("change", function () { setCategory(style.key, box_.checked); });
        label.appendChild(box_);
        label.appendChild(swatch(style, false));
        label.appendChild(el("span", "mapgen-legend-label", style.label));
        countNodes[style.key] = el("span", "mapgen-legend-count", style.count);
        label.appendChild(countNodes[style.key]);
        box.appendChild(label);
      });
      var key = el("p", "mapgen-legend-key");
      key.appendChild(swatch({ colour: "#7f7f7f", shape: "circle" }, true));
      key.appendChild(el("span", null, "dashed ring: approximate position"));
      box.appendChild(key);
      if (config.heatmap) {
        var heatLabel = el("label", "mapgen-legend-item mapgen-interactive");
        var heatBox = el("input");
        heatBox.type = "checkbox";
        heatBox.id = "mapgen-heatmap";
        heatBox.addEventListener("change", function () { toggleHeat(heatBox.checked); });
        heatLabel.appendChild(heatBox);
        heatLabel.appendChild(el("span", "mapgen-legend-label", "Heatmap"));
        box.appendChild(heatLabel);
      }
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(map);

    function updateCounts() {
      var shown = 0, perCategory = {};
      incidents.forEach(function (incident) {
        if (incident.inTime) perCategory[incident.category] = (perCategory[incident.category] || 0) + 1;
        if (visible(incident)) shown += 1;
      });
      config.categories.forEach(function (style) {
        countNodes[style.key].textContent = perCategory[style.key] || 0;
      });
      document.getElementById("mapgen-count").textContent = shown + " of " + incidents.length + " shown";
    }

    // -- heatmap -------------------------------------------------------------------------------
    function heatPoints() {
      var points = [];
      incidents.forEach(function (incident) { if (visible(incident)) points.push(incident.latlng); });
      return points;
    }
    function toggleHeat(on) {
      if (on) { heat = L.heatLayer(heatPoints(), { radius: 25, blur: 18, maxZoom: 12 }).addTo(map); }
      else if (heat) { map.removeLayer(heat); heat = null; }
    }
    function updateHeat() { if (heat) heat.setLatLngs(heatPoints()); }

    // -- time filter and playback --------------------------------------------------------------
    var timeControl = L.control({ position: "bottomleft" });
    var playing = null;
    timeControl.onAdd = function () {
      var box = el("div", "mapgen-time leaflet-bar");
      box.id = "mapgen-time";
      var label = el("p", "mapgen-time-label");
      label.id = "mapgen-time-label";
      var from = el("input"), to = el("input"), play = el("button", "mapgen-play", "▶ Play");
      [from, to].forEach(function (input, i) {
        input.type = "range";
        input.min = firstDay;
        input.max = lastDay;
        input.step = 1;
        input.value = i ? lastDay : firstDay;
        input.id = i ? "mapgen-time-to" : "mapgen-time-from";
        input.setAttribute("aria-label", i ? "Last day shown" : "First day shown");
        input.addEventListener("input", function () {
          var a = +from.value, b = +to.value;
          if (a > b) { if (input === from) to.value = a; else from.value = b; }
          setRange(+from.value, +to.value);
        });
      });
      play.type = "button";
      play.id = "mapgen-play";
      play.addEventListener("click", function () {
        if (playing) { stop(); return; }
        var day = firstDay;
        from.value = firstDay;
        to.value = day;
        setRange(firstDay, day);
        play.textContent = "❚❚ Pause";
        playing = setInterval(function () {
          day += 1;
          if (day > lastDay) { stop(); return; }
          to.value = day;
          setRange(firstDay, day);
        }, PLAY_STEP_MS);
      });
      function stop() { clearInterval(playing); playing = null; play.textContent = "▶ Play"; }
      box.appendChild(label);
      box.appendChild(from);
      box.appendChild(to);
      box.appendChild(play);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    timeControl.addTo(map);
    function setRange(from, to) {
      range.from = from;
      range.to = to;
      document.getElementById("mapgen-time-label").textContent = formatSpan(from, to);
      applyTime();
    }

    // -- fullscreen ----------------------------------------------------------------------------
    var fullscreen = L.control({ position: "topleft" });
    fullscreen.onAdd = function () {
      var button = el("button", "mapgen-fullscreen leaflet-bar");
      button.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="#333" stroke-width="2.5">' +
        '<path d="M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6"/></svg>';
      button.type = "button";
      button.title = "Full screen";
      button.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
      });
      return button;
    };
    fullscreen.addTo(map);

    // -- list ----------------------------------------------------------------------------------
    var listNode = document.getElementById("mapgen-list");
    var moreButton = document.getElementById("mapgen-more");
    var sortButton = document.getElementById("mapgen-sort");
    var ascending = true, listLimit = config.listPageSize;
    incidents.forEach(function (incident) { incident.key = incident.sortKey(); });
    var order = incidents.slice().sort(function (a, b) { return a.key - b.key || a.index - b.index; });
    function renderList() {
      listNode.textContent = "";
      var shown = 0, total = 0, fragment = document.createDocumentFragment();
      var sequence = ascending ? order : order.slice().reverse();
      for (var i = 0; i < sequence.length; i++) {
        var incident = sequence[i];
        if (!visible(incident)) continue;
        total += 1;
        if (shown >= listLimit) continue;
        shown += 1;
        fragment.appendChild(listItem(incident));
      }
      listNode.appendChild(fragment);
      moreButton.hidden = total <= shown;
      moreButton.textContent = "Show more (" + (total - shown) + " left)";
    }
    function listItem(incident) {
      var item = el("li");
      var button = el("button", "mapgen-row");
      button.type = "button";
      button.setAttribute("data-id", incident.get("id"));
      button.appendChild(swatch(styles[incident.category], incident.approximate));
      var text = el("span", "mapgen-row-text");
      var day = incident.end !== incident.start ? formatSpan(incident.start, incident.end) : formatDay(incident.start);
      text.appendChild(el("span", "mapgen-row-date", day + (incident.time ? " " + incident.time : "")));
      text.appendChild(el("span", "mapgen-row-place", incident.get("place") || incident.get("matched_name") || ""));
      button.appendChild(text);
      button.addEventListener("click", function () { show(incident); });
      item.appendChild(button);
      return item;
    }
    function show(incident) {
      document.body.classList.remove("mapgen-list-open");
      if (binned) { bins.show(incident); return; }
      groups[incident.category].zoomToShowLayer(incident.marker, function () { openPopup(incident); });
    }
    moreButton.addEventListener("click", function () { listLimit += config.listPageSize; renderList(); });
    sortButton.addEventListener("click", function () {
      ascending = !ascending;
      sortButton.textContent = ascending ? "Date ↑" : "Date ↓";
      renderList();
    });
    document.getElementById("mapgen-panel-open").addEventListener("click", function () {
      document.body.classList.add("mapgen-list-open");
    });
    document.getElementById("mapgen-panel-close").addEventListener("click", function () {
      document.body.classList.remove("mapgen-list-open");
    });
    if (unplaced.length) {
      var section = document.getElementById("mapgen-unplaced-section");
      var unplacedList = document.getElementById("mapgen-unplaced-list");
      section.hidden = false;
      unplaced.forEach(function (p) {
        var item = el("li", "mapgen-unplaced-item");
        item.appendChild(el("span", "mapgen-row-date", (p.date || "") + (p.time ? " " + p.time : "")));
        item.appendChild(el("span", "mapgen-row-place", (p.place || "(no place)") + " · " + (p.category || "")));
        item.appendChild(el("span", "mapgen-note", "id " + p.id + ": no place found for this text"));
        unplacedList.appendChild(item);
      });
    }

    // On a phone the title spans the top: the legend goes just below it, wherever it ends.
    function placeControls() {
      var title = document.getElementById("mapgen-title");
      var corner = map.getContainer().querySelector(".leaflet-top.leaflet-right");
      if (!title || !corner) return;
      corner.style.top = window.innerWidth <= 640 ? (title.getBoundingClientRect().bottom + 2) + "px" : "";
    }
    window.addEventListener("resize", placeControls);

    document.body.classList.add("mapgen-with-list");
    map.invalidateSize();
    placeControls();
    window.mapgenState = { incidents: incidents, groups: groups, active: active, range: range, map: map };
    // Clustering starts once the page is parsed and shown: on a large map the title, legend and
    // base map appear at once and the markers follow, instead of a blank page until all is done.
    var bins = binned ? new Bins(map, incidents, visible, makeMarker, openPopup, styles, config.detailZoom) : null;
    if (bins) {
      bins.layer.on("click", function (event) { if (event.layer.incident) openPopup(event.layer.incident); });
      bins.layer.on("mouseover", function (event) { if (event.layer.incident) showTooltip(event.layer.incident); });
      bins.layer.on("mouseout", function () { map.closeTooltip(tooltip); });
    }
    function begin() {
      if (binned) {
        bins.layer.addTo(map);
        map.on("moveend", function () { bins.redraw(); });
        setRange(firstDay, lastDay);
        document.body.setAttribute("data-mapgen-first-drawn", "1");
        document.body.setAttribute("data-mapgen-drawn", "1");
        if (window.performance && performance.mark) requestAnimationFrame(function () { performance.mark("mapgen-first-drawn"); });
      } else {
        config.categories.forEach(function (style) { map.addLayer(groups[style.key]); });
        setRange(firstDay, lastDay);
      }
      document.body.setAttribute("data-mapgen-ready", "1");
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setTimeout(begin, 0); });
    else setTimeout(begin, 0);
  }

  // A map of very many incidents draws them in bins: the visible incidents are counted on a grid
  // of about BIN_PIXELS on screen, redrawn as the view, the categories or the dates change; zoomed
  // in far enough with few enough incidents in view, the incidents themselves appear.
  var BIN_PIXELS = 64, DETAIL_LIMIT = 3000;
  function Bins(map, incidents, visible, makeMarker, openPopup, styles, detailZoom) {
    this.map = map;
    this.incidents = incidents;
    this.visible = visible;
    this.makeMarker = makeMarker;
    this.openPopup = openPopup;
    this.styles = styles;
    this.detailZoom = detailZoom;
    this.layer = L.layerGroup();
    this.pending = null;
  }
  Bins.prototype.redraw = function () {
    var map = this.map, zoom = map.getZoom(), view = map.getBounds().pad(0.25), self = this;
    var south = view.getSouth(), north = view.getNorth(), west = view.getWest(), east = view.getEast();
    this.layer.clearLayers();
    var inView = [], i, incident, lat, lng;
    if (zoom >= this.detailZoom) {
      for (i = 0; i < this.incidents.length && inView.length <= DETAIL_LIMIT; i++) {
        incident = this.incidents[i];
        lat = incident.latlng.lat; lng = incident.latlng.lng;
        if (lat >= south && lat <= north && lng >= west && lng <= east && this.visible(incident)) inView.push(incident);
      }
      if (inView.length <= DETAIL_LIMIT) {
        inView.forEach(function (item) { self.layer.addLayer(item.marker || self.makeMarker(item)); });
        return;
      }
    }
    var size = 360 / Math.pow(2, zoom) * BIN_PIXELS / 256, cells = {};
    for (i = 0; i < this.incidents.length; i++) {
      incident = this.incidents[i];
      lat = incident.latlng.lat; lng = incident.latlng.lng;
      if (lat < south || lat > north || lng < west || lng > east || !this.visible(incident)) continue;
      var key = Math.floor(lat / size) + ":" + Math.floor(lng / size);
      var cell = cells[key] || (cells[key] = { count: 0, lat: 0, lng: 0, categories: {} });
      cell.count += 1; cell.lat += lat; cell.lng += lng;
      cell.categories[incident.category] = (cell.categories[incident.category] || 0) + 1;
    }
    Object.keys(cells).forEach(function (key) {
      var cell = cells[key], top = null;
      Object.keys(cell.categories).forEach(function (c) { if (top === null || cell.categories[c] > cell.categories[top]) top = c; });
      var centre = L.latLng(cell.lat / cell.count, cell.lng / cell.count);
      var size = cell.count < 100 ? 30 : cell.count < 10000 ? 38 : 46;
      var bin = L.marker(centre, { icon: L.divIcon({
        html: '<div style="background:' + safeColour(self.styles[top].colour) + '"><span>' + cell.count + "</span></div>",
        className: "marker-cluster mapgen-cluster mapgen-bin mapgen-cat-" + top.replace(/[^\w-]/g, "_"),
        iconSize: L.point(size, size)
      }), keyboard: false });
      bin.on("click", function () { map.setView(centre, Math.min(map.getZoom() + 2, map.getMaxZoom())); });
      self.layer.addLayer(bin);
    });
  };
  Bins.prototype.show = function (incident) {
    var self = this;
    this.map.once("moveend", function () { self.openPopup(incident); });
    this.map.setView(incident.latlng, Math.max(this.map.getZoom(), this.detailZoom + 2));
  };

  // Adds markers to a cluster group in slices, one after the other, so that the first ones are
  // drawn while the rest are still being clustered.
  var FIRST_SLICE = 1000, SLICE = 10000;
  function Loader(map, group, onFirst, onDone) {
    this.map = map;
    this.group = group;
    this.queue = [];
    this.busy = false;
    this.onFirst = onFirst;
    this.onDone = onDone;
  }
  Loader.prototype.add = function (markers) {
    var first = this.onFirst ? Math.min(FIRST_SLICE, markers.length) : 0;
    if (first) this.queue.push(markers.slice(0, first));
    for (var i = first; i < markers.length; i += SLICE) this.queue.push(markers.slice(i, i + SLICE));
    if (!this.busy) this.next();
  };
  Loader.prototype.next = function () {
    if (this.busy && this.onFirst) { this.onFirst(); this.onFirst = null; }
    while (this.queue.length) {
      this.busy = true;
      var slice = this.queue.shift();
      if (this.map.hasLayer(this.group)) { this.group.addLayers(slice); return; }  // next() again when clustered
      this.group.addLayers(slice);  // off the map: clustered at once, nothing to draw
    }
    this.busy = false;
    this.onDone();
  };

  function reduceMin(incidents) {
    var m = Infinity;
    for (var i = 0; i < incidents.length; i++) if (incidents[i].start < m) m = incidents[i].start;
    return m;
  }
  function reduceMax(incidents) {
    var m = -Infinity;
    for (var i = 0; i < incidents.length; i++) if (incidents[i].end > m) m = incidents[i].end;
    return m;
  }

  window.mapgen = { start: start };
})();
