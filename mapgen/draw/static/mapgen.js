/* mapgen: markers, legend, filters, list and popups, made in the browser from the GeoJSON that
   the page carries. Text from the data only ever reaches the page through textContent or
   attribute setters, never as HTML, so a hostile table cannot run code here. */
(function () {
  "use strict";

  var DAY_MS = 86400000;
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
  var SINGLE_PLACE_ZOOM = 11;

  // A million incidents share a few hundred days: each day's number is worked out once.
  var DAY_NUMBERS = Object.create(null);
  function dayNumber(iso) {
    var day = DAY_NUMBERS[iso];
    if (day === undefined) day = DAY_NUMBERS[iso] = Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS);
    return day;
  }
  function formatDay(day) { return TEXT.day(day); }
  function formatSpan(start, end) { return TEXT.span(start, end); }
  function t(key, values) { return TEXT.t(key, values); }

  // -- Texts: every word of the page in its language, from the language's file
  // (mapgen/draw/static/i18n/*.json, given whole as config.text): t("popup.when"), with {named}
  // blanks, numbers written the language's way, and plural forms chosen by CLDR's rules.
  function Texts(lang, words) {
    this.words = words;
    this.plurals = new Intl.PluralRules(lang);
    this.numbers = new Intl.NumberFormat(lang);
    this.short = new Intl.NumberFormat(lang, { notation: "compact", maximumSignificantDigits: 3 });  // "341K", "1,2 M"
  }
  Texts.prototype.t = function (key, values) {
    var entry = key.split(".").reduce(function (node, part) { return node && node[part]; }, this.words), numbers = this.numbers;
    if (entry && typeof entry === "object") entry = entry[this.plurals.select(values[entry.plural])] || entry.other;
    if (typeof entry !== "string") return key;  // a text missing from a translation shows its key, never nothing
    return entry.replace(/\{(\w+)\}/g, function (blank, name) {
      var value = values ? values[name] : undefined;
      if (value === undefined || value === null) return blank;
      return typeof value === "number" ? numbers.format(value) : String(value);
    });
  };
  // "16 April 2025", "1er mai 2025": the day of the month and the year as written, never as numbers to group.
  Texts.prototype.day = function (day) {
    var d = new Date(day * DAY_MS);
    return this.t("dates.day", { day: this.dayOfMonth(d), month: this.words.dates.months[d.getUTCMonth()], year: String(d.getUTCFullYear()) });
  };
  Texts.prototype.dayOfMonth = function (d) {
    var n = String(d.getUTCDate());
    return this.words.dates.dayOfMonth[n] || n;
  };
  Texts.prototype.span = function (start, end) {
    if (start === end) return this.day(start);
    var a = new Date(start * DAY_MS), b = new Date(end * DAY_MS);
    if (a.getUTCFullYear() === b.getUTCFullYear() && a.getUTCMonth() === b.getUTCMonth()) {
      return this.t("dates.sameMonth", { from: this.dayOfMonth(a), to: this.day(end) });
    }
    return this.t("dates.span", { from: this.day(start), to: this.day(end) });
  };
  // A column's name in the page's words when it is one mapgen adds ("category as written"), else as the table has it.
  Texts.prototype.column = function (name) {
    return Object.prototype.hasOwnProperty.call(this.words.columns, name) ? this.words.columns[name] : name;
  };
  var TEXT = null;
  // A table keyed by values from the data (categories, places, column names): no prototype, so a
  // category called "__proto__" or "constructor" is a key like any other.
  function dict() { return Object.create(null); }

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
  var GEOCODERS = ["coordinates", "places", "gazetteer"];  // the steps of the resolution chain the page names in words
  function geocoderName(step) {
    if (GEOCODERS.indexOf(step) >= 0) return t("geocoders." + step);
    if (step.indexOf("cache:") === 0) return t("geocoders.cached", { service: step.slice(6) });
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
    this.latLng = function (i) { var c = features[i].geometry.coordinates; return L.latLng(c[1], c[0]); };
    this.lat = function (i) { return features[i].geometry.coordinates[1]; };
    this.lng = function (i) { return features[i].geometry.coordinates[0]; };
    this.fields = function (i) { return Object.keys(features[i].properties); };
  }
  // Columns (mapgen/draw/data.py, incidents_columns): a field is a list of values, one value for
  // every incident, or distinct values with a code each, the codes a string of base-64 digits.
  // A field's codes are decoded the first time it is read: the first view reads a few fields.
  function ColumnTable(data) {
    var columns = data.columns, names = Object.keys(columns), count = this.count = data.count;
    this.get = function (i, field) {
      var column = columns[field];
      if (!column) return undefined;
      if (typeof column.codes === "string") column.codes = decodeCodes(column.codes, column.width, count);
      var value = column.codes ? column.values[column.codes[i]] : Array.isArray(column) ? column[i] : column.value;
      return value === "" || value === null ? undefined : value;
    };
    var points = data.points;
    if (points) {
      var codes = decodeCodes(points.codes, points.width, count);
      this.latLng = function (i) { return L.latLng(points.latitude[codes[i]], points.longitude[codes[i]]); };
      this.lat = function (i) { return points.latitude[codes[i]]; };
      this.lng = function (i) { return points.longitude[codes[i]]; };
    } else {
      this.latLng = function (i) { return L.latLng(data.latitude[i], data.longitude[i]); };
      this.lat = function (i) { return data.latitude[i]; };
      this.lng = function (i) { return data.longitude[i]; };
    }
    this.fields = function () { return names; };
    // The deferred fields (a large map's descriptions), read after the first view: until then a
    // get() of one is undefined.
    this.fill = function (more) { Object.keys(more).forEach(function (name) { columns[name] = more[name]; }); };
  }
  var CODE_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", DIGIT_VALUE = new Uint8Array(128);
  for (var digit = 0; digit < CODE_DIGITS.length; digit++) DIGIT_VALUE[CODE_DIGITS.charCodeAt(digit)] = digit;
  function decodeCodes(text, width, count) {
    var codes = new Uint32Array(count), at = 0;
    for (var i = 0; i < count; i++) {
      var value = 0;
      for (var k = 0; k < width; k++) value = value * 64 + DIGIT_VALUE[text.charCodeAt(at++)];
      codes[i] = value;
    }
    return codes;
  }
  function readTable(data) {
    return data.type === "FeatureCollection" ? new GeoJsonTable(data) : new ColumnTable(data);
  }

  function Incident(table, index) {
    this.index = index;
    this.table = table;
    this._latlng = null;  // made when first asked for (latlng): a million maps draw a few thousand points
    var date = table.get(index, "date"), end = table.get(index, "date_end");
    this.start = date ? dayNumber(date) : 0;
    this.end = end ? dayNumber(end) : this.start;
    this.category = table.get(index, "category") || "other";
    this.cat = 0;  // the category's place in the legend (Filters sets it): the hot loops test a number, not a name
    this.key = 0;
    this.time = table.get(index, "time") || "";
    var precision = table.get(index, "location_precision");
    this.approximate = !!precision && precision !== "exact";
    this.marker = null;
    this.passing = false;
    this.onMap = false;
    this.areaOnly = false;  // set by the areas layer: an incident it counts for an area and never draws as a point
    this.searched = null;
    this.weight = WEIGHT ? (+table.get(index, WEIGHT) || 1) : 1;  // a row the engine counted for many incidents
  }
  Object.defineProperty(Incident.prototype, "latlng", {
    get: function () { return this._latlng || (this._latlng = this.table.latLng(this.index)); }
  });
  Incident.prototype.get = function (field) { return this.table.get(this.index, field); };
  var SEARCHED_FIELDS = ["place", "matched_name", "description", "source", "region"];
  Incident.prototype.matches = function (terms) {
    if (this.searched === null) {
      var self = this;
      this.searched = fold(SEARCHED_FIELDS.map(function (field) { return self.get(field) || ""; }).join(" \n "));
    }
    for (var i = 0; i < terms.length; i++) if (this.searched.indexOf(terms[i]) < 0) return false;
    return true;
  };
  Incident.prototype.props = function () {
    var p = dict(), self = this;
    this.table.fields(this.index).forEach(function (field) { p[field] = self.get(field); });
    return p;
  };
  Incident.prototype.when = function () {
    var precision = this.get("date_precision"), span = formatSpan(this.start, this.end), text;
    if (precision === "week") text = t("popup.week", { span: span });
    else if (precision === "month") text = t("popup.month", { span: span });
    else if (this.end !== this.start) text = t("popup.overSpan", { span: span });
    else text = span;
    return this.time ? t("dates.withTime", { date: text, time: this.time }) : text;
  };
  var MINUTES = Object.create(null);  // "14:05" -> 845, each time of day worked out once
  Incident.prototype.sortKey = function () {
    var time = this.time, minutes = time ? MINUTES[time] : 0;
    if (minutes === undefined) minutes = MINUTES[time] = (+time.slice(0, 2)) * 60 + (+time.slice(3, 5));
    return this.start * 1440 + minutes;
  };

  function popupNode(incident, style, extraColumns) {
    var p = incident.props();
    var root = el("div", "mapgen-popup");
    var head = el("p", "mapgen-popup-category");
    head.appendChild(swatch(style, incident.approximate));
    head.appendChild(el("span", null, style.label));
    root.appendChild(head);
    root.appendChild(el("h3", null, p.place || p.matched_name || t("popup.noPlace")));
    var list = el("dl");
    function row(term, value) {
      if (value === undefined || value === null || value === "") return;
      list.appendChild(el("dt", null, term));
      var dd = el("dd");
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
      list.appendChild(dd);
    }
    row(t("popup.when"), incident.when());
    var known = ["exact", "town", "region", "country"].indexOf(p.location_precision) >= 0;
    var where = t("precision." + (known ? p.location_precision : "given"));
    if (incident.approximate && p.uncertainty_km) where = t("popup.uncertainty", { where: where, km: +p.uncertainty_km });
    if (p.geocoder) where = t("popup.from", { where: where, geocoder: geocoderName(p.geocoder) });
    if (p.matched_name && p.matched_name !== p.place) where = t("popup.matched", { name: p.matched_name, where: where });
    row(t("popup.where"), where);
    row(t("popup.placed"), p.location_note);
    row(t("popup.what"), p.description);
    row(t("popup.note"), p.note);
    (extraColumns || []).forEach(function (column) { row(TEXT.column(column), p[column]); });
    // Several reports of one incident: "A | B" with one address each, in the same order.
    var names = String(p.source || "").split(" | "), urls = String(p.source_url || "").split(" | ").map(safeUrl);
    if (urls.some(Boolean)) {
      var links = el("span");
      urls.forEach(function (url, i) {
        if (!url) return;
        if (links.childNodes.length) links.appendChild(document.createTextNode(" · "));
        var link = el("a", null, (names.length === urls.length ? names[i] : "") || url);
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        links.appendChild(link);
      });
      row(t(urls.length > 1 ? "popup.sources" : "popup.source"), links);
    } else {
      row(t("popup.source"), p.source || t("popup.notGiven"));
    }
    row(t("popup.id"), p.id);
    root.appendChild(list);
    return root;
  }

  // The base map as the page carries it (basemap.pack in Python): each line a flat list of whole
  // grid steps, the first pair absolute and the rest differences; GeoJSON again for Leaflet. With
  // the box its rings were clipped to (the page's own base map), each country's outline comes too,
  // as lines (kind "outline", after the land): its rings without the stretches along the box's
  // edge, which are where the data was cut, not a coast or a border; departments' lines likewise.
  function unpackBasemap(packed) {
    function decode(flat) {
      var points = [], x = 0, y = 0;
      for (var i = 0; i + 1 < flat.length; i += 2) {
        x += flat[i];
        y += flat[i + 1];
        points.push([x * packed.step, y * packed.step]);
      }
      return points;
    }
    // Points on the box's edge are whole grid steps like the box, so they compare exactly.
    var box = packed.box && packed.box.map(function (v) { return v * packed.step; });
    function alongEdge(a, b) {
      return (a[0] === b[0] && (a[0] === box[0] || a[0] === box[2])) || (a[1] === b[1] && (a[1] === box[1] || a[1] === box[3]));
    }
    function uncut(lines) {
      var runs = [];
      lines.forEach(function (line) {
        var run = [];
        for (var i = 1; i < line.length; i++) {
          if (alongEdge(line[i - 1], line[i])) {
            if (run.length > 1) runs.push(run);
            run = [];
          } else {
            if (!run.length) run.push(line[i - 1]);
            run.push(line[i]);
          }
        }
        if (run.length > 1) runs.push(run);
      });
      return runs;
    }
    var features = [], outlines = [];
    packed.features.forEach(function (feature) {
      var coordinates = feature.type === "MultiPolygon"
        ? feature.parts.map(function (polygon) { return polygon.map(decode); })
        : feature.parts.map(decode);
      if (box && feature.type === "MultiPolygon") {
        outlines.push({ type: "Feature", properties: { name: feature.properties.name, kind: "outline" },
          geometry: { type: "MultiLineString", coordinates: uncut([].concat.apply([], coordinates)) } });
      } else if (box) {
        coordinates = uncut(coordinates);
      }
      features.push({ type: "Feature", properties: feature.properties, geometry: { type: feature.type, coordinates: coordinates } });
    });
    return { type: "FeatureCollection", features: features.concat(outlines) };
  }

  // Land, French departments' borders, then countries' coasts and borders, under the tiles: when
  // the tiles cannot load (no network, --tiles none), the page still shows where things are. The
  // land is filled, never stroked: its rings' edges include the cut along the carried box.
  // The pane and the sea's colour are set at once; the land is drawn by draw(), which the page
  // calls once the first markers are painted: the incidents show first (projecting 1:10m land and
  // borders takes 0.15 s on a desktop), the land follows in the next frame. draw() returns the
  // collection drawn (the vector picture draws it again); it draws once.
  function addBasemap(map) {
    var node = document.getElementById(PAGE.basemap);
    if (!node) return { draw: function () { return null; } };
    map.createPane("mapgen-basemap-pane");
    map.getPane("mapgen-basemap-pane").style.zIndex = 150;
    map.getContainer().classList.add("mapgen-has-basemap");
    var collection = null;
    var styles = {
      country: { stroke: false, fillColor: "#f4f3ee", fillOpacity: 1 },
      department: { color: "#b4bcc6", weight: 0.6, fill: false },
      outline: { color: "#8c9aa8", weight: 1, fill: false }
    };
    return {
      draw: function () {
        if (collection) return collection;
        collection = unpackBasemap(JSON.parse(node.textContent));
        L.geoJSON(collection, {
          pane: "mapgen-basemap-pane",
          interactive: false,
          style: function (feature) { return styles[feature.properties.kind] || styles.outline; }
        }).addTo(map);
        mark("mapgen-land-drawn");
        return collection;
      }
    };
  }

  // -- TownLabels: town names on the offline base map: the incidents' towns, then towns near the
  // incidents and the few largest inside the incidents' own box, which orient a reader (never a
  // capital on another continent), as many as fit, never over another name, a marker or a pill;
  // a name with no free room beside its dot is left out (the popup, the list and the key name
  // every incident's place). Drawn again after each zoom.
  function TownLabels(map, node) {
    var self = this;
    this.map = map;
    this.towns = node ? JSON.parse(node.textContent) : [];
    this.layer = L.layerGroup().addTo(map);
    this.points = [];  // the incidents' positions, to tell which towns are near them
    this.before = null;  // what must move first (the numbered pills), before the names find their room
    this.live = false;  // drawn from the page's begin() on: the views set while it starts need no names
    this.afterMarkers = false;  // set when the markers redraw on moveend and call draw() themselves, after
    // moveend follows every zoom: one draw a change of view
    map.on("moveend", function () { if (self.live && !self.afterMarkers) self.draw(); });
    map.on("resize", function () { if (self.live) self.draw(); });
    if (!this.towns.length) return;
    map.createPane("mapgen-labels-pane");
    map.getPane("mapgen-labels-pane").style.zIndex = 350;  // above the base map and tiles, below markers
    map.getPane("mapgen-labels-pane").style.pointerEvents = "none";
  }
  TownLabels.prototype.draw = function () {
    if (this.before) this.before();
    if (!this.towns.length) return;
    var map = this.map, layer = this.layer, size = map.getSize(), taken = occupiedBoxes(map);
    var shown = 0, limit = LABEL_LIMIT_BASE + 6 * map.getZoom(), near = this.nearness(), orienting = 0, panels = panelBoxes(map);
    var drawn = this.drawn = [];
    layer.clearLayers();
    this.towns.forEach(function (town) {
      if (!town.always && shown >= limit) return;
      var point = map.latLngToContainerPoint([town.lat, town.lng]);
      if (!town.always && !near.close(point, L.latLng(town.lat, town.lng))) {
        if (!near.inside(point) || orienting >= ORIENTING_TOWNS) return;
        orienting += 1;
      }
      var dot = [point.x - 3, point.y - 3, point.x + 3, point.y + 3];
      if (overlapsAny(dot, panels)) return;  // under the title, the legend or the credits: not named beside them
      if (!town.always && overlapsAny(dot, taken)) return;  // a town whose dot would sit on a name or a marker
      var width = textWidth(town.name, town.always) + 6, height = 16;
      var box = labelBox(point, width, height, taken);
      if (!box) return;
      if (box[0] < 0 || box[2] > size.x || box[1] < 0 || box[3] > size.y) return;
      taken.push(box, dot);
      drawn.push({ name: town.name, always: town.always, point: point, box: box });
      shown += 1;
      L.marker([town.lat, town.lng], { pane: "mapgen-labels-pane", interactive: false, keyboard: false, icon: L.divIcon({
        className: "mapgen-town" + (town.always ? " mapgen-town-incident" : ""),
        html: '<span class="mapgen-town-dot"></span><span class="mapgen-town-name" style="left:' + Math.round(box[0] - point.x) + "px;top:" + Math.round(box[1] - point.y) + 'px">' +
          escapeHtml(town.name) + "</span>",
        iconSize: [0, 0]
      }) }).addTo(layer);
    });
  };
  // Which towns are near an incident (within NEAR_PIXELS on screen and NEAR_KM on the ground, on a
  // grid of cells that size) and which lie inside the incidents' box; a large table is sampled,
  // a few thousand points at most.
  // Every n-th item, n such that about `count` are kept: which towns lie near incidents is told from a sample.
  function sampled(items, count) {
    var every = Math.max(1, Math.floor(items.length / count)), kept = [];
    for (var i = 0; i < items.length; i += every) kept.push(items[i]);
    return kept;
  }
  var LABEL_SAMPLE = 5000;
  TownLabels.prototype.nearness = function () {
    var map = this.map, cells = dict(), points = this.points, every = Math.max(1, Math.floor(points.length / LABEL_SAMPLE));
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    for (var i = 0; i < points.length; i += every) {
      var p = map.latLngToContainerPoint(points[i]), cell = Math.floor(p.x / NEAR_PIXELS) + "," + Math.floor(p.y / NEAR_PIXELS);
      box = [Math.min(box[0], p.x), Math.min(box[1], p.y), Math.max(box[2], p.x), Math.max(box[3], p.y)];
      (cells[cell] = cells[cell] || []).push(points[i]);
    }
    return {
      close: function (point, latlng) {
        var x = Math.floor(point.x / NEAR_PIXELS), y = Math.floor(point.y / NEAR_PIXELS);
        for (var dx = -1; dx <= 1; dx++) {
          for (var dy = -1; dy <= 1; dy++) {
            var here = cells[(x + dx) + "," + (y + dy)] || [];
            for (var k = 0; k < here.length; k++) if (here[k].distanceTo(latlng) <= NEAR_KM * 1000) return true;
          }
        }
        return false;
      },
      inside: function (point) { return point.x >= box[0] && point.x <= box[2] && point.y >= box[1] && point.y <= box[3]; }
    };
  };
  var NEAR_KM = 250, LABEL_REACH = 40;
  var NEAR_PIXELS = 40, ORIENTING_TOWNS = 4;
  var LABEL_LIMIT_BASE = 8;

  function overlapsAny(box, taken) {
    return taken.some(function (o) { return box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]; });
  }

  // Where a name of this size may go beside its dot without covering anything already there:
  // right, left, above, below, then just clear of what covers the dot; null when nowhere.
  function labelBox(point, width, height, taken) {
    function clashes(box) {
      return taken.filter(function (o) { return box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]; });
    }
    var y = point.y - height / 2;
    var tries = [[point.x + 5, y], [point.x - 5 - width, y], [point.x - width / 2, point.y - 4 - height], [point.x - width / 2, point.y + 4]];
    // The dot under a marker: beside that marker, on either side, above or below it.
    var cover = taken.filter(function (o) { return point.x >= o[0] - 1 && point.x <= o[2] + 1 && point.y >= o[1] - 1 && point.y <= o[3] + 1; });
    if (cover.length) {
      var c = [Math.min.apply(null, cover.map(function (o) { return o[0]; })), Math.min.apply(null, cover.map(function (o) { return o[1]; })),
        Math.max.apply(null, cover.map(function (o) { return o[2]; })), Math.max.apply(null, cover.map(function (o) { return o[3]; }))];
      tries.push([c[2] + 3, y], [c[0] - 3 - width, y], [point.x - width / 2, c[1] - 2 - height], [point.x - width / 2, c[3] + 2]);
    }
    var first = clashes([point.x + 5, y, point.x + 5 + width, y + height]);
    if (first.length) {
      var right = Math.max.apply(null, first.map(function (o) { return o[2]; }));
      var left = Math.min.apply(null, first.map(function (o) { return o[0]; }));
      tries.push([right + 3, y], [left - 3 - width, y]);
    }
    for (var i = 0; i < tries.length; i++) {
      var box = [tries[i][0], tries[i][1], tries[i][0] + width, tries[i][1] + height];
      // A name further than LABEL_REACH from its dot would name something else: not there.
      var gap = Math.max(box[0] - point.x, point.x - box[2], box[1] - point.y, point.y - box[3], 0);
      if (gap <= LABEL_REACH && !clashes(box).length) return box;
    }
    return null;
  }

  // The screen boxes, in the map's own pixels, of the elements a selector names that are drawn,
  // each grown by pad pixels on every side.
  function screenBoxes(map, selector, pad) {
    var origin = map.getContainer().getBoundingClientRect(), boxes = [];
    document.querySelectorAll(selector).forEach(function (node) {
      var r = node.getBoundingClientRect();
      if (r.width && r.height) boxes.push([r.left - origin.left - pad, r.top - origin.top - pad, r.right - origin.left + pad, r.bottom - origin.top + pad]);
    });
    return boxes;
  }
  // The markers and controls a town name must not cover.
  function occupiedBoxes(map) {
    return screenBoxes(map, ".mapgen-marker, .mapgen-cluster, .mapgen-number span, .mapgen-leader-dot, .mapgen-title, .mapgen-legend, .mapgen-time," +
      " .mapgen-key, .mapgen-inset", 0);
  }
  // The panels drawn over the map: title, legend, key, inset, credits, scale.
  function panelBoxes(map) {
    return screenBoxes(map, ".mapgen-title, .mapgen-legend, .mapgen-key, .mapgen-inset, .mapgen-time, .leaflet-control-attribution," +
      " .leaflet-control-scale, .leaflet-control-zoom, .mapgen-fullscreen", 2);
  }

  var measure = null;
  function textWidth(text, bold) {
    measure = measure || document.createElement("canvas").getContext("2d");
    measure.font = (bold ? "600 " : "") + "12px " + getComputedStyle(document.body).fontFamily;
    return measure.measureText(text).width;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  // The corner names only what is drawn: a tile provider once one of its tiles has loaded; until
  // then (no network, tiles blocked) the offline base map that shows instead; and GeoNames when the
  // offline gazetteer placed incidents. The body's tiles attribute (PAGE.tiles) says which: "loaded" or "none".
  function Credits(map, credits) {
    var control = map.attributionControl, offline = credits.offline, tiles = [];
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) tiles.push(layer); });
    if (credits.places) control.addAttribution(credits.places);
    signal("tiles", "none");
    if (offline) control.addAttribution(offline);
    tiles.forEach(function (layer) {
      var credit = layer.getAttribution && layer.getAttribution();
      if (credit) control.removeAttribution(credit);
      layer.once("tileload", function () {
        if (credit) control.addAttribution(credit);
        if (offline) control.removeAttribution(offline);
        offline = "";
        signal("tiles", "loaded");
      });
    });
  }

  // The names shared with Python (mapgen/draw/contract.py), as the page's config gives them.
  var PAGE = null;
  var WEIGHT = null;  // the column saying how many incidents a row stands for (config.weight), if any
  function weighed(incidents) { return incidents.reduce(function (sum, incident) { return sum + incident.weight; }, 0); }
  function signal(name, value) {
    document.body.setAttribute(PAGE[name], value);
    if (name === "drawn" && value === "1") drawnCallbacks.splice(0).forEach(function (callback) { callback(); });
  }

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  // The page's start-up: the parts, each with its own state, wired together. Filters holds what
  // is shown; a change there reaches the markers (or bins), the heatmap, the list and the legend.
  function start(map, config) {
    PAGE = config.contract;
    TEXT = new Texts(config.lang, config.text);
    WEIGHT = config.weight || null;
    mark("mapgen-start");
    new Credits(map, config.credits || {});
    var labels = new TownLabels(map, document.getElementById(PAGE.labels));
    var styles = dict();
    config.categories.forEach(function (style) { styles[style.key] = style; });
    readData(document.getElementById(PAGE.incidents), function (data) { startWith(data); });
    function startWith(data) {
    var table = readTable(data), incidents = readIncidents(table, styles, config.categories);
    mark("mapgen-markers-made");
    var filters = new Filters(incidents, config.categories);
    var popups = new Popups(map, styles, config.popupColumns);
    SIZES = config.sizeBy ? new SizeScale(config.sizeBy) : null;
    // A picture for print: built numbered, or asked for by mapgen snapshot --numbered through the hook.
    var markers = config.numbered || window[PAGE.numberedHook] ? new NumberedMarkers(map, incidents, popups, styles)
      : config.mode === "bins" ? new BinnedMarkers(map, incidents, filters, popups, styles, config.categories, config.detailZoom)
      : new ClusteredMarkers(map, incidents, config.categories, popups, styles, filters, config.mode !== "categories");
    markers.labels = labels;
    labels.points = sampled(incidents, LABEL_SAMPLE).map(function (incident) { return incident.latlng; });
    var heat = new Heat(map, filters);
    // An incident the areas layer counts and draws no point for opens its popup where it was placed.
    function show(incident) {
      if (incident.areaOnly && !filters.areaPoints) { map.panTo(incident.latlng); popups.open(incident); } else markers.show(incident);
    }
    var list = new IncidentList(incidents, filters, styles, config.listPageSize, show);
    var legend = new Legend(map, config, filters, heat);
    if (document.body.classList.contains("mapgen-key-below")) dockLegend();
    if (SIZES) SIZES.addTo(map);
    var values = config.filterBy.map(function (spec, index) { return new ValueFilter(map, filters, spec, index); });
    var areas = config.regions ? new AreaLayer(map, incidents, filters, config.regions, document.getElementById(PAGE.regions)) : null;
    new TimeControl(map, filters);
    new Fullscreen(map);
    localiseControls(map);
    var toolbar = new Toolbar(), search = new SearchBox(filters, toolbar);
    var link = new LinkState(map, { filters: filters, popups: popups, show: show, search: search, areas: areas, values: values });
    new CopyLink(toolbar, link);
    new Download(filters, toolbar, whenTexts);
    showUnplaced(JSON.parse(document.getElementById(PAGE.unplaced).textContent));
    filters.onChange(function (change) {
      markers.update(change);
      heat.update();
      list.render();
      legend.updateCounts(change);
    });
    new ScaleRule(map);
    followTitle(map);
    var inset = config.inset ? new Inset(map, config.inset) : null;
    var view = link.view();
    if (view) map.setView(view.centre, view.zoom, { animate: false });
    else fitToIncidents(map, incidents, config.extent);
    // The base map joins once the opening view is set: its land and lines are projected for that
    // view once, not for folium's first view and again for the fit (0.15 s at 1:10m).
    var basemap = addBasemap(map);
    // The picture as vectors (mapgen snapshot -o map.svg): drawn from the same data as the page.
    window[PAGE.svgHook] = function () {
      return vectorPicture(map, { inset: inset, basemap: basemap.draw(), labels: labels, markers: markers,
        incidents: incidents.filter(function (incident) { return filters.drawn(incident); }),
        styles: styles, categories: config.categories, credits: config.credits || {} });
    };
    if (window[PAGE.exposeHook]) window[PAGE.stateHook] = { incidents: incidents, filters: filters, markers: markers, map: map, areas: areas };
    // Markers are drawn once the page is parsed and shown: on a large map the title, legend and
    // base map appear at once and the markers follow, instead of a blank page until all is done.
    function begin() {
      list.hold();
      markers.begin();
      link.restore();  // the state a link asks for, or everything shown
      labels.live = true;
      labels.draw();
      // The land, then the list of incidents, once the first frame is painted: the incidents
      // show first (a frame's callbacks run before its paint, so the land waits for the task after).
      requestAnimationFrame(function () {
        setTimeout(function () {
          basemap.draw();
          list.release();
          readTexts(function () { signal("ready", "1"); });
        }, 0);
      });
    }
    // A large map's long text fields, read once the map is drawn: the searches, the open popup
    // and the list are made again with them; a download waits for them.
    var textsRead = false, afterTexts = [];
    function whenTexts(then) { if (textsRead) then(); else afterTexts.push(then); }
    function readTexts(then) {
      var node = document.getElementById(PAGE.incidentTexts);
      function done() {
        textsRead = true;
        afterTexts.splice(0).forEach(function (waiting) { waiting(); });
        then();
      }
      if (!node || !table.fill) { done(); return; }
      readData(node, function (more) {
        table.fill(more.columns);
        incidents.forEach(function (incident) { incident.searched = null; });
        if (filters.terms.length) filters.refresh();
        popups.refresh();
        list.render();
        done();
      });
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setTimeout(begin, 0); });
    else setTimeout(begin, 0);
    }
  }

  // The incidents' data as the page carries it: JSON, or (a large map's columns) JSON gzipped in
  // base64, unpacked by the browser's own DecompressionStream before the page goes on.
  function base64Bytes(text) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);  // the browser's own decoder, where it has one
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  function readData(node, then) {
    if (node.getAttribute("data-encoding") !== "gzip+base64") { then(JSON.parse(node.textContent)); return; }
    if (typeof DecompressionStream === "undefined") {
      document.getElementById("mapgen-count").textContent = t("page.olderBrowser");
      return;
    }
    var bytes = base64Bytes(node.textContent.trim());
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
      .then(function (text) { then(JSON.parse(text)); })
      .catch(function (error) { setTimeout(function () { throw error; }, 0); });  // reported as the page's error, not swallowed
  }

  function readIncidents(table, styles, categories) {
    var incidents = new Array(table.count);
    for (var i = 0; i < table.count; i++) {
      var incident = new Incident(table, i);
      if (!styles[incident.category]) incident.category = categories[0].key;
      incident.key = incident.sortKey();
      incidents[i] = incident;
    }
    return incidents;
  }

  // -- Filters: what is shown: the categories ticked, the range of days, the words searched for,
  // the tests other parts add (the values ticked in a --filter-by column); and whether incidents
  // known only to an area are drawn as points (not while the areas layer counts them). An incident
  // is "passing" when it passes all but the category, and "on the map" when it is also drawn as a point.
  function Filters(incidents, categories) {
    var self = this;
    this.incidents = incidents;
    this.active = dict();
    this.on = new Uint8Array(categories.length);  // by category index, as incident.cat: 1 ticked
    this.indexOf = dict();
    categories.forEach(function (style, i) { self.active[style.key] = true; self.on[i] = 1; self.indexOf[style.key] = i; });
    this.firstDay = incidents.length ? reduceMin(incidents) : 0;
    this.lastDay = incidents.length ? reduceMax(incidents) : 0;
    this.range = { from: this.firstDay, to: this.lastDay };
    this.terms = [];
    this.query = "";
    this.tests = [];
    this.areaPoints = true;
    this.listeners = [];
    // The same facts in typed arrays, by incident index, for the passes over every incident that
    // each change makes (the bins, the list, the counts): a million objects scattered in memory
    // take several times longer to walk than a few arrays.
    var count = incidents.length;
    this.store = { lat: new Float64Array(count), lng: new Float64Array(count), cat: new Uint16Array(count), weight: new Float64Array(count),
      start: new Float64Array(count), end: new Float64Array(count), passing: new Uint8Array(count), onMap: new Uint8Array(count) };
    var store = this.store;
    for (var i = 0; i < count; i++) {
      var incident = incidents[i];
      incident.cat = this.indexOf[incident.category];
      store.lat[i] = incident.table.lat(incident.index); store.lng[i] = incident.table.lng(incident.index); store.cat[i] = incident.cat;
      store.weight[i] = incident.weight; store.start[i] = incident.start; store.end[i] = incident.end;
    }
    this.trackMoves = true;  // whether a change lists the incidents that came and went (clustered markers need them)
  }
  Filters.prototype.onChange = function (listener) { this.listeners.push(listener); };
  Filters.prototype.notify = function (change) { this.listeners.forEach(function (listener) { listener(change); }); };
  Filters.prototype.visible = function (incident) { return this.on[incident.cat] === 1 && incident.passing; };
  Filters.prototype.drawn = function (incident) { return this.on[incident.cat] === 1 && incident.onMap; };
  Filters.prototype.setCategory = function (key, on) {
    this.active[key] = on;
    if (key in this.indexOf) this.on[this.indexOf[key]] = on ? 1 : 0;
    this.notify({ category: key, on: on });
  };
  Filters.prototype.setRange = function (from, to) {
    this.range.from = from;
    this.range.to = to;
    this.refresh();
  };
  // Every word searched for must be in the incident's place, description or source, whatever the case and accents.
  Filters.prototype.setQuery = function (query) {
    this.query = query;
    this.terms = fold(query).split(/\s+/).filter(Boolean);
    this.refresh();
  };
  Filters.prototype.addTest = function (test) { this.tests.push(test); };
  Filters.prototype.setAreaPoints = function (on) {
    this.areaPoints = on;
    this.refresh();
  };
  // Which incidents came onto the map and which left it, by category, as the days, words or tests changed.
  Filters.prototype.refresh = function () {
    var from = this.range.from, to = this.range.to, terms = this.terms, tests = this.tests, areaPoints = this.areaPoints;
    var entered = dict(), left = dict(), incidents = this.incidents, store = this.store, track = this.trackMoves;
    var start = store.start, end = store.end, passingOf = store.passing, onMapOf = store.onMap;
    for (var n = 0; n < incidents.length; n++) {
      var passing = end[n] >= from && start[n] <= to, incident;
      if (passing && (terms.length || tests.length)) {
        incident = incidents[n];
        passing = !terms.length || incident.matches(terms);
        for (var i = 0; passing && i < tests.length; i++) passing = tests[i](incident);
      }
      var now = passing && (areaPoints || !incidents[n].areaOnly);  // areaPoints is true unless the areas layer counts
      if ((passingOf[n] === 1) === passing && (onMapOf[n] === 1) === now) continue;
      incident = incidents[n];
      passingOf[n] = passing ? 1 : 0;
      incident.passing = passing;
      if ((onMapOf[n] === 1) === now) continue;
      onMapOf[n] = now ? 1 : 0;
      incident.onMap = now;
      if (!track) continue;
      var moved = now ? entered : left;
      (moved[incident.category] = moved[incident.category] || []).push(incident);
    }
    this.notify({ entered: entered, left: left });
  };
  // The incidents shown (ticked and passing) as the store has them, by index.
  Filters.prototype.visibleAt = function (n) { return this.on[this.store.cat[n]] === 1 && this.store.passing[n] === 1; };
  Filters.prototype.shown = function () {
    var self = this;
    return this.incidents.filter(function (incident) { return self.visible(incident); });
  };
  // Text as the search compares it: lower case, no accents, one kind of apostrophe.
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase();
  }

  // -- Popups: one popup and one tooltip serve every marker ----------------------------------------
  // A map of 100,000 incidents makes none of them until a marker is clicked or hovered.
  function Popups(map, styles, columns) {
    var self = this;
    this.map = map;
    this.styles = styles;
    this.columns = columns || [];
    this.popup = L.popup({ maxWidth: 320, offset: [0, -8] });
    this.tooltip = L.tooltip({ direction: "top", offset: [0, -10] });
    this.uncertainty = null;
    this.incident = null;
    this.returnFocus = null;
    map.on("popupopen", function (event) {
      if (event.popup !== self.popup) return;
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", t("map.closePopup"));
      self.drawUncertainty();
      self.clear();
    });
    // Nothing is drawn over an open popup: a panel it would sit under steps aside while it is open.
    map.on("moveend zoomend resize", function () { if (self.incident) self.clear(); });
    map.on("popupclose", function (event) {
      if (event.popup !== self.popup) return;
      self.clearUncertainty();
      self.incident = null;
      document.querySelectorAll(".mapgen-under-popup").forEach(function (node) { node.classList.remove("mapgen-under-popup"); });
      if (self.returnFocus && document.body.contains(self.returnFocus)) self.returnFocus.focus();
      self.returnFocus = null;
    });
  }
  // The panels over the map (title, legend, time, key, credits, scale, buttons) that the open popup
  // overlaps are hidden until it closes, and shown again when a move leaves them clear of it.
  Popups.prototype.clear = function () {
    var node = this.popup.getElement();
    if (!node) return;
    var popup = node.getBoundingClientRect();
    document.querySelectorAll(POPUP_CLEARED).forEach(function (panel) {
      panel.classList.remove("mapgen-under-popup");
      var r = panel.getBoundingClientRect();
      if (r.width && r.left < popup.right && r.right > popup.left && r.top < popup.bottom && r.bottom > popup.top) panel.classList.add("mapgen-under-popup");
    });
  };
  var POPUP_CLEARED = ".mapgen-title, .leaflet-control, .mapgen-key, #mapgen-panel-open";
  // from: the element the reader's keyboard opened it from; the popup then takes the focus (a
  // screen reader reads it), Escape closes it and the focus goes back.
  Popups.prototype.open = function (incident, from) {
    var self = this, content = popupNode(incident, this.styles[incident.category], this.columns);
    this.incident = incident;
    this.popup.setLatLng(incident.latlng).setContent(content).openOn(this.map);
    if (!from) return;
    this.returnFocus = from;
    content.tabIndex = -1;
    content.addEventListener("keydown", function (event) { if (event.key === "Escape") self.map.closePopup(self.popup); });
    content.focus();
  };
  // The open popup made again (its incident's fields have come in full).
  Popups.prototype.refresh = function () {
    if (this.incident) this.popup.setContent(popupNode(this.incident, this.styles[this.incident.category], this.columns));
  };
  Popups.prototype.hover = function (incident) {
    this.tooltip.setLatLng(incident.latlng).setContent(el("span", null, t("map.tooltip",
      { place: incident.get("place") || "", category: this.styles[incident.category].label, date: formatDay(incident.start) })));
    this.map.openTooltip(this.tooltip);
  };
  Popups.prototype.unhover = function () { this.map.closeTooltip(this.tooltip); };
  Popups.prototype.listenTo = function (layer) {
    var self = this;
    layer.on("click", function (event) { if (event.layer.incident) self.open(event.layer.incident); });
    // Enter on a marker the keyboard reached opens its popup; on a cluster, zooms in (or spreads it) as a click does.
    layer.on("keypress", function (event) {
      if (event.originalEvent.key === "Enter" && event.layer.incident) self.open(event.layer.incident, event.originalEvent.target);
    });
    layer.on("clusterkeypress", function (event) {
      if (event.originalEvent.key === "Enter") layer.fire("click", { layer: event.layer, originalEvent: event.originalEvent });
    });
    layer.on("mouseover", function (event) { if (event.layer.incident) self.hover(event.layer.incident); });
    layer.on("mouseout", function () { self.unhover(); });
  };
  // An approximate position shows the area it may lie in while its popup is open.
  Popups.prototype.drawUncertainty = function () {
    this.clearUncertainty();
    var incident = this.incident, radius = incident && incident.get("uncertainty_km");
    if (!incident || !incident.approximate || !radius) return;
    this.uncertainty = L.circle(incident.latlng, {
      radius: radius * 1000, dashArray: "6 6", weight: 2,
      color: safeColour(this.styles[incident.category].colour), fillOpacity: 0.06, interactive: false
    }).addTo(this.map);
  };
  Popups.prototype.clearUncertainty = function () {
    if (this.uncertainty) this.map.removeLayer(this.uncertainty);
    this.uncertainty = null;
  };

  function MarkerFactory(styles) {
    this.styles = styles;
    this.icons = dict();
  }
  var MARKER_SIZE = 22;
  // The icon of a category, approximate or not, at the size its incident's number asks (--size-by).
  MarkerFactory.prototype.icon = function (incident, size) {
    var key = incident.category + (incident.approximate ? "~" : "") + size;
    if (!this.icons[key]) {
      this.icons[key] = L.divIcon({
        html: shapeSvg(this.styles[incident.category], incident.approximate, size),
        className: "mapgen-marker mapgen-cat-" + cssKey(incident.category) + (incident.approximate ? " mapgen-approximate" : ""),
        iconSize: [size, size],
        iconAnchor: [size / 2, size / 2]
      });
    }
    return this.icons[key];
  };
  MarkerFactory.prototype.make = function (incident) {
    var size = SIZES ? SIZES.diameter(incident) : MARKER_SIZE;
    // Larger symbols under smaller ones, so that none hides another whole.
    incident.marker = new IncidentMarker(incident.latlng, { icon: this.icon(incident, size), zIndexOffset: SIZES ? -100 * size : 0 });
    incident.marker.incident = incident;
    incident.marker.factory = this;
    return incident.marker;
  };
  // What a screen reader says for a marker: "Arson, Tarascon prison, 16 April 2025".
  MarkerFactory.prototype.name = function (incident) {
    return t("map.marker", { category: this.styles[incident.category].label, place: incident.get("place") || incident.get("matched_name") || "",
      date: incident.end !== incident.start ? formatSpan(incident.start, incident.end) : formatDay(incident.start) });
  };
  // A marker the keyboard reaches (Tab; Leaflet makes it a button) and names by its incident once it is in the page.
  var IncidentMarker = L.Marker.extend({
    onAdd: function (map) {
      L.Marker.prototype.onAdd.call(this, map);
      this._icon.setAttribute("aria-label", this.factory.name(this.incident));
      return this;
    }
  });
  // A divIcon whose element carries a name for screen readers (a cluster, a bin: its number alone says little).
  var LabelledIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var node = L.DivIcon.prototype.createIcon.call(this, old);
      node.setAttribute("aria-label", this.options.label);
      return node;
    }
  });
  var SIZES = null;  // the SizeScale when symbols are sized by a column

  function cssKey(key) { return key.replace(/[^\w-]/g, "_"); }

  // -- ClusteredMarkers: a marker per incident, all categories in one set of clusters, so that no
  // cluster of one category sits over another's; a cluster shows what it holds as a ring, a
  // segment per category sized by its share, around the total. Past DrawOptions.mixed_limit
  // (mode "categories") each category clusters apart instead: unticking one then takes its layer
  // off the map at once, and a cluster may sit over another category's.
  function ClusteredMarkers(map, incidents, categories, popups, styles, filters, mixed) {
    var self = this, factory = new MarkerFactory(styles);
    this.map = map;
    this.popups = popups;
    this.filters = filters;
    this.mixed = mixed;
    this.byCategory = dict();
    this.groups = dict();
    this.loaders = dict();
    this.drawing = dict();  // groups whose markers are still being clustered
    categories.forEach(function (style) { self.byCategory[style.key] = []; });
    incidents.forEach(function (incident) { self.byCategory[incident.category].push(factory.make(incident).incident); });
    (this.mixed ? [""] : categories.map(function (style) { return style.key; })).forEach(function (key) {
      self.drawing[key] = true;
      var members = key ? categories.filter(function (style) { return style.key === key; }) : categories;
      self.groups[key] = clusterGroup(members, function () { self.loaders[key].clustered(); });
      self.loaders[key] = new Loader(map, self.groups[key], function (marker) { return self.wanted(marker); }, markFirstDrawn,
        function () { self.drawn(key); });
      popups.listenTo(self.groups[key]);
    });
    if (!incidents.length) signal("drawn", "1");
  }
  // Whether a marker belongs in its group as the filters stand now: in the shared group, only the
  // ticked categories' markers do; a category's own group holds its markers on the map whether
  // ticked or not (the group itself leaves the map when unticked).
  ClusteredMarkers.prototype.wanted = function (marker) {
    return this.mixed ? this.filters.drawn(marker.incident) : marker.incident.onMap;
  };
  // The group a category's markers are clustered in: the one shared group, or its own.
  ClusteredMarkers.prototype.groupKey = function (category) { return this.mixed ? "" : category; };
  function clusterGroup(categories, onSliceClustered) {
    return L.markerClusterGroup({
      chunkedLoading: true,
      chunkProgress: function (processed, total) {
        // The next slice waits for a frame, so that what is clustered so far is drawn first.
        // (An empty clustering, a group put on the map with nothing to add, reports nothing.)
        if (total && processed === total) requestAnimationFrame(function () { setTimeout(onSliceClustered, 0); });
      },
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: 45,
      iconCreateFunction: function (cluster) { return clusterIcon(cluster, categories); }
    });
  }
  // A cluster's icon: the count in the middle of a ring whose segments are its categories, in the
  // legend's order, each as long as its share (at least a sliver, so that none is lost); one
  // category fills the whole ring. Each segment carries its category and count for the tests.
  function clusterIcon(cluster, categories) {
    var counts = dict(), total = 0;
    if (categories.length === 1 && !WEIGHT) {  // a category's own group: its count is the cluster's, no need to look inside
      total = counts[categories[0].key] = cluster.getChildCount();
    } else {
      cluster.getAllChildMarkers().forEach(function (marker) {  // a row of a counted dataset stands for its weight
        var key = marker.incident.category, weight = marker.incident.weight;
        counts[key] = (counts[key] || 0) + weight;
        total += weight;
      });
    }
    return ringIcon(counts, total, categories, "");
  }
  // The ring of a cluster or a bin: counts by category key, their total (a bin's incidents may
  // weigh more than one each), the categories in the legend's order.
  // A count of six digits overflows the largest ring: from SHORT_COUNT on it is written short
  // ("341K"; the legend, the list and the ring's label keep every digit).
  var SHORT_COUNT = 100000;
  function ringSize(total) { return total < 10 ? 34 : total < 100 ? 40 : total < 1000 ? 46 : total < 10000 ? 54 : 62; }
  function ringIcon(counts, total, categories, className) {
    var present = categories.filter(function (style) { return counts[style.key]; });
    var size = ringSize(total), r = size / 2 - 4, around = 2 * Math.PI * r;
    var gap = present.length > 1 ? 1.5 : 0, least = 3, spare = around - present.length * (gap + least), at = 0, parts = [];
    present.forEach(function (style) {
      var length = least + spare * counts[style.key] / total;
      parts.push('<circle class="mapgen-cluster-part" data-category="' + escapeHtml(style.key) + '" data-count="' + counts[style.key] +
        '" cx="' + size / 2 + '" cy="' + size / 2 + '" r="' + r + '" fill="none" stroke="' + safeColour(style.colour) +
        '" stroke-width="7" stroke-dasharray="' + length.toFixed(2) + " " + (around - length).toFixed(2) + '" stroke-dashoffset="' + (-at).toFixed(2) +
        '" transform="rotate(-90 ' + size / 2 + " " + size / 2 + ')"/>');
      at += length + gap;
    });
    var words = present.map(function (style) { return counts[style.key] + " " + style.label; }).join(", ");
    return new LabelledIcon({
      html: '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size + '" viewBox="0 0 ' + size + " " + size + '">' +
        '<circle cx="' + size / 2 + '" cy="' + size / 2 + '" r="' + (r + 3.5) + '" fill="#fff"/>' + parts.join("") +
        "</svg><span>" + (total < SHORT_COUNT ? total : TEXT.short.format(total)) + "</span>",
      className: "marker-cluster mapgen-cluster" + className + present.map(function (style) { return " mapgen-cat-" + cssKey(style.key); }).join(""),
      iconSize: L.point(size, size),
      label: t("map.cluster", { count: total, category: present.length === 1 ? present[0].label : words })
    });
  }
  function markFirstDrawn() {
    if (document.body.hasAttribute(PAGE.firstDrawn)) return;
    signal("firstDrawn", "1");
    // The frame after the first markers are in the page is the one that shows them.
    requestAnimationFrame(function () { mark("mapgen-first-drawn"); });
  }
  ClusteredMarkers.prototype.begin = function () {
    var self = this;
    Object.keys(this.groups).forEach(function (key) { self.loaders[key].show(); });
  };
  // A snapshot waits for the drawn signal: every group's markers have been clustered and drawn.
  ClusteredMarkers.prototype.drawn = function (key) {
    delete this.drawing[key];
    if (!Object.keys(this.drawing).length) signal("drawn", "1");
  };
  // Markers join the clusters as they come onto the map and leave as they go. In the shared group
  // a category's markers join or leave as it is ticked or unticked; a category of its own has its
  // group put on the map or taken off.
  ClusteredMarkers.prototype.update = function (change) {
    var self = this, active = this.filters.active, entering = dict(), leaving = dict();
    if (change.category) {
      if (!this.mixed) {
        // Taken off or put back once the slice being clustered is done (see Loader.whenIdle), as
        // the category's box says then: a quick untick and tick again leaves the group where it was.
        var group = this.groups[change.category], map = this.map, category = change.category, loader = this.loaders[category];
        loader.whenIdle(function () {
          if (self.filters.active[category]) loader.show(); else map.removeLayer(group);
        });
        return;
      }
      var markers = markersOf(this.byCategory[change.category].filter(function (incident) { return incident.onMap; }));
      if (change.on) this.loaders[""].add(markers); else this.take("", markers);
      return;
    }
    function gather(moved, into) {
      Object.keys(moved).forEach(function (category) {
        if (self.mixed && !active[category]) return;  // not in the shared group while unticked
        var key = self.groupKey(category);
        into[key] = (into[key] || []).concat(moved[category]);
      });
    }
    gather(change.left, leaving);
    gather(change.entered, entering);
    Object.keys(leaving).forEach(function (key) { self.take(key, markersOf(leaving[key])); });
    Object.keys(entering).forEach(function (key) { self.loaders[key].add(markersOf(entering[key])); });
    Object.keys(this.drawing).forEach(function (key) {
      if (!entering[key] && !self.loaders[key].busy) self.drawn(key);
    });
  };
  ClusteredMarkers.prototype.take = function (key, markers) {
    var group = this.groups[key], self = this, loader = this.loaders[key];
    loader.whenIdle(function () {
      if (markers.length > group.getLayers().length / 2) {
        // Most of the markers go: clustering the rest again is quicker than taking markers out one by one.
        var kept = group.getLayers().filter(function (marker) { return self.wanted(marker); });
        group.clearLayers();
        loader.add(kept);
      } else {
        group.removeLayers(markers);
      }
    });
  };
  ClusteredMarkers.prototype.show = function (incident) {
    var popups = this.popups;
    this.groups[this.groupKey(incident.category)].zoomToShowLayer(incident.marker, function () { popups.open(incident); });
  };
  function markersOf(incidents) { return incidents.map(function (incident) { return incident.marker; }); }

  // -- BinnedMarkers: counts on a screen grid, incidents when zoomed in (see Bins) -----------------
  function BinnedMarkers(map, incidents, filters, popups, styles, categories, detailZoom) {
    var factory = new MarkerFactory(styles);
    this.map = map;
    this.popups = popups;
    this.detailZoom = detailZoom;
    filters.trackMoves = false;  // the bins count from the filters' store, not from lists of what moved
    this.bins = new Bins(map, incidents, filters,
      function (incident) { return factory.make(incident); }, categories, detailZoom);
    popups.listenTo(this.bins.layer);
    popups.listenTo(this.bins.detail);
  }
  BinnedMarkers.prototype.begin = function () {
    var bins = this.bins, self = this;
    if (this.labels) this.labels.afterMarkers = true;
    bins.layer.addTo(this.map);
    bins.detail.addTo(this.map);
    // The town names were placed before the bins moved: placed again, clear of the new bins.
    this.map.on("moveend", function () { bins.redraw(); if (self.labels) self.labels.draw(); });
    signal("firstDrawn", "1");
    signal("drawn", "1");
    requestAnimationFrame(function () { mark("mapgen-first-drawn"); });
  };
  BinnedMarkers.prototype.update = function () { this.bins.redraw(); };
  BinnedMarkers.prototype.show = function (incident) {
    var popups = this.popups;
    this.map.once("moveend", function () { popups.open(incident); });
    this.map.setView(incident.latlng, Math.max(this.map.getZoom(), this.detailZoom + 2));
  };

  // -- NumberedMarkers: for print, every incident numbered by date (1 = earliest), no clusters,
  // incidents at one place under one pill ("3–5"), and a key with the same numbers. A pill whose
  // place is crowded moves to the nearest free spot, a leader line back to a dot at its place.
  function NumberedMarkers(map, incidents, popups, styles) {
    var order = incidents.slice().sort(function (a, b) { return a.key - b.key || a.index - b.index; });
    var at = dict(), places = [];
    order.forEach(function (incident, i) {
      incident.number = i + 1;
      var where = incident.latlng.lat.toFixed(5) + "," + incident.latlng.lng.toFixed(5);
      if (!at[where]) { at[where] = []; places.push(at[where]); }
      at[where].push(incident);
    });
    this.map = map;
    this.popups = popups;
    this.layer = L.layerGroup();
    this.leaders = L.layerGroup();
    this.labels = null;  // the town names (start() sets them), drawn after the pills have moved
    var layer = this.layer, pills = this.pills = [];
    this.order = order;
    places.forEach(function (here) {
      var label = numberRanges(here.map(function (incident) { return incident.number; }));
      var style = styles[here[0].category], approximate = here.some(function (incident) { return incident.approximate; });
      var marker = L.marker(here[0].latlng, { icon: L.divIcon({
        className: "mapgen-number mapgen-cat-" + cssKey(here[0].category) + (approximate ? " mapgen-approximate" : ""),
        html: '<span style="background:' + safeColour(style.colour) + '">' + label + "</span>",
        iconSize: null
      }) });
      marker.incident = here[0];
      here.forEach(function (incident) { incident.marker = marker; });
      pills.push({ latlng: here[0].latlng, label: label, colour: safeColour(style.colour), approximate: approximate, marker: marker, dx: 0, dy: 0 });
      layer.addLayer(marker);
    });
    popups.listenTo(this.layer);
    showKey(order, styles);
    document.body.classList.add("mapgen-numbered");
  }
  // The pills are laid out each time the town names are drawn (after every move), just before them.
  NumberedMarkers.prototype.begin = function () {
    var self = this;
    this.leaders.addTo(this.map);
    this.layer.addTo(this.map);
    this.labels.before = function () { self.layout(); };
    signal("firstDrawn", "1");
    signal("drawn", "1");
  };
  NumberedMarkers.prototype.update = function () {};
  // Pills are placed in number order, each at its place when that is free, or else at the nearest
  // free spot on rings around it: never over another pill, another place's dot, a panel (title,
  // legend, key, credits) or the frame's edge. A moved pill keeps a leader line to a dot at its
  // place. Where nothing is free within reach (a frame far too small), the pill stays at its
  // place, and the page says how many did (PAGE.pillsCrowded). The shifts are kept for the SVG picture.
  NumberedMarkers.prototype.layout = function () {
    var map = this.map, size = map.getSize(), panels = panelBoxes(map), taken = [], leaders = this.leaders;
    var anchors = this.pills.map(function (pill) { return map.latLngToContainerPoint(pill.latlng); }), crowded = 0;
    leaders.clearLayers();
    this.pills.forEach(function (pill, index) {
      var span = pill.marker.getElement() && pill.marker.getElement().querySelector("span");
      if (!span) return;
      span.style.transform = "";
      var r = span.getBoundingClientRect(), at = anchors[index];
      var others = anchors.filter(function (point, i) { return i !== index && point.distanceTo(at) > 3; }).map(function (point) {
        return [point.x - 3, point.y - 3, point.x + 3, point.y + 3];
      });
      var spot = freeSpot(at, r.width, r.height, taken.concat(panels, others), size);
      if (!spot) { crowded += 1; spot = [0, 0]; }
      pill.dx = spot[0];
      pill.dy = spot[1];
      taken.push([at.x + spot[0] - r.width / 2 - 2, at.y + spot[1] - r.height / 2 - 2, at.x + spot[0] + r.width / 2 + 2, at.y + spot[1] + r.height / 2 + 2]);
      if (!spot[0] && !spot[1]) return;
      span.style.transform = "translate(calc(-50% + " + spot[0] + "px), calc(-50% + " + spot[1] + "px))";
      var end = map.containerPointToLatLng([at.x + spot[0], at.y + spot[1]]);
      L.polyline([pill.latlng, end], { className: "mapgen-leader", color: "#3c4043", weight: 1.2, interactive: false }).addTo(leaders);
      L.circleMarker(pill.latlng, { className: "mapgen-leader-dot", radius: 3, weight: 1.5, color: "#fff", fillColor: pill.colour, fillOpacity: 1,
        interactive: false }).addTo(leaders);
    });
    // Pills that found no free spot stay at their place, over others: the snapshot tells the user.
    if (crowded) document.body.setAttribute(PAGE.pillsCrowded, String(crowded)); else document.body.removeAttribute(PAGE.pillsCrowded);
  };

  NumberedMarkers.prototype.show = function (incident) { this.popups.open(incident); };

  // Where a pill of this size may sit, as a shift from its place: the place itself, or the
  // nearest free spot on rings around it (twelve directions a ring, wider and wider), inside the
  // frame; null when every spot within reach is taken.
  function freeSpot(at, width, height, taken, size) {
    var step = height + 4;
    for (var ring = 0; ring <= 9; ring++) {
      var radius = ring * step * (ring > 4 ? 1.5 : 1), count = ring ? 12 + 4 * ring : 1;
      for (var k = 0; k < count; k++) {
        var angle = 2 * Math.PI * k / count, dx = Math.round(radius * Math.cos(angle) * 1.4), dy = Math.round(radius * Math.sin(angle));
        var box = [at.x + dx - width / 2, at.y + dy - height / 2, at.x + dx + width / 2, at.y + dy + height / 2];
        if (box[0] < 2 || box[1] < 2 || box[2] > size.x - 2 || box[3] > size.y - 2) continue;
        if (!overlapsAny(box, taken)) return [dx, dy];
      }
    }
    return null;
  }

  // "1, 3–5, 7" for the numbers of the incidents at one place.
  function numberRanges(numbers) {
    var parts = [], start = numbers[0], last = numbers[0];
    for (var i = 1; i <= numbers.length; i++) {
      if (i < numbers.length && numbers[i] === last + 1) { last = numbers[i]; continue; }
      parts.push(start === last ? String(start) : start + "–" + last);
      start = last = numbers[i];
    }
    return parts.join(", ");
  }

  // In a portrait numbered picture the legend joins the key in the band under the map, in a row.
  function dockLegend() {
    var legend = document.getElementById("mapgen-legend"), key = document.getElementById("mapgen-key");
    legend.classList.add("mapgen-legend-docked");
    document.body.insertBefore(legend, key);
    var height = key.getBoundingClientRect().height;
    document.body.style.setProperty("--mapgen-key-height", Math.ceil(height + legend.getBoundingClientRect().height) + "px");
    legend.style.bottom = Math.ceil(height) + "px";
  }
  // Which incidents are placed only approximately: said on the key's line of each, or once in the
  // legend when every incident is placed alike (all at town centres, say).
  var SHARED_PRECISION = null;
  function showKey(order, styles) {
    var precisions = dict();
    order.forEach(function (incident) { precisions[incident.approximate ? incident.get("location_precision") : "exact"] = true; });
    var kinds = Object.keys(precisions);
    SHARED_PRECISION = kinds.length === 1 && kinds[0] !== "exact" ? kinds[0] : null;
    var key = el("ol", "mapgen-key");
    key.id = "mapgen-key";
    order.forEach(function (incident) {
      var day = incident.end !== incident.start ? formatSpan(incident.start, incident.end) : formatDay(incident.start);
      var item = el("li");
      item.setAttribute("data-number", incident.number);
      item.appendChild(el("span", "mapgen-key-number", incident.number + "."));
      var precision = incident.get("location_precision");
      item.appendChild(el("span", null, " " + day + (incident.time ? " " + incident.time : "") + " · " +
        (incident.get("place") || incident.get("matched_name") || "") + " · " + styles[incident.category].label));
      if (incident.approximate) item.classList.add("mapgen-key-approximate");
      if (incident.approximate && !SHARED_PRECISION) {
        item.appendChild(el("span", "mapgen-key-precision", " (" + t("precision." + precision) + ")"));
      }
      key.appendChild(item);
    });
    document.body.appendChild(key);
    placeKey(key);
  }
  // The key has a place of its own beside the map, never over it: a column on the left of a
  // landscape frame, a band under the map in a portrait one (a phone, an A4 page). Every line of
  // it shows if it can: in smaller type when it is too long, down to 8 px, then in more columns and
  // with more of the frame. Where even that is too little (a hundred incidents on a phone), the
  // lines that do not fit give way to one that says how many are left out, and the page says so
  // to the snapshot (PAGE.keyCut), which tells the user.
  function placeKey(key) {
    var body = document.body, wide = window.innerWidth >= 700 && window.innerWidth > window.innerHeight * 1.1;
    body.classList.add(wide ? "mapgen-key-side" : "mapgen-key-below");
    // Columns overflow sideways, a single one downwards.
    function overflows() { return key.scrollHeight > key.clientHeight + 1 || key.scrollWidth > key.clientWidth + 1; }
    var room = wide ? [[0.3, 1], [0.3, 2], [0.45, 2], [0.45, 3], [0.6, 3]] : [[0.5, 1], [0.5, 2], [0.65, 2], [0.65, 3]];
    for (var i = 0; i < room.length && (i === 0 || overflows()); i++) {
      var share = room[i][0], columns = room[i][1];
      if (wide) body.style.setProperty("--mapgen-key-width", Math.round(i ? window.innerWidth * share : Math.min(360, window.innerWidth * share)) + "px");
      else key.style.maxHeight = share * 100 + "%";
      key.style.columnCount = columns > 1 ? String(columns) : "";
      for (var size = 12; size >= 8 && (size === 12 || overflows()); size -= 0.5) key.style.fontSize = size + "px";
    }
    var items = key.querySelectorAll("li"), cut = 0, note = null;
    while (overflows() && cut < items.length) {
      items[items.length - 1 - cut].hidden = true;
      cut += 1;
      if (!note) { note = el("li", "mapgen-key-cut"); key.appendChild(note); }
      note.textContent = t("key.cut", { count: cut });
    }
    if (cut) body.setAttribute(PAGE.keyCut, String(cut));
    if (!wide) body.style.setProperty("--mapgen-key-height", Math.ceil(key.getBoundingClientRect().height) + "px");
  }

  // -- Inset: a small locator map in a corner when the frame is small beside its country's
  // mainland or away from it (Corsica, La Réunion): the mainland and the frame, coarse outlines,
  // and a box for what the map shows now, redrawn as it moves.
  function Inset(map, inset) {
    var self = this, box = inset.box, width = INSET_WIDTH;
    function y(lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)); }
    var top = y(box[3]), scale = width / ((box[2] - box[0]) * Math.PI / 180);
    var height = Math.min(INSET_WIDTH * 1.3, Math.max(60, (top - y(box[1])) * scale));
    this.project = function (lng, lat) {
      return [Math.round((lng - box[0]) * Math.PI / 180 * scale * 10) / 10, Math.round((top - y(lat)) * scale * 10) / 10];
    };
    var paths = unpackBasemap(inset.land).features.map(function (feature) {
      return '<path d="' + feature.geometry.coordinates.map(function (polygon) {
        return polygon.map(function (ring) {
          return ring.map(function (c, i) { var p = self.project(c[0], c[1]); return (i ? "L" : "M") + p[0] + " " + p[1]; }).join("") + "Z";
        }).join("");
      }).join("") + '"/>';
    }).join("");
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var node = el("div", "mapgen-inset");
      node.id = "mapgen-inset";
      node.setAttribute("role", "img");
      node.setAttribute("aria-label", t("map.inset"));
      node.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + Math.round(height) + '" viewBox="0 0 ' + width + " " +
        Math.round(height) + '"><rect width="100%" height="100%" fill="#d7e6f0"/><g fill="#f4f3ee" stroke="#8c9aa8" stroke-width="0.5">' + paths +
        '</g><rect class="mapgen-inset-frame" fill="none" stroke="#c0392b" stroke-width="1.5"/></svg>';
      return node;
    };
    control.addTo(map);
    this.node = control.getContainer();
    this.svg = this.node.querySelector("svg");
    this.frame = this.node.querySelector(".mapgen-inset-frame");
    map.on("moveend", function () { self.draw(); });
    this.map = map;
    this.draw();
  }
  Inset.prototype.draw = function () {
    var b = this.map.getBounds(), a = this.project(b.getWest(), b.getNorth()), c = this.project(b.getEast(), b.getSouth());
    var w = Math.max(c[0] - a[0], 6), h = Math.max(c[1] - a[1], 6);  // a faraway island still gets a visible box
    this.frame.setAttribute("x", ((a[0] + c[0]) / 2 - w / 2).toFixed(1));
    this.frame.setAttribute("y", ((a[1] + c[1]) / 2 - h / 2).toFixed(1));
    this.frame.setAttribute("width", w.toFixed(1));
    this.frame.setAttribute("height", h.toFixed(1));
  };
  var INSET_WIDTH = 150;

  // -- vectorPicture: the map as it stands, as one SVG document a designer can edit: the offline
  // base map, the town names shown, the markers (numbered when the page is), the title, legend,
  // key and credits, each from the page's data and placed where the page has them. Tiles are
  // pictures from elsewhere and are never part of it; the credits say what is drawn.
  function vectorPicture(map, parts) {
    // The canvas: the map's frame, and the numbered picture's key (and legend) beside or under it.
    var container = map.getContainer().getBoundingClientRect(), out = [];
    var edges = [container.left, container.top, container.right, container.bottom];
    document.querySelectorAll("#mapgen-key, .mapgen-legend-docked").forEach(function (node) {
      var r = node.getBoundingClientRect();
      if (r.width) edges = [Math.min(edges[0], r.left), Math.min(edges[1], r.top), Math.max(edges[2], r.right), Math.max(edges[3], r.bottom)];
    });
    var origin = { left: edges[0], top: edges[1] }, size = { x: Math.round(edges[2] - edges[0]), y: Math.round(edges[3] - edges[1]) };
    var frame = { x: container.left - origin.left, y: container.top - origin.top, w: container.width, h: container.height };
    var font = getComputedStyle(document.body).fontFamily.replace(/"/g, "'");
    function xy(latlng) {
      var p = map.latLngToContainerPoint(latlng);
      return [Math.round((p.x + frame.x) * 10) / 10, Math.round((p.y + frame.y) * 10) / 10];
    }
    function text(x, y, value, attributes) {
      return '<text x="' + x + '" y="' + y + '"' + (attributes || "") + ">" + escapeHtml(value) + "</text>";
    }
    function boxOf(node) {
      var r = node && node.getBoundingClientRect();
      return r && r.width ? { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height } : null;
    }
    out.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + size.x + '" height="' + size.y + '" viewBox="0 0 ' + size.x + " " + size.y +
      '" font-family="' + font + '" font-size="12" data-frame="' + [frame.x, frame.y, frame.w, frame.h].map(Math.round).join(" ") + '">');
    out.push("<title>" + escapeHtml(document.title) + "</title>");
    out.push('<rect id="page" width="' + size.x + '" height="' + size.y + '" fill="#fff"/>');
    out.push('<rect id="sea" x="' + Math.round(frame.x) + '" y="' + Math.round(frame.y) + '" width="' + Math.round(frame.w) + '" height="' +
      Math.round(frame.h) + '" fill="' + getComputedStyle(map.getContainer()).backgroundColor + '"/>');
    out.push(vectorBasemap(parts.basemap, xy));
    out.push('<g id="towns" fill="#333">');
    (parts.labels.drawn || []).forEach(function (label) {
      var x = frame.x, y = frame.y, box = [label.box[0] + x, label.box[1] + y, label.box[2] + x, label.box[3] + y];
      out.push('<circle cx="' + Math.round(label.point.x + x) + '" cy="' + Math.round(label.point.y + y) + '" r="2.5" fill="#555"/>');
      out.push(text(Math.round(box[0] + 3), Math.round(box[1] + 12), label.name, (label.always ? ' font-weight="bold" fill="#111"' : "") +
        ' data-box="' + box.map(Math.round).join(" ") + '"'));
    });
    out.push("</g>");
    out.push(parts.markers.bins ? vectorBins(map, boxOf, frame) : vectorMarkers(parts, xy));
    out.push(vectorPanels(parts, boxOf, text, frame));
    var inset = parts.inset && boxOf(parts.inset.node);
    if (inset) out.push('<g id="inset">' + parts.inset.svg.outerHTML.replace("<svg ", '<svg x="' + inset.x + '" y="' + inset.y + '" ') + "</g>");
    return out.join("\n") + "\n</svg>\n";
  }

  function vectorBasemap(collection, xy) {
    if (!collection) return "";
    function path(line, close) {
      return line.map(function (c, i) { var p = xy([c[1], c[0]]); return (i ? "L" : "M") + p[0] + " " + p[1]; }).join("") + (close ? "Z" : "");
    }
    // As the page draws it (addBasemap): land filled only, then departments, then outlines.
    var land = [], lines = { department: [], outline: [] };
    collection.features.forEach(function (feature) {
      var g = feature.geometry, name = escapeHtml(feature.properties.name || "");
      if (g.type === "MultiPolygon") {
        land.push('<path data-name="' + name + '" d="' + g.coordinates.map(function (polygon) {
          return polygon.map(function (ring) { return path(ring, true); }).join("");
        }).join("") + '"/>');
      } else if (g.coordinates.length) {
        (lines[feature.properties.kind] || lines.outline).push('<path data-name="' + name + '" d="' +
          g.coordinates.map(function (line) { return path(line, false); }).join("") + '"/>');
      }
    });
    return '<g id="land" fill="#f4f3ee" stroke="none" fill-rule="evenodd">' + land.join("") + "</g>" +
      '<g id="departments" fill="none" stroke="#b4bcc6" stroke-width="0.6">' + lines.department.join("") + "</g>" +
      '<g id="outlines" fill="none" stroke="#8c9aa8" stroke-width="1" stroke-linejoin="round" stroke-linecap="round">' + lines.outline.join("") + "</g>";
  }

  // A pill's width in the SVG: as the page's CSS draws it (13 px bold text, 6 px padding, 2 px border, at least 26).
  function pillWidth(label) { return Math.max(26, textWidth(label) * 13 / 12 * 1.08 + 16); }

  // A map drawn in bins is pictured as it shows: its rings (bins and clusters), each with its
  // count, and the incidents drawn alone; not every incident's symbol piled under them.
  function vectorBins(map, boxOf, frame) {
    var out = ['<g id="incidents">'], inside = function (box) {
      return box.x + box.w > frame.x && box.x < frame.x + frame.w && box.y + box.h > frame.y && box.y < frame.y + frame.h;
    };
    map.getPane("markerPane").querySelectorAll(".mapgen-cluster, .mapgen-marker").forEach(function (node) {
      var box = boxOf(node), svg = node.querySelector("svg");
      if (!box || !svg || !inside(box)) return;
      var place = 'x="' + box.x.toFixed(1) + '" y="' + box.y.toFixed(1) + '" ';
      if (!node.classList.contains("mapgen-cluster")) {
        out.push('<g class="alone">' + svg.outerHTML.replace("<svg ", "<svg " + place) + "</g>");
        return;
      }
      var count = node.textContent.trim();
      out.push('<g class="cluster" data-count="' + escapeHtml(count) + '">' + svg.outerHTML.replace("<svg ", "<svg " + place) +
        '<text x="' + (box.x + box.w / 2).toFixed(1) + '" y="' + (box.y + box.h / 2 + 4.5).toFixed(1) + '" text-anchor="middle" font-weight="bold"' +
        ' font-size="13" fill="#202124">' + escapeHtml(count) + "</text></g>");
    });
    out.push("</g>");
    return out.join("");
  }

  function vectorMarkers(parts, xy) {
    var out = ['<g id="incidents">'];
    if (parts.markers.pills) {
      parts.markers.pills.forEach(function (pill) {
        if (!pill.dx && !pill.dy) return;
        var p = xy(pill.latlng);
        out.push('<g class="leader"><line x1="' + p[0] + '" y1="' + p[1] + '" x2="' + (p[0] + pill.dx) + '" y2="' + (p[1] + pill.dy) +
          '" stroke="#3c4043" stroke-width="1.2"/><circle cx="' + p[0] + '" cy="' + p[1] + '" r="3" fill="' + pill.colour + '" stroke="#fff" stroke-width="1.5"/></g>');
      });
      parts.markers.pills.forEach(function (pill) {
        var p = xy(pill.latlng), width = pillWidth(pill.label);
        p[0] += pill.dx || 0;
        p[1] += pill.dy || 0;
        out.push('<g data-label="' + escapeHtml(pill.label) + '"' + (pill.approximate ? ' data-approximate="1"' : "") + '><rect x="' + (p[0] - width / 2) +
          '" y="' + (p[1] - 11) + '" width="' + width + '" height="22" rx="11" fill="' + pill.colour + '" stroke="#fff" stroke-width="2"/>' +
          (pill.approximate ? '<rect x="' + (p[0] - width / 2 - 2) + '" y="' + (p[1] - 13) + '" width="' + (width + 4) + '" height="26" rx="13" fill="none"' +
            ' stroke="#3c4043" stroke-width="1.5" stroke-dasharray="3 2"/>' : "") +
          '<text x="' + p[0] + '" y="' + (p[1] + 4.5) + '" text-anchor="middle" font-weight="bold" font-size="13" fill="#fff">' +
          escapeHtml(pill.label) + "</text></g>");
      });
    } else {
      parts.incidents.forEach(function (incident) {
        var p = xy(incident.latlng);
        out.push(shapeSvg(parts.styles[incident.category], incident.approximate, 22)
          .replace("<svg ", '<svg x="' + (p[0] - 11) + '" y="' + (p[1] - 11) + '" data-category="' + escapeHtml(incident.category) + '" '));
      });
    }
    out.push("</g>");
    return out.join("");
  }

  function vectorPanels(parts, boxOf, text, frame) {
    var out = [], panel = ' fill="#fff" fill-opacity="0.94" stroke="#ccc" rx="4"';
    var title = boxOf(document.getElementById("mapgen-title"));
    if (title) {
      out.push('<g id="title"><rect x="' + title.x + '" y="' + title.y + '" width="' + title.w + '" height="' + title.h + '"' + panel + "/>");
      var y = title.y + 24, heading = document.querySelector("#mapgen-title h1, #mapgen-title .mapgen-heading");
      if (heading) { out.push(text(title.x + 12, y, heading.textContent, ' font-size="19" font-weight="bold"')); y += 20; }
      var subtitle = document.querySelector("#mapgen-title .mapgen-subtitle");
      if (subtitle) { out.push(text(title.x + 12, y, subtitle.textContent, ' font-size="14"')); y += 18; }
      var caption = document.querySelector("#mapgen-title .mapgen-caption");
      if (caption) {
        wrapText(caption.textContent, title.w - 24, 12).forEach(function (line) { out.push(text(title.x + 12, y, line, ' fill="#555"')); y += 14; });
      }
      out.push("</g>");
    }
    // The legend and the key as the page lays them out (beside or under the map, in columns, in
    // smaller type): each line where the page has it.
    var legendNode = document.querySelector("#mapgen-legend"), legend = boxOf(legendNode);
    if (legend) {
      out.push('<g id="legend"><rect x="' + legend.x + '" y="' + legend.y + '" width="' + legend.w + '" height="' + legend.h + '"' + panel + "/>");
      var heading = boxOf(legendNode.querySelector("h2"));
      if (heading) out.push(text(heading.x.toFixed(1), (heading.y + heading.h - 4).toFixed(1), t("legend.heading"), ' font-weight="bold"'));
      legendNode.querySelectorAll(".mapgen-legend-item").forEach(function (item, i) {
        var style = parts.categories[i], mark = boxOf(item.querySelector(".mapgen-swatch, .mapgen-pill-swatch"));
        var label = boxOf(item.querySelector(".mapgen-legend-label")), count = boxOf(item.querySelector(".mapgen-legend-count"));
        if (!style || !mark || !label) return;
        out.push(parts.markers.pills ? '<rect x="' + mark.x.toFixed(1) + '" y="' + mark.y.toFixed(1) + '" width="' + mark.w.toFixed(1) + '" height="' +
          mark.h.toFixed(1) + '" rx="' + (mark.h / 2).toFixed(1) + '" fill="' + safeColour(style.colour) + '" stroke="#fff" stroke-width="2"/>'
          : shapeSvg(style, false, 16).replace("<svg ", '<svg x="' + mark.x.toFixed(1) + '" y="' + mark.y.toFixed(1) + '" '));
        var baseline = (label.y + label.h * 0.75).toFixed(1);
        out.push(text(label.x.toFixed(1), baseline, style.label));
        if (count) out.push(text((count.x + count.w).toFixed(1), baseline, String(style.count), ' text-anchor="end"'));
      });
      var note = legendNode.querySelector(".mapgen-legend-key"), noteBox = boxOf(note);
      if (noteBox && parts.markers.pills) {
        var words = note.querySelector("span:last-child"), wordsBox = boxOf(words);
        wrapText(words.textContent, wordsBox.w, 11).forEach(function (line, i) {
          out.push(text(wordsBox.x.toFixed(1), (wordsBox.y + 12 + i * 14).toFixed(1), line, ' font-size="11" fill="#555"'));
        });
      }
      out.push("</g>");
    }
    var key = boxOf(document.getElementById("mapgen-key"));
    if (key && parts.markers.order) {
      out.push('<g id="key"><rect x="' + key.x + '" y="' + key.y + '" width="' + key.w + '" height="' + key.h + '" fill="#fff"/>');
      document.querySelectorAll("#mapgen-key li").forEach(function (item) {
        var b = boxOf(item), size = parseFloat(getComputedStyle(item).fontSize);
        if (!b) return;
        wrapText(item.textContent, b.w, size).forEach(function (line, i) {
          out.push(text(b.x.toFixed(1), (b.y + size * 1.1 + i * size * 1.45).toFixed(1), line, ' font-size="' + size + '"' +
            (i || !item.hasAttribute("data-number") ? "" : ' data-number="' + item.getAttribute("data-number") + '"')));
        });
      });
      out.push("</g>");
    }
    var credits = [parts.credits.places, parts.credits.offline].filter(Boolean).map(function (html) {
      var node = document.createElement("span");
      node.innerHTML = html;  // our own constants, never the data
      return node.textContent;
    }).join(", ");
    // The credits inside the frame's bottom right corner, in type small enough to fit its width.
    var creditSize = Math.min(11, 11 * (frame.w - 12) / Math.max(1, textWidth(credits) * 11 / 12));
    out.push(text(Math.round(frame.x + frame.w - 6), Math.round(frame.y + frame.h - 6), credits, ' id="credits" font-size="' + creditSize.toFixed(1) +
      '" fill="#333" text-anchor="end" data-width="' + Math.ceil(textWidth(credits) * creditSize / 12) + '"'));
    out.push(vectorScale(boxOf, text));
    return out.join("");
  }

  // The scale bar as the page shows it (none where ScaleRule hides it): its lines and lengths.
  function vectorScale(boxOf, text) {
    var control = document.querySelector(".leaflet-control-scale");
    if (!control || control.classList.contains("mapgen-scale-off") || !boxOf(control)) return "";
    var out = ['<g id="scale" font-size="10" fill="#333">'];
    control.querySelectorAll(".leaflet-control-scale-line").forEach(function (line) {
      var b = boxOf(line);
      if (!b) return;
      out.push('<rect x="' + b.x.toFixed(1) + '" y="' + b.y.toFixed(1) + '" width="' + b.w.toFixed(1) + '" height="' + b.h.toFixed(1) +
        '" fill="#fff" fill-opacity="0.8" stroke="#777" stroke-width="1.5"/>');
      out.push(text((b.x + 4).toFixed(1), (b.y + b.h - 4).toFixed(1), line.textContent));
    });
    var note = boxOf(control.querySelector(".mapgen-scale-note"));
    if (note) out.push(text(note.x.toFixed(1), (note.y + note.h - 3).toFixed(1), control.querySelector(".mapgen-scale-note").textContent));
    out.push("</g>");
    return out.join("");
  }

  function wrapText(value, width, fontSize) {
    var lines = [], line = "";
    value.split(/\s+/).forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && textWidth(next) * fontSize / 12 > width) { lines.push(line); line = word; } else line = next;
    });
    if (line) lines.push(line);
    return lines;
  }

  // -- Heat: an optional heatmap of the incidents shown --------------------------------------------
  function Heat(map, filters) {
    this.map = map;
    this.filters = filters;
    this.layer = null;
  }
  Heat.prototype.points = function () {
    return this.filters.shown().map(function (incident) {
      return incident.weight === 1 ? incident.latlng : [incident.latlng.lat, incident.latlng.lng, incident.weight];
    });
  };
  Heat.prototype.toggle = function (on) {
    if (on) { this.layer = L.heatLayer(this.points(), { radius: 25, blur: 18, maxZoom: 12 }).addTo(this.map); }
    else if (this.layer) { this.map.removeLayer(this.layer); this.layer = null; }
  };
  Heat.prototype.update = function () { if (this.layer) this.layer.setLatLngs(this.points()); };

  // -- Legend: categories with their shape, colour and count; a tick box for each ------------------
  function Legend(map, config, filters, heat) {
    var self = this;
    this.categories = config.categories;
    this.filters = filters;
    this.countNodes = dict();
    var control = L.control({ position: "topright" });
    control.onAdd = function () { return self.build(config.heatmap, heat); };
    control.addTo(map);
  }
  Legend.prototype.build = function (withHeatmap, heat) {
    var numbered = document.body.classList.contains("mapgen-numbered");  // the numbered picture: pills, as on the map
    var self = this, box = el("div", "mapgen-legend leaflet-bar");
    box.id = "mapgen-legend";
    // On a phone the legend folds behind this button, as the list does, so that the map keeps its room.
    var fold = el("button", "mapgen-legend-toggle mapgen-phone-only", t("legend.heading"));
    fold.type = "button";
    fold.setAttribute("aria-expanded", "false");
    fold.addEventListener("click", function () {
      var open = box.classList.toggle("mapgen-legend-open");
      fold.setAttribute("aria-expanded", String(open));
    });
    box.appendChild(fold);
    box.appendChild(el("h2", null, t("legend.heading")));
    this.categories.forEach(function (style) {
      var label = el("label", "mapgen-legend-item");
      var tick = checkbox(function (on) { self.filters.setCategory(style.key, on); }, true);
      tick.setAttribute("data-category", style.key);
      label.appendChild(tick);
      label.appendChild(numbered ? pillSwatch(style, false) : swatch(style, false));
      label.appendChild(el("span", "mapgen-legend-label", style.label));
      self.countNodes[style.key] = el("span", "mapgen-legend-count", TEXT.numbers.format(style.count));  // "393,431", the language's way
      label.appendChild(self.countNodes[style.key]);
      box.appendChild(label);
    });
    var key = el("p", "mapgen-legend-key");
    key.appendChild(numbered ? pillSwatch({ colour: "#7f7f7f" }, true) : swatch({ colour: "#7f7f7f", shape: "circle" }, true));
    key.appendChild(el("span", null, numbered && SHARED_PRECISION ? t("legend.allApproximate", { precision: t("precision." + SHARED_PRECISION) })
      : t(numbered ? "legend.approximateNumber" : "legend.approximate")));
    if (numbered && this.filters.incidents.some(function (incident) { return incident.approximate; })) key.classList.add("mapgen-has-approximate");
    box.appendChild(key);
    if (withHeatmap) {
      var heatLabel = el("label", "mapgen-legend-item mapgen-interactive");
      var heatBox = checkbox(function (on) { heat.toggle(on); }, false);
      heatBox.id = "mapgen-heatmap";
      heatLabel.appendChild(heatBox);
      heatLabel.appendChild(el("span", "mapgen-legend-label", t("legend.heatmap")));
      box.appendChild(heatLabel);
    }
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  // Counts follow the other filters (days, search, values), whether or not a category is ticked; the list head counts what shows.
  // Each category's incidents that pass the other filters: a category ticked or not leaves them as they are.
  Legend.prototype.updateCounts = function (change) {
    if (change && change.category) return;
    var counts = new Float64Array(this.categories.length), store = this.filters.store, countNodes = this.countNodes;
    for (var i = 0; i < store.cat.length; i++) if (store.passing[i] === 1) counts[store.cat[i]] += store.weight[i];
    this.categories.forEach(function (style, i) { countNodes[style.key].textContent = TEXT.numbers.format(counts[i]); });
  };
  // A small pill of a category's colour, as the numbered picture draws its incidents; dashed when approximate.
  function pillSwatch(style, approximate) {
    var node = el("span", "mapgen-pill-swatch" + (approximate ? " mapgen-approximate" : ""));
    node.style.background = safeColour(style.colour);
    return node;
  }
  function checkbox(onChange, checked) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    return box;
  }

  // -- TimeControl: two sliders for the first and last day shown, and playback ---------------------
  function TimeControl(map, filters) {
    var self = this;
    this.filters = filters;
    this.playing = null;
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () { return self.build(); };
    control.addTo(map);
    filters.onChange(function (change) {
      if (change.category) return;
      document.getElementById("mapgen-time-label").textContent = formatSpan(filters.range.from, filters.range.to);
      self.from.value = filters.range.from;  // a range set from elsewhere (a link) moves the sliders too
      self.to.value = filters.range.to;
      self.from.setAttribute("aria-valuetext", formatDay(filters.range.from));
      self.to.setAttribute("aria-valuetext", formatDay(filters.range.to));
    });
  }
  TimeControl.prototype.build = function () {
    var self = this, filters = this.filters, box = el("div", "mapgen-time leaflet-bar");
    box.id = "mapgen-time";
    var label = el("p", "mapgen-time-label");
    label.id = "mapgen-time-label";
    label.textContent = formatSpan(filters.range.from, filters.range.to);  // at once: the opening view leaves room for it
    this.from = this.slider("mapgen-time-from", t("time.from"), filters.firstDay);
    this.to = this.slider("mapgen-time-to", t("time.to"), filters.lastDay);
    this.play = el("button", "mapgen-play", t("time.play"));
    this.play.type = "button";
    this.play.id = "mapgen-play";
    this.play.addEventListener("click", function () { if (self.playing) self.stop(); else self.start(); });
    [label, this.from, this.to, this.play].forEach(function (node) { box.appendChild(node); });
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  TimeControl.prototype.slider = function (id, name, value) {
    var self = this, input = el("input");
    input.type = "range";
    input.min = this.filters.firstDay;
    input.max = this.filters.lastDay;
    input.step = 1;
    input.value = value;
    input.id = id;
    input.setAttribute("aria-label", name);
    input.addEventListener("input", function () {
      var a = +self.from.value, b = +self.to.value;
      if (a > b) { if (input === self.from) self.to.value = a; else self.from.value = b; }
      self.filters.setRange(+self.from.value, +self.to.value);
    });
    return input;
  };
  TimeControl.prototype.start = function () {
    var self = this, first = this.filters.firstDay, day = first;
    this.from.value = first;
    this.to.value = day;
    this.filters.setRange(first, day);
    this.play.textContent = t("time.pause");
    this.playing = setInterval(function () {
      day += 1;
      if (day > self.filters.lastDay) { self.stop(); return; }
      self.to.value = day;
      self.filters.setRange(first, day);
    }, PLAY_STEP_MS);
  };
  TimeControl.prototype.stop = function () {
    clearInterval(this.playing);
    this.playing = null;
    this.play.textContent = t("time.play");
  };

  function Fullscreen(map) {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var button = el("button", "mapgen-fullscreen leaflet-bar");
      button.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="#333" stroke-width="2.5">' +
        '<path d="M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6"/></svg>';
      button.type = "button";
      button.title = t("map.fullscreen");
      button.setAttribute("aria-label", t("map.fullscreen"));
      button.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
      });
      return button;
    };
    control.addTo(map);
  }

  // -- IncidentList: the incidents shown, by date, a page at a time --------------------------------
  function IncidentList(incidents, filters, styles, pageSize, show) {
    var self = this;
    this.filters = filters;
    this.styles = styles;
    this.pageSize = pageSize;
    this.limit = pageSize;
    this.ascending = true;
    this.show = show;
    this.all = incidents;
    this.order = null;  // by date, sorted at the first render (after the map's first frame)
    this.waiting = false;  // a render asked for before the page's first frame
    this.held = false;
    this.incidents = weighed(incidents);  // what the rows stand for: more than the rows when the engine counted groups
    this.node = document.getElementById("mapgen-list");
    this.more = document.getElementById("mapgen-more");
    var sort = document.getElementById("mapgen-sort");
    this.more.addEventListener("click", function () { self.limit += self.pageSize; self.render(); });
    sort.addEventListener("click", function () {
      self.ascending = !self.ascending;
      sort.textContent = t(self.ascending ? "page.sortAscending" : "page.sortDescending");
      sort.setAttribute("aria-label", t(self.ascending ? "page.sortAscendingName" : "page.sortDescendingName"));
      self.render();
    });
    document.getElementById("mapgen-panel-open").addEventListener("click", function () {
      document.body.classList.add("mapgen-list-open");
    });
    document.getElementById("mapgen-panel-close").addEventListener("click", function () {
      document.body.classList.remove("mapgen-list-open");
    });
    document.body.classList.add("mapgen-with-list");
  }
  // The list waits for the map's first frame: on a large map the markers come first.
  IncidentList.prototype.hold = function () { this.held = true; };
  IncidentList.prototype.release = function () {
    this.held = false;
    if (this.waiting) this.render();
  };
  IncidentList.prototype.render = function () {
    if (this.held) { this.waiting = true; return; }
    this.waiting = false;
    if (!this.order) {
      var all = this.all, keys = new Float64Array(all.length);
      for (var k = 0; k < all.length; k++) keys[k] = all[k].key;
      this.order = new Uint32Array(all.length).map(function (_, k) { return k; }).sort(function (a, b) { return keys[a] - keys[b] || a - b; });
    }
    this.node.textContent = "";
    var shown = 0, total = 0, weight = 0, fragment = document.createDocumentFragment(), order = this.order, last = order.length - 1;
    var filters = this.filters, weights = filters.store.weight;
    for (var m = 0; m < order.length; m++) {  // how many: in the store's own order, the quickest walk
      if (!filters.visibleAt(m)) continue;
      total += 1;
      weight += weights[m];
    }
    for (var i = 0; i < order.length && shown < this.limit; i++) {  // which: by date, a page of them
      var n = order[this.ascending ? i : last - i];
      if (!filters.visibleAt(n)) continue;
      shown += 1;
      fragment.appendChild(this.item(this.all[n]));
    }
    this.node.appendChild(fragment);
    // In words, in a live region: a screen reader says how many are shown each time it changes.
    document.getElementById("mapgen-count").textContent = t("page.count", { shown: weight, total: this.incidents });
    this.more.hidden = total <= shown;
    this.more.textContent = t("page.moreLeft", { count: total - shown });
  };
  IncidentList.prototype.item = function (incident) {
    var self = this, item = el("li"), button = el("button", "mapgen-row");
    button.type = "button";
    button.setAttribute("data-id", incident.get("id"));
    button.appendChild(swatch(this.styles[incident.category], incident.approximate));
    var text = el("span", "mapgen-row-text");
    var day = incident.end !== incident.start ? formatSpan(incident.start, incident.end) : formatDay(incident.start);
    text.appendChild(el("span", "mapgen-row-date", day + (incident.time ? " " + incident.time : "")));
    text.appendChild(el("span", "mapgen-row-place", incident.get("place") || incident.get("matched_name") || ""));
    button.appendChild(text);
    button.addEventListener("click", function () {
      document.body.classList.remove("mapgen-list-open");
      self.show(incident);
    });
    item.appendChild(button);
    return item;
  };

  // Incidents that could not be placed are listed under the map's list, so that none is hidden.
  function showUnplaced(unplaced) {
    if (!unplaced.length) return;
    var list = document.getElementById("mapgen-unplaced-list");
    document.getElementById("mapgen-unplaced-section").hidden = false;
    unplaced.forEach(function (p) {
      var item = el("li", "mapgen-unplaced-item");
      var day = isoDay(p.date);
      item.appendChild(el("span", "mapgen-row-date", (day === null ? p.date || "" : formatDay(day)) + (p.time ? " " + p.time : "")));
      item.appendChild(el("span", "mapgen-row-place", (p.place || t("page.unplacedNoPlace")) + " · " + (p.category || "")));
      item.appendChild(el("span", "mapgen-note", t("page.unplacedWhy", { id: String(p.id) })));
      list.appendChild(item);
    });
  }

  // The opening frame: the incidents (or the --extent given at build time) in sight, clear of the
  // title above (and of a phone's legend under it) and of the time control and inset below; the
  // list panel and a numbered picture's key have taken their share of the page already.
  function fitToIncidents(map, incidents, extent) {
    if (!incidents.length && !extent) return;
    var bounds = extent ? L.latLngBounds([extent[1], extent[0]], [extent[3], extent[2]])
      : L.latLngBounds(incidents.map(function (incident) { return incident.latlng; }));
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) { map.setView(bounds.getCenter(), SINGLE_PLACE_ZOOM); return; }
    var box = map.getContainer().getBoundingClientRect();
    function edges() {
      var title = document.getElementById("mapgen-title");
      var top = title ? Math.min(title.getBoundingClientRect().bottom - box.top + 16, box.height / 3) : 30;
      var legend = document.getElementById("mapgen-legend"), legendBox = legend && legend.getBoundingClientRect();
      if (legendBox && legendBox.width > box.width * 0.4) top = Math.max(top, Math.min(legendBox.bottom - box.top + 16, box.height / 2));  // a phone: the legend spans the top
      var bottom = 30;
      ["mapgen-time", "mapgen-inset"].forEach(function (id) {  // what sits along the bottom edge
        var node = document.getElementById(id), rect = node && node.getBoundingClientRect();
        if (rect && rect.height) bottom = Math.max(bottom, Math.min(box.bottom - rect.top + 16, box.height / 3));
      });
      return { top: top, bottom: bottom };
    }
    var edge = edges();
    map.fitBounds(bounds, { paddingTopLeft: [30, edge.top], paddingBottomRight: [30, edge.bottom], animate: false });  // the opening view, at once
    // The new view can move what sits along the edges: the scale bar, hidden for the world view
    // the map starts at, shows for a country's and lifts the time control above it (57 pixels on a
    // phone). Measured again, and fitted again once if the room left shrank and an incident now
    // lies under the title, the time control or the inset.
    var settled = edges();
    var covered = ["mapgen-title", "mapgen-time", "mapgen-inset"].some(function (id) {
      var node = document.getElementById(id), rect = node && node.getBoundingClientRect();
      return rect && rect.height && underBox(map, incidents, rect, box);
    });
    if (covered && (settled.top > edge.top + 2 || settled.bottom > edge.bottom + 2)) {
      edge = { top: Math.max(edge.top, settled.top), bottom: Math.max(edge.bottom, settled.bottom) };
      map.fitBounds(bounds, { paddingTopLeft: [30, edge.top], paddingBottomRight: [30, edge.bottom], animate: false });
    }
    var top = edge.top, bottom = edge.bottom;
    // A desktop's legend (and the areas' key below it, with --by-region) sits in the top right
    // corner, over the map: when incidents fall under it, the view is fitted again beside it, so
    // that no ring opens hidden (a dense map's north-east; Europe under the key of a world map).
    var corner = map.getContainer().querySelector(".leaflet-top.leaflet-right"), cornerBox = corner && corner.getBoundingClientRect();
    if (!extent && cornerBox && cornerBox.width && cornerBox.width <= box.width * 0.4 && underBox(map, incidents, cornerBox, box)) {
      map.fitBounds(bounds, { paddingTopLeft: [30, top], paddingBottomRight: [Math.min(box.right - cornerBox.left + RING_REACH, box.width / 3), bottom],
                              animate: false });
    }
  }
  // Whether any incident (a sample of a large map's) lies within a ring's reach of a box on screen.
  var UNDER_SAMPLE = 5000, RING_REACH = 30;
  function underBox(map, incidents, rect, box) {
    var step = Math.max(1, Math.floor(incidents.length / UNDER_SAMPLE));
    for (var i = 0; i < incidents.length; i += step) {
      var p = map.latLngToContainerPoint(incidents[i].latlng), x = p.x + box.left, y = p.y + box.top;
      if (x > rect.left - RING_REACH && x < rect.right + RING_REACH && y > rect.top - RING_REACH && y < rect.bottom + RING_REACH) return true;
    }
    return false;
  }

  // -- ScaleRule: on Web Mercator one length on screen stands for fewer kilometres the further from
  // the equator, so a scale bar holds at one latitude only (Leaflet measures it across the view's
  // middle). Where the scale changes by more than SCALE_SPREAD from the top of the view to the
  // bottom (a continent, the world), the bar would mislead and is hidden; where it changes by more
  // than a few per cent, the bar says at which latitude it holds.
  function ScaleRule(map) {
    var node = map.getContainer().querySelector(".leaflet-control-scale");
    if (!node) return;
    var note = el("div", "mapgen-scale-note");
    node.appendChild(note);
    function check() {
      var size = map.getSize(), top = map.containerPointToLatLng([0, 0]).lat, bottom = map.containerPointToLatLng([0, size.y]).lat;
      var middle = map.containerPointToLatLng([0, size.y / 2]).lat, near = Math.min(Math.abs(top), Math.abs(bottom));
      var far = Math.min(85, Math.max(Math.abs(top), Math.abs(bottom)));
      if (top * bottom < 0) near = 0;
      var spread = Math.cos(near * Math.PI / 180) / Math.cos(far * Math.PI / 180);
      node.classList.toggle("mapgen-scale-off", spread > SCALE_SPREAD);
      note.textContent = spread > 1.05 ? t("map.scaleAt", { latitude: Math.abs(Math.round(middle)) + "° " + (middle >= 0 ? "N" : "S") }) : "";
    }
    map.on("zoomend moveend resize", check);
    check();
  }
  var SCALE_SPREAD = 1.3;

  // On a phone the title spans the top: the legend goes just below it, wherever it ends.
  function followTitle(map) {
    function place() {
      var title = document.getElementById("mapgen-title");
      var corner = map.getContainer().querySelector(".leaflet-top.leaflet-right");
      if (!title || !corner) return;
      corner.style.top = window.innerWidth <= 640 ? (title.getBoundingClientRect().bottom + 2) + "px" : "";
    }
    window.addEventListener("resize", place);
    map.invalidateSize();
    place();
  }

  // A map of many incidents draws them in bins: the visible incidents are counted on a grid of
  // about BIN_PIXELS on screen, each bin a ring like a cluster's, redrawn as the view, the
  // categories or the dates change (a pass over the incidents, not thousands of markers taken out
  // of clusters and put back); a bin of one incident is its marker. With few enough incidents in
  // view (DETAIL_LIMIT), those incidents are clustered as a smaller map's are, so that incidents
  // at one place still spread apart when clicked.
  var BIN_PIXELS = 64, DETAIL_LIMIT = 3000;
  function Bins(map, incidents, filters, makeMarker, categories, detailZoom) {
    this.map = map;
    this.detailZoom = detailZoom;
    this.incidents = incidents;
    this.filters = filters;
    this.makeMarker = makeMarker;
    this.categories = categories;
    this.layer = L.layerGroup();
    this.detail = L.markerClusterGroup({
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: 45,
      iconCreateFunction: function (cluster) { return clusterIcon(cluster, categories); }
    });
    this.detailed = dict();  // index -> marker of the incidents in the detail clusters
  }
  Bins.prototype.redraw = function () {
    var map = this.map, zoom = map.getZoom(), view = map.getBounds().pad(0.25), self = this;
    var south = view.getSouth(), north = view.getNorth(), west = view.getWest(), east = view.getEast();
    this.layer.clearLayers();
    var inView = [], i, incident, lat, lng, count = this.incidents.length, store = this.filters.store, on = this.filters.on;
    var cat = store.cat, onMap = store.onMap, lats = store.lat, lngs = store.lng, weights = store.weight, keys = this.categories.map(function (style) { return style.key; });
    for (i = 0; i < count && inView.length <= DETAIL_LIMIT; i++) {
      if (on[cat[i]] !== 1 || onMap[i] !== 1) continue;
      lat = lats[i]; lng = lngs[i];
      if (lat >= south && lat <= north && lng >= west && lng <= east) inView.push(this.incidents[i]);
    }
    // A counted dataset's rows stand for many incidents each: drawn as points only when zoomed in.
    if (inView.length <= DETAIL_LIMIT && (!WEIGHT || zoom >= this.detailZoom)) {
      this.cluster(inView);
      return;
    }
    this.cluster([]);
    // The grid is the world's (a bin stays put as the view pans), numbered over the view's rows and columns.
    var size = 360 / Math.pow(2, zoom) * BIN_PIXELS / 256, row0 = Math.floor(south / size), col0 = Math.floor(west / size);
    var cols = Math.floor(east / size) - col0 + 1, rows = Math.floor(north / size) - row0 + 1, kinds = keys.length;
    var counts = new Float64Array(rows * cols), latSums = new Float64Array(rows * cols), lngSums = new Float64Array(rows * cols);
    var byCategory = new Float64Array(rows * cols * kinds), firsts = new Int32Array(rows * cols);
    for (i = 0; i < count; i++) {
      if (on[cat[i]] !== 1 || onMap[i] !== 1) continue;
      lat = lats[i]; lng = lngs[i];
      if (lat < south || lat > north || lng < west || lng > east) continue;
      var at = (Math.floor(lat / size) - row0) * cols + Math.floor(lng / size) - col0, weight = weights[i];
      if (counts[at] === 0) firsts[at] = i;
      counts[at] += weight; latSums[at] += lat * weight; lngSums[at] += lng * weight;
      byCategory[at * kinds + cat[i]] += weight;
    }
    var cells = [];
    for (var c = 0; c < counts.length; c++) {
      if (counts[c] === 0) continue;
      var parts = dict();
      for (var k = 0; k < kinds; k++) if (byCategory[c * kinds + k]) parts[keys[k]] = byCategory[c * kinds + k];
      cells.push({ count: counts[c], lat: latSums[c], lng: lngSums[c], categories: parts, first: firsts[c] });
    }
    mergeNear(map, mergeNear(map, cells)).forEach(function (cell) {  // again: a ring that grew or moved may now reach another
      if (cell.count === 1) {  // one incident: itself, with its popup
        var alone = self.incidents[cell.first];
        self.layer.addLayer(alone.marker || self.makeMarker(alone));
        return;
      }
      var centre = L.latLng(cell.lat / cell.count, cell.lng / cell.count);
      var bin = L.marker(centre, { icon: ringIcon(cell.categories, cell.count, self.categories, " mapgen-bin") });
      bin.on("click", function () { map.setView(centre, Math.min(map.getZoom() + 2, map.getMaxZoom())); });
      bin.on("keypress", function (event) { if (event.originalEvent.key === "Enter") bin.fire("click"); });
      self.layer.addLayer(bin);
    });
  };
  // Bins whose centres fall closer than a cluster's reach on screen, or than their two rings' half
  // widths (rings of ten thousand and more are 62 pixels across), are one: the largest takes in
  // its neighbours, as the clusters of a smaller map do, so that no ring sits on another.
  var BIN_REACH = 45;
  function mergeNear(map, cells) {
    cells.sort(function (a, b) { return b.count - a.count; });
    var kept = [];
    cells.forEach(function (cell) {
      var point = map.latLngToContainerPoint([cell.lat / cell.count, cell.lng / cell.count]);
      var into = null;
      for (var i = 0; i < kept.length && !into; i++) {
        var reach = Math.max(BIN_REACH, (ringSize(kept[i].count) + ringSize(cell.count)) / 2);
        if (kept[i].point.distanceTo(point) < reach) into = kept[i];
      }
      if (!into) { cell.point = point; kept.push(cell); return; }
      into.count += cell.count; into.lat += cell.lat; into.lng += cell.lng;
      Object.keys(cell.categories).forEach(function (c) { into.categories[c] = (into.categories[c] || 0) + cell.categories[c]; });
      into.point = map.latLngToContainerPoint([into.lat / into.count, into.lng / into.count]);
    });
    return kept;
  }
  // The detail clusters hold just these incidents: those that left are taken out, those that came added.
  Bins.prototype.cluster = function (incidents) {
    var keep = dict(), leaving = [], entering = [], detailed = this.detailed, self = this;
    incidents.forEach(function (incident) {
      keep[incident.index] = true;
      if (!detailed[incident.index]) entering.push(detailed[incident.index] = incident.marker || self.makeMarker(incident));
    });
    Object.keys(detailed).forEach(function (index) {
      if (!keep[index]) { leaving.push(detailed[index]); delete detailed[index]; }
    });
    if (leaving.length) this.detail.removeLayers(leaving);
    if (entering.length) this.detail.addLayers(entering);
  };
  // Adds markers to a cluster group in slices, one after the other, so that the first ones are
  // drawn while the rest are still being clustered. A slice's markers are the ones still wanted
  // when its turn comes (keep): a filter changed while they waited has the last word on them.
  var FIRST_SLICE = 1000, SLICE = 10000;
  function Loader(map, group, keep, onFirst, onDone) {
    this.map = map;
    this.group = group;
    this.keep = keep;
    this.queue = [];
    this.busy = false;
    this.pending = 0;  // clusterings under way in timed chunks on the map (a slice, or the group put on the map)
    this.waiting = [];  // what waits for them to be done (see whenIdle)
    this.onFirst = onFirst;
    this.onDone = onDone;
  }
  // markercluster goes on clustering a slice in timed chunks after addLayers returns; a group taken
  // off the map meanwhile, or cleared, breaks that ("Cannot read properties of null (reading
  // 'getMinZoom')", Leaflet.markercluster issues 758 and 1017) or lets the slice's markers back in.
  // Such changes wait for the slice, and run, in order, before the next one is clustered.
  Loader.prototype.whenIdle = function (change) {
    if (this.pending) this.waiting.push(change); else change();
  };
  // The group on the map: what joined it while it was off (markercluster keeps those apart until
  // then) is clustered then, in timed chunks reported as a slice's are, so it counts as a
  // clustering under way until that is done.
  Loader.prototype.show = function () {
    if ((this.group._needsClustering || []).length) this.pending += 1;
    this.map.addLayer(this.group);
  };
  // markercluster has finished one clustering (chunkProgress at its end): the next slice follows
  // once none is left.
  Loader.prototype.clustered = function () {
    if (this.pending > 0) this.pending -= 1;
    if (!this.pending) this.next();
  };
  Loader.prototype.add = function (markers) {
    var first = this.onFirst ? Math.min(FIRST_SLICE, markers.length) : 0;
    if (first) this.queue.push(markers.slice(0, first));
    for (var i = first; i < markers.length; i += SLICE) this.queue.push(markers.slice(i, i + SLICE));
    if (!this.busy) this.next();
  };
  Loader.prototype.next = function () {
    if (this.pending) return;  // clustered() calls again
    if (this.busy && this.onFirst) { this.onFirst(); this.onFirst = null; }
    var waiting = this.waiting;
    this.waiting = [];
    waiting.forEach(function (change) { change(); });
    if (this.pending) return;  // a change put the group back on the map: clustered() calls again
    while (this.queue.length) {
      this.busy = true;
      var slice = this.queue.shift().filter(this.keep);
      if (!slice.length) continue;  // (an empty clustering would report nothing)
      if (this.map.hasLayer(this.group)) {  // next() again when clustered
        this.pending += 1;
        this.group.addLayers(slice);
        return;
      }
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


  // -- Toolbar: the tools at the head of the list (search, copy link, download), made here so that
  // a page built without them stays as it was.
  function Toolbar() {
    var head = document.querySelector("#mapgen-panel .mapgen-panel-head");
    this.node = el("div", "mapgen-tools");
    this.node.id = "mapgen-tools";
    head.parentNode.insertBefore(this.node, head.nextSibling);
    this.buttons = el("div", "mapgen-tool-buttons");
    this.node.appendChild(this.buttons);
  }
  Toolbar.prototype.button = function (id, text, name, onClick) {
    var button = el("button", "mapgen-tool", text);
    button.type = "button";
    button.id = id;
    if (name) button.setAttribute("aria-label", name);
    button.addEventListener("click", onClick);
    this.buttons.appendChild(button);
    return button;
  };

  // -- SearchBox: words looked for in the incidents' places, descriptions and sources; the map,
  // the list and the counts follow, as with the other filters. A large map waits for a pause in the typing.
  function SearchBox(filters, toolbar) {
    var self = this, input = el("input", "mapgen-search");
    input.type = "search";
    input.id = "mapgen-search";
    input.placeholder = t("search.placeholder");
    input.setAttribute("aria-label", t("search.name"));
    input.setAttribute("aria-controls", "mapgen-list");
    this.input = input;
    this.filters = filters;
    this.pending = null;
    input.addEventListener("input", function () {
      clearTimeout(self.pending);
      if (filters.incidents.length <= SEARCH_AT_ONCE) filters.setQuery(input.value);
      else self.pending = setTimeout(function () { filters.setQuery(input.value); }, SEARCH_PAUSE_MS);
    });
    toolbar.node.insertBefore(input, toolbar.buttons);
  }
  SearchBox.prototype.set = function (query) {
    this.input.value = query;
    this.filters.setQuery(query);
  };
  var SEARCH_AT_ONCE = 20000, SEARCH_PAUSE_MS = 250;

  // -- Download: the incidents shown now (after every filter) saved as CSV or GeoJSON, made in the
  // page from its own data, so that it works offline.
  function Download(filters, toolbar, whenTexts) {
    var self = this;
    this.filters = filters;
    toolbar.button("mapgen-download-csv", t("download.csv"), t("download.csvName"), function () { whenTexts(function () { self.save("csv"); }); });
    toolbar.button("mapgen-download-geojson", t("download.geojson"), t("download.geojsonName"),
      function () { whenTexts(function () { self.save("geojson"); }); });
  }
  Download.prototype.save = function (kind) {
    var shown = this.filters.shown();
    var text = kind === "csv" ? incidentsCsv(shown) : JSON.stringify(incidentsGeoJson(shown));
    var blob = new Blob([text], { type: kind === "csv" ? "text/csv;charset=utf-8" : "application/geo+json" });
    var url = URL.createObjectURL(blob), link = el("a");
    link.href = url;
    link.download = fileStem() + "." + kind;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, DOWNLOAD_KEEP_MS);
  };
  var DOWNLOAD_KEEP_MS = 10000;  // the browser reads the file after the click returns
  // The page's own file name without its suffix ("map" for map.html), else the language's word for the data.
  function fileStem() {
    var name = decodeURIComponent(location.pathname.split("/").pop() || "").replace(/\.html?$/i, "");
    return name || t("download.file");
  }
  // Every field any of these incidents has, in the order met, then the position.
  function fieldsOf(incidents) {
    var seen = dict(), fields = [];
    incidents.forEach(function (incident) {
      incident.table.fields(incident.index).forEach(function (field) {
        if (!seen[field] && incident.get(field) !== undefined) { seen[field] = true; fields.push(field); }
      });
    });
    return fields;
  }
  // RFC 4180 CSV with a byte-order mark (spreadsheets then read it as UTF-8). A cell that a
  // spreadsheet would run as a formula (=, +, -, @ first, and not a number) starts with a quote mark.
  function incidentsCsv(incidents) {
    var fields = fieldsOf(incidents), lines = [fields.concat(["latitude", "longitude"]).map(csvCell).join(",")];
    incidents.forEach(function (incident) {
      lines.push(fields.map(function (field) { return csvCell(incident.get(field)); })
        .concat([csvCell(incident.latlng.lat), csvCell(incident.latlng.lng)]).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function csvCell(value) {
    if (value === undefined || value === null) return "";
    var text = String(value);
    if (typeof value !== "number" && /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) || text !== text.trim() ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  // RFC 7946: [longitude, latitude], each feature's properties the incident's fields, as the page carries them.
  function incidentsGeoJson(incidents) {
    return {
      type: "FeatureCollection",
      features: incidents.map(function (incident) {
        return { type: "Feature", geometry: { type: "Point", coordinates: [incident.latlng.lng, incident.latlng.lat] }, properties: incident.props() };
      })
    };
  }

  // -- LinkState: what the reader looks at, kept in the URL's hash so that a link opens the same map:
  // the view, the categories switched off, the days, the search, the open incident, the areas layer
  // and the values switched off (draw.contract's HASH names each part). Nothing is written to the hash
  // until the state it asked for is restored, so that the first moves of the map cannot overwrite it.
  function LinkState(map, parts) {
    this.map = map;
    this.parts = parts;
    this.names = PAGE.hash;
    this.asked = new URLSearchParams(location.hash.replace(/^#/, ""));
    this.writing = false;
  }
  // The view the link asks for ({ centre, zoom }), or null.
  LinkState.prototype.view = function () {
    var view = (this.asked.get(this.names.view) || "").split("/").map(Number);
    if (view.length !== 3 || view.some(function (n) { return !isFinite(n); })) return null;
    return { zoom: view[0], centre: L.latLng(view[1], view[2]) };
  };
  LinkState.prototype.restore = function () {
    var parts = this.parts, asked = this.asked, names = this.names, filters = parts.filters, self = this;
    asked.getAll(names.hidden).forEach(function (key) {
      if (!(key in filters.active)) return;
      filters.setCategory(key, false);
      document.querySelectorAll("input[data-category]").forEach(function (box) { if (box.getAttribute("data-category") === key) box.checked = false; });
    });
    (parts.values || []).forEach(function (values, index) {
      asked.getAll(names.except + index).forEach(function (key) { values.switchOff(key); });
    });
    var from = isoDay(asked.get(names.from)), to = isoDay(asked.get(names.to));
    if (from !== null || to !== null) {
      filters.range.from = Math.max(filters.firstDay, from === null ? filters.firstDay : from);
      filters.range.to = Math.min(filters.lastDay, to === null ? filters.lastDay : to);
    }
    if (parts.areas && asked.has(names.areas)) parts.areas.toggle(asked.get(names.areas) === "1", true);
    if (asked.has(names.search) && parts.search) parts.search.set(asked.get(names.search));
    else filters.refresh();
    var id = asked.get(names.incident);
    var incident = id === null ? null : filters.incidents.filter(function (item) { return String(item.get("id")) === id; })[0];
    whenDrawn(function () {
      if (incident && filters.visible(incident)) parts.show(incident);
      self.writing = true;
      self.write();
    });
    this.map.on("moveend popupopen popupclose", function () { self.write(); });
    filters.onChange(function () { self.write(); });
    // Another link pasted into this page's address: the page opens it as it would open anew.
    window.addEventListener("hashchange", function () { if (location.hash !== self.written) location.reload(); });
  };
  LinkState.prototype.write = function () {
    if (!this.writing) return;
    var parts = this.parts, names = this.names, filters = parts.filters, map = this.map, state = new URLSearchParams();
    var centre = map.getCenter(), digits = Math.max(2, Math.ceil(map.getZoom() * 0.3) + 1);
    state.set(names.view, map.getZoom() + "/" + centre.lat.toFixed(digits) + "/" + centre.lng.toFixed(digits));
    Object.keys(filters.active).forEach(function (key) { if (!filters.active[key]) state.append(names.hidden, key); });
    if (filters.range.from !== filters.firstDay) state.set(names.from, dayIso(filters.range.from));
    if (filters.range.to !== filters.lastDay) state.set(names.to, dayIso(filters.range.to));
    if (filters.query.trim()) state.set(names.search, filters.query.trim());
    if (parts.popups.incident && parts.popups.incident.get("id") !== undefined) state.set(names.incident, String(parts.popups.incident.get("id")));
    if (parts.areas && parts.areas.on !== parts.areas.openOn) state.set(names.areas, parts.areas.on ? "1" : "0");
    (parts.values || []).forEach(function (values, index) {
      Object.keys(values.off).forEach(function (key) { if (values.off[key]) state.append(names.except + index, key); });
    });
    var hash = "#" + state.toString().replace(/%2F/g, "/");  // a slash needs no escaping in a fragment
    if (hash === location.hash) return;
    this.written = hash;
    try { history.replaceState(null, "", hash); } catch (error) { location.replace(hash); }  // some file: pages refuse replaceState
  };
  function isoDay(text) { return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? dayNumber(text) : null; }
  function dayIso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }

  // -- CopyLink: a button that copies the link to what the reader looks at; where the browser
  // will not let a page write to the clipboard, the link is shown, selected, to copy by hand.
  function CopyLink(toolbar, link) {
    var self = this;
    this.link = link;
    this.status = el("span", "mapgen-tool-status");
    this.status.id = "mapgen-link-status";
    this.status.setAttribute("role", "status");
    this.field = el("input", "mapgen-link-field");
    this.field.readOnly = true;
    this.field.hidden = true;
    this.field.setAttribute("aria-label", t("link.copyThis"));
    toolbar.button("mapgen-copy-link", t("link.copy"), t("link.copyName"), function () { self.copy(); });
    toolbar.node.appendChild(this.status);
    toolbar.node.appendChild(this.field);
  }
  CopyLink.prototype.copy = function () {
    var self = this, url;
    this.link.write();
    url = location.href;
    function shown() { self.field.hidden = true; self.status.textContent = t("link.copied"); }
    function byHand() {
      self.field.hidden = false;
      self.field.value = url;
      self.field.select();
      self.status.textContent = t("link.copyThis");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(shown, byHand);
    else byHand();
  };

  // Callbacks for when every marker is drawn (the drawn signal of the contract).
  var drawnCallbacks = [];
  function whenDrawn(callback) {
    if (document.body.getAttribute(PAGE.drawn) === "1") callback();
    else drawnCallbacks.push(callback);
  }

  // -- ValueFilter: a legend of another column's values (--filter-by: an actor, a state), a tick box
  // for each, switching its incidents off and on like the categories. Counts are of every placed incident.
  function ValueFilter(map, filters, spec, index) {
    var self = this;
    this.spec = spec;
    this.filters = filters;
    this.off = dict();
    this.offCount = 0;
    this.known = dict();
    this.boxes = dict();
    this.keys = new Array(filters.incidents.length);
    spec.values.forEach(function (value) { self.known[value.key] = true; });
    filters.addTest(function (incident) { return !self.offCount || !self.off[self.keyOf(incident)]; });
    var control = L.control({ position: "topright" });
    control.onAdd = function () { return self.build(index); };
    control.addTo(map);
  }
  ValueFilter.prototype.keyOf = function (incident) {
    var key = this.keys[incident.index];
    if (key === undefined) {
      var value = incident.get(this.spec.column);
      key = value === undefined || value === null || value === "" ? "" : String(value);
      if (!this.known[key]) key = this.spec.other;
      this.keys[incident.index] = key;
    }
    return key;
  };
  ValueFilter.prototype.build = function (index) {
    var self = this, box = el("div", "mapgen-legend mapgen-values leaflet-bar");
    box.id = "mapgen-values-" + index;
    var heading = el("h2", null, this.spec.column);
    heading.id = box.id + "-heading";
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", heading.id);
    box.appendChild(heading);
    this.spec.values.forEach(function (value) {
      var label = el("label", "mapgen-legend-item");
      var tick = checkbox(function (on) { self.set(value.key, on); }, true);
      tick.setAttribute("data-value", value.key);
      self.boxes[value.key] = tick;
      label.appendChild(tick);
      var text = value.key === "" ? t("values.blank") : value.key === self.spec.other ? t("values.other") : value.label;
      label.appendChild(el("span", "mapgen-legend-label", text));
      label.appendChild(el("span", "mapgen-legend-count", TEXT.numbers.format(value.count)));
      box.appendChild(label);
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  ValueFilter.prototype.set = function (key, on) {
    if (!(key in this.boxes) || !this.off[key] === on) return;
    this.off[key] = !on;
    this.offCount += on ? -1 : 1;
    this.boxes[key].checked = on;
    this.filters.refresh();
  };
  ValueFilter.prototype.switchOff = function (key) { this.set(key, false); };

  // -- SizeScale: symbols sized by a number column (--size-by), their areas proportional to the
  // value (the largest value the largest symbol), never smaller than can be seen and clicked; and a
  // legend of sizes drawn at the same scale.
  function SizeScale(spec) {
    this.spec = spec;
  }
  // The legend of sizes, under the legend of categories.
  SizeScale.prototype.addTo = function (map) {
    var self = this, control = L.control({ position: "topright" });
    control.onAdd = function () { return self.build(); };
    control.addTo(map);
  };
  SizeScale.prototype.size = function (value) {
    return value > 0 ? Math.max(SMALLEST_SYMBOL, Math.round(this.spec.largest * Math.sqrt(value / this.spec.max))) : SMALLEST_SYMBOL;
  };
  SizeScale.prototype.diameter = function (incident) { return this.size(+incident.get(this.spec.column)); };
  SizeScale.prototype.build = function () {
    var self = this, box = el("div", "mapgen-legend mapgen-sizes leaflet-bar");
    box.id = "mapgen-sizes";
    box.appendChild(el("h2", null, this.spec.column));
    // Nested circles sharing a bottom edge, each with a line from its top to its value: the usual
    // key of proportional symbols. Values written apart enough to be read, whatever their circles.
    var largest = this.size(this.spec.legend[0]), bottom = largest + 8, x = largest / 2 + 2, labelY = -Infinity;
    var labels = this.spec.legend.map(function (value) { return TEXT.numbers.format(value); });
    var width = largest + 14 + Math.max.apply(null, labels.map(function (label) { return textWidth(label); }));
    var svg = [], values = el("ul", "mapgen-sizes-values");
    this.spec.legend.forEach(function (value, i) {
      var d = self.size(value), top = bottom - d;
      labelY = Math.max(top + 4, labelY + LEGEND_LINE);
      svg.push('<circle cx="' + x + '" cy="' + (bottom - d / 2) + '" r="' + d / 2 + '" fill="none" stroke="#555" stroke-width="1.2"/>' +
        '<polyline points="' + x + "," + top + " " + (largest + 6) + "," + top + " " + (largest + 9) + "," + (labelY - 4) +
        '" fill="none" stroke="#999" stroke-width="0.8"/>' + '<text x="' + (largest + 11) + '" y="' + labelY + '">' + escapeHtml(labels[i]) + "</text>");
      var item = el("li", null, labels[i]);  // the same values as text, for screen readers
      item.setAttribute("data-size", d);
      values.appendChild(item);
    });
    var height = Math.max(bottom + 2, labelY + 4);
    var picture = el("span", "mapgen-sizes-picture");
    picture.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" width="' + Math.ceil(width) + '" height="' + height + '" font-size="12"' +
      ' aria-hidden="true">' + svg.join("") + "</svg>";  // numbers and constants only
    var none = el("li", "mapgen-sizes-none", t("sizes.none"));
    none.setAttribute("data-size", SMALLEST_SYMBOL);
    values.appendChild(none);
    box.appendChild(picture);
    box.appendChild(values);
    return box;
  };
  var SMALLEST_SYMBOL = 6, LEGEND_LINE = 13;

  // -- AreaLayer: the areas (departments, or countries) coloured by the number of incidents shown in
  // each (--by-region), in classes with a legend; an incident known only to an area counts for it and
  // is not drawn as a point while the layer is on. Python says which area each incident counts for.
  function AreaLayer(map, incidents, filters, spec, node) {
    var self = this, data = JSON.parse(node.textContent);
    this.map = map;
    this.spec = spec;
    this.filters = filters;
    this.incidents = incidents;
    this.openOn = !!spec.open;
    this.on = false;
    this.names = data.features.map(function (feature) { return feature.properties.name; });
    this.wider = 0;
    this.outside = 0;
    incidents.forEach(function (incident, i) {
      incident.area = data.areas[i];
      incident.areaOnly = incident.get("location_precision") === "region" || incident.get("location_precision") === "country";
    });
    map.createPane("mapgen-areas-pane");
    map.getPane("mapgen-areas-pane").style.zIndex = 340;  // above the tiles, under the town names and markers
    this.layer = L.geoJSON(unpackBasemap(data), { pane: "mapgen-areas-pane", style: { color: "#6b6b6b", weight: 0.8, fillOpacity: 0 } });
    this.shapes = this.layer.getLayers();
    var control = L.control({ position: "topright" });
    control.onAdd = function () { return self.build(); };
    control.addTo(map);
    filters.onChange(function () { self.update(); });
    this.toggle(this.openOn, false);
  }
  AreaLayer.prototype.build = function () {
    var self = this, box = el("div", "mapgen-legend mapgen-areas leaflet-bar");
    box.id = "mapgen-areas";
    box.appendChild(el("h2", null, t("regions.heading." + this.spec.level)));
    var label = el("label", "mapgen-legend-item mapgen-interactive");
    this.box = checkbox(function (on) { self.toggle(on, true); }, this.openOn);
    this.box.id = "mapgen-areas-toggle";
    label.appendChild(this.box);
    label.appendChild(el("span", "mapgen-legend-label", t("regions.layer." + this.spec.level)));
    box.appendChild(label);
    var classes = el("ul", "mapgen-area-classes");
    this.spec.classes.forEach(function (range) {
      var item = el("li", "mapgen-area-class");
      var swatch = el("span", "mapgen-area-swatch");
      swatch.style.background = safeColour(range.colour);
      item.appendChild(swatch);
      item.appendChild(el("span", null, range.from === range.to ? TEXT.numbers.format(range.from)
        : t("dates.sameMonth", { from: TEXT.numbers.format(range.from), to: TEXT.numbers.format(range.to) })));
      classes.appendChild(item);
    });
    box.appendChild(classes);
    this.notes = el("p", "mapgen-note mapgen-area-notes");
    box.appendChild(this.notes);
    // The areas and their numbers as a list too: for a reader who cannot point at the map.
    var more = el("details", "mapgen-area-more");
    more.appendChild(el("summary", null, t("regions.list." + this.spec.level)));
    this.list = el("ol", "mapgen-area-list");
    more.appendChild(this.list);
    box.appendChild(more);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  AreaLayer.prototype.toggle = function (on, refresh) {
    this.on = on;
    if (this.box) this.box.checked = on;
    if (on) this.layer.addTo(this.map); else this.map.removeLayer(this.layer);
    this.filters.areaPoints = !on;
    if (refresh) this.filters.refresh();
    else this.update();
  };
  // The incidents shown in each area, its colour by class, and a name for each area a reader points at.
  AreaLayer.prototype.update = function () {
    var counts = this.names.map(function () { return 0; }), wider = 0, outside = 0, filters = this.filters, self = this;
    this.incidents.forEach(function (incident) {
      if (!filters.visible(incident)) return;
      if (incident.area >= 0) counts[incident.area] += 1;
      else if (incident.area === WIDER_AREA) wider += 1;
      else outside += 1;
    });
    this.counts = counts;
    this.shapes.forEach(function (shape, i) {
      var range = self.classOf(counts[i]);
      shape.setStyle({ fillColor: range ? safeColour(range.colour) : "#ffffff", fillOpacity: range ? AREA_OPACITY : 0 });
      shape.unbindTooltip();
      shape.bindTooltip(t("regions.area", { name: self.names[i], count: counts[i] }), { sticky: true });
    });
    if (!this.notes) return;
    this.notes.textContent = [wider ? t("regions.wider", { count: wider }) : "", outside ? t("regions.outside", { count: outside }) : ""]
      .filter(Boolean).join(". ");
    var list = this.list, names = this.names;
    list.textContent = "";
    counts.map(function (count, i) { return i; }).filter(function (i) { return counts[i]; })
      .sort(function (a, b) { return counts[b] - counts[a] || (names[a] < names[b] ? -1 : 1); })
      .forEach(function (i) { list.appendChild(el("li", null, t("regions.area", { name: names[i], count: counts[i] }))); });
  };
  AreaLayer.prototype.classOf = function (count) {
    if (!count) return null;
    return this.spec.classes.filter(function (range) { return count >= range.from && count <= range.to; })[0] ||
      this.spec.classes[this.spec.classes.length - 1];
  };
  var AREA_OPACITY = 0.72, WIDER_AREA = -2;

  // Leaflet's own controls in the page's language, and a name for the map a keyboard reaches.
  function localiseControls(map) {
    var container = map.getContainer();
    container.setAttribute("aria-label", t("map.name"));
    [["leaflet-control-zoom-in", "map.zoomIn"], ["leaflet-control-zoom-out", "map.zoomOut"]].forEach(function (pair) {
      var button = container.querySelector("." + pair[0]);
      if (!button) return;
      button.title = t(pair[1]);
      button.setAttribute("aria-label", t(pair[1]));
    });
  }

  window.mapgen = { start: start };
})();
