// shoulder HTML report: filters and a virtualised findings list over the
// compact data embedded in #data. No network, no libraries.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);
  var F = D.f, N = F.c.length, ROWH = 34;
  var $ = function (id) { return document.getElementById(id); };
  var list = $('list'), spacer = $('spacer'), rowsEl = $('rows'), detail = $('detail');

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function resource(i) { return D.pre[F.p[i]] + F.r[i]; }
  function shortRes(i) { return resource(i).replace(/^arn:aws[a-z-]*:/, ''); }

  // Worst first: status (fail, unknown, waived, manual, pass, n/a), then
  // severity high to low, then the report's order. A bucket sort is O(N).
  var order = new Uint32Array(N);
  (function () {
    var buckets = [], b, k = 0, i;
    for (b = 0; b < D.statuses.length * 5; b++) buckets.push([]);
    for (i = 0; i < N; i++) buckets[F.st[i] * 5 + (4 - F.sv[i])].push(i);
    for (b = 0; b < buckets.length; b++) for (i = 0; i < buckets[b].length; i++) order[k++] = buckets[b][i];
  })();

  var state = { q: '', status: '', sev: '', area: '', service: '', region: '', checks: '', account: '' };
  var A = D.accts || [], AC = F.ac || null;
  function acctLabel(i) { var a = A[AC[i]]; return a.id + (a.n ? ' ' + a.n : ''); }
  var view = order, hay = null, selected = -1, lastRange = '';

  function fill(id, names, counts, label) {
    var sel = $(id), html = '<option value="">' + esc(label) + '</option>';
    names.forEach(function (n, i) {
      if (counts && !counts[i]) return;
      html += '<option value="' + esc(n) + '">' + esc(n || 'global') + (counts ? ' (' + counts[i] + ')' : '') + '</option>';
    });
    sel.innerHTML = html;
  }
  (function () {
    var cs = D.statuses.map(function () { return 0; }), cv = D.sevs.map(function () { return 0; });
    var ca = D.areas.map(function () { return 0; }), csv = D.services.map(function () { return 0; });
    var cg = D.regions.map(function () { return 0; });
    for (var i = 0; i < N; i++) {
      var c = D.checks[F.c[i]];
      cs[F.st[i]]++; cv[F.sv[i]]++; cg[F.g[i]]++;
      if (c.a >= 0) ca[c.a]++;
      csv[c.s]++;
    }
    fill('f-status', D.statuses, cs, 'every status');
    fill('f-sev', D.sevs.slice().reverse(), cv.slice().reverse(), 'every severity');
    fill('f-area', D.areas, ca, 'every area');
    fill('f-service', D.services, csv, 'every service');
    fill('f-region', D.regions, cg, 'every region');
    if (AC) {
      var cac = A.map(function () { return 0; });
      for (var j = 0; j < N; j++) cac[AC[j]]++;
      fill('f-account', A.map(function (a) { return a.id; }), cac, 'every account');
    } else $('f-account').hidden = true;
  })();

  function buildHay() {
    hay = new Array(N);
    for (var i = 0; i < N; i++) {
      var c = D.checks[F.c[i]];
      hay[i] = (c.id + ' ' + c.t + ' ' + resource(i) + ' ' + F.m[i] + ' ' + D.regions[F.g[i]] + (AC ? ' ' + acctLabel(i) : '')).toLowerCase();
    }
  }

  function apply() {
    var t0 = performance.now();
    var terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length && !hay) buildHay();
    var si = state.status ? D.statuses.indexOf(state.status) : -1;
    var vi = state.sev ? D.sevs.indexOf(state.sev) : -1;
    var ai = state.area ? D.areas.indexOf(state.area) : -1;
    var ri = state.region !== '' ? D.regions.indexOf(state.region) : -1;
    var svi = state.service ? D.services.indexOf(state.service) : -1;
    var aci = -1;
    if (state.account) for (var x = 0; x < A.length; x++) if (A[x].id === state.account) aci = x;
    var ck = null;
    if (state.checks) {
      ck = new Uint8Array(D.checks.length);
      var want = state.checks.split(/\s+/);
      D.checks.forEach(function (c, j) { if (want.indexOf(c.id) >= 0) ck[j] = 1; });
    }
    var any = si >= 0 || vi >= 0 || ai >= 0 || ri >= 0 || svi >= 0 || aci >= 0 || terms.length > 0 || ck !== null;
    if ((state.account && aci < 0) || (state.status && si < 0) || (state.sev && vi < 0) || (state.area && ai < 0) || (state.service && svi < 0) || (state.region && ri < 0)) {
      view = new Uint32Array(0); // a filter value no finding has
    } else if (!any) {
      view = order;
    } else {
      var out = new Uint32Array(N), n = 0, nt = terms.length;
      for (var k = 0; k < N; k++) {
        var i = order[k];
        if (si >= 0 && F.st[i] !== si) continue;
        if (vi >= 0 && F.sv[i] !== vi) continue;
        if (ri >= 0 && F.g[i] !== ri) continue;
        if (aci >= 0 && AC[i] !== aci) continue;
        if (ck && !ck[F.c[i]]) continue;
        if (ai >= 0 || svi >= 0) {
          var c = D.checks[F.c[i]];
          if (ai >= 0 && c.a !== ai) continue;
          if (svi >= 0 && c.s !== svi) continue;
        }
        if (nt) {
          var h = hay[i], ok = true;
          for (var t = 0; t < nt; t++) if (h.indexOf(terms[t]) < 0) { ok = false; break; }
          if (!ok) continue;
        }
        out[n++] = i;
      }
      view = out.subarray(0, n);
    }
    $('count').textContent = view.length.toLocaleString('en') + ' of ' + N.toLocaleString('en') +
      (state.checks ? ' (the checks of ' + (state.scope || 'a selection') + ')' : '');
    spacer.style.height = (view.length * ROWH) + 'px';
    list.scrollTop = 0;
    lastRange = '';
    render();
    writeHash();
    api.lastFilterMs = performance.now() - t0;
    return api.lastFilterMs;
  }

  function render() {
    var top = list.scrollTop, h = list.clientHeight || 600;
    var first = Math.max(0, Math.floor(top / ROWH) - 8);
    var last = Math.min(view.length, Math.ceil((top + h) / ROWH) + 8);
    var key = first + ':' + last + ':' + view.length + ':' + selected;
    if (key === lastRange) return;
    lastRange = key;
    var html = '';
    for (var k = first; k < last; k++) {
      var i = view[k], c = D.checks[F.c[i]], st = D.statuses[F.st[i]], sv = D.sevs[F.sv[i]];
      var showSev = st === 'fail' || st === 'waived';
      html += '<div class="row' + (i === selected ? ' sel' : '') + '" data-i="' + i + '">' +
        '<span><span class="pill s-' + st + '">' + st.replace('_', ' ') + '</span></span>' +
        '<span class="sev sev-' + sv + '">' + (showSev ? sv : '') + '</span>' +
        '<span class="ck" title="' + esc(c.id) + '">' + esc(c.t) + '</span>' +
        '<span class="rs" title="' + esc(resource(i)) + '">' + esc(F.r[i] || shortRes(i)) + '</span>' +
        '<span>' + (AC ? esc(A[AC[i]].id) + ' · ' : '') + esc(D.regions[F.g[i]] || 'global') + '</span>' +
        '<span class="ev" title="' + esc(F.m[i]) + '">' + esc(F.m[i]) + '</span></div>';
    }
    rowsEl.style.transform = 'translateY(' + (first * ROWH) + 'px)';
    rowsEl.innerHTML = html;
  }

  function showDetail(i) {
    selected = i;
    var c = D.checks[F.c[i]], st = D.statuses[F.st[i]], sv = D.sevs[F.sv[i]];
    var w = D.w[String(i)];
    var html = '<button class="close" type="button" aria-label="close">×</button>' +
      '<h3>' + esc(c.t) + '</h3><dl>' +
      '<dt>Status</dt><dd><span class="pill s-' + st + '">' + st.replace('_', ' ') + '</span></dd>' +
      '<dt>Severity</dt><dd class="sev sev-' + sv + '">' + sv + '</dd>' +
      '<dt>Check</dt><dd class="mono">' + esc(c.id) + '</dd>' +
      '<dt>Area / service</dt><dd>' + esc(D.areas[c.a] || '') + ' / ' + esc(D.services[c.s]) + '</dd>' +
      '<dt>Resource</dt><dd class="mono">' + esc(resource(i)) + '</dd>' +
      (AC ? '<dt>Account</dt><dd>' + esc(acctLabel(i)) + (A[AC[i]].ou ? ' <span class="sub">' + esc(A[AC[i]].ou) + '</span>' : '') + '</dd>' : '') +
      '<dt>Region</dt><dd>' + esc(D.regions[F.g[i]] || 'global') + '</dd>' +
      '<dt>Evidence</dt><dd>' + esc(F.m[i]) + '</dd>';
    if (D.sens.indexOf(i) >= 0) html += '<dt>Data</dt><dd>classified sensitive: severity raised</dd>';
    if (w !== undefined) {
      var wv = D.waivers[w];
      html += '<dt>Waiver</dt><dd>' + esc(wv.r) + ' (owner ' + esc(wv.o) + ', until ' + esc(wv.e) + ')</dd>';
    }
    if (c.ctl && c.ctl.length) html += '<dt>Controls</dt><dd class="mono">' + esc(c.ctl.join(', ')) + '</dd>';
    html += '</dl>';
    if (c.d) html += '<p>' + esc(c.d) + '</p>';
    if (c.fc || c.fl || c.ft) {
      html += '<h3>How to fix</h3>';
      if (c.fc) html += '<p>' + esc(c.fc) + '</p>';
      if (c.fl) html += '<pre>' + esc(c.fl) + '</pre>';
      if (c.ft) html += '<pre>' + esc(c.ft) + '</pre>';
    }
    detail.className = 's-' + st;
    detail.innerHTML = html;
    detail.hidden = false;
    lastRange = '';
    render();
  }

  function syncControls() {
    $('q').value = state.q;
    $('f-status').value = state.status;
    $('f-sev').value = state.sev;
    $('f-area').value = state.area;
    $('f-service').value = state.service;
    $('f-region').value = state.region;
    $('f-account').value = state.account;
  }

  // The filter lives in the URL hash (#status=fail&area=network&q=...) so a
  // filtered view can be bookmarked or linked.
  var keys = ['q', 'status', 'sev', 'area', 'service', 'region', 'checks', 'account'];
  function writeHash() {
    var p = [];
    keys.forEach(function (k) { if (state[k]) p.push(k + '=' + encodeURIComponent(state[k])); });
    if (p.length) history.replaceState(null, '', '#' + p.join('&'));
    else if (location.hash.indexOf('=') >= 0) history.replaceState(null, '', '#findings');
  }
  function readHash() {
    var h = location.hash.slice(1);
    if (h.indexOf('=') < 0) return false;
    keys.forEach(function (k) { state[k] = ''; });
    h.split('&').forEach(function (kv) {
      var j = kv.indexOf('=');
      if (j < 0) return;
      var k = kv.slice(0, j);
      if (keys.indexOf(k) >= 0) state[k] = decodeHashValue(kv.slice(j + 1));
    });
    return true;
  }
  // decodeHashValue never throws: a fragment typed or pasted by hand
  // (#q=100%) is not valid percent-encoding, and decodeURIComponent's
  // URIError would stop the whole page. Such a value is taken as typed.
  function decodeHashValue(v) {
    v = v.replace(/\+/g, ' ');
    try { return decodeURIComponent(v); } catch (e) { return v; }
  }

  var api = {
    total: N,
    lastFilterMs: 0,
    visible: function () { return view.length; },
    rendered: function () { return rowsEl.children.length; },
    setFilter: function (f) {
      keys.forEach(function (k) { state[k] = (f && f[k]) || ''; });
      state.scope = (f && f.scope) || '';
      syncControls();
      return apply();
    },
    viewIds: function () {
      return Array.prototype.map.call(view, function (i) { return D.checks[F.c[i]].id + ' ' + resource(i); });
    },
    rowIds: function () {
      return Array.prototype.map.call(rowsEl.children, function (r) { return D.checks[F.c[+r.getAttribute('data-i')]].id + ' ' + resource(+r.getAttribute('data-i')); });
    }
  };
  window.shoulderReport = api;

  var timer = 0;
  $('q').addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = $('q').value; apply(); }, 120);
  });
  [['f-status', 'status'], ['f-sev', 'sev'], ['f-area', 'area'], ['f-service', 'service'], ['f-region', 'region'], ['f-account', 'account']].forEach(function (p) {
    $(p[0]).addEventListener('change', function () { state[p[1]] = this.value; apply(); });
  });
  $('reset').addEventListener('click', function () { api.setFilter({}); });
  var pending = false;
  list.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(); });
  });
  rowsEl.addEventListener('click', function (e) {
    var r = e.target.closest('.row');
    if (r) showDetail(+r.getAttribute('data-i'));
  });
  detail.addEventListener('click', function (e) {
    if (e.target.classList.contains('close')) { detail.hidden = true; selected = -1; lastRange = ''; render(); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && document.activeElement.tagName !== 'INPUT') { e.preventDefault(); $('q').focus(); }
  });
  // Charts link into the list: a heatmap cell filters by service and area,
  // a status segment by status.
  document.querySelectorAll('.chart-heatmap .cell').forEach(function (cell) {
    cell.addEventListener('click', function () {
      var svc = cell.getAttribute('data-service'), area = cell.getAttribute('data-area'), cks = cell.getAttribute('data-checks');
      var acct = cell.getAttribute('data-account');
      if (acct) { api.setFilter({ account: acct, area: area }); $('findings').scrollIntoView(); return; }
      // Duty cells name their checks (a duty's service, e.g. ebs, need not
      // be a check's service); result cells filter by service and area.
      if (cks) api.setFilter({ checks: cks, scope: svc + ' / ' + area });
      else api.setFilter({ service: svc, area: area });
      $('findings').scrollIntoView();
    });
  });
  document.querySelectorAll('.chart-status .seg').forEach(function (seg) {
    seg.style.cursor = 'pointer';
    seg.addEventListener('click', function () {
      api.setFilter({ status: seg.getAttribute('data-key') });
      $('findings').scrollIntoView();
    });
  });
  window.addEventListener('hashchange', function () { if (readHash()) { syncControls(); apply(); } });

  readHash();
  syncControls();
  apply();
  api.ready = performance.now();
})();
