// The dashboard: one script, one view per path (/chart, /signals, ...), state in the query string so every view
// can be bookmarked. Data comes from the JSON API (docs/api.md); live updates from the WebSocket /ws.
'use strict';

const LWC = window.LightweightCharts;
const params = new URLSearchParams(location.search);
const page = location.pathname === '/' ? 'chart' : location.pathname.slice(1);
const main = document.getElementById('main');
const liveHandlers = [];
let DEFAULT_FORECASTER = 'rw-garch';
window.fxd = { page, drawn: false, live: [] };

const fmt = (v, d = 5) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : Number(v).toFixed(d);
const pct = (v, d = 1) => (v === null || v === undefined) ? '–' : (100 * v).toFixed(d) + '%';
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
const el = (html) => { const t = document.createElement('template'); t.innerHTML = html.trim(); return t.content.firstElementChild; };

async function api(path, options) {
  const r = await fetch(path, Object.assign({headers: {'Accept': 'application/json'}}, options));
  const body = r.headers.get('content-type')?.includes('json') ? await r.json() : null;
  if (r.status === 401) { location.href = '/login'; throw new Error('unauthorized'); }
  if (!r.ok) { const e = new Error(body?.error || r.statusText); e.body = body; e.status = r.status; throw e; }
  return body;
}

function toast(msg) {
  const t = document.getElementById('toast');
  t.textContent = msg; t.hidden = false;
  clearTimeout(toast.timer); toast.timer = setTimeout(() => t.hidden = true, 5000);
}

function setQuery(updates) {
  for (const [k, v] of Object.entries(updates)) { if (v === null || v === '') params.delete(k); else params.set(k, v); }
  history.replaceState(null, '', location.pathname + '?' + params.toString());
}

function chartOptions(el) {
  return { width: el.clientWidth, height: el.clientHeight, layout: { background: { color: '#1a202a' }, textColor: '#c9d1dc' },
    grid: { vertLines: { color: '#222a36' }, horzLines: { color: '#222a36' } },
    timeScale: { timeVisible: true, secondsVisible: false }, rightPriceScale: { borderColor: '#34405a' } };
}

function connectLive() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  const badge = document.getElementById('live');
  ws.onopen = () => { badge.className = 'live on'; };
  ws.onclose = () => { badge.className = 'live off'; setTimeout(connectLive, 2000); };
  ws.onmessage = ev => {
    const m = JSON.parse(ev.data);
    m.received_at = Date.now();
    window.fxd.live.push({ type: m.type, sent_at: m.sent_at, received_at: m.received_at, account: m.account });
    if (m.type === 'settings') showLight(m.status);
    liveHandlers.forEach(h => h(m));
  };
}

function showLight(status) {
  const l = document.getElementById('status-light');
  l.className = 'light ' + status.light;
  l.title = status.message;
  l.dataset.light = status.light;
}

async function seriesPicker(withForecaster) {
  const { series } = await api('/api/series');
  if (!params.get('symbol') && series.length) {
    const pick = series.find(s => s.timeframe === 'M5') || series[0];
    setQuery({ symbol: pick.symbol, timeframe: pick.timeframe });
  }
  const box = el('<div class="controls"></div>');
  const opts = series.map(s => `<option value="${esc(s.symbol)}|${esc(s.timeframe)}">${esc(s.symbol)} ${esc(s.timeframe)}${s.synthetic ? ' (SYNTHETIC)' : ''}</option>`).join('');
  box.append(el(`<label>Series <select id="series">${opts}</select></label>`));
  box.querySelector('#series').value = params.get('symbol') + '|' + params.get('timeframe');
  box.querySelector('#series').onchange = e => { const [s, t] = e.target.value.split('|'); setQuery({ symbol: s, timeframe: t }); location.reload(); };
  if (withForecaster) {
    const { forecasters } = await api('/api/forecasters');
    box.append(el(`<label>Forecaster <select id="forecaster">${forecasters.map(f => `<option>${esc(f)}</option>`).join('')}</select></label>`));
    box.querySelector('#forecaster').value = params.get('forecaster') || DEFAULT_FORECASTER;
    box.querySelector('#forecaster').onchange = e => { setQuery({ forecaster: e.target.value }); location.reload(); };
  }
  return box;
}

function seriesQuery() {
  return `symbol=${encodeURIComponent(params.get('symbol') || '')}&timeframe=${encodeURIComponent(params.get('timeframe') || '')}`;
}

// ---------------------------------------------------------------- Chart
async function chartPage() {
  main.append(await seriesPicker(true));
  if (!params.get('symbol')) { main.append(el('<p>No candles stored yet: <code>fxd data synth</code> or <code>fxd data import</code>.</p>')); return; }
  const view = el(`<div class="grid">
    <div><div class="panel"><div id="chart-wrap"><div id="chart"></div><svg id="fan"></svg></div>
      <p class="muted legend">Fan: <span class="sw q">q05–q95</span> <span class="sw s2">±2σ</span> <span class="sw s1">±1σ</span> <span class="sw m">q50</span> · scroll and zoom with the mouse</p>
      <p class="muted legend" id="past-legend"></p></div>
      <div class="panel"><h3>Past forecasts and outcomes</h3><table id="past"><thead><tr><th>Forecast time</th><th>h</th><th>mean</th><th>q05</th><th>q95</th><th>actual</th><th>in interval</th><th>direction</th></tr></thead><tbody></tbody></table></div></div>
    <div><div class="panel"><h3 id="fc-title">Forecast</h3><table id="horizons"><thead><tr><th>h</th><th>mean</th><th>σ</th><th>u %</th><th>q05</th><th>q50</th><th>q95</th></tr></thead><tbody></tbody></table><p id="fc-meta" class="muted"></p></div>
      <div class="panel"><h3>Vision views of the window</h3><div class="vision" id="vision"></div></div></div></div>`);
  main.append(view);
  const box = document.getElementById('chart');
  const chart = LWC.createChart(box, chartOptions(box));
  const candles = chart.addSeries(LWC.CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', wickUpColor: '#26a69a', wickDownColor: '#ef5350', borderVisible: false });
  const filler = chart.addSeries(LWC.LineSeries, { visible: false, lastValueVisible: false, priceLineVisible: false });
  const q50 = chart.addSeries(LWC.LineSeries, { color: '#ffd166', lineWidth: 2, lastValueVisible: false, priceLineVisible: false });
  const q05 = chart.addSeries(LWC.LineSeries, { color: 'rgba(78,140,255,0.7)', lineWidth: 1, lineStyle: 2, lastValueVisible: false, priceLineVisible: false });
  const q95 = chart.addSeries(LWC.LineSeries, { color: 'rgba(78,140,255,0.7)', lineWidth: 1, lineStyle: 2, lastValueVisible: false, priceLineVisible: false });
  new ResizeObserver(() => { chart.applyOptions({ width: box.clientWidth, height: box.clientHeight }); drawFan(); }).observe(box);

  const t0 = performance.now();
  // The columnar form: half the bytes of the rows form and no per-bar object to parse.
  const data = await api('/api/candles?' + seriesQuery() + '&format=columns');
  const bars = new Array(data.time.length);
  for (let i = 0; i < bars.length; i++) bars[i] = { time: data.time[i], open: data.open[i], high: data.high[i], low: data.low[i], close: data.close[i] };
  candles.setData(bars);
  const step = bars.length > 1 ? bars[bars.length - 1].time - bars[bars.length - 2].time : 300;
  chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, bars.length - 160), to: bars.length + 40 });
  requestAnimationFrame(() => requestAnimationFrame(() => {
    window.fxd.drawn = true; window.fxd.drawnAt = performance.now(); window.fxd.drawnMs = performance.now() - t0; window.fxd.candles = bars.length;
  }));

  let forecast = null;
  function fanPoints(f) {
    const t = Date.parse(f.time) / 1000;
    const hs = Object.keys(f.predictions).map(Number).sort((a, b) => a - b);
    const pts = [{ time: t, q05: f.last_close, q50: f.last_close, q95: f.last_close, mean: f.last_close, std: 0 }];
    for (const h of hs) { const p = f.predictions[h]; pts.push({ time: Date.parse(p.target_time) / 1000, h, ...p }); }
    return pts;
  }
  function showForecast(f) {
    forecast = f;
    const pts = fanPoints(f);
    const last = pts[pts.length - 1].time;
    const fill = [];
    for (let x = pts[0].time + step; x <= last; x += step) fill.push({ time: x });
    filler.setData(fill);
    q50.setData(pts.map(p => ({ time: p.time, value: p.q50 })));
    q05.setData(pts.map(p => ({ time: p.time, value: p.q05 })));
    q95.setData(pts.map(p => ({ time: p.time, value: p.q95 })));
    const tbody = document.querySelector('#horizons tbody');
    tbody.innerHTML = '';
    for (const p of pts.slice(1)) {
      tbody.append(el(`<tr data-horizon="${p.h}" data-mean="${p.mean}" data-std="${p.std}" data-q05="${p.q05}" data-q50="${p.q50}" data-q95="${p.q95}">
        <td>${p.h}m</td><td>${fmt(p.mean)}</td><td>${fmt(p.std)}</td><td>${fmt(p.uncertainty_pct, 3)}</td><td>${fmt(p.q05)}</td><td>${fmt(p.q50)}</td><td>${fmt(p.q95)}</td></tr>`));
    }
    document.getElementById('fc-title').textContent = `Forecast ${f.model} at ${f.time.replace('T', ' ').replace(':00Z', 'Z')}`;
    document.getElementById('fc-meta').textContent = `last close ${fmt(f.last_close)} · ${f.model_version || ''} · ${fmt(f.inference_ms, 1)} ms`;
    drawFan();
  }
  function drawFan() {
    const svg = document.getElementById('fan');
    if (!forecast || !svg) return;
    const pts = fanPoints(forecast);
    const xy = (t, v) => [chart.timeScale().timeToCoordinate(t), candles.priceToCoordinate(v)];
    const band = (name, lo, hi, color) => {
      const upper = pts.map(p => xy(p.time, hi(p))), lower = pts.map(p => xy(p.time, lo(p))).reverse();
      if ([...upper, ...lower].some(([x, y]) => x === null || y === null)) return '';
      const d = [...upper, ...lower].map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
      const lows = pts.slice(1).map(lo).join(','), highs = pts.slice(1).map(hi).join(',');
      return `<polygon class="band" data-band="${name}" data-lower="${lows}" data-upper="${highs}" points="${d}" fill="${color}"/>`;
    };
    svg.innerHTML = band('q05-q95', p => p.q05, p => p.q95, 'rgba(78,140,255,0.22)')
      + band('2sigma', p => p.mean - 2 * p.std, p => p.mean + 2 * p.std, 'rgba(255,209,102,0.16)')
      + band('1sigma', p => p.mean - p.std, p => p.mean + p.std, 'rgba(255,209,102,0.30)');
  }
  chart.timeScale().subscribeVisibleLogicalRangeChange(() => requestAnimationFrame(drawFan));

  const fq = seriesQuery() + '&forecaster=' + encodeURIComponent(params.get('forecaster') || DEFAULT_FORECASTER);
  api('/api/forecast?' + fq).then(showForecast).catch(e => toast('forecast: ' + e.message));
  const vis = document.getElementById('vision');
  for (const v of ['seg', 'gaf', 'rp']) vis.append(el(`<figure><img id="vision-${v}" alt="${v}" src="/api/vision/${v}.png?${seriesQuery()}&size=64"><figcaption>${v.toUpperCase()}</figcaption></figure>`));
  api('/api/predictions?' + seriesQuery() + '&limit=' + PAST_LIMIT).then(({ predictions }) => {
    const tb = document.querySelector('#past tbody');
    for (const p of predictions.slice(0, 60)) {
      tb.append(el(`<tr><td>${esc(p.forecast_time_iso)}</td><td>${p.horizon_minutes}</td><td>${fmt(p.mean_pred)}</td><td>${fmt(p.q05_pred)}</td><td>${fmt(p.q95_pred)}</td><td>${fmt(p.actual_price)}</td>
        <td>${p.interval_hit === null ? 'pending' : p.interval_hit ? 'yes' : 'no'}</td><td>${p.direction_correct === null ? '–' : p.direction_correct ? 'right' : 'wrong'}</td></tr>`));
    }
    drawPast(chart, candles, predictions);
  }).catch(e => toast('predictions: ' + e.message));

  liveHandlers.push(m => {
    if (m.symbol !== params.get('symbol') || m.timeframe !== params.get('timeframe')) return;
    if (m.type === 'bar') { candles.update({ time: m.bar.time, open: m.bar.open, high: m.bar.high, low: m.bar.low, close: m.bar.close }); window.fxd.lastLiveBar = m.bar.time; }
    if (m.type === 'forecast') showForecast(Object.assign({ model: 'paper ' + m.account, inference_ms: null }, m));
  });
}

// Past logged forecasts on the chart: per horizon a dotted line of q50 at each forecast's target bar, and at that bar
// a marker: a filled circle when the outcome fell inside [q05, q95] (hit), a square when it did not (miss), an
// open arrow while it is pending.
const PAST_LIMIT = 500;
const PAST_COLORS = { 15: 'rgba(0,230,118,0.9)', 60: 'rgba(179,136,255,0.9)', 240: 'rgba(255,171,64,0.9)' };
const HIT = '#00e676', MISS = '#ff3d9a', PENDING = '#8a96a6';
function drawPast(chart, candles, predictions) {
  const byHorizon = {};
  for (const p of predictions) (byHorizon[p.horizon_minutes] ||= []).push(p);
  const lines = {};
  for (const [h, ps] of Object.entries(byHorizon)) {
    const pts = ps.map(p => ({ time: p.target_time / 1000, value: p.median_pred }))
      .sort((a, b) => a.time - b.time).filter((p, i, a) => i === 0 || p.time !== a[i - 1].time);
    const line = chart.addSeries(LWC.LineSeries, { color: PAST_COLORS[h] || 'rgba(200,200,200,0.8)', lineWidth: 1, lineStyle: 1,
      lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false, title: `past q50 ${h}m` });
    line.setData(pts);
    lines[h] = line;
  }
  const markers = predictions.slice().sort((a, b) => a.target_time - b.target_time).map(p => {
    const state = p.interval_hit === null || p.interval_hit === undefined ? 'pending' : p.interval_hit ? 'hit' : 'miss';
    return { time: p.target_time / 1000, position: 'atPriceMiddle', price: p.median_pred, shape: state === 'hit' ? 'circle' : state === 'miss' ? 'square' : 'arrowDown',
      color: state === 'hit' ? HIT : state === 'miss' ? MISS : PENDING, size: 1, id: `${p.prediction_id}`, state, horizon: p.horizon_minutes };
  });
  const plugin = LWC.createSeriesMarkers(candles, markers.map(({ state, horizon, ...m }) => m));
  window.fxd.past = { lines, plugin, markers, hits: markers.filter(m => m.state === 'hit').length,
    misses: markers.filter(m => m.state === 'miss').length, pending: markers.filter(m => m.state === 'pending').length };
  const legend = document.getElementById('past-legend');
  if (legend) {
    legend.dataset.hits = window.fxd.past.hits; legend.dataset.misses = window.fxd.past.misses;
    legend.textContent = `past forecasts: ${window.fxd.past.hits} hits (●), ${window.fxd.past.misses} misses (■), ${window.fxd.past.pending} pending (▼); dotted lines: past q50 per horizon`;
  }
}

// ---------------------------------------------------------------- Signals
const DIMENSIONS = ['pattern_strength', 'mtf_agreement', 'regime_confidence', 'volume_confirmation', 'sentiment_alignment', 'correlation_safety'];
async function signalsPage() {
  main.append(await seriesPicker(true));
  if (!params.get('symbol')) return;
  const fq = seriesQuery() + '&forecaster=' + encodeURIComponent(params.get('forecaster') || DEFAULT_FORECASTER);
  const s = await api('/api/signals?' + fq);
  const head = DIMENSIONS.map(d => `<th title="${d}">${d.replace(/_/g, ' ')}</th>`).join('');
  const c = s.calibration;
  const cal = c.mode === 'none' ? 'raw forecast (calibration none)' : c.warm ? `${esc(c.mode)}-calibrated forecast (${c.replayed_bars} bars replayed)` : esc(c.message);
  const panel = el(`<div class="panel"><h3>Signals of ${esc(s.model)} at ${esc(s.time)} · minimum quality ${pct(s.min_quality, 0)}, strength ${fmt(s.min_strength, 2)}, directional confidence ${pct(s.directional_confidence, 0)}, position scaling ${s.position_scaling ? 'on' : 'off'}</h3>
    <p class="muted" id="calibration" data-mode="${esc(c.mode)}" data-warm="${c.warm}">Scored on the ${cal}: ${c.horizons.map(h => `${h.horizon}m q05–q95 ${fmt(h.raw.q05)}–${fmt(h.raw.q95)}${h.calibrated ? ` → ${fmt(h.calibrated.q05)}–${fmt(h.calibrated.q95)}` : ''}`).join(' · ')}</p>
    <table id="signals"><thead><tr><th>signal</th><th>dir</th><th>strength</th><th>u %</th><th>P(dir)</th>${head}<th>penalty</th><th>quality</th><th title="on a ${s.signals[0]?.size.equity ?? 100000} account">lots</th><th>risk %</th><th>verdict</th></tr></thead><tbody></tbody></table></div>`);
  const tb = panel.querySelector('tbody');
  for (const g of s.signals) {
    const dims = DIMENSIONS.map(d => `<td class="dim" data-dimension="${d}" data-value="${g.dimensions[d]}"><span class="bar"><span style="width:${(100 * g.dimensions[d]).toFixed(0)}%"></span></span> ${fmt(g.dimensions[d], 2)}</td>`).join('');
    tb.append(el(`<tr data-signal="${esc(g.id)}"><td>${g.horizon}m</td><td class="${g.direction}">${g.direction}</td><td>${fmt(g.strength, 3)}</td><td>${fmt(g.uncertainty_pct, 3)}</td><td data-p-direction="${g.p_direction}">${pct(g.p_direction)}</td>${dims}
      <td data-penalty="${g.penalty}">${fmt(g.penalty, 3)}</td><td>${fmt(g.composite, 3)}</td>
      <td data-lots="${g.size.lots}" title="${esc(g.size.steps.join('; ') + (g.size.reason ? '; ' + g.size.reason : ''))}">${fmt(g.size.lots, 2)}</td><td>${fmt(g.size.risk_pct, 3)}</td>
      <td class="${g.accepted ? 'accepted' : 'rejected'}" data-accepted="${g.accepted}">${g.accepted ? 'accepted' : 'rejected: ' + esc(g.reasons.join('; '))}</td></tr>`));
  }
  main.append(panel);
}

// ---------------------------------------------------------------- Account
async function accountPage() {
  const { accounts } = await api('/api/accounts');
  const box = el('<div class="controls"></div>');
  box.append(el(`<label>Account <select id="account-select">${accounts.map(a => `<option>${esc(a.account_id)}</option>`).join('')}</select></label>`));
  main.append(box);
  if (!accounts.length) { main.append(el('<p>No paper accounts yet: <code>fxd paper</code> creates one.</p>')); return; }
  if (!params.get('id')) setQuery({ id: accounts[0].account_id });
  const sel = box.querySelector('#account-select');
  sel.value = params.get('id');
  sel.onchange = e => { setQuery({ id: e.target.value }); location.reload(); };
  const a = await api('/api/accounts/' + encodeURIComponent(params.get('id')));
  const sess = a.session ? `${esc(a.session.symbol)} ${esc(a.session.timeframe)} with ${esc(a.session.forecaster)}, last bar <span id="last-bar">${esc(a.session.last_bar_ts_iso)}</span>` : 'no paper session';
  const gates = Object.entries((a.session && a.session.skill_gate) || {});
  const gateLine = gates.length ? `<p id="account-skill-gate">${gates.map(([s, g]) => `<span data-symbol="${esc(s)}" data-state="${esc(g.state)}">${gateLight(g.state)} ${esc(s)} skill gate ${esc(g.state)}${g.state === 'off' ? '' : `: stood aside on ${g.signals_stood_aside} of ${g.signals} signals; ${g.resolved_forecasts} resolved forecasts, CRPS ratio to the random walk ${fmt(g.crps_ratio, 3)}, direction ${pct(g.direction_accuracy)}`}</span>`).join(' · ')}</p>` : '';
  main.append(el(`<div class="panel"><h3>${esc(a.account.account_id)} · ${sess}</h3>${gateLine}
    <p>Balance <b id="balance">${fmt(a.account.balance, 2)}</b> ${esc(a.account.currency)} · equity (marked at the last close) <b id="equity">${fmt(a.equity, 2)}</b></p>
    <div class="grid"><div class="small-chart" id="equity-chart"></div><div class="small-chart" id="dd-chart"></div></div></div>`));
  const eqBox = document.getElementById('equity-chart'), ddBox = document.getElementById('dd-chart');
  const eqChart = LWC.createChart(eqBox, chartOptions(eqBox)), ddChart = LWC.createChart(ddBox, chartOptions(ddBox));
  const bal = eqChart.addSeries(LWC.LineSeries, { color: '#4e8cff', title: 'balance' });
  const eq = eqChart.addSeries(LWC.LineSeries, { color: '#ffd166', title: 'equity (live)' });
  const dd = ddChart.addSeries(LWC.AreaSeries, { lineColor: '#ef5350', topColor: 'rgba(239,83,80,0.3)', bottomColor: 'rgba(239,83,80,0.02)', title: 'drawdown %' });
  const dedupe = pts => { const m = new Map(); pts.forEach(p => m.set(p.time, p)); return [...m.values()].sort((x, y) => x.time - y.time); };
  bal.setData(dedupe(a.balance_curve.map(p => ({ time: Math.floor(p.ts / 1000), value: p.balance_after }))));
  dd.setData(dedupe(a.balance_curve.map(p => ({ time: Math.floor(p.ts / 1000), value: -p.drawdown_pct }))));
  const table = (title, id, rows, cols) => el(`<div class="panel"><h3>${title}</h3><table id="${id}"><thead><tr>${cols.map(c => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows.map(r => `<tr>${cols.map(c => `<td>${esc(typeof r[c] === 'number' && !c.endsWith('_at') ? (Number.isInteger(r[c]) ? r[c] : r[c].toFixed(5)) : (r[c + '_iso'] ?? r[c]))}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`);
  main.append(table('Open positions', 'positions', a.positions, ['position_id', 'symbol', 'side', 'lots', 'entry_price', 'stop_price', 'target_price', 'opened_at']));
  main.append(table('Orders', 'orders', a.orders, ['order_id', 'symbol', 'side', 'kind', 'lots', 'price', 'status', 'reason', 'created_at']));
  main.append(table('Trades', 'trades', a.trades, ['position_id', 'symbol', 'side', 'lots', 'entry_price', 'close_price', 'close_reason', 'realized_pnl', 'closed_at']));
  liveHandlers.push(m => {
    if (m.account !== params.get('id')) return;
    if (m.type === 'equity') {
      document.getElementById('equity').textContent = fmt(m.equity, 2);
      document.getElementById('balance').textContent = fmt(m.balance, 2);
      eq.update({ time: m.time, value: m.equity });
      window.fxd.lastEquity = m.equity;
    }
    if (m.type === 'bar') { const lb = document.getElementById('last-bar'); if (lb) lb.textContent = new Date(m.bar.ts).toISOString(); }
  });
}

// ---------------------------------------------------------------- Model health
async function healthPage() {
  const { models, logged } = await api('/api/models');
  const versions = [...new Set([...logged.map(l => l.model_version), ...models.map(m => m.model_version)])];
  const box = el(`<div class="controls"><label>Model <select id="model-select">${versions.map(v => `<option>${esc(v)}</option>`).join('')}</select></label>
    <label>Bucket <select id="bucket"><option>hour</option><option selected>day</option><option>week</option></select></label></div>`);
  main.append(box);
  main.append(el(`<div class="panel"><h3>Registered models</h3><table id="models"><thead><tr><th>version</th><th>symbol</th><th>tf</th><th>profile</th><th>epochs</th><th>val MSE</th><th>active</th></tr></thead><tbody>${models.map(m => `<tr><td>${esc(m.model_version)}</td><td>${esc(m.symbol)}</td><td>${esc(m.timeframe)}</td><td>${esc(m.profile)}</td><td>${m.num_epochs ?? '–'}</td><td>${fmt(m.validation_mse, 6)}</td><td>${m.is_active}</td></tr>`).join('')}</tbody></table></div>`));
  if (!versions.length) { main.append(el('<p>No predictions logged yet (<code>fxd forecast --log</code> or <code>fxd paper</code>).</p>')); return; }
  const sel = box.querySelector('#model-select'), bucket = box.querySelector('#bucket');
  sel.value = params.get('model') && versions.includes(params.get('model')) ? params.get('model') : versions[0];
  bucket.value = params.get('bucket') || 'day';
  sel.onchange = bucket.onchange = () => { setQuery({ model: sel.value, bucket: bucket.value }); location.reload(); };
  const h = await api(`/api/model-health?model=${encodeURIComponent(sel.value)}&bucket=${bucket.value}`);
  const o = h.overall;
  main.append(el(`<div class="panel" id="health-overall"><h3>Overall</h3><p>latency p50 <b>${fmt(o.latency_p50_ms, 1)}</b> ms · p95 <b>${fmt(o.latency_p95_ms, 1)}</b> ms · p99 <b>${fmt(o.latency_p99_ms, 1)}</b> ms ·
    coverage <b>${pct(o.coverage)}</b> · MAE <b>${fmt(o.mae, 6)}</b> · directional accuracy <b>${pct(o.directional_accuracy)}</b> · ${o.forecasts} forecasts, ${o.resolved} resolved</p>
    <div class="small-chart" id="health-chart"></div></div>`));
  const hb = document.getElementById('health-chart');
  const hc = LWC.createChart(hb, chartOptions(hb));
  const line = (key, color, scale) => hc.addSeries(LWC.LineSeries, { color, title: key }).setData(h.series.filter(s => s[key] !== null).map(s => ({ time: Date.parse(s.time) / 1000, value: s[key] * scale })));
  line('coverage', '#26a69a', 100); line('directional_accuracy', '#4e8cff', 100);
  main.append(el(`<div class="panel"><h3>Per ${esc(h.bucket)}</h3><table id="health-series"><thead><tr><th>time</th><th>forecasts</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>coverage</th><th>MAE</th><th>dir. acc.</th></tr></thead><tbody>${h.series.map(s => `<tr><td>${esc(s.time)}</td><td>${s.forecasts}</td><td>${fmt(s.latency_p50_ms, 1)}</td><td>${fmt(s.latency_p95_ms, 1)}</td><td>${fmt(s.latency_p99_ms, 1)}</td><td>${pct(s.coverage)}</td><td>${fmt(s.mae, 6)}</td><td>${pct(s.directional_accuracy)}</td></tr>`).join('')}</tbody></table></div>`));
}

// ---------------------------------------------------------------- Runs
async function runsPage() {
  const form = el(`<div class="panel"><h3>Start a run (one at a time; later ones wait)</h3><div class="controls" id="job-form">
    <select id="job-kind"><option>backtest</option><option>evaluate</option></select>
    <input id="job-symbol" placeholder="EURUSD" value="${esc(params.get('symbol') || 'EURUSD')}" size="8">
    <input id="job-timeframe" value="${esc(params.get('timeframe') || 'M15')}" size="4">
    <input id="job-from" placeholder="from (UTC)" value="" size="12"><input id="job-to" placeholder="to (optional)" size="12">
    <select id="job-forecaster"><option>rw-garch</option><option>rw-ewma</option><option>dlinear</option></select>
    <button id="job-start">Start</button> <span id="job-error" class="error"></span></div></div>`);
  main.append(form);
  form.querySelector('#job-start').onclick = async () => {
    const body = { kind: job('kind'), symbol: job('symbol'), timeframe: job('timeframe'), from: job('from'), to: job('to') || null, forecaster: job('forecaster') };
    try { await api('/api/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }); form.querySelector('#job-error').textContent = ''; refresh(); }
    catch (e) { form.querySelector('#job-error').textContent = e.message; }
  };
  const job = k => form.querySelector('#job-' + k).value.trim();
  const list = el('<div id="runs-list"></div>');
  main.append(list);
  const bar = p => `<span class="progress"><span style="width:${(100 * p).toFixed(0)}%"></span></span> ${(100 * p).toFixed(0)}%`;
  const eta = s => s === null || s === undefined ? '–' : s < 90 ? s.toFixed(0) + ' s' : (s / 60).toFixed(1) + ' min';
  async function refresh() {
    const r = await api('/api/runs');
    list.innerHTML = '';
    list.append(el(`<div class="panel"><h3>Jobs of this server</h3><table id="jobs"><thead><tr><th>job</th><th>kind</th><th>series</th><th>status</th><th>progress</th><th>result / error</th></tr></thead><tbody>${r.jobs.map(j => `<tr data-job="${esc(j.id)}" data-status="${j.status}"><td>${esc(j.id)}</td><td>${esc(j.request.kind)}</td><td>${esc(j.request.symbol)} ${esc(j.request.timeframe)}</td><td>${j.status}</td><td>${bar(j.progress)}</td><td>${esc(j.result || j.error || '')}</td></tr>`).join('')}</tbody></table></div>`));
    list.append(el(`<div class="panel"><h3>Backtests</h3><table id="backtests"><thead><tr><th>run</th><th>series</th><th>forecaster</th><th>status</th><th>progress</th><th>rate</th><th>ETA</th><th>report</th></tr></thead><tbody>${r.backtests.map(b => `<tr data-run="${esc(b.run_id)}"><td><a href="/runs?id=${encodeURIComponent(b.run_id)}">${esc(b.run_id)}</a></td><td>${esc(b.symbol)} ${esc(b.timeframe)}</td><td>${esc(b.forecaster)}</td><td>${esc(b.status)}</td><td>${bar(b.progress)}</td><td>${fmt(b.percent_per_second, 2)} %/s</td><td>${eta(b.eta_seconds)}</td><td>${b.report_path ? `<a href="/api/runs/${encodeURIComponent(b.run_id)}/report" target="_blank">report</a>` : ''}</td></tr>`).join('')}</tbody></table></div>`));
    list.append(el(`<div class="panel"><h3>Training runs</h3><table id="trainings"><thead><tr><th>run</th><th>series</th><th>profile</th><th>status</th><th>stage</th><th>progress</th><th>ETA</th><th>model</th></tr></thead><tbody>${r.trainings.map(t => `<tr><td>${esc(t.run_id)}</td><td>${esc(t.symbol)} ${esc(t.timeframe)}</td><td>${esc(t.profile)}</td><td>${esc(t.status)}</td><td>${esc(t.stage)}</td><td>${bar(t.progress)}</td><td>${eta(t.eta_seconds)}</td><td>${esc(t.model_version)}</td></tr>`).join('')}</tbody></table></div>`));
  }
  await refresh();
  if (params.get('id')) await runDetail(params.get('id'));
  let pending = null;
  liveHandlers.push(m => { if ((m.type === 'run' || m.type === 'job') && !pending) pending = setTimeout(() => { pending = null; refresh(); }, 200); });
}

/** A light for a skill gate state: green open, orange closed (warming up, no skill), grey off. */
function gateLight(state) {
  return `<span class="light ${state === 'open' ? 'green' : state === 'off' ? 'grey' : 'orange'}"></span>`;
}

async function runDetail(id) {
  const r = await api('/api/runs/' + encodeURIComponent(id));
  const g = r.metrics && r.metrics.skill_gate;
  const gate = g ? `<p id="run-skill-gate" data-state="${esc(g.state)}">${gateLight(g.state)} skill gate ${esc(g.state)}${g.enabled ? `: stood aside on ${g.signals_stood_aside} of ${g.signals} signals${Object.entries(g.by_symbol || {}).map(([s, x]) => ` · ${esc(s)}: ${esc(x.reason)}`).join('')}` : ''}</p>` : '';
  const metrics = r.metrics ? Object.entries(r.metrics).filter(([, v]) => typeof v !== 'object') : [];
  const trades = r.trades || [];
  const cols = trades.length ? Object.keys(trades[0]) : [];
  main.append(el(`<div class="panel" id="run-detail"><h3>${esc(r.kind)} ${esc(r.run_id)} · ${esc(r.symbol)} ${esc(r.timeframe)} · ${esc(r.status)}
    ${r.report_path ? ` · <a href="/api/runs/${encodeURIComponent(r.run_id)}/report" target="_blank">report</a>` : ''}</h3>${gate}
    <table id="run-metrics"><tbody>${metrics.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(typeof v === 'number' ? +v.toFixed(6) : v)}</td></tr>`).join('')}</tbody></table>
    <h3>Trades (${trades.length})</h3><table id="run-trades"><thead><tr>${cols.map(c => `<th>${esc(c)}</th>`).join('')}</tr></thead>
    <tbody>${trades.map(t => `<tr>${cols.map(c => `<td>${esc(t[c])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`));
}

// ---------------------------------------------------------------- Settings
const FIELDS = [
  ['enabled', 'Enable LDM4TS', 'bool'], ['checkpoint', 'Checkpoint directory', 'text'], ['horizons', 'Horizons (minutes, comma-separated)', 'list'],
  ['mc_samples', 'MC samples (10–200)', 'int'], ['window', 'Window (50–200 bars)', 'int'], ['uncertainty_threshold', 'Uncertainty threshold (% of price)', 'num'],
  ['min_strength', 'Minimum strength (0–1)', 'num'], ['position_scaling', 'Position scaling by uncertainty', 'bool'], ['horizon_weights', 'Horizon weights (%)', 'weights'],
  ['min_quality', 'Minimum quality (%)', 'pct'], ['directional_confidence', 'Directional confidence (%)', 'pct']];
async function settingsPage() {
  const v = await api('/api/settings');
  const form = el(`<div class="panel"><h3>LDM4TS settings <span id="settings-light" class="light"></span> <span id="settings-message" class="muted"></span></h3><div class="form" id="settings-form"></div>
    <p><button id="save">Save</button> <span id="saved" class="muted"></span></p></div>`);
  main.append(form);
  const grid = form.querySelector('#settings-form');
  for (const [name, label, kind] of FIELDS) {
    const input = kind === 'bool' ? `<input type="checkbox" id="f-${name}">` : `<input id="f-${name}" size="30">`;
    grid.append(el(`<label for="f-${name}">${label}</label>`), el(`<div>${input}</div>`), el(`<span class="error" data-field="${name}"></span>`));
  }
  function fill(s) {
    for (const [name, , kind] of FIELDS) {
      const i = document.getElementById('f-' + name), x = s[name];
      if (kind === 'bool') i.checked = x; else if (kind === 'list') i.value = x.join(',');
      else if (kind === 'pct') i.value = +(100 * x).toFixed(4); else if (kind === 'weights') i.value = Object.entries(x).map(([h, w]) => `${h}:${+(100 * w).toFixed(4)}`).join(', ');
      else i.value = x ?? '';
    }
  }
  function status(st) {
    const l = document.getElementById('settings-light');
    l.className = 'light ' + st.light; l.dataset.light = st.light;
    document.getElementById('settings-message').textContent = st.message;
    showLight(st);
  }
  function read() {
    const out = {};
    for (const [name, , kind] of FIELDS) {
      const i = document.getElementById('f-' + name), t = i.value.trim();
      if (kind === 'bool') out[name] = i.checked;
      else if (kind === 'text') out[name] = t === '' ? null : t;
      else if (kind === 'list') out[name] = t.split(',').filter(x => x.trim() !== '').map(x => Number(x.trim()));
      else if (kind === 'int' || kind === 'num') out[name] = t === '' ? null : Number(t);
      else if (kind === 'pct') out[name] = t === '' ? null : Number(t) / 100;
      else if (kind === 'weights') { out[name] = {}; t.split(',').filter(x => x.includes(':')).forEach(p => { const [h, w] = p.split(':'); out[name][h.trim()] = Number(w) / 100; }); }
    }
    return out;
  }
  fill(v.settings); status(v.status);
  form.querySelector('#save').onclick = async () => {
    form.querySelectorAll('.error').forEach(e => e.textContent = '');
    try {
      const r = await api('/api/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(read()) });
      fill(r.settings); status(r.status);
      document.getElementById('saved').textContent = 'saved ' + new Date().toISOString().slice(11, 19) + ' UTC';
    } catch (e) {
      const fields = e.body?.fields || {};
      for (const [f, msg] of Object.entries(fields)) { const s = form.querySelector(`.error[data-field="${f}"]`); if (s) s.textContent = msg; }
      document.getElementById('saved').textContent = e.message;
    }
  };
}

// ---------------------------------------------------------------- start
const PAGES = { 'chart': chartPage, 'signals': signalsPage, 'account': accountPage, 'model-health': healthPage, 'runs': runsPage, 'settings': settingsPage };
document.querySelectorAll('#nav a').forEach(a => {
  if (a.dataset.page === page) a.classList.add('active');
  const keep = new URLSearchParams();
  ['symbol', 'timeframe', 'forecaster'].forEach(k => params.get(k) && keep.set(k, params.get(k)));
  if (['chart', 'signals'].includes(a.dataset.page) && keep.toString()) a.href += '?' + keep.toString();
});
connectLive();
// The settings decide the default forecaster: LDM4TS when it is enabled, else the GARCH random walk.
api('/api/settings').then(v => { showLight(v.status); DEFAULT_FORECASTER = v.settings.enabled ? 'ldm4ts' : 'rw-garch'; })
  .catch(() => {})
  .then(() => (PAGES[page] || chartPage)())
  .then(() => { window.fxd.ready = true; }).catch(e => { window.fxd.error = e.message; toast(e.message); });
