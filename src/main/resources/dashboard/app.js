// linkscope dashboard: plain JavaScript over the public API (/api/v1), graph drawn by Cytoscape.js.
// The key comes from the URL fragment (#tenant=…&key=…, never sent to the server) or the form, and is
// kept in sessionStorage for this tab only.
(function () {
  'use strict';
  const PALETTE = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#65a30d',
    '#9333ea', '#0d9488', '#ea580c', '#4f46e5', '#be123c', '#15803d', '#a16207', '#0369a1', '#c026d3', '#475569'];
  const MONEY = ['payment', 'bank_account', 'card'];
  const IDENTITY = ['legal_entity', 'tax_id', 'person', 'email', 'phone', 'domain'];
  const NETWORK = ['ip', 'ip_subnet', 'address'];
  const state = { tenant: null, key: null, cy: null, platformColour: {}, stores: [] };
  const $ = (id) => document.getElementById(id);
  const usd = (v) => v == null ? '–' : '$' + Math.round(v).toLocaleString('en-US');
  const pct = (v) => (v * 100).toFixed(1) + '%';

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  async function api(path) {
    const res = await fetch('/api/v1/tenants/' + encodeURIComponent(state.tenant) + path, {
      headers: { 'Authorization': 'Bearer ' + state.key, 'Accept': 'application/json' }
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error((body.title || res.status) + ': ' + (body.detail || res.statusText));
      err.status = res.status;
      throw err;
    }
    return body;
  }

  function showError(e) {
    const box = $('error');
    box.textContent = e ? e.message : '';
    box.hidden = !e;
  }

  function edgeClass(types) {
    if (types.some((t) => MONEY.includes(t))) return 'money';
    if (types.some((t) => IDENTITY.includes(t))) return 'identity';
    if (types.includes('device')) return 'device';
    return 'network';
  }

  function colour(platform) {
    if (!state.platformColour[platform]) {
      state.platformColour[platform] = PALETTE[Object.keys(state.platformColour).length % PALETTE.length];
    }
    return state.platformColour[platform];
  }

  async function load() {
    showError(null);
    $('tenant-label').textContent = 'tenant ' + state.tenant;
    const [graph, concentration, risk, recs] = await Promise.all([
      api('/graph?minLevel=' + $('min-level').value), api('/concentration'), api('/risk'), api('/recommendations')]);
    $('app').hidden = false;
    state.stores = graph.nodes;
    renderCards(graph, concentration, risk);
    renderShares(concentration.platform);
    renderGraph(graph);
    renderRecommendations(recs.actions || []);
    renderStoreTable(graph.nodes);
  }

  function renderCards(graph, concentration, risk) {
    const platforms = new Set(graph.nodes.map((n) => n.platform));
    $('store-count').textContent = graph.nodes.length;
    $('platform-count').textContent = platforms.size + ' platforms';
    const critical = graph.clusters.filter((c) => c.risk === 'critical').length;
    $('critical-count').textContent = critical;
    $('cluster-count').textContent = graph.clusters.length + ' linked clusters';
    $('hhi').textContent = Math.round(concentration.platform.hhi).toLocaleString('en-US');
    $('hhi-band').textContent = concentration.platform.band + ' · effective number ' + concentration.platform.effectiveNumber.toFixed(2);
    $('expected-loss').textContent = usd(risk.expectedAnnualLossUsd);
    $('var95').textContent = 'VaR95 ' + usd(risk.var95Usd) + ' · CVaR95 ' + usd(risk.cvar95Usd);
  }

  function renderShares(dim) {
    const rows = Object.entries(dim.shares).sort((a, b) => b[1] - a[1]);
    $('shares').innerHTML = rows.map(([name, share]) =>
      '<div class="bar"><span>' + esc(name) + '</span><div class="track"><div class="fill" style="width:' + (share * 100).toFixed(1)
      + '%;background:' + colour(name) + '"></div></div><span>' + pct(share) + '</span></div>').join('')
      + '<div class="band">HHI ' + Math.round(dim.hhi).toLocaleString('en-US') + ' — <b>' + esc(dim.band)
      + '</b> (under 1,000 unconcentrated, 1,000–1,800 moderate, over 1,800 high)</div>';
  }

  function renderGraph(graph) {
    const elements = [];
    const multi = graph.clusters.filter((c) => c.stores.length > 1);
    multi.forEach((c) => elements.push({ data: { id: 'cluster:' + c.id, kind: 'cluster', label: c.id + ' · ' + c.risk, risk: c.risk } }));
    const clustered = new Set(multi.map((c) => c.id));
    graph.nodes.forEach((n) => elements.push({
      data: { id: n.id, kind: 'store', label: n.label, platform: n.platform, status: n.status, colour: colour(n.platform),
        size: 18 + Math.min(30, Math.sqrt(n.monthlyRevenueUsd || 0) / 12),
        parent: clustered.has(n.clusterId) ? 'cluster:' + n.clusterId : undefined }
    }));
    graph.edges.forEach((e) => elements.push({
      data: { id: e.id, source: e.source, target: e.target, score: e.score, level: e.level, cls: edgeClass(e.types) }
    }));
    if (state.cy) state.cy.destroy();
    state.cy = cytoscape({
      container: $('graph'),
      elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node[kind="store"]', style: { 'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)',
            label: 'data(label)', 'font-size': 9, color: '#1d2330', 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'node[status="suspended"]', style: { 'border-width': 3, 'border-color': '#111', shape: 'octagon' } },
        { selector: 'node[kind="cluster"]', style: { 'background-opacity': 0.06, 'border-width': 1.5, 'border-style': 'dashed',
            'border-color': '#98a2b3', label: 'data(label)', 'font-size': 10, 'text-valign': 'top', color: '#475467', shape: 'round-rectangle' } },
        { selector: 'node[kind="cluster"][risk="critical"]', style: { 'border-color': '#b42318', color: '#b42318' } },
        { selector: 'edge', style: { width: 'mapData(score, 0, 1, 1, 4)', 'line-color': '#667085', 'curve-style': 'bezier', opacity: 0.8 } },
        { selector: 'edge[cls="money"]', style: { 'line-color': '#b42318' } },
        { selector: 'edge[cls="identity"]', style: { 'line-color': '#344054' } },
        { selector: 'edge[cls="device"]', style: { 'line-style': 'dotted', 'line-color': '#7c3aed' } },
        { selector: 'edge[cls="network"]', style: { 'line-style': 'dashed', 'line-color': '#98a2b3' } },
        { selector: ':selected', style: { 'overlay-opacity': 0.15, 'overlay-color': '#1d4ed8' } }
      ],
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 60, padding: 20 }
    });
    state.cy.on('tap', 'node[kind="store"]', (evt) => selectStore(evt.target.id()));
    window.linkscope = { cy: state.cy };
    $('legend').innerHTML = Object.entries(state.platformColour).filter(([p]) => graph.nodes.some((n) => n.platform === p))
      .map(([p, c]) => '<span><span class="swatch" style="background:' + c + '"></span>' + esc(p) + '</span>').join('')
      + '<span><span class="line" style="border-color:#b42318"></span>payment / bank</span>'
      + '<span><span class="line" style="border-color:#344054"></span>entity / email / phone</span>'
      + '<span><span class="line" style="border-top-style:dotted;border-color:#7c3aed"></span>device</span>'
      + '<span><span class="line" style="border-top-style:dashed;border-color:#98a2b3"></span>IP / subnet / address</span>'
      + '<span>⯃ suspended</span>';
  }

  async function selectStore(key) {
    $('store-hint').hidden = true;
    const box = $('store-detail');
    box.innerHTML = '<p class="muted">Loading ' + esc(key) + '…</p>';
    try {
      const enc = encodeURIComponent(key);
      const [links, blast] = await Promise.all([api('/stores/' + enc + '/links'), api('/blast-radius?store=' + enc)]);
      const node = state.stores.find((n) => n.id === key) || {};
      let html = '<h3 data-testid="store-key">' + esc(key) + '</h3>'
        + '<p><span class="badge ' + esc(links.risk) + '">' + esc(links.risk) + '</span> '
        + (node.status === 'suspended' ? '<span class="badge suspended">suspended</span> ' : '')
        + esc(node.label || '') + ' · ' + usd(node.monthlyRevenueUsd) + '/month</p>';
      if (links.reasons && links.reasons.length) html += '<ul>' + links.reasons.map((r) => '<li>' + esc(r) + '</li>').join('') + '</ul>';
      html += '<h4>Links (' + links.links.length + ')</h4>';
      html += links.links.length ? links.links.map((l) => {
        const other = l.a === key ? l.b : l.a;
        return '<div><b>' + esc(other) + '</b> — ' + esc(l.level) + ', score ' + l.score.toFixed(2)
          + '<ul class="evidence" data-testid="evidence">' + l.evidence.map((e) => '<li>' + esc(e.type) + ' <code>' + esc(e.display)
          + '</code> weight ' + e.weight.toFixed(2) + (e.sharedBy > 2 ? ', shared by ' + e.sharedBy : '') + '</li>').join('') + '</ul></div>';
      }).join('') : '<p class="muted">No links.</p>';
      html += '<h4>Blast radius</h4><p>If this store is suspended: ' + blast.stores.length + ' other store(s) at risk, '
        + usd(blast.revenueLostUsd) + '/month expected loss (' + pct(blast.shareOfPortfolio) + ' of the portfolio).</p>';
      if (blast.stores.length) html += '<ul>' + blast.stores.slice(0, 8).map((a) => '<li>' + esc(a.store) + ' — ' + esc(a.reason)
        + ' (' + pct(a.probability) + ')</li>').join('') + '</ul>';
      var ex = links.exposure;
      html += '<h4>Other portfolios</h4><p>' + (ex.foreignStoresBand
        ? esc(ex.foreignStoresBand) + ' stores in other portfolios share an identifier with this store'
          + (ex.foreignSuspendedBand ? '; ' + esc(ex.foreignSuspendedBand) + ' of them suspended' : '')
          + '. Who they are is never shown.'
        : 'Not shared beyond your portfolio, or too few to report.') + '</p>';
      box.innerHTML = html;
      if (state.cy) { state.cy.$(':selected').unselect(); state.cy.getElementById(key).select(); }
    } catch (e) {
      box.innerHTML = '';
      showError(e);
    }
  }

  function renderRecommendations(actions) {
    $('recommendations').innerHTML = actions.length ? actions.slice(0, 12).map((a) => '<li><b>' + esc(a.title) + '</b><br>' + esc(a.detail)
      + '<div class="effect">Δ expected loss ' + usd(a.deltaExpectedLossUsd) + '/yr · Δ platform HHI ' + Math.round(a.deltaPlatformHhi)
      + (a.criticalClustersRemoved ? ' · critical clusters removed ' + a.criticalClustersRemoved : '')
      + ' · cost ' + usd(a.costUsd) + ' · first-year net ' + usd(a.netFirstYearUsd)
      + (a.paybackMonths != null ? ' · pays back in ' + (a.paybackMonths < 1 ? 'under a month' : a.paybackMonths.toFixed(1) + ' months') : '')
      + '</div></li>').join('')
      : '<li class="muted">Nothing to change.</li>';
  }

  function renderStoreTable(nodes) {
    const rows = nodes.slice().sort((a, b) => (b.monthlyRevenueUsd || 0) - (a.monthlyRevenueUsd || 0));
    const body = document.querySelector('#stores tbody');
    body.innerHTML = rows.map((n) => '<tr data-store="' + esc(n.id) + '"><td>' + esc(n.id) + '</td><td>' + esc(n.platform) + '</td><td>'
      + esc(n.status) + '</td><td>' + usd(n.monthlyRevenueUsd) + '</td><td><span class="badge ' + esc(n.risk) + '">' + esc(n.risk)
      + '</span></td><td>' + esc(n.clusterId || '') + '</td></tr>').join('');
    body.querySelectorAll('tr').forEach((tr) => tr.addEventListener('click', () => {
      selectStore(tr.dataset.store);
      $('store-panel').scrollIntoView({ behavior: 'smooth' });
    }));
  }

  function start(tenant, key) {
    state.tenant = tenant;
    state.key = key;
    sessionStorage.setItem('linkscope', JSON.stringify({ tenant, key }));
    $('tenant').value = tenant;
    load().catch(showError);
  }

  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    start($('tenant').value.trim(), $('key').value.trim());
  });
  $('min-level').addEventListener('change', () => load().catch(showError));

  function fromFragment() {
    const fragment = new URLSearchParams(location.hash.slice(1));
    if (!fragment.get('tenant') || !fragment.get('key')) return false;
    history.replaceState(null, '', location.pathname);   // the key leaves the address bar
    start(fragment.get('tenant'), fragment.get('key'));
    return true;
  }
  window.addEventListener('hashchange', fromFragment);
  if (!fromFragment()) {
    const saved = JSON.parse(sessionStorage.getItem('linkscope') || 'null');
    if (saved) start(saved.tenant, saved.key);
  }
})();
