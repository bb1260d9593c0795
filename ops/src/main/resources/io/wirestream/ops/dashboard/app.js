// Wirestream ops dashboard: polls the JSON API and draws with uPlot (vendored, see vendor/README.md).
(function () {
  'use strict';
  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  var charts = {};
  var refreshMs = 5000;
  var expanded = {};
  // #group=<id> opens that group's partitions (links, tests)
  (location.hash.match(/group=([^&]+)/g) || []).forEach(function (m) { expanded[decodeURIComponent(m.substring(6))] = true; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function fmt(v, digits) {
    if (v === null || v === undefined) { return '?'; }
    return Number(v).toFixed(digits);
  }

  function getJson(url) {
    return fetch(url, { cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  function renderGroups(doc) {
    var body = document.getElementById('groups');
    body.textContent = '';
    doc.groups.forEach(function (g) {
      var tr = el('tr', { 'data-group': g.group, 'data-status': g.status, 'class': 'group-row' });
      tr.appendChild(el('td', {}, g.group));
      var st = el('td');
      st.appendChild(el('span', { 'class': 'status status-' + g.status, title: g.status_meaning }, g.status));
      if (g.retry) {
        // a sink task waiting for its database: why and since when
        st.appendChild(el('div', { 'class': 'retry' }, 'waiting for ' + g.retry.system + ' since ' +
          new Date(g.retry.since).toLocaleTimeString() + ' (' + g.retry.attempts + ' attempts): ' + g.retry.reason));
      }
      tr.appendChild(st);
      tr.appendChild(el('td', {}, g.state));
      tr.appendChild(el('td', { 'class': 'num' }, g.members));
      tr.appendChild(el('td', { 'class': 'num' }, g.total_lag));
      tr.appendChild(el('td', { 'class': 'num' }, fmt(g.max_lag_seconds, 1)));
      tr.appendChild(el('td', { 'class': g.alert.firing ? 'alert-firing' : '' }, g.alert.firing ? g.alert.reasons.join('; ') : ''));
      tr.title = 'click for partitions';
      tr.addEventListener('click', function () {
        if (expanded[g.group]) { delete expanded[g.group]; } else { expanded[g.group] = true; }
        renderGroups(doc);
      });
      body.appendChild(tr);
      if (expanded[g.group]) {
        var detail = el('tr', { 'class': 'partitions', 'data-partitions-of': g.group });
        var cell = el('td', { colspan: 7 });
        var t = el('table');
        var head = el('tr');
        ['partition', 'committed', 'log start', 'log end', 'lag', 'lag (s)', 'status'].forEach(function (h) { head.appendChild(el('th', {}, h)); });
        t.appendChild(head);
        g.partitions.forEach(function (p) {
          var r = el('tr');
          r.appendChild(el('td', {}, p.topic + '-' + p.partition));
          [p.committed, p.log_start_offset, p.log_end_offset, p.lag].forEach(function (v) { r.appendChild(el('td', { 'class': 'num' }, v)); });
          r.appendChild(el('td', { 'class': 'num' }, fmt(p.lag_seconds, 1)));
          var s = el('td');
          s.appendChild(el('span', { 'class': 'status status-' + p.status }, p.status));
          r.appendChild(s);
          t.appendChild(r);
        });
        cell.appendChild(t);
        detail.appendChild(cell);
        body.appendChild(detail);
      }
    });
    if (doc.groups.length === 0) {
      var tr = el('tr');
      tr.appendChild(el('td', { colspan: 7 }, 'no consumer groups yet'));
      body.appendChild(tr);
    }
    document.getElementById('legend').textContent = 'Status window ' + doc.window_seconds + ' s. ' +
      'OK keeping up · WARN lag growing · REWIND offset went back · STALL members but no progress · ' +
      'RETRYING sink waiting for its database · ' +
      'STOP no members, no commits · ERR unread records deleted.';
    var err = document.getElementById('poll-error');
    err.hidden = !doc.error;
    err.textContent = doc.error ? 'cluster unreachable: ' + doc.error : '';
    document.getElementById('updated').textContent = 'updated ' + new Date(doc.time).toLocaleTimeString();
  }

  function renderPipeline(doc) {
    var body = document.getElementById('pipeline');
    body.textContent = '';
    Object.keys(doc.counters).forEach(function (k) {
      var tr = el('tr');
      tr.appendChild(el('th', {}, k));
      tr.appendChild(el('td', { 'class': 'num' }, doc.counters[k]));
      var rate = doc.rates_per_second[k];
      tr.appendChild(el('td', { 'class': 'num' }, rate === undefined ? '' : fmt(rate, 1) + ' /s'));
      body.appendChild(tr);
    });
  }

  function drawChart(id, table, unit) {
    var names = Object.keys(table.series);
    var data = [table.t].concat(names.map(function (n) { return table.series[n]; }));
    var key = names.join('\u0000');
    var target = document.getElementById(id);
    var chart = charts[id];
    if (chart && chart.key === key) {
      chart.plot.setData(data);
      return;
    }
    if (chart) { chart.plot.destroy(); }
    var opts = {
      width: Math.max(320, Math.min(620, Math.floor((window.innerWidth - 130) / 3))),
      height: 240,
      scales: { x: { time: true } },
      axes: [{}, { label: unit, size: 60 }],
      series: [{}].concat(names.map(function (n, i) {
        return { label: n, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: false };
      }))
    };
    charts[id] = { key: key, plot: new uPlot(opts, data, target) };
  }

  function refresh() {
    return Promise.all([getJson('/api/lag'), getJson('/api/pipeline'), getJson('/api/history')])
      .then(function (r) {
        renderGroups(r[0]);
        renderPipeline(r[1]);
        refreshMs = Math.max(1000, Math.min(10000, r[2].poll_interval_seconds * 1000));
        drawChart('chart-lag', r[2].lag_seconds, 'seconds');
        drawChart('chart-lag-offsets', r[2].lag_offsets, 'offsets');
        drawChart('chart-throughput', r[2].throughput, 'records/s');
      })
      .catch(function (e) {
        var err = document.getElementById('poll-error');
        err.hidden = false;
        err.textContent = 'dashboard cannot reach the ops server: ' + e.message;
      })
      .then(function () { setTimeout(refresh, refreshMs); });
  }

  refresh();
})();
