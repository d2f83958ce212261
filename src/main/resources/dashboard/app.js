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
  const state = { tenant: null, key: null, cy: null, platformColour: {}, stores: [], lang: 'en', words: {} };
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
        { selector: ':selected', style: { 'overlay-opacity': 0.15, 'overlay-color': '#1d4ed8' } }
      ],
      layout: { name: 'preset', fit: true, padding: 24 }
    });
    state.cy.on('tap', 'node[kind="store"]', (evt) => selectStore(evt.target.id()));
    window.linkscope = { cy: state.cy };
    container.setAttribute('aria-label', t('ui.graph.aria', { stores: graph.nodes.length, clusters: clusters.length }));
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

  function start(tenant, key) {
    if (tenant !== state.tenant) state.selected = null;
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
    .then(() => state.key ? load() : null).catch(showError));

  function fromFragment() {
    const fragment = new URLSearchParams(location.hash.slice(1));
    if (!fragment.get('tenant') || !fragment.get('key')) return false;
    history.replaceState(null, '', location.pathname);   // the key leaves the address bar
    start(fragment.get('tenant'), fragment.get('key'));
    return true;
  }

  const fragmentLang = new URLSearchParams(location.hash.slice(1)).get('lang');
  loadWords(LANGS.includes(fragmentLang) ? fragmentLang : preferredLanguage(fragmentLang)).catch(showError).then(() => {
    window.addEventListener('hashchange', fromFragment);
    if (!fromFragment()) {
      const saved = JSON.parse(sessionStorage.getItem('linkscope') || 'null');
      if (saved) start(saved.tenant, saved.key);
    }
  });
})();
