// The simulator's live dashboard: polls the admin API (same origin) and draws units, points, faults, counters and
// the latest requests. Plain JS with no framework and no build step, so the page is the file the jar serves.
//
// Polling rather than /events: EventSource cannot send an Authorization header, and a point's value moves on its
// own tick without any "write" event, so the page would have to poll the points anyway.
'use strict';

(() => {
  const POINTS_EVERY_MS = 500;   // live values
  const OTHERS_EVERY_MS = 1000;  // device counters, faults, recent requests
  const HISTORY = 60;            // values kept per point for its trend line
  const REQUESTS_SHOWN = 14;
  const TIMEOUT_MS = 5000;       // a request the API does not answer in time counts as a failure

  // The token comes from the page's own URL (?token=...) and goes out as a bearer header, never in API URLs.
  const TOKEN = new URLSearchParams(window.location.search).get('token');

  const TABLES = {
    'coils': 'coil',
    'discrete-inputs': 'DI',
    'holding-registers': 'HR',
    'input-registers': 'IR',
  };

  // Names from the Modbus Application Protocol specification V1.1b3, and a short form for the narrow table.
  const FUNCTIONS = {
    1: ['Read Coils', 'read coils'], 2: ['Read Discrete Inputs', 'read DI'],
    3: ['Read Holding Registers', 'read HR'], 4: ['Read Input Registers', 'read IR'],
    5: ['Write Single Coil', 'write coil'], 6: ['Write Single Register', 'write HR'],
    7: ['Read Exception Status', 'exc. status'], 8: ['Diagnostics', 'diagnostics'],
    11: ['Get Comm Event Counter', 'event counter'], 12: ['Get Comm Event Log', 'event log'],
    15: ['Write Multiple Coils', 'write coils'], 16: ['Write Multiple Registers', 'write HRs'],
    17: ['Report Server ID', 'server id'], 20: ['Read File Record', 'read file'],
    21: ['Write File Record', 'write file'], 22: ['Mask Write Register', 'mask write'],
    23: ['Read/Write Multiple Registers', 'read/write HRs'], 24: ['Read FIFO Queue', 'read FIFO'],
    43: ['Encapsulated Interface Transport', 'device id'],
  };
  const EXCEPTIONS = {
    1: 'Illegal Function', 2: 'Illegal Data Address', 3: 'Illegal Data Value', 4: 'Server Device Failure',
    5: 'Acknowledge', 6: 'Server Device Busy', 8: 'Memory Parity Error', 10: 'Gateway Path Unavailable',
    11: 'Gateway Target Device Failed to Respond',
  };

  const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
  const counterFormat = new Intl.NumberFormat('en-US');

  /** An answer of the API other than 2xx: its status and the "error" message of its body. */
  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** One call of the admin API, relative to the page (so a reverse proxy's path prefix still works). */
  async function api(path, method = 'GET', body = undefined) {
    const headers = { Accept: 'application/json' };
    if (TOKEN) {
      headers.Authorization = 'Bearer ' + TOKEN;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        signal: controller.signal,
      });
      const text = await response.text();
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch (e) {
        if (response.ok) {
          throw new ApiError(response.status, 'not JSON: ' + text.slice(0, 80));
        }
      }
      if (!response.ok) {
        throw new ApiError(response.status, (json && json.error) || response.statusText || 'HTTP ' + response.status);
      }
      return json;
    } catch (e) {
      if (e.name === 'AbortError') {
        throw new ApiError(0, 'no answer within ' + TIMEOUT_MS / 1000 + ' s');
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs fn now and then again ms after each run has ended, so slow answers never pile up. */
  function every(ms, fn) {
    const run = async () => {
      try {
        await fn();
        status.ok();
      } catch (e) {
        status.failed(e);
      }
      setTimeout(run, ms);
    };
    run();
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'class') {
        node.className = value;
      } else if (key === 'text') {
        node.textContent = value;
      } else {
        node.setAttribute(key, value);
      }
    }
    node.append(...children);
    return node;
  }

  function formatValue(value) {
    if (value === null || value === undefined) {
      return '—';
    }
    if (typeof value === 'number') {
      return numberFormat.format(value);
    }
    return String(value);
  }

  function formatBytes(n) {
    if (n < 10_000) {
      return counterFormat.format(n);
    }
    const units = ['kB', 'MB', 'GB', 'TB'];
    let v = n;
    let i = -1;
    do {
      v /= 1000;
      i++;
    } while (v >= 1000 && i < units.length - 1);
    return v.toFixed(v < 10 ? 2 : 1) + ' ' + units[i];
  }

  function formatTime(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) {
      return String(iso);
    }
    const pad = (n, w = 2) => String(n).padStart(w, '0');
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  }

  // ------------------------------------------------------------------ connection status

  const status = (() => {
    const box = document.getElementById('status');
    const text = document.getElementById('status-text');
    return {
      ok() {
        box.dataset.state = 'live';
        text.textContent = 'live · ' + formatTime(new Date().toISOString()).slice(0, 8);
        box.title = '';
      },
      failed(e) {
        const unauthorized = e instanceof ApiError && e.status === 401;
        box.dataset.state = unauthorized ? 'unauthorized' : 'error';
        text.textContent = unauthorized ? 'token needed: open the page with ?token=…' : 'API unreachable';
        box.title = String(e.message || e);
      },
    };
  })();

  // ------------------------------------------------------------------ device: units and counters

  let unitIds = [];

  async function refreshDevice() {
    const device = await api('api/device');
    const counters = device.counters || {};
    for (const node of document.querySelectorAll('[data-counter]')) {
      const n = counters[node.dataset.counter];
      if (typeof n === 'number') {
        node.textContent = node.dataset.counter.startsWith('bytes') ? formatBytes(n) : counterFormat.format(n);
      }
    }
    const ids = device.units.map((u) => u.id);
    if (ids.join(',') !== unitIds.join(',')) {
      buildUnits(device.units);
      unitIds = ids;
    }
  }

  function buildUnits(units) {
    const container = document.getElementById('units');
    container.replaceChildren();
    rows.clear();
    const template = document.getElementById('unit-template');
    for (const unit of units) {
      const section = template.content.firstElementChild.cloneNode(true);
      section.dataset.unit = unit.id;
      section.id = 'unit-' + unit.id;
      // A unit with neither identification nor a shared map has no name (null).
      section.querySelector('.unit-title').textContent = 'Unit ' + unit.id + (unit.name ? ' · ' + unit.name : '');
      const meta = [];
      // A map's name says something only when units share it.
      const sharing = units.filter((u) => u.id !== unit.id && unit.map && u.map === unit.map).map((u) => u.id);
      if (sharing.length) {
        meta.push('map ' + unit.map + ', shared with unit ' + sharing.join(', '));
      }
      meta.push(unit.transports && unit.transports.length ? unit.transports.join(', ') : 'on no running transport');
      section.querySelector('.unit-meta').textContent = meta.join(' · ');
      container.append(section);
    }
    if (!units.length) {
      container.append(el('p', { class: 'empty muted', text: 'No units.' }));
    }
    const transports = [...new Set(units.flatMap((u) => u.transports || []))];
    document.getElementById('units-summary').textContent = (units.length === 1 ? '1 unit' : units.length + ' units')
      + (transports.length ? ' on ' + transports.join(', ') : '');
  }

  // ------------------------------------------------------------------ points, trends and writes

  /** Per point ("unit/name"): its table row and the values its trend line shows. */
  const rows = new Map();

  async function refreshPoints() {
    await Promise.all(unitIds.map(async (unit) => {
      const points = await api('api/units/' + encodeURIComponent(unit) + '/points');
      const section = document.querySelector('section.unit[data-unit="' + unit + '"]');
      if (!section) {
        return;
      }
      const body = section.querySelector('tbody');
      if (!points.length && !body.children.length) {
        body.append(el('tr', { class: 'empty' }, el('td', { colspan: 6, class: 'muted', text: 'No points in this unit\u2019s profile.' })));
      }
      for (const point of points) {
        updatePoint(unit, point, body);
      }
    }));
  }

  function updatePoint(unit, point, body) {
    const key = unit + '/' + point.name;
    let row = rows.get(key);
    if (!row) {
      row = buildRow(unit, key, point);
      rows.set(key, row);
      body.append(row.tr);
    }
    const raw = JSON.stringify(point.value === undefined ? null : point.value);
    if (row.value.dataset.raw !== raw) {
      row.value.dataset.raw = raw;
      row.value.textContent = formatValue(point.value);
      row.tr.dataset.changed = String(Date.now());
    }
    const sample = typeof point.value === 'boolean' ? (point.value ? 1 : 0) : point.value;
    if (typeof sample === 'number' && Number.isFinite(sample)) {
      row.history.push(sample);
      if (row.history.length > HISTORY) {
        row.history.shift();
      }
      drawTrend(row.trend, row.history, typeof point.value === 'boolean');
    }
  }

  function buildRow(unit, key, point) {
    const value = el('span', { class: 'value', 'data-value': '' });
    const trend = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    trend.setAttribute('class', 'trend');
    trend.setAttribute('viewBox', '0 0 120 24');
    trend.setAttribute('preserveAspectRatio', 'none');
    trend.setAttribute('aria-hidden', 'true');
    const tableName = TABLES[point.table] || point.table;
    const tr = el('tr', { 'data-point': key, 'data-access': point.access || '' },
      el('td', { class: 'name', text: point.name }),
      el('td', { class: 'address', title: point.table + ', address ' + point.address + ' (0-based, as on the wire)', text: tableName + ' ' + point.address }),
      el('td', { class: 'type muted', text: point.type }),
      el('td', { class: 'num' }, value, el('span', { class: 'eng-unit muted', text: point.unit ? ' ' + point.unit : '' })),
      el('td', { class: 'trend-cell' }, trend),
      el('td', { class: 'write' }, writable(point) ? writeForm(unit, key, point) : el('span', { class: 'muted', text: accessLabel(point.access) })));
    return { tr, value, trend, history: [] };
  }

  function writable(point) {
    return point.access === 'read-write' || point.access === 'write-only';
  }

  function accessLabel(access) {
    return access === 'read-only' ? 'read-only' : (access || '');
  }

  function writeForm(unit, key, point) {
    const isBool = point.type === 'bool' || typeof point.value === 'boolean';
    const input = isBool
      ? el('select', { name: 'value', 'aria-label': 'new value of ' + point.name },
        el('option', { value: 'false', text: 'false' }), el('option', { value: 'true', text: 'true' }))
      : el('input', {
        name: 'value', type: 'text', autocomplete: 'off', spellcheck: 'false',
        inputmode: point.type === 'string' ? 'text' : 'decimal',
        placeholder: point.type === 'string' ? 'text' : 'value', 'aria-label': 'new value of ' + point.name,
      });
    const button = el('button', { type: 'submit', text: 'Set' });
    const message = el('span', { class: 'write-message', 'aria-live': 'polite' });
    const form = el('form', { 'data-write': key }, input, button, message);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let value;
      if (isBool) {
        value = input.value === 'true';
      } else if (point.type === 'string') {
        value = input.value;
      } else {
        value = Number(input.value.trim());
        if (input.value.trim() === '' || !Number.isFinite(value)) {
          showWriteResult(form, message, false, 'not a number');
          return;
        }
      }
      button.disabled = true;
      try {
        const now = await api('api/units/' + encodeURIComponent(unit) + '/points/' + encodeURIComponent(point.name), 'PUT', { value });
        updatePoint(unit, now, null);
        showWriteResult(form, message, true, 'written');
        if (!isBool) {
          input.value = '';
        }
      } catch (e) {
        showWriteResult(form, message, false, e.message || String(e));
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  function showWriteResult(form, message, ok, text) {
    form.dataset.result = ok ? 'ok' : 'error';
    message.textContent = ok ? '✓' : '✕';
    message.title = text;
    form.title = ok ? '' : text;
  }

  /** An inline SVG sparkline of the last values, newest at the right; booleans as a step line. */
  function drawTrend(svg, values, steps) {
    const width = 120;
    const height = 24;
    const pad = 2;
    let min = Math.min(...values);
    let max = Math.max(...values);
    if (steps) {
      min = 0;
      max = 1;
    }
    const span = max - min;
    const dx = width / (HISTORY - 1);
    const x = (i) => width - (values.length - 1 - i) * dx;
    const y = (v) => (span === 0 ? height / 2 : pad + (height - 2 * pad) * (1 - (v - min) / span));
    let d = '';
    values.forEach((v, i) => {
      if (i === 0) {
        d += 'M' + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
      } else if (steps) {
        d += 'H' + x(i).toFixed(1) + 'V' + y(v).toFixed(1);
      } else {
        d += 'L' + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
      }
    });
    let path = svg.firstChild;
    if (!path) {
      path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      svg.append(path);
    }
    path.setAttribute('d', d);
  }

  // ------------------------------------------------------------------ faults

  /** Faults whose switch was just flipped in the page: polls leave them alone until the PATCH has answered. */
  const pendingFaults = new Set();
  let faultOrder = '';

  async function refreshFaults() {
    const faults = await api('api/faults');
    const list = document.getElementById('faults');
    const order = faults.map((f) => f.id).join('\n');
    if (order !== faultOrder) {
      list.replaceChildren(...faults.map(buildFault));
      if (!faults.length) {
        list.append(el('li', { class: 'empty muted', text: 'No faults loaded.' }));
      }
      faultOrder = order;
    }
    const enabled = faults.filter((f) => f.enabled).length;
    document.getElementById('faults-count').textContent = faults.length ? enabled + ' of ' + faults.length + ' on' : '';
    for (const fault of faults) {
      updateFault(fault);
    }
  }

  function faultItem(id) {
    return document.querySelector('li[data-fault="' + CSS.escape(id) + '"]');
  }

  function buildFault(fault) {
    const toggle = el('input', { type: 'checkbox', role: 'switch', 'data-fault-switch': fault.id, 'aria-label': 'fault ' + fault.id });
    toggle.addEventListener('change', () => setFaultEnabled(fault.id, toggle));
    return el('li', { class: 'fault', 'data-fault': fault.id },
      el('label', { class: 'switch', title: 'switch this fault on or off' }, toggle, el('span', { class: 'slider' })),
      el('div', { class: 'fault-body' },
        el('div', { class: 'fault-id', text: fault.id }),
        el('div', { class: 'fault-description muted', text: describeFault(fault.fault || {}) })),
      el('div', { class: 'fault-stats' },
        el('span', { class: 'activations', 'data-activations': '' }),
        el('span', { class: 'muted small', 'data-last': '' })));
  }

  function updateFault(fault) {
    const item = faultItem(fault.id);
    if (!item) {
      return;
    }
    const stats = fault.stats || {};
    const toggle = item.querySelector('input[data-fault-switch]');
    if (!pendingFaults.has(fault.id)) {
      toggle.checked = !!fault.enabled;
      item.dataset.enabled = String(!!fault.enabled);
    }
    const activations = item.querySelector('[data-activations]');
    const count = String(stats.activations ?? 0);
    if (activations.textContent !== count + ' fired') {
      if (activations.textContent) {
        item.classList.remove('fired');
        void item.offsetWidth; // restart the highlight animation
        item.classList.add('fired');
      }
      activations.textContent = count + ' fired';
    }
    activations.title = (stats.checks ?? 0) + ' requests checked';
    item.querySelector('[data-last]').textContent = stats.lastActivation ? 'last ' + formatTime(stats.lastActivation).slice(0, 8) : 'never';
  }

  async function setFaultEnabled(id, toggle) {
    const item = faultItem(id);
    const wanted = toggle.checked;
    pendingFaults.add(id);
    toggle.disabled = true;
    item.dataset.pending = 'true';
    try {
      const entry = await api('api/faults/' + encodeURIComponent(id), 'PATCH', { enabled: wanted });
      pendingFaults.delete(id);
      updateFault(entry);
      item.title = '';
    } catch (e) {
      pendingFaults.delete(id);
      toggle.checked = !wanted;
      item.title = 'could not switch: ' + (e.message || e);
      status.failed(e);
    } finally {
      toggle.disabled = false;
      delete item.dataset.pending;
    }
  }

  /** What a fault does and when: its action's type and settings, then its trigger's conditions. */
  function describeFault(fault) {
    const action = fault.action || {};
    const settings = Object.entries(action).filter(([k]) => k !== 'type');
    let what;
    if (action.type === 'delay') {
      what = 'delay ' + (action.base ?? '') + (action.jitter ? ' ± ' + action.jitter : '');
    } else if (action.type === 'exception') {
      what = 'exception ' + shortJson(action.code);
    } else {
      what = [action.type || 'fault'].concat(settings.map(([k, v]) => k + ' ' + shortJson(v))).join(' ');
    }
    const trigger = fault.trigger;
    if (!trigger || !Object.keys(trigger).length) {
      return what + ' · every request';
    }
    const when = Object.entries(trigger).map(([key, value]) => {
      switch (key) {
        case 'addresses': return 'addresses ' + shortJson(value);
        case 'functionCodes': return shortJson(value);
        case 'unitIds': return 'unit ' + shortJson(value);
        case 'everyNth': return 'every ' + ordinal(value);
        case 'probability': return 'p ' + value;
        default: return key + ' ' + shortJson(value);
      }
    });
    return what + ' · ' + when.join(' · ');
  }

  function ordinal(n) {
    const tens = n % 100;
    const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
    return n + suffix;
  }

  function shortJson(value) {
    if (Array.isArray(value)) {
      return value.map(shortJson).join(', ');
    }
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).map(([k, v]) => k + ' ' + shortJson(v)).join(', ');
    }
    return String(value);
  }

  // ------------------------------------------------------------------ recent requests

  async function refreshRequests() {
    const requests = await api('api/requests/recent?limit=' + REQUESTS_SHOWN);
    const body = document.getElementById('requests');
    if (!requests.length) {
      if (!body.querySelector('tr.empty')) {
        body.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: 5, class: 'muted', text: 'No requests yet.' })));
      }
      return;
    }
    body.replaceChildren(...requests.map((r) => {
      const [name, short] = FUNCTIONS[r.functionCode] || ['function ' + r.functionCode, ''];
      return el('tr', { 'data-request': '', 'data-outcome': r.outcome },
        el('td', { class: 'time', text: formatTime(r.time) }),
        el('td', { class: 'peer', title: r.transport + ' ' + r.peer, text: r.peer }),
        el('td', { class: 'num', text: String(r.unit) }),
        el('td', { class: 'function', title: name },
          el('span', { class: 'fc', text: String(r.functionCode).padStart(2, '0') }), ' ' + short),
        el('td', {}, outcomeBadge(r)));
    }));
  }

  function outcomeBadge(r) {
    if (r.outcome === 'exception') {
      const code = r.exceptionCode;
      const hex = code == null ? '' : ' ' + code.toString(16).toUpperCase().padStart(2, '0');
      return el('span', { class: 'badge exception', title: EXCEPTIONS[code] || 'exception', text: 'exception' + hex });
    }
    if (r.outcome === 'none') {
      return el('span', { class: 'badge none', title: 'the device did not answer', text: 'no answer' });
    }
    return el('span', { class: 'badge ok', text: r.outcome });
  }

  // ------------------------------------------------------------------ start

  every(OTHERS_EVERY_MS, async () => {
    await refreshDevice();
    await Promise.all([refreshFaults(), refreshRequests()]);
  });
  every(POINTS_EVERY_MS, refreshPoints);
})();
