/* eventscope map page: filters -> /stats (timeline, filter choices) and /events (map,
 * list); a click opens /events/{id} in the panel.  Plain browser JavaScript with the
 * vendored Leaflet, Leaflet.markercluster and topojson-client; no network beyond this
 * server. */
(function () {
  'use strict';

  var COLOURS = {
    AGREE: '#2e7d32', CONSULT: '#66bb6a', SUPPORT: '#26a69a', CONCEDE: '#00897b',
    COOPERATE: '#1e88e5', AID: '#42a5f5', RETREAT: '#7e57c2', REQUEST: '#8d6e63',
    ACCUSE: '#fbc02d', REJECT: '#f9a825', SANCTION: '#ff8f00', THREATEN: '#ef6c00',
    PROTEST: '#ec407a', MOBILIZE: '#ad1457', COERCE: '#6d4c41', ASSAULT: '#d32f2f'
  };
  var PAGE = 5000;      // events fetched for the map and list at once
  var LISTED = 300;     // list items drawn
  var DAY = 86400000;

  var state = { type: '', country: '', actor: '', q: '', since: null, until: null };
  var map, cluster, days = [], pending = 0, selected = null, loadToken = 0;
  var timings = window.eventscopeTimings = {};   // ms since navigation start

  function $(id) { return document.getElementById(id); }
  function colour(type) { return COLOURS[type] || '#455a64'; }

  /* Build DOM nodes without innerHTML, so record text can never become markup. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'style') node.style.cssText = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function query(withTime) {
    var p = new URLSearchParams();
    ['type', 'country', 'actor', 'q'].forEach(function (k) { if (state[k]) p.set(k, state[k]); });
    if (withTime && state.since) p.set('since', state.since);
    if (withTime && state.until) p.set('until', state.until);
    return p;
  }

  function busy(delta) {
    pending += delta;
    $('loading').hidden = pending <= 0;
    document.body.dataset.loading = pending > 0 ? '1' : '0';
  }

  function getJSON(url) {
    busy(1);
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error.message : r.statusText);
        return body;
      });
    }).finally(function () { busy(-1); });
  }

  function showError(err) {
    $('error').textContent = String(err && err.message ? err.message : err);
    $('error').hidden = false;
  }

  /* ---- map ---------------------------------------------------------------- */

  function initMap() {
    map = L.map('map', { preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 14 })
      .setView([20, 15], 2);
    cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40,
      chunkedLoading: true, animate: false });
    map.addLayer(cluster);
    return fetch('static/vendor/world-atlas/countries-50m.json').then(function (r) {
      return r.json();
    }).then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { interactive: false, style: { color: '#8795a8', weight: 0.6,
        fillColor: '#f3f1ea', fillOpacity: 1 } }).addTo(map);
      timings.basemap = performance.now();
    }).catch(showError);
  }

  function marker(e) {
    var m = L.marker([e.lat, e.lon], {
      title: e.event + ' · ' + (e.date || 'undated') + ' · ' + (e.place || ''),
      icon: L.divIcon({ className: 'event-marker', iconSize: [14, 14],
        html: '<span data-type="' + e.event + '" style="background:' + colour(e.event) +
          '"></span>' })
    });
    m.on('click', function () { openEvent(e.id); });
    return m;
  }

  var fitted = false;

  function drawMarkers(events) {
    cluster.clearLayers();
    var located = events.filter(function (e) { return e.lat !== null && e.lon !== null; });
    cluster.addLayers(located.map(marker));
    if (!fitted && located.length) {   // first view: every event in sight
      fitted = true;
      map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 5, animate: false });
    }
    document.body.dataset.markers = String(located.length);
    return located.length;
  }

  /* ---- list --------------------------------------------------------------- */

  function drawList(page) {
    var list = $('list');
    list.textContent = '';
    page.events.slice(0, LISTED).forEach(function (e) {
      var who = e.actor.join(', ') + (e.recipient.length ? ' → ' + e.recipient.join(', ') : '');
      var item = el('li', { 'data-id': e.id, tabindex: '0' },
        el('span', { 'class': 'badge', style: 'background:' + colour(e.event), text: e.event }),
        ' ', el('strong', { text: e.place || 'no place' }),
        el('div', { 'class': 'meta', text: (e.date || 'undated') + (who ? ' · ' + who : '') }),
        el('div', { text: e.sentence }));
      item.addEventListener('click', function () { openEvent(e.id); });
      item.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') openEvent(e.id); });
      list.appendChild(item);
    });
    $('list-count').textContent = '(' + page.total + ')';
    var shown = Math.min(page.events.length, LISTED);
    $('list-more').hidden = page.total <= shown;
    $('list-more').textContent = 'Showing ' + shown + ' of ' + page.total +
      '; narrow the filters or the period to see the rest.';
  }

  /* ---- events ------------------------------------------------------------- */

  function loadEvents() {
    var token = ++loadToken;
    var p = query(true);
    p.set('view', 'summary');
    p.set('limit', String(PAGE));
    return getJSON('events?' + p.toString()).then(function (page) {
      if (token !== loadToken) return;   // a newer request superseded this one
      $('error').hidden = true;
      var onMap = drawMarkers(page.events);
      drawList(page);
      $('empty').hidden = page.total !== 0;
      $('status').textContent = page.total + ' events · ' + onMap + ' on the map' +
        (page.total > page.events.length ? ' (first ' + page.events.length + ')' : '');
      if (timings.firstMarkers === undefined) timings.firstMarkers = performance.now();
    }).catch(showError);
  }

  function openEvent(id) {
    selected = id;
    Array.prototype.forEach.call(document.querySelectorAll('#list li'), function (li) {
      li.classList.toggle('selected', li.getAttribute('data-id') === id);
    });
    return getJSON('events/' + encodeURIComponent(id)).then(drawPanel).catch(showError);
  }

  function evidence(sentence, highlights) {
    var box = el('p', { 'class': 'evidence', id: 'evidence' });
    var at = 0;
    highlights.forEach(function (h) {
      if (h.start < at) return;
      box.appendChild(document.createTextNode(sentence.slice(at, h.start)));
      box.appendChild(el('mark', { 'class': 'hl hl-' + h.role, 'data-role': h.role, title: h.role,
        text: sentence.slice(h.start, h.end) }));
      at = h.end;
    });
    box.appendChild(document.createTextNode(sentence.slice(at)));
    return box;
  }

  function actors(list) {
    if (!list.length) return '—';
    return list.map(function (a) {
      return (a.name || a.text) + (a.country ? ' (' + a.country + ')' : '');
    }).join('; ');
  }

  var PLACE_PRECISION = { 1: 'exact place', 2: 'near the place / district', 3: 'region or country' };

  function flags(e) {
    var box = el('div', { 'class': 'flags', id: 'flags' });
    function flag(text, warn) { box.appendChild(el('span', { 'class': 'flag' + (warn ? ' warn' : ''), text: text })); }
    if (e.location) flag('place precision ' + e.location.precision + ': ' + (PLACE_PRECISION[e.location.precision] || '?'), e.location.precision > 1);
    else flag('no place', true);
    flag('date precision: ' + e.date.precision, e.date.precision !== 'day');
    if (e.date.from_publication) flag('date from publication', true);
    e.modality.forEach(function (m) { flag(m, true); });
    flag('confidence ' + Math.round(e.confidence * 100) + '%', e.confidence < 0.5);
    e.warnings.forEach(function (w) { flag(w, true); });
    return box;
  }

  function sourceList(sources) {
    var ol = el('ol', { 'class': 'sources' });
    sources.forEach(function (s) {
      var title = s.title || s.article_id;
      var head = /^https?:\/\//.test(s.url || '') ?
        el('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank', text: title }) :
        el('strong', { text: title });
      ol.appendChild(el('li', {}, head,
        el('div', { 'class': 'meta', text: [s.source, s.published].filter(Boolean).join(' · ') }),
        s.sentence ? el('q', { text: s.sentence }) : null));
    });
    return ol;
  }

  function drawPanel(detail) {
    var e = detail.event, panel = $('panel');
    panel.textContent = '';
    var close = el('button', { type: 'button', 'class': 'close', 'aria-label': 'Close', text: '×' });
    close.addEventListener('click', function () { panel.hidden = true; });
    var place = e.location ? (e.location.name || e.location.text) +
      (e.location.country_code ? ', ' + e.location.country_code : '') : 'no place';
    var dates = (e.date.start || 'undated') + (e.date.end && e.date.end !== e.date.start ? ' – ' + e.date.end : '');
    panel.appendChild(close);
    panel.appendChild(el('h3', {},
      el('span', { 'class': 'badge', style: 'background:' + colour(e.event), text: e.event }),
      ' ' + (e.mode || ''), ' · ', place, ' · ', dates));
    panel.appendChild(evidence(e.evidence.sentence, detail.highlights));
    var legend = el('div', { 'class': 'legend' });
    ['trigger', 'actor', 'recipient', 'place', 'date', 'size'].forEach(function (r) {
      legend.appendChild(el('mark', { 'class': 'hl hl-' + r, text: r }));
      legend.appendChild(document.createTextNode(' '));
    });
    panel.appendChild(legend);
    panel.appendChild(el('dl', {},
      el('dt', { text: 'Actor' }), el('dd', { text: actors(e.actor) }),
      el('dt', { text: 'Recipient' }), el('dd', { text: actors(e.recipient) }),
      el('dt', { text: 'Date text' }), el('dd', { text: e.date.text || '—' }),
      el('dt', { text: 'Event id' }), el('dd', { text: e.id })));
    panel.appendChild(flags(e));
    panel.appendChild(el('h4', { text: 'Sources (' + detail.sources.length + ')' }));
    panel.appendChild(sourceList(detail.sources));
    panel.hidden = false;
    panel.dataset.eventId = e.id;
    panel.scrollIntoView({ block: 'nearest' });
  }

  /* ---- timeline and brush -------------------------------------------------- */

  function dayNumber(iso) { return Math.floor(Date.parse(iso + 'T00:00:00Z') / DAY); }
  function isoDay(n) { return new Date(n * DAY).toISOString().slice(0, 10); }

  var scale = null;   // {first, last, left, width}

  function drawTimeline(byDay) {
    days = byDay.map(function (d) { return [dayNumber(d[0]), d[1]]; });
    var svg = $('timeline');
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var width = svg.clientWidth || 800, height = svg.clientHeight || 90, left = 8, bottom = 14;
    if (!days.length) { scale = null; return; }
    var first = days[0][0], last = days[days.length - 1][0] + 1;
    var span = Math.max(last - first, 1);
    var bins = Math.min(span, 240), per = span / bins, counts = new Array(bins).fill(0);
    days.forEach(function (d) { counts[Math.min(bins - 1, Math.floor((d[0] - first) / per))] += d[1]; });
    var top = Math.max.apply(null, counts), w = (width - 2 * left) / bins;
    scale = { first: first, last: last, left: left, width: width - 2 * left };
    var ns = 'http://www.w3.org/2000/svg';
    counts.forEach(function (n, i) {
      if (!n) return;
      var h = Math.max(2, (height - bottom - 4) * n / top);
      var r = document.createElementNS(ns, 'rect');
      r.setAttribute('class', 'bar');
      r.setAttribute('x', left + i * w); r.setAttribute('width', Math.max(w - 1, 1));
      r.setAttribute('y', height - bottom - h); r.setAttribute('height', h);
      r.setAttribute('data-from', isoDay(Math.floor(first + i * per)));
      var t = document.createElementNS(ns, 'title');
      t.textContent = isoDay(Math.floor(first + i * per)) + ': ' + n;
      r.appendChild(t);
      svg.appendChild(r);
    });
    [first, last - 1].forEach(function (d, i) {
      var t = document.createElementNS(ns, 'text');
      t.setAttribute('class', 'axis'); t.setAttribute('y', height - 2);
      t.setAttribute('x', i ? width - left : left);
      t.setAttribute('text-anchor', i ? 'end' : 'start');
      t.textContent = isoDay(d);
      svg.appendChild(t);
    });
    drawBrush();
  }

  function xToDay(x) {
    var f = Math.min(1, Math.max(0, (x - scale.left) / scale.width));
    return Math.floor(scale.first + f * (scale.last - scale.first));
  }
  function dayToX(d) { return scale.left + (d - scale.first) / (scale.last - scale.first) * scale.width; }

  function drawBrush(fromX, toX) {
    var svg = $('timeline'), rect = svg.querySelector('.brush');
    if (!scale) return;
    if (fromX === undefined) {
      if (!state.since || !state.until) { if (rect) rect.remove(); markBars(); return; }
      fromX = dayToX(dayNumber(state.since)); toX = dayToX(dayNumber(state.until) + 1);
    }
    if (!rect) {
      rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      rect.setAttribute('class', 'brush');
      svg.appendChild(rect);
    }
    rect.setAttribute('x', Math.min(fromX, toX)); rect.setAttribute('width', Math.abs(toX - fromX));
    rect.setAttribute('y', 0); rect.setAttribute('height', (svg.clientHeight || 90) - 14);
    markBars();
  }

  function markBars() {
    Array.prototype.forEach.call($('timeline').querySelectorAll('.bar'), function (bar) {
      var from = bar.getAttribute('data-from');
      var out = state.since && state.until && (from < state.since || from > state.until);
      bar.classList.toggle('out', Boolean(out));
    });
  }

  function setPeriod(since, until) {
    state.since = since; state.until = until;
    $('brush-label').textContent = since ? since + ' – ' + until : '';
    $('brush-clear').hidden = !since;
    drawBrush();
    return loadEvents();
  }

  function initBrush() {
    var svg = $('timeline'), start = null;
    function localX(ev) { return ev.clientX - svg.getBoundingClientRect().left; }
    svg.addEventListener('pointerdown', function (ev) {
      if (!scale) return;
      start = localX(ev);
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener('pointermove', function (ev) {
      if (start !== null) drawBrush(start, localX(ev));
    });
    svg.addEventListener('pointerup', function (ev) {
      if (start === null) return;
      var end = localX(ev), a = Math.min(start, end), b = Math.max(start, end);
      start = null;
      if (b - a < 3) { drawBrush(); return; }   // a click, not a drag
      setPeriod(isoDay(xToDay(a)), isoDay(Math.max(xToDay(a), xToDay(b) - 1)));
    });
    svg.addEventListener('dblclick', function () { setPeriod(null, null); });
    $('brush-clear').addEventListener('click', function () { setPeriod(null, null); });
  }

  /* ---- filters -------------------------------------------------------------- */

  function fillSelect(select, counts, label) {
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    Object.keys(counts).filter(Boolean).sort().forEach(function (k) {
      select.appendChild(el('option', { value: k, text: k + ' (' + counts[k] + ')' }));
    });
    select.options[0].textContent = label;
    select.value = keep;
  }

  function loadStats(fillChoices) {
    return getJSON('stats?' + query(false).toString()).then(function (s) {
      if (fillChoices) {
        fillSelect($('f-type'), s.by_type, 'all types');
        fillSelect($('f-country'), s.by_country, 'all countries');
      }
      drawTimeline(s.by_day);
    }).catch(showError);
  }

  function readFilters() {
    state.type = $('f-type').value;
    state.country = $('f-country').value;
    state.actor = $('f-actor').value.trim();
    state.q = $('f-q').value.trim();
  }

  function apply() {
    readFilters();
    return Promise.all([loadStats(false), loadEvents()]);
  }

  function reset() {
    $('filters').reset();
    state.since = state.until = null;
    $('brush-label').textContent = '';
    $('brush-clear').hidden = true;
    return apply();
  }

  function init() {
    $('filters').addEventListener('submit', function (ev) { ev.preventDefault(); apply(); });
    $('f-type').addEventListener('change', apply);
    $('f-country').addEventListener('change', apply);
    $('f-reset').addEventListener('click', reset);
    $('empty-reset').addEventListener('click', reset);
    initBrush();
    var basemap = initMap();
    var data = Promise.all([loadStats(true), loadEvents()]);
    Promise.all([basemap, data]).then(function () {
      timings.firstMap = performance.now();
      document.body.dataset.ready = '1';
    });
    window.addEventListener('resize', function () { loadStats(false); });
  }

  window.eventscope = { state: state, openEvent: openEvent, setPeriod: setPeriod, apply: apply };
  init();
})();
