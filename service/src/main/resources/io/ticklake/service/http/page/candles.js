// The candle page: history from /api/bars, the still-open bar from /api/stream (Server-Sent Events),
// health and counters from /api/status (the /health JSON, always 200). No network beyond this server.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { indices: [], index: null, window: null, zone: 'UTC', bars: [], source: null, loadSeq: 0 };
  // read by the browser test: how many candles the chart holds, the last one, whether history loaded
  window.ticklake = {
    ready: false,
    candles: () => state.bars.length,
    last: () => state.bars.length ? state.bars[state.bars.length - 1] : null,
    liveEvents: 0,
    streamOpens: 0,
  };
  const chart = echarts.init($('chart'), 'dark', { renderer: 'canvas' });
  window.addEventListener('resize', () => chart.resize());

  function isDaily(w) { return /d$/.test(w); }
  function fmt(ms, zone, withDate) {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms)).reduce((o, p) => { o[p.type] = p.value; return o; }, {});
    const date = parts.year + '-' + parts.month + '-' + parts.day;
    const time = parts.hour + ':' + parts.minute + (parts.second !== '00' ? ':' + parts.second : '');
    return withDate ? date + ' ' + time : time;
  }
  function axisZone() { return $('tz').value === 'local' ? state.zone : 'UTC'; }
  function label(ms) {
    if (isDaily(state.window)) return fmt(ms, 'UTC', true).slice(0, 10);
    return fmt(ms, axisZone(), false);
  }
  function price(v) { return v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 }); }

  function render() {
    const bars = state.bars;
    chart.setOption({
      animation: false,
      backgroundColor: 'transparent',
      grid: [{ left: 70, right: 24, top: 20, height: '62%' }, { left: 70, right: 24, top: '74%', height: '16%' }],
      xAxis: [
        { type: 'category', data: bars.map((b) => label(b.time)), boundaryGap: true, axisLabel: { hideOverlap: true } },
        { type: 'category', gridIndex: 1, data: bars.map((b) => label(b.time)), axisLabel: { show: false } },
      ],
      yAxis: [{ scale: true, splitLine: { lineStyle: { color: '#2a323c' } } },
        { scale: true, gridIndex: 1, splitNumber: 2, axisLabel: { formatter: (v) => compact(v) } }],
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }, { type: 'slider', xAxisIndex: [0, 1], bottom: 8, height: 22 }],
      tooltip: { trigger: 'axis', axisPointer: { type: 'cross' }, formatter: tooltip },
      series: [
        { name: 'OHLC', type: 'candlestick', data: bars.map((b) => [b.open, b.close, b.low, b.high]),
          itemStyle: { color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350' } },
        { name: 'Volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1,
          data: bars.map((b) => ({ value: b.volume, itemStyle: { color: b.close >= b.open ? '#26a69a88' : '#ef535088' } })) },
      ],
    }, { replaceMerge: ['series', 'xAxis'] });
    $('bar-count').textContent = String(bars.length);
  }
  function compact(v) { return v >= 1e9 ? (v / 1e9).toFixed(1) + 'G' : v >= 1e6 ? (v / 1e6).toFixed(1) + 'M'
    : v >= 1e3 ? (v / 1e3).toFixed(0) + 'k' : String(v); }
  function tooltip(params) {
    const i = params[0].dataIndex;
    const b = state.bars[i];
    if (!b) return '';
    return 'UTC ' + fmt(b.time, 'UTC', true) + '<br>' + state.zone + ' ' + fmt(b.time, state.zone, true)
      + '<br>O ' + price(b.open) + ' H ' + price(b.high) + ' L ' + price(b.low) + ' C ' + price(b.close)
      + '<br>volume ' + b.volume.toLocaleString('en-US') + ' · ticks ' + b.tick_count + (b.live ? ' · open' : '');
  }

  function upsert(bar) {
    const bars = state.bars;
    const last = bars.length ? bars[bars.length - 1] : null;
    if (!last || bar.time > last.time) {
      if (!isDaily(state.window) && $('day').value && last && !sameDay(bar.time, last.time)) return;
      bars.push(bar);
    } else if (bar.time === last.time) {
      bars[bars.length - 1] = bar;
    } else {
      const i = bars.findIndex((b) => b.time === bar.time);
      if (i < 0) return;
      bars[i] = bar;
    }
    render();
  }
  function sameDay(a, b) { return fmt(a, state.zone, true).slice(0, 10) === fmt(b, state.zone, true).slice(0, 10); }

  async function getJson(url) {
    const r = await fetch(url, { cache: 'no-store' });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
    return body;
  }

  async function loadIndices() {
    const body = await getJson('/api/indices');
    state.indices = body.indices;
    $('window').replaceChildren(...body.windows.map((w) => new Option(w, w)));
    $('index').replaceChildren(...body.indices.map((i) => new Option(i.index, i.index)));
    const want = new URLSearchParams(location.search);
    if (want.get('index') && body.indices.some((i) => i.index === want.get('index'))) $('index').value = want.get('index');
    if (want.get('window') && body.windows.includes(want.get('window'))) $('window').value = want.get('window');
    selectIndex(want.get('day'));
  }

  function selectIndex(day) {
    const info = state.indices.find((i) => i.index === $('index').value);
    state.zone = info ? info.zone : 'UTC';
    $('exchange').textContent = info ? (info.exchange || '?') + ' · ' + state.zone : '–';
    $('day').value = day || (info && info.last_date) || '';
    load();
  }

  async function load() {
    const seq = ++state.loadSeq;
    state.index = $('index').value;
    state.window = $('window').value;
    window.ticklake.ready = false;
    $('day-label').classList.toggle('hidden', isDaily(state.window));
    if (!state.index) { state.bars = []; render(); message('No bars in the lake yet.'); return; }
    const q = new URLSearchParams({ index: state.index, window: state.window });
    if (!isDaily(state.window) && $('day').value) { q.set('from', $('day').value); q.set('to', $('day').value); }
    try {
      const body = await getJson('/api/bars?' + q);
      if (seq !== state.loadSeq) return;
      state.bars = body.bars;
      render();
      message(body.bars.length ? '' : 'No bars for this selection.');
      window.ticklake.ready = true;
    } catch (e) {
      message(e.message);
    }
    stream();
  }

  function stream() {
    if (state.source) state.source.close();
    const q = new URLSearchParams({ index: state.index, window: state.window });
    const source = new EventSource('/api/stream?' + q);
    state.source = source;
    source.onopen = () => { window.ticklake.streamOpens++; liveState('connected', ''); };
    source.onerror = () => { liveState('reconnecting', ''); };
    // the instance holding this index did not answer, or a rebalance is under way: say so, keep streaming
    source.addEventListener('missing', (ev) => { liveState('bars missing', JSON.parse(ev.data).missing); });
    source.addEventListener('bar', (ev) => {
      const bar = JSON.parse(ev.data);
      window.ticklake.liveEvents++;
      liveState('connected', '');
      if (bar.live) {
        $('live-bar').textContent = label(bar.time) + '  ' + price(bar.close);
        $('live-bar').className = 'num ' + (bar.close >= bar.open ? 'up' : 'down');
      }
      upsert(bar);
    });
  }

  function liveState(text, why) { $('live-state').textContent = text; $('live-state').title = why; }

  function message(text) { $('message').textContent = text; }

  function counters(el, values) {
    const rows = Object.entries(values || {});
    el.replaceChildren(...rows.flatMap(([k, v]) => {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = String(v); dd.className = 'num' + (v > 0 ? ' warn' : '');
      return [dt, dd];
    }));
  }
  async function health() {
    try {
      const r = await fetch('/api/status', { cache: 'no-store' });
      const h = await r.json();
      $('health').textContent = h.status;
      $('health').className = 'num ' + (h.ready ? 'up' : 'down');
      $('streams').textContent = h.components.streams || '–';
      $('sink').textContent = h.components.sink || '–';
      counters($('dlq'), (h.counters || {}).dead_letters);
      counters($('late'), (h.counters || {}).late);
    } catch (e) {
      $('health').textContent = 'unreachable';
      $('health').className = 'num down';
    }
  }
  function clock() {
    const now = Date.now();
    $('clock').textContent = 'UTC ' + fmt(now, 'UTC', true) + '  ·  ' + state.zone + ' ' + fmt(now, state.zone, false);
  }

  $('index').addEventListener('change', () => selectIndex(null));
  $('window').addEventListener('change', load);
  $('day').addEventListener('change', load);
  $('tz').addEventListener('change', render);
  setInterval(health, 2000);
  setInterval(clock, 1000);
  health();
  clock();
  loadIndices().catch((e) => message(e.message));
})();
