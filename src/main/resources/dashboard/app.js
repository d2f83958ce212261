// linkscope dashboard: plain JavaScript over the public API (/api/v1), graph drawn by Cytoscape.js.
// The key comes from the URL fragment (#tenant=…&key=…&lang=…, never sent to the server) or the form, and is
// kept in sessionStorage for this tab only. Words come from the server's message catalog (/i18n/<lang>.json, ICU
// patterns); the API answers in the same language (Accept-Language), so reasons, titles and cluster names match.
(function () {
  'use strict';
  const PALETTE = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#65a30d',
    '#9333ea', '#0d9488', '#ea580c', '#4f46e5', '#be123c', '#15803d', '#a16207', '#0369a1', '#c026d3', '#475569'];
  const MONEY = ['payment', 'bank_account', 'card'];
  const IDENTITY = ['legal_entity', 'tax_id', 'person', 'email', 'phone', 'domain'];
  const LANGS = ['en', 'zh-CN'];
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const CANDIDATE = '#c2410c';
  const state = { tenant: null, key: null, cy: null, platformColour: {}, stores: [], lang: 'en', words: {}, check: null };
  const $ = (id) => document.getElementById(id);

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  // ---- words: a small reader of the catalog's ICU patterns ({x}, {n, plural, …} with #, {x, select, …}) ----------

  function t(key, args) {
    const pattern = state.words[key];
    if (pattern == null) return key;
    return format(pattern, args || {});
  }

  function format(pattern, args, count) {
    let out = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "'" && pattern[i + 1] === "'") { out += "'"; i++; continue; }
      if (c === '#' && count !== undefined) { out += num(count); continue; }
      if (c !== '{') { out += c; continue; }
      const end = closing(pattern, i);
      out += argument(pattern.slice(i + 1, end), args);
      i = end;
    }
    return out;
  }

  function closing(s, open) {
    let depth = 0;
    for (let j = open; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return j;
    }
    return s.length;
  }

  function argument(body, args) {
    const parts = body.split(',');
    const name = parts[0].trim();
    const value = args[name];
    if (parts.length === 1) return typeof value === 'number' ? num(value) : value == null ? '' : String(value);
    const type = parts[1].trim();
    if (type === 'number') return num(value);
    const options = {};
    let rest = parts.slice(2).join(',');
    while (rest.trim()) {
      const open = rest.indexOf('{');
      const end = closing(rest, open);
      options[rest.slice(0, open).trim()] = rest.slice(open + 1, end);
      rest = rest.slice(end + 1);
    }
    if (type === 'plural') {
      const n = Number(value);
      const chosen = options['=' + n] !== undefined ? options['=' + n] : options[new Intl.PluralRules(state.lang).select(n)] !== undefined
        ? options[new Intl.PluralRules(state.lang).select(n)] : options.other;
      return format(chosen || '', args, n);
    }
    return format(options[String(value)] !== undefined ? options[String(value)] : options.other || '', args);
  }

  function num(v, digits) {
    if (v == null || isNaN(v)) return '–';
    return Number(v).toLocaleString(state.lang, { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
  }

  // money as the catalog writes it: "974,025 USD", or from 10,000 on in Chinese "97.40 万美元"
  function money(v, signed) {
    if (v == null) return '–';
    const scale = Number(state.words['number.money.scale'] || 1);
    const sign = Math.round(v) === 0 ? '' : v < 0 ? '-' : signed ? '+' : '';
    if (scale > 1 && Math.abs(v) >= scale) return t('number.money.large', { amount: sign + num(Math.abs(v) / scale, 2) });
    return t('number.money', { amount: sign + num(Math.abs(v)) });
  }

  const pct = (v) => num(v * 100, 1) + '%';
  const term = (family, value) => state.words[family + '.' + value] != null ? t(family + '.' + value) : value;

  async function loadWords(lang) {
    const res = await fetch('/i18n/' + encodeURIComponent(lang) + '.json');
    const body = await res.json();
    state.lang = body.lang;
    state.words = body.messages;
    document.documentElement.lang = state.lang;
    $('lang').value = state.lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    relabelRows();
    localStorage.setItem('linkscope.lang', state.lang);
  }

  function preferredLanguage(fromFragment) {
    const wanted = [fromFragment, localStorage.getItem('linkscope.lang')].concat(navigator.languages || [navigator.language]);
    for (const w of wanted) {
      if (!w) continue;
      if (w.toLowerCase().startsWith('zh')) return 'zh-CN';
      if (w.toLowerCase().startsWith('en')) return 'en';
    }
    return 'en';
  }

  // ---- data ------------------------------------------------------------------------------------------------

  async function api(path) {
    const res = await fetch('/api/v1/tenants/' + encodeURIComponent(state.tenant) + path, {
      headers: { 'Authorization': 'Bearer ' + state.key, 'Accept': 'application/json', 'Accept-Language': state.lang }
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
    if (types.some((x) => MONEY.includes(x))) return 'money';
    if (types.some((x) => IDENTITY.includes(x))) return 'identity';
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
    $('tenant-label').textContent = t('ui.tenant', { tenant: state.tenant });
    const [graph, concentration, risk, recs] = await Promise.all([
      api('/graph?minLevel=' + $('min-level').value), api('/concentration'), api('/risk'), api('/recommendations')]);
    $('app').hidden = false;
    $('key-hint').hidden = true;
    state.stores = graph.nodes;
    renderCards(graph, concentration, risk);
    renderShares(concentration.platform);
    renderGraph(graph);
    drawCandidate();
    renderClusters(graph);
    renderRecommendations(recs.actions || []);
    renderStoreTable(graph.nodes);
    if (state.selected) await selectStore(state.selected);   // a new language or filter: the open store in its words too
  }

  function renderCards(graph, concentration, risk) {
    const platforms = new Set(graph.nodes.map((n) => n.platform));
    $('store-count').textContent = graph.nodes.length;
    $('platform-count').textContent = t('ui.card.platforms', { count: platforms.size });
    const critical = graph.clusters.filter((c) => c.risk === 'critical').length;
    $('critical-count').textContent = critical;
    $('cluster-count').textContent = t('ui.card.clusters', { count: graph.clusters.length });
    $('hhi').textContent = num(concentration.platform.hhi);
    $('hhi-band').textContent = t('ui.card.band', { band: term('band', concentration.platform.band), effective: num(concentration.platform.effectiveNumber, 2) });
    $('expected-loss').textContent = money(risk.expectedAnnualLossUsd);
    $('var95').textContent = 'VaR95 ' + money(risk.var95Usd) + ' · CVaR95 ' + money(risk.cvar95Usd);
  }

  function renderShares(dim) {
    const rows = Object.entries(dim.shares).sort((a, b) => b[1] - a[1]);
    $('shares').innerHTML = rows.map(([name, share]) =>
      '<div class="bar"><span>' + esc(name) + '</span><div class="track"><div class="fill" style="width:' + (share * 100).toFixed(1)
      + '%;background:' + colour(name) + '"></div></div><span>' + pct(share) + '</span></div>').join('')
      + '<div class="band">' + esc(t('ui.shares.band', { hhi: num(dim.hhi), band: term('band', dim.band) })) + '</div>';
  }

  // ---- the graph: clusters as rings packed in rows (riskiest first), so labels sit apart at the default zoom -----

  const LABEL_W = 124, NODE_MAX = 44, ROW_GAP = 30, HEADER = 44;

  function size(n) {
    return 16 + Math.min(NODE_MAX - 16, Math.sqrt(n.monthlyRevenueUsd || 0) / 12);
  }

  /** About how wide a cluster's heading is at 12 px bold: Han characters are square, Latin ones a little over half. */
  function headingWidth(text) {
    let w = 0;
    for (const ch of text) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 7.2;
    return w + 16;
  }

  function layout(graph, width) {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const rank = { critical: 3, high: 2, medium: 1, low: 0 };
    const clusters = graph.clusters.filter((c) => c.stores.length > 1)
      .sort((a, b) => rank[b.risk] - rank[a.risk] || b.monthlyRevenueUsd - a.monthlyRevenueUsd || (a.id < b.id ? -1 : 1));
    const positions = {}, widths = {};
    let x = 0, y = 0, rowHeight = 0;
    const place = (w, h) => {
      if (x > 0 && x + w > width) { x = 0; y += rowHeight + ROW_GAP; rowHeight = 0; }
      const at = { x, y };
      x += w + ROW_GAP;
      rowHeight = Math.max(rowHeight, h);
      return at;
    };
    const clustered = new Set();
    clusters.forEach((c) => {
      const members = c.stores.map((k) => byId.get(k)).filter(Boolean)
        .sort((a, b) => (a.platform + a.id < b.platform + b.id ? -1 : 1));
      const n = members.length;
      // labels run horizontally: neighbours on the ring's sides stack them, only those near the top and bottom need
      // their width apart, so the ring can be smaller than n label widths around
      const radius = Math.max(56, n * 0.75 * LABEL_W / (2 * Math.PI));
      const ring = 2 * radius + LABEL_W;
      // a long name wraps over the ring (two lines at most): the box widens only when one line would not do
      const box = Math.max(ring, headingWidth(heading(c, clusters.indexOf(c))) / 2);
      widths[c.id] = box;
      const at = place(box, ring + HEADER);
      const cx = at.x + box / 2, cy = at.y + HEADER + ring / 2;
      const start = n === 2 || n === 3 ? Math.PI : -Math.PI / 2;
      members.forEach((m, i) => {
        const angle = start + 2 * Math.PI * i / n;
        positions[m.id] = { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle), above: Math.sin(angle) < -0.2 };
        clustered.add(m.id);
      });
    });
    const rest = graph.nodes.filter((n) => !clustered.has(n.id));
    if (rest.length) {
      const columns = Math.max(1, Math.floor(width / (LABEL_W + 20)));
      const at = place(Math.min(rest.length, columns) * (LABEL_W + 20), Math.ceil(rest.length / columns) * 80);
      rest.forEach((n, i) => { positions[n.id] = { x: at.x + (i % columns) * (LABEL_W + 20) + LABEL_W / 2, y: at.y + HEADER + Math.floor(i / columns) * 80, above: false }; });
    }
    return { positions, clusters, widths, height: y + rowHeight };
  }

  function heading(c, i) {
    return 'C' + (i + 1) + ' · ' + term('risk', c.risk) + ' · ' + (c.name || c.id);
  }

  function renderGraph(graph) {
    const container = $('graph');
    // as wide as the panel: fitted with the outer labels, the zoom stays near 0.9 and 12 px labels above 10 px
    const width = Math.max(480, container.clientWidth - 40);
    const { positions, clusters, widths, height } = layout(graph, width);
    container.style.height = Math.min(2000, Math.max(360, height + 80)) + 'px';
    const elements = [];
    clusters.forEach((c, i) => elements.push({
      data: { id: 'cluster:' + c.id, kind: 'cluster', label: heading(c, i), risk: c.risk, maxw: widths[c.id] }
    }));
    const inCluster = new Set(clusters.map((c) => c.id));
    graph.nodes.forEach((n) => {
      const p = positions[n.id] || { x: 0, y: 0 };
      const storeId = n.id.split(':').slice(2).join(':');
      elements.push({
        data: { id: n.id, kind: 'store', label: n.marketplace + ' · ' + (storeId.length > 16 ? storeId.slice(0, 15) + '…' : storeId) + '\n' + n.platform
            + (n.status === 'suspended' ? ' · ' + t('ui.suspended') : ''),
          platform: n.platform, status: n.status, colour: colour(n.platform), size: size(n), valign: p.above ? 'top' : 'bottom',
          parent: inCluster.has(n.clusterId) ? 'cluster:' + n.clusterId : undefined },
        position: { x: p.x, y: p.y }
      });
    });
    graph.edges.forEach((e) => elements.push({
      data: { id: e.id, source: e.source, target: e.target, score: e.score, level: e.level, cls: edgeClass(e.types) }
    }));
    if (state.cy) state.cy.destroy();
    state.cy = cytoscape({
      container,
      elements,
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        { selector: 'node[kind="store"]', style: { 'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)',
            label: 'data(label)', 'font-size': 12, 'font-family': FONT, color: '#1d2330', 'text-valign': 'data(valign)', 'text-halign': 'center',
            'text-margin-y': (ele) => ele.data('valign') === 'top' ? -3 : 3, 'text-wrap': 'wrap', 'text-max-width': LABEL_W + 40,
            'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
            'border-width': 1.5, 'border-color': '#ffffff' } },
        { selector: 'node[status="suspended"]', style: { 'border-width': 3, 'border-color': '#b42318', shape: 'octagon', color: '#b42318' } },
        { selector: 'node[kind="cluster"]', style: { 'background-opacity': 0.04, 'border-width': 1.5, 'border-style': 'dashed',
            'border-color': '#667085', label: 'data(label)', 'font-size': 12, 'font-weight': 600, 'font-family': FONT, 'text-valign': 'top',
            'text-wrap': 'wrap', 'text-max-width': 'data(maxw)',
            'text-margin-y': -4, color: '#344054', shape: 'round-rectangle', padding: 14 } },
        { selector: 'node[kind="cluster"][risk="critical"]', style: { 'border-color': '#b42318', color: '#b42318', 'border-width': 2.5 } },
        { selector: 'node[kind="cluster"][risk="high"]', style: { 'border-color': '#b54708', color: '#b54708' } },
        { selector: 'edge', style: { width: 'mapData(score, 0, 1, 1, 3.5)', 'line-color': '#667085', 'curve-style': 'straight', opacity: 0.55 } },
        { selector: 'edge[cls="money"]', style: { 'line-color': '#b42318' } },
        { selector: 'edge[cls="identity"]', style: { 'line-color': '#344054' } },
        { selector: 'edge[cls="device"]', style: { 'line-style': 'dotted', 'line-color': '#7c3aed' } },
        { selector: 'edge[cls="network"]', style: { 'line-style': 'dashed', 'line-color': '#98a2b3' } },
        { selector: 'node[kind="candidate"]', style: { shape: 'diamond', width: 30, height: 30, 'background-color': '#fff7ed',
            'border-width': 3, 'border-style': 'dashed', 'border-color': CANDIDATE, label: 'data(label)', 'font-size': 12,
            'font-weight': 600, 'font-family': FONT, color: '#9a3412', 'text-valign': 'top', 'text-halign': 'center', 'text-margin-y': -4,
            'text-wrap': 'wrap', 'text-max-width': LABEL_W + 40, 'text-background-color': '#ffffff', 'text-background-opacity': 0.9,
            'text-background-padding': 2 } },
        { selector: 'edge[kind="candidate-link"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [7, 4], 'line-color': CANDIDATE,
            width: 'mapData(score, 0, 1, 1.5, 3.5)', opacity: 0.95, 'z-index': 10 } },
        { selector: ':selected', style: { 'overlay-opacity': 0.15, 'overlay-color': '#1d4ed8' } }
      ],
      layout: { name: 'preset', fit: true, padding: 24 }
    });
    state.cy.on('tap', 'node[kind="store"]', (evt) => selectStore(evt.target.id()));
    window.linkscope = { cy: state.cy };
    state.graphLabel = t('ui.graph.aria', { stores: graph.nodes.length, clusters: clusters.length });
    container.setAttribute('aria-label', state.graphLabel);
    container.setAttribute('aria-describedby', 'cluster-caption');
    const octagon = '<svg class="glyph" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M4.1 1h5.8L13 4.1v5.8L9.9 13H4.1L1 9.9V4.1z" fill="#98a2b3" stroke="#b42318" stroke-width="2"/></svg>';
    $('legend').innerHTML = Object.entries(state.platformColour).filter(([p]) => graph.nodes.some((n) => n.platform === p))
      .map(([p, c]) => '<span><span class="swatch" style="background:' + c + '"></span>' + esc(p) + '</span>').join('')
      + '<span><span class="line" style="border-color:#b42318"></span>' + esc(t('ui.legend.money')) + '</span>'
      + '<span><span class="line" style="border-color:#344054"></span>' + esc(t('ui.legend.identity')) + '</span>'
      + '<span><span class="line" style="border-top-style:dotted;border-color:#7c3aed"></span>' + esc(t('ui.legend.device')) + '</span>'
      + '<span><span class="line" style="border-top-style:dashed;border-color:#98a2b3"></span>' + esc(t('ui.legend.network')) + '</span>'
      + '<span data-testid="suspended-legend">' + octagon + esc(t('ui.legend.suspended')) + '</span>';
  }

  function renderClusters(graph) {
    const rank = { critical: 3, high: 2, medium: 1, low: 0 };
    const rows = graph.clusters.slice().sort((a, b) => rank[b.risk] - rank[a.risk] || b.monthlyRevenueUsd - a.monthlyRevenueUsd);
    document.querySelector('#clusters tbody').innerHTML = rows.map((c, i) => '<tr><th scope="row"><b>C' + (i + 1) + ' · ' + esc(c.name || c.id)
      + '</b><br><code>' + esc(c.id) + '</code></th><td><span class="badge ' + esc(c.risk) + '">' + esc(term('risk', c.risk)) + '</span></td><td>'
      + c.stores.map((s) => '<div><code>' + esc(s) + '</code></div>').join('') + '</td><td class="num">' + money(c.monthlyRevenueUsd)
      + '</td><td>' + esc((c.reasons && c.reasons[0]) || t('ui.clusters.noReason')) + '</td></tr>').join('');
  }

  async function selectStore(key) {
    state.selected = key;
    $('store-hint').hidden = true;
    const box = $('store-detail');
    box.innerHTML = '<p class="muted">' + esc(t('ui.store.loading', { store: key })) + '</p>';
    try {
      const enc = encodeURIComponent(key);
      const [links, blast] = await Promise.all([api('/stores/' + enc + '/links'), api('/blast-radius?store=' + enc)]);
      const node = state.stores.find((n) => n.id === key) || {};
      let html = '<h3 data-testid="store-key">' + esc(key) + '</h3>'
        + '<p><span class="badge ' + esc(links.risk) + '">' + esc(term('risk', links.risk)) + '</span> '
        + (node.status === 'suspended' ? '<span class="badge suspended">' + esc(t('ui.suspended')) + '</span> ' : '')
        + esc(node.label || '') + ' · ' + esc(t('ui.perMonth', { revenue: money(node.monthlyRevenueUsd) })) + '</p>';
      if (links.reasons && links.reasons.length) html += '<ul>' + links.reasons.map((r) => '<li>' + esc(r) + '</li>').join('') + '</ul>';
      html += '<h4>' + esc(t('ui.store.links', { count: links.links.length })) + '</h4>';
      html += links.links.length ? links.links.map((l) => {
        const other = l.a === key ? l.b : l.a;
        return '<div><b>' + esc(other) + '</b> — ' + esc(t('ui.store.linkHead', { level: term('link', l.level), score: l.score.toFixed(2) }))
          + '<ul class="evidence" data-testid="evidence">' + l.evidence.map((e) => '<li>' + esc(term('idtype', e.type)) + ' <code>' + esc(e.display)
          + '</code> ' + esc(t('ui.store.weight', { weight: e.weight.toFixed(2) })) + (e.sharedBy > 2 ? esc(t('ui.store.sharedBy', { count: e.sharedBy })) : '')
          + (e.variant && e.displays ? ' <span class="variant" data-testid="variant">' + esc(t('ui.store.variant.' + (e.type === 'legal_entity' ? 'legal_entity' : 'address'), { a: e.displays[0], b: e.displays[1] })) + '</span>' : '')
          + '</li>').join('') + '</ul></div>';
      }).join('') : '<p class="muted">' + esc(t('ui.store.noLinks')) + '</p>';
      html += '<h4>' + esc(t('ui.store.blast')) + '</h4><p>' + esc(t('ui.store.blastText', { count: blast.stores.length,
        loss: money(blast.revenueLostUsd), share: pct(blast.shareOfPortfolio) })) + '</p>';
      if (blast.stores.length) html += '<ul>' + blast.stores.slice(0, 8).map((a) => '<li>' + esc(a.store) + ' — ' + esc(t('ui.blast.' + a.reason))
        + ' (' + pct(a.probability) + ')</li>').join('') + '</ul>';
      var ex = links.exposure;
      html += '<h4>' + esc(t('ui.store.others')) + '</h4><p>' + esc(ex.foreignStoresBand
        ? t(ex.foreignSuspendedBand ? 'ui.store.othersSuspended' : 'ui.store.othersText', { band: ex.foreignStoresBand, suspended: ex.foreignSuspendedBand })
        : t('ui.store.othersNone')) + '</p>';
      box.innerHTML = html;
      if (state.cy) { state.cy.$(':selected').unselect(); state.cy.getElementById(key).select(); }
    } catch (e) {
      box.innerHTML = '';
      showError(e);
    }
  }

  function renderRecommendations(actions) {
    $('recommendations').innerHTML = actions.length ? actions.slice(0, 12).map((a) => '<li><b>' + esc(a.title) + '</b><br>' + esc(a.detail)
      + '<div class="effect">' + esc(t('ui.effect', { loss: money(a.deltaExpectedLossUsd, true), hhi: num(a.deltaPlatformHhi),
        critical: a.criticalClustersRemoved, cost: money(a.costUsd), net: money(a.netFirstYearUsd, true) }))
      + (a.paybackMonths != null ? ' · ' + esc(a.paybackMonths < 1 ? t('ui.payback.underMonth') : t('ui.payback', { months: num(a.paybackMonths, 1) })) : '')
      + '</div></li>').join('')
      : '<li class="muted">' + esc(t('ui.recommendations.none')) + '</li>';
  }

  function renderStoreTable(nodes) {
    const rows = nodes.slice().sort((a, b) => (b.monthlyRevenueUsd || 0) - (a.monthlyRevenueUsd || 0));
    const body = document.querySelector('#stores tbody');
    body.innerHTML = rows.map((n) => '<tr data-store="' + esc(n.id) + '"><td>' + esc(n.id) + '</td><td>' + esc(n.platform) + '</td><td>'
      + esc(term('status', n.status)) + '</td><td class="num">' + money(n.monthlyRevenueUsd) + '</td><td><span class="badge ' + esc(n.risk) + '">'
      + esc(term('risk', n.risk)) + '</span></td><td><code>' + esc(n.clusterId || '') + '</code></td></tr>').join('');
    body.querySelectorAll('tr').forEach((tr) => tr.addEventListener('click', () => {
      selectStore(tr.dataset.store);
      $('store-panel').scrollIntoView({ behavior: 'smooth' });
    }));
  }

  // ---- "Check a new store": one planned store through POST …/checks (nothing is written), drawn on the graph ----

  const PLATFORMS = ['amazon', 'ebay', 'aliexpress', 'walmart', 'shopee', 'lazada', 'temu', 'tiktok-shop', 'etsy',
    'mercadolibre', 'allegro', 'shopify', 'otto', 'cdiscount', 'rakuten', 'coupang', 'ozon', 'wish'];
  // the attribute types a portfolio document may declare (spec §1); legal entity is a store field of its own
  const ID_TYPES = ['ip', 'email', 'phone', 'payment', 'bank_account', 'card', 'address', 'device', 'tax_id', 'person', 'domain'];
  const EXAMPLES = { ip: '203.0.113.7', email: 'ops@example.com', phone: '+86 138 0013 8000', payment: 'payoneer:1234567',
    bank_account: 'DE89 3704 0044 0532 0130 00', card: '411111****1234', device: 'aa:bb:cc:00:11:22', tax_id: '91440300MA5XXXXX',
    domain: 'shop.example' };
  const FIELDS = { platform: 'check-platform', marketplace: 'check-marketplace', storeId: 'check-store-id',
    legalEntity: 'check-legal-entity', monthlyRevenue: 'check-revenue', defaultPhoneRegion: 'check-region' };
  const DIMENSIONS = ['platform', 'marketplace', 'paymentProvider', 'legalEntity', 'cluster'];

  function initCheckForm() {
    $('check-platform').innerHTML = PLATFORMS.map((p) => '<option value="' + p + '">' + esc(p) + '</option>').join('');
    defaultRows();
    $('check-add').addEventListener('click', () => { addRow('email', ''); $('check-rows').lastElementChild.querySelector('input').focus(); });
    $('check-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const { doc, rows } = candidateDocument();
      runCheck(doc, rows).catch(showError);
    });
    // a reset empties the fields; the rows, the result and the planned store on the graph go with it (the new rows'
    // defaults are their starting values, so the reset that follows this handler keeps them)
    $('check-form').addEventListener('reset', () => { clearCheck(); defaultRows(); $('check-marketplace').focus(); });
  }

  function defaultRows() {
    $('check-rows').innerHTML = '';
    ['ip', 'email', 'payment'].forEach((type) => addRow(type, ''));
  }

  function addRow(type, value) {
    const li = document.createElement('li');
    li.className = 'id-row';
    li.innerHTML = '<label class="visually-hidden"></label><select></select><label class="visually-hidden"></label><input>'
      + '<button type="button" class="secondary remove"></button><p class="field-error" hidden></p>';
    const select = li.querySelector('select'), input = li.querySelector('input');
    select.innerHTML = ID_TYPES.map((x) => '<option value="' + x + '">' + esc(term('idtype', x)) + '</option>').join('');
    select.querySelector('option[value="' + type + '"]').defaultSelected = true;
    select.value = type;
    input.defaultValue = value;
    select.addEventListener('change', () => { input.placeholder = EXAMPLES[select.value] || ''; });
    li.querySelector('button').addEventListener('click', () => {
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      relabelRows();
      (next ? next.querySelector('input') : $('check-add')).focus();
    });
    $('check-rows').appendChild(li);
    relabelRows();
  }

  /** Row labels carry their number ("Identifier 2 value"), so they follow removals and the language. */
  function relabelRows() {
    const rows = document.querySelectorAll('#check-rows > li');
    rows.forEach((li, i) => {
      const n = i + 1, [typeLabel, valueLabel] = li.querySelectorAll('label');
      const select = li.querySelector('select'), input = li.querySelector('input'), button = li.querySelector('button'), error = li.querySelector('p');
      select.id = 'check-type-' + n;
      input.id = 'check-value-' + n;
      error.id = 'check-value-' + n + '-error';
      typeLabel.htmlFor = select.id;
      valueLabel.htmlFor = input.id;
      typeLabel.textContent = t('ui.check.idType', { n });
      valueLabel.textContent = t('ui.check.idValue', { n });
      button.textContent = t('ui.check.remove');
      button.setAttribute('aria-label', t('ui.check.removeRow', { n }));
      input.setAttribute('aria-describedby', error.id);
      input.placeholder = EXAMPLES[select.value] || '';
      select.querySelectorAll('option').forEach((o) => { o.textContent = term('idtype', o.value); });
    });
  }

  /** The form as a portfolio document of one store, and which row each sent attribute came from. */
  function candidateDocument() {
    const value = (id) => $(id).value.trim();
    const store = { platform: value('check-platform'), marketplace: value('check-marketplace').toUpperCase(),
      storeId: value('check-store-id') || 'planned', attributes: [] };
    if (value('check-legal-entity')) store.legalEntity = value('check-legal-entity');
    const revenue = value('check-revenue').replace(/[,\s]/g, '');
    if (revenue) store.monthlyRevenue = { amount: revenue !== '' && isFinite(Number(revenue)) ? Number(revenue) : revenue, currency: 'USD' };
    const rows = [];
    document.querySelectorAll('#check-rows > li').forEach((li) => {
      const v = li.querySelector('input').value.trim();
      if (!v) return;
      store.attributes.push({ type: li.querySelector('select').value, value: v, source: 'planned' });
      rows.push(li.querySelector('input').id);
    });
    const doc = { format: 'linkscope.portfolio/v1', stores: [store] };
    if (value('check-region')) doc.defaultPhoneRegion = value('check-region').toUpperCase();
    return { doc, rows };
  }

  async function runCheck(doc, rows) {
    clearFieldErrors();
    const key = doc.stores[0].platform + ':' + doc.stores[0].marketplace + ':' + doc.stores[0].storeId;
    $('check-status').textContent = t('ui.check.running', { store: key });
    $('check-submit').disabled = true;
    let res, body;
    try {
      res = await fetch('/api/v1/tenants/' + encodeURIComponent(state.tenant) + '/checks', {
        method: 'POST',
        headers: { 'Authorization': 'Bearer ' + state.key, 'Content-Type': 'application/json', 'Accept': 'application/json',
          'Accept-Language': state.lang },
        body: JSON.stringify(doc)
      });
      body = await res.json().catch(() => ({}));
    } finally {
      $('check-submit').disabled = false;
      $('check-status').textContent = '';
    }
    if (res.ok) {
      state.check = { doc, rows, result: body.candidates[0] };
      renderCheck(state.check.result);
      drawCandidate();
      $('check-result-title').focus();
      return;
    }
    clearCheck();
    if (res.status === 429) {
      const seconds = Math.max(1, parseInt(res.headers.get('Retry-After'), 10) || 60);
      const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString(state.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
      formError(t('ui.check.tooMany', { seconds, time: at }), 'check-submit');
      return;
    }
    const errors = body.errors || [];
    let first = null;
    const general = [];
    errors.forEach((e) => {
      const id = fieldOf(e.location, rows);
      if (!id) { general.push(e.location + ': ' + e.reason); return; }
      fieldError(id, e.reason);
      first = first || id;
    });
    const summary = errors.length ? t('ui.check.invalid', { count: errors.length }) : (body.title || res.status) + ': ' + (body.detail || res.statusText);
    formError([summary].concat(general).join(' '), first);
  }

  /** Where an error of the check's document belongs in the form: stores[0].attributes[2] is the third row sent. */
  function fieldOf(location, rows) {
    let m = /^stores\[0\]\.attributes\[(\d+)\]/.exec(location || '');
    if (m) return rows[Number(m[1])] || 'check-identifiers';
    if (/^stores\[0\]\.attributes/.test(location)) return 'check-identifiers';
    m = /^(?:stores\[0\]\.)?(\w+)/.exec(location || '');
    return m && FIELDS[m[1]] ? FIELDS[m[1]] : null;
  }

  function fieldError(id, text) {
    const field = $(id), box = $(id + '-error') || $('check-identifiers-error');
    box.textContent = box.textContent ? box.textContent + ' ' + text : text;
    box.hidden = false;
    if (field && field.tagName !== 'FIELDSET') field.setAttribute('aria-invalid', 'true');
  }

  function formError(text, focusId) {
    $('check-form-error').textContent = text;
    $('check-form-error').hidden = false;
    if (focusId && $(focusId)) $(focusId).focus();
  }

  function clearFieldErrors() {
    document.querySelectorAll('#check-form .field-error').forEach((p) => { p.textContent = ''; p.hidden = true; });
    document.querySelectorAll('#check-form [aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  }

  function clearCheck() {
    state.check = null;
    if ($('check-result')) $('check-result').innerHTML = '';
    if ($('check-form')) clearFieldErrors();
    removeCandidate();
  }

  const signed = (v) => (Math.round(v) > 0 ? '+' : '') + num(Math.round(v) === 0 ? 0 : v);

  function renderCheck(c) {
    const others = (l) => (l.a === c.store ? l.b : l.a);
    let html = '<h3 id="check-result-title" tabindex="-1">' + esc(t('ui.check.result', { store: c.store })) + '</h3>'
      + '<p data-testid="check-verdict"><span class="badge verdict ' + esc(c.verdict) + '">' + esc(t('check.verdict.' + c.verdict)) + '</span> '
      + esc(c.reason) + '</p>';
    if (c.reasons && c.reasons.length) html += '<ul class="reasons">' + c.reasons.map((r) => '<li>' + esc(r) + '</li>').join('') + '</ul>';
    html += '<h4>' + esc(t('ui.check.links', { count: c.links.length })) + '</h4>';
    html += c.links.length
      ? '<table id="check-links" data-testid="check-links"><caption id="check-links-caption" class="muted">' + esc(t('ui.check.links.caption'))
        + '</caption><thead><tr><th scope="col">' + esc(t('ui.col.store')) + '</th><th scope="col">' + esc(t('ui.check.col.link'))
        + '</th><th scope="col">' + esc(t('ui.check.col.samePlatform')) + '</th><th scope="col">' + esc(t('ui.check.col.shared'))
        + '</th></tr></thead><tbody>' + c.links.map((l) => '<tr><th scope="row"><code>' + esc(others(l)) + '</code></th><td>'
          + esc(t('ui.store.linkHead', { level: term('link', l.level), score: l.score.toFixed(2) })) + '</td><td>'
          + esc(t(l.samePlatform ? 'ui.check.yes' : 'ui.check.no')) + '</td><td>'
          + l.evidence.map((e) => esc(term('idtype', e.type)) + ' <code>' + esc(e.display) + '</code>').join('<br>') + '</td></tr>').join('')
        + '</tbody></table>'
      : '<p class="muted">' + esc(t('ui.check.links.none')) + '</p>';
    const cl = c.cluster || { change: 'none' };
    html += '<h4>' + esc(t('ui.col.cluster')) + '</h4><p data-testid="check-cluster">' + esc(cl.change === 'none' || !cl.id
      ? t('ui.check.cluster.none')
      : t('ui.check.cluster.' + cl.change, { name: cl.name || cl.id, count: cl.stores.length, risk: term('risk', cl.risk),
        merged: (cl.previousClusters || []).length })) + (cl.id ? ' <code>' + esc(cl.id) + '</code>' : '')
      + (cl.change === 'merges' ? ' ← ' + cl.previousClusters.map((id) => '<code>' + esc(id) + '</code>').join(' + ') : '') + '</p>';
    const ex = c.exposure || {};
    html += '<h4>' + esc(t('ui.store.others')) + '</h4><p data-testid="check-exposure">' + esc(ex.foreignStoresBand
      ? t(ex.foreignSuspendedBand ? 'ui.store.othersSuspended' : 'ui.store.othersText', { band: ex.foreignStoresBand, suspended: ex.foreignSuspendedBand })
      : t('ui.store.othersNone')) + '</p>';
    html += '<h4>' + esc(t('ui.check.effect')) + '</h4><p data-testid="check-effect">' + esc(t('ui.check.effect.loss', { loss: money(c.deltaExpectedLossUsd, true) }))
      + (state.check && state.check.doc.stores[0].monthlyRevenue ? '' : ' ' + esc(t('ui.check.effect.noRevenue'))) + '</p>'
      + '<table class="hhi"><caption class="visually-hidden">' + esc(t('ui.check.effect.hhi')) + '</caption><thead><tr><th scope="col">'
      + esc(t('ui.check.col.dimension')) + '</th><th scope="col" class="num">' + esc(t('ui.check.col.deltaHhi')) + '</th></tr></thead><tbody>'
      + DIMENSIONS.filter((d) => c.deltaHhi && c.deltaHhi[d] != null).map((d) => '<tr><th scope="row">' + esc(term('dimension', d))
        + '</th><td class="num">' + signed(c.deltaHhi[d]) + '</td></tr>').join('') + '</tbody></table>';
    const fixes = c.fixes || { replacements: [] };
    html += '<h4>' + esc(t('ui.check.fixes')) + '</h4><div data-testid="check-fixes">';
    if (fixes.replacements.length) {
      html += '<ul class="fixes">' + fixes.replacements.map((f) => '<li>' + esc(t('ui.check.fix', { type: term('idtype', f.type), display: f.display }))
        + ' — ' + esc(money(f.costUsd)) + '</li>').join('') + '</ul><p>'
        + esc(t(fixes.clean ? 'ui.check.fixes.total' : 'ui.check.fixes.partial', { cost: money(fixes.costUsd) })) + '</p>';
    } else {
      html += '<p class="muted">' + esc(t(c.verdict === 'clean' ? 'ui.check.fixes.none' : 'ui.check.fixes.impossible')) + '</p>';
    }
    $('check-result').innerHTML = html + '</div>';
  }

  // the planned store floats above the graph, over the stores it would link to; its links are dashed, in its colour
  function drawCandidate() {
    removeCandidate();
    if (!state.cy || !state.check) return;
    const c = state.check.result, s = state.check.doc.stores[0];
    const cy = state.cy;
    const targets = c.links.map((l) => (l.a === c.store ? l.b : l.a)).filter((k) => cy.getElementById(k).nonempty());
    const box = cy.elements().boundingBox();
    const x = targets.length ? targets.reduce((sum, k) => sum + cy.getElementById(k).position('x'), 0) / targets.length : box.x1 + LABEL_W / 2;
    const storeId = s.storeId.length > 16 ? s.storeId.slice(0, 15) + '…' : s.storeId;
    cy.add({ group: 'nodes', data: { id: c.store, kind: 'candidate', verdict: c.verdict,
      label: s.marketplace + ' · ' + storeId + '\n' + s.platform + ' · ' + t('ui.check.node') }, position: { x, y: box.y1 - 60 } });
    c.links.forEach((l) => {
      const other = l.a === c.store ? l.b : l.a;
      if (cy.getElementById(other).empty()) return;
      cy.add({ group: 'edges', data: { id: 'check-link:' + other, source: c.store, target: other, kind: 'candidate-link', level: l.level, score: l.score } });
    });
    cy.fit(undefined, 24);
    const graph = $('graph');
    graph.setAttribute('aria-label', state.graphLabel + ' ' + t('ui.check.graphAria', { store: c.store, count: targets.length }));
    if (c.links.length) graph.setAttribute('aria-describedby', 'cluster-caption check-links-caption');
    const legend = document.createElement('span');
    legend.id = 'check-legend';
    legend.dataset.testid = 'check-legend';
    legend.innerHTML = '<svg class="glyph" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M7 1l6 6-6 6-6-6z" fill="#fff7ed" stroke="'
      + CANDIDATE + '" stroke-width="1.8" stroke-dasharray="2 1.5"/></svg><span class="line" style="border-top-style:dashed;border-color:' + CANDIDATE
      + '"></span>' + esc(t('ui.check.legend'));
    $('legend').appendChild(legend);
  }

  function removeCandidate() {
    if (state.cy) {
      const planned = state.cy.elements('[kind="candidate"], [kind="candidate-link"]');
      if (planned.nonempty()) { planned.remove(); state.cy.fit(undefined, 24); }
    }
    const legend = $('check-legend');
    if (legend) legend.remove();
    const graph = $('graph');
    if (graph && state.graphLabel) { graph.setAttribute('aria-label', state.graphLabel); graph.setAttribute('aria-describedby', 'cluster-caption'); }
  }

  function start(tenant, key) {
    if (tenant !== state.tenant) { state.selected = null; clearCheck(); }
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
  $('lang').addEventListener('change', () => loadWords($('lang').value)
    .then(() => state.key ? load() : null)
    .then(() => state.check ? runCheck(state.check.doc, state.check.rows) : null).catch(showError));

  function fromFragment() {
    const fragment = new URLSearchParams(location.hash.slice(1));
    if (!fragment.get('tenant') || !fragment.get('key')) return false;
    history.replaceState(null, '', location.pathname);   // the key leaves the address bar
    const lang = fragment.get('lang');
    if (LANGS.includes(lang) && lang !== state.lang) {   // a link pasted into an open tab brings its language too
      loadWords(lang).then(() => start(fragment.get('tenant'), fragment.get('key'))).catch(showError);
    } else {
      start(fragment.get('tenant'), fragment.get('key'));
    }
    return true;
  }

  initCheckForm();
  const fragmentLang = new URLSearchParams(location.hash.slice(1)).get('lang');
  loadWords(LANGS.includes(fragmentLang) ? fragmentLang : preferredLanguage(fragmentLang)).catch(showError).then(() => {
    window.addEventListener('hashchange', fromFragment);
    if (!fromFragment()) {
      const saved = JSON.parse(sessionStorage.getItem('linkscope') || 'null');
      if (saved) start(saved.tenant, saved.key);
    }
  });
})();
