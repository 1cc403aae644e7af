/**
 * The console's script, run as it is in the page (no build step, no library): it reads the admin API, follows
 * GET /__admin/events, and builds every node with textContent, never innerHTML, because journal entries carry
 * what any client sent. Its config (enroll path, outcome and fault names) comes from the JSON block the page
 * embeds. Kept as a string, so it is not type-checked: test/browser/console.test.ts fails on any page error.
 */
export const consoleScript = String.raw`
'use strict';
const config = JSON.parse(document.getElementById('console-config').textContent);
const adminToken = new URLSearchParams(location.search).get('adminToken');
const MAX_ROWS = 300;
const CHART_MINUTES = 10;
const entries = [];
const seen = new Set();

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function admin(path, init) {
  const headers = Object.assign({}, (init && init.headers) || {});
  if (adminToken) headers['x-admin-token'] = adminToken;
  return fetch(path, Object.assign({}, init || {}, { headers }));
}
async function adminJson(path) {
  const response = await admin(path);
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status + ' ' + (await response.text()));
  return response.json();
}

function kindOf(entry) {
  // A callback the receiver did not take (CALLBACK_COMPLETED_FAILED) is a failure; one it took is a success.
  if (entry.fault || /_FAILED$/.test(entry.outcome) || entry.status >= 500 || entry.status === 0) return 'fault';
  return entry.outcome === 'SUCCESS' || /^CALLBACK_(SUBMIT_)?COMPLETED$/.test(entry.outcome) ? 'success' : 'rejected';
}
function clock(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour12: false });
}
function bytes(n) {
  if (typeof n !== 'number') return '';
  return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1048576).toFixed(2) + ' MiB';
}
function dl(pairs) {
  const list = h('dl');
  for (const [key, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    list.append(h('dt', null, key), h('dd', null, value));
  }
  return list.childNodes.length ? list : h('p', { class: 'empty' }, 'nothing recorded');
}

// ---- journal ----
const journalList = document.getElementById('journal-list');
function entryView(entry, fresh) {
  const kind = kindOf(entry);
  const image = entry.image || {};
  const body = dl([
    ['faceImage', entry.faceImageKind ? entry.faceImageKind + (entry.faceImageLength !== undefined ? ', ' + entry.faceImageLength + ' characters' : '') : undefined],
    ['format', image.format],
    ['dimensions', image.width !== undefined ? image.width + ' × ' + image.height : undefined],
    ['size', bytes(image.byteSize)],
    ['sha256', image.sha256 ? h('span', { class: 'mono' }, image.sha256) : undefined],
    ['userId', entry.userId],
    ['region', entry.region],
  ]);
  // operation and transactionId arrive with the journal of every operation; an entry without them shows neither.
  const trace = dl([
    ['operation', entry.operation],
    ['transactionId', entry.transactionId ? h('span', { class: 'mono transaction-id' }, entry.transactionId) : undefined],
    ['stage', entry.stage],
    ['source', entry.source],
    ['rule', entry.rule],
    ['outcome', entry.outcome],
    ['fault', entry.fault],
    ['why', entry.detail],
    ['status', entry.status === 0 ? 'no HTTP answer' : entry.status],
    ['violations', entry.violations && entry.violations.length ? entry.violations.join('; ') : undefined],
  ]);
  const headers = dl(Object.entries(entry.headers || {}).map(([k, v]) => [k, h('span', { class: 'mono' }, v)]));
  const shown = entry.fault ? 'fault ' + entry.fault : entry.outcome;
  return h(
    'details',
    { class: fresh ? 'fresh' : '', 'data-entry-id': entry.id, 'data-outcome': entry.outcome, 'data-transaction-id': entry.transactionId },
    h(
      'summary',
      { 'aria-label': 'request ' + entry.id + (entry.operation ? ' (' + entry.operation + ')' : '') + ': ' + shown + (entry.rule ? ' by rule ' + entry.rule : '') },
      h('span', { class: 'mono' }, clock(entry.time)),
      // A long outcome name is cut to fit the column: the whole name is always on hover.
      h('span', { title: shown }, h('span', { class: 'badge ' + kind }, shown)),
      h('span', { title: entry.operation || '' }, entry.operation || '—'),
      h('span', null, entry.source),
      h('span', { class: 'rule', title: entry.rule || '' }, entry.rule || '—'),
      h('span', { title: entry.userId || '' }, entry.userId || '—'),
      h('span', { class: 'mono' }, entry.latencyMs + ' ms'),
      h('span', { class: 'mono' }, entry.status || '—'),
    ),
    h(
      'div',
      { class: 'entry' },
      h('div', null, h('h3', null, 'Decision'), trace),
      h('div', null, h('h3', null, 'Body'), body),
      h('div', null, h('h3', null, 'Headers'), headers),
    ),
  );
}
// ---- journal filters: the fields of GET /__admin/requests, plus operation and transaction id, over the listing ----
const filterForm = document.getElementById('journal-filters');
const operationsSeen = new Set();
const lower = (v) => String(v || '').toLowerCase();
/** since: an entry id, a time of today (10:30 or 10:30:15, local), or an ISO time; null when it is none of these. */
function sinceOf(text) {
  if (/^\d+$/.test(text)) return { id: Number(text) };
  const clockTime = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clockTime) {
    const d = new Date();
    d.setHours(Number(clockTime[1]), Number(clockTime[2]), Number(clockTime[3] || 0), 0);
    return { time: d.getTime() };
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : { time };
}
function currentFilter() {
  const f = filterForm.elements;
  const value = (name) => f[name].value.trim();
  const sinceText = value('since');
  const since = sinceText ? sinceOf(sinceText) : undefined;
  f.since.setAttribute('aria-invalid', since === null ? 'true' : 'false');
  return { userId: value('userId'), outcome: lower(value('outcome')), source: value('source'), since, operation: lower(value('operation')), transactionId: value('transactionId') };
}
let filter = { userId: '', outcome: '', source: '', since: undefined, operation: '', transactionId: '' };
function keeps(entry) {
  if (filter.userId && entry.userId !== filter.userId) return false;
  if (filter.outcome && lower(entry.outcome) !== filter.outcome && lower(entry.fault) !== filter.outcome) return false;
  if (filter.source && entry.source !== filter.source) return false;
  if (filter.operation && lower(entry.operation) !== filter.operation) return false;
  if (filter.transactionId && entry.transactionId !== filter.transactionId) return false;
  if (filter.since && filter.since.id !== undefined && !(entry.id > filter.since.id)) return false;
  if (filter.since && filter.since.time !== undefined && !(Date.parse(entry.time) >= filter.since.time)) return false;
  return true;
}
const filtering = () => Object.values(filter).some((v) => v !== '' && v !== undefined && v !== null);
function showCount() {
  const kept = entries.filter(keeps).length;
  document.getElementById('journal-count').textContent = filtering() ? kept + ' of ' + entries.length + ' shown' : entries.length + ' shown';
}
function renderJournal() {
  const kept = entries.filter(keeps).slice(-MAX_ROWS).reverse();
  if (kept.length) journalList.replaceChildren(...kept.map((e) => entryView(e, false)));
  else if (entries.length) journalList.replaceChildren(h('p', { class: 'empty' }, 'No request matches the filters.'));
  else return showEmptyJournal();
  showCount();
}
function setUpFilters() {
  const f = filterForm.elements;
  for (const name of config.sources) f.source.append(h('option', { value: name }, name));
  document.getElementById('filter-outcome-names').replaceChildren(...config.outcomes.concat(config.faults).map((name) => h('option', { value: name })));
  const apply = () => {
    filter = currentFilter();
    renderJournal();
  };
  filterForm.addEventListener('input', apply);
  filterForm.addEventListener('change', apply);
  // The reset event fires before the fields are cleared.
  filterForm.addEventListener('reset', () => setTimeout(apply, 0));
  filterForm.addEventListener('submit', (event) => event.preventDefault());
}

function addEntry(entry, fresh) {
  if (seen.has(entry.id)) return;
  seen.add(entry.id);
  entries.push(entry);
  if (entries.length > 2000) seen.delete(entries.shift().id);
  if (entry.operation && !operationsSeen.has(entry.operation)) {
    operationsSeen.add(entry.operation);
    document.getElementById('filter-operation-names').append(h('option', { value: entry.operation }));
  }
  if (keeps(entry)) {
    const empty = journalList.querySelector('.empty');
    if (empty) empty.remove();
    journalList.prepend(entryView(entry, fresh));
    while (journalList.children.length > MAX_ROWS) journalList.lastElementChild.remove();
  }
  showCount();
}
function showEmptyJournal() {
  journalList.replaceChildren(h('p', { class: 'empty' }, 'No request yet. Send one with the form on the right, or from your app.'));
  document.getElementById('journal-count').textContent = '';
}

// ---- chart: outcomes per minute, the last CHART_MINUTES minutes ----
const COLORS = { success: '#16a34a', rejected: '#d97706', fault: '#dc2626' };
function drawChart() {
  const now = Date.now();
  const start = Math.floor(now / 60000) * 60000 - (CHART_MINUTES - 1) * 60000;
  const buckets = Array.from({ length: CHART_MINUTES }, () => ({ success: 0, rejected: 0, fault: 0 }));
  const byOutcome = new Map();
  for (const entry of entries) {
    const t = Date.parse(entry.time);
    if (t < start) continue;
    const i = Math.min(CHART_MINUTES - 1, Math.floor((t - start) / 60000));
    buckets[i][kindOf(entry)]++;
    const name = entry.fault ? 'fault ' + entry.fault : entry.outcome;
    byOutcome.set(name, (byOutcome.get(name) || 0) + 1);
  }
  const max = Math.max(1, ...buckets.map((b) => b.success + b.rejected + b.fault));
  const W = 600, H = 150, left = 30, bottom = 20, top = 8;
  const slot = (W - left) / CHART_MINUTES;
  const scale = (H - bottom - top) / max;
  const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': 'chart-title' });
  const total = buckets.reduce((n, b) => n + b.success + b.rejected + b.fault, 0);
  chart.append(svg('title', { id: 'chart-title' }, 'Outcomes per minute, last ' + CHART_MINUTES + ' minutes: ' + total + ' requests'));
  for (const tick of [0, Math.ceil(max / 2), max]) {
    const y = H - bottom - tick * scale;
    chart.append(svg('line', { x1: left, x2: W, y1: y, y2: y, stroke: '#e5e7eb' }));
    chart.append(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#5b6675' }, tick));
  }
  buckets.forEach((b, i) => {
    let y = H - bottom;
    const x = left + i * slot + slot * 0.18;
    for (const kind of ['success', 'rejected', 'fault']) {
      if (!b[kind]) continue;
      const height = b[kind] * scale;
      y -= height;
      chart.append(svg('rect', { x, y, width: slot * 0.64, height, fill: COLORS[kind], rx: 2 }, svg('title', {}, b[kind] + ' ' + kind)));
    }
    const label = new Date(start + i * 60000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
    if (i % 2 === 1 || CHART_MINUTES <= 6) chart.append(svg('text', { x: x + slot * 0.32, y: H - 5, 'text-anchor': 'middle', 'font-size': 10, fill: '#5b6675' }, label));
  });
  document.getElementById('chart').replaceChildren(chart);
  const top5 = [...byOutcome.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  document.getElementById('chart-top').replaceChildren(
    ...(top5.length ? top5.map(([name, n]) => h('span', { class: 'badge' }, name + ' ' + n)) : [h('span', { class: 'empty' }, 'no request in the last ' + CHART_MINUTES + ' minutes')]),
  );
}

// ---- rules ----
function matchText(rule) {
  const m = rule.match || {};
  const parts = [];
  const show = (v) => (typeof v === 'string' ? '= ' + v : Object.entries(v).map(([k, x]) => k + ' ' + x).join(''));
  for (const key of ['userId', 'region', 'faceImage', 'faceImageKind', 'faceImageSha256', 'accessKey']) if (m[key] !== undefined) parts.push(key + ' ' + show(m[key]));
  for (const [name, v] of Object.entries(m.headers || {})) parts.push('header ' + name + ' ' + show(v));
  // A rule answers one operation (decision note 0037): say which when it is not Save Enroll, the default.
  const scope = rule.operation && rule.operation !== 'saveEnroll' ? rule.operation + ': ' : '';
  return scope + (parts.join(', ') || 'every request');
}
/** What a rule does, for every kind it can be: an outcome, a fault, a sequence, an H5 authentication result. */
function answerText(rule) {
  const parts = [];
  if (rule.sequence) parts.push('sequence ' + rule.sequence.join(' → '));
  if (rule.fault) parts.push('fault ' + rule.fault);
  if (rule.outcome) parts.push(rule.outcome);
  if (rule.authentication) parts.push('H5 authentication ' + rule.authentication.result + (rule.authentication.reason ? ' (' + rule.authentication.reason + ')' : ''));
  if (rule.delay !== undefined) parts.push('after ' + (Array.isArray(rule.delay) ? rule.delay.join('–') : rule.delay) + ' ms');
  return (parts.join(', ') || 'nothing') + (rule.probability !== undefined ? ' p=' + rule.probability : '');
}
/** How many hits a rule may take: its times, its sequence's length (the smaller), or no limit (as the rule book counts). */
function limitOf(rule) {
  const limits = [rule.times, rule.sequence && rule.sequence.length].filter((n) => typeof n === 'number');
  return limits.length ? Math.min(...limits) : undefined;
}
async function loadRules() {
  const { rules, state } = await adminJson('/__admin/rules');
  const body = document.getElementById('rules-body');
  body.replaceChildren(
    ...rules.map((entry) => {
      const limit = limitOf(entry.rule);
      const usedUp = limit !== undefined && entry.hits >= limit;
      return h(
        'tr',
        { 'data-rule-id': entry.id, class: usedUp ? 'used-up' : '', 'data-used-up': usedUp ? 'true' : undefined },
        h(
          'td',
          null,
          h('strong', null, entry.label),
          usedUp ? h('span', { class: 'badge used' }, 'used up') : '',
          h('div', { class: 'note' }, entry.origin === 'runtime' ? entry.id + ', runtime' : entry.id + ', file'),
        ),
        h('td', null, matchText(entry.rule)),
        h('td', null, answerText(entry.rule)),
        h(
          'td',
          { class: 'num', title: limit === undefined ? 'no limit' : usedUp ? 'used up: it no longer matches' : limit - entry.hits + ' left' },
          h('span', { class: 'hits' }, entry.hits),
          limit !== undefined ? h('span', { class: 'limit' }, ' of ' + limit) : '',
        ),
        h('td', null, entry.origin === 'runtime' ? h('button', { type: 'button', class: 'danger', 'aria-label': 'Remove rule ' + entry.label, onclick: () => removeRule(entry.id) }, 'Remove') : ''),
      );
    }),
  );
  document.getElementById('rules-state').textContent =
    state.count + ' rules (' + state.runtime + ' runtime)' + (state.file ? ', file ' + state.file : '') + (state.lastRejected ? '; last edit refused: ' + state.lastRejected.error : '');
}
async function removeRule(id) {
  await admin('/__admin/rules/' + encodeURIComponent(id), { method: 'DELETE' });
  await loadRules();
}
function setUpRuleForm() {
  const form = document.getElementById('rule-form');
  const outcome = form.elements.outcome;
  for (const name of config.outcomes) outcome.append(h('option', { value: name }, name));
  for (const name of config.faults) outcome.append(h('option', { value: 'fault:' + name }, 'fault: ' + name));
  const sync = () => {
    const byHeader = form.elements.matchBy.value === 'header';
    document.getElementById('rule-header-name').hidden = !byHeader;
    document.getElementById('rule-user-mode').hidden = byHeader;
    const sequence = form.elements.answerKind.value === 'sequence';
    document.getElementById('rule-outcome').hidden = sequence;
    document.getElementById('rule-sequence').hidden = !sequence;
  };
  form.addEventListener('change', sync);
  sync();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const rule = {};
    if (f.name.value.trim()) rule.name = f.name.value.trim();
    const value = f.matchValue.value;
    if (f.matchBy.value === 'header') rule.match = { headers: { [f.headerName.value.trim()]: value } };
    else rule.match = { userId: f.userMode.value === 'prefix' ? { prefix: value } : value };
    if (f.answerKind.value === 'sequence') rule.sequence = f.sequence.value.split(',').map((s) => s.trim()).filter(Boolean);
    else if (f.outcome.value.startsWith('fault:')) rule.fault = f.outcome.value.slice(6);
    else rule.outcome = f.outcome.value;
    if (f.times.value) rule.times = Number(f.times.value);
    const errors = document.getElementById('rule-errors');
    const response = await admin('/__admin/rules', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
    const answer = await response.json().catch(() => ({ errors: ['HTTP ' + response.status] }));
    if (response.ok) {
      errors.replaceChildren();
      document.getElementById('rule-status').textContent = 'Added ' + answer.label + ' (' + answer.id + ').';
      await loadRules();
    } else {
      document.getElementById('rule-status').textContent = 'HTTP ' + response.status + ': the rule was not added.';
      errors.replaceChildren(...(answer.errors || [answer.error || 'unknown error']).map((e) => h('li', null, e)));
    }
  });
}

// ---- enrollments ----
/** The one place a face's picture is chosen: the image the mock serves when there is one, else its facts. */
function thumbnail(face) {
  if (face.imageUrl) return h('img', { class: 'thumb', src: face.imageUrl, alt: 'face of ' + face.userId + ', ' + (face.format || 'image') });
  const dims = face.width ? face.width + '×' + face.height : 'no image';
  return h('div', { class: 'thumb placeholder', role: 'img', 'aria-label': (face.format || 'unchecked') + ' face, ' + dims }, h('b', null, face.format || '—'), dims);
}
async function loadEnrollments() {
  const { enrollments } = await adminJson('/__admin/enrollments');
  const users = new Map();
  for (const face of enrollments) users.set(face.userId, (users.get(face.userId) || []).concat(face));
  const list = document.getElementById('users');
  document.getElementById('users-count').textContent = users.size + (users.size === 1 ? ' user, ' : ' users, ') + enrollments.length + (enrollments.length === 1 ? ' face' : ' faces');
  if (!users.size) return void list.replaceChildren(h('p', { class: 'empty' }, 'Nobody is enrolled.'));
  list.replaceChildren(
    ...[...users.entries()].reverse().map(([userId, faces]) => {
      const last = faces[faces.length - 1];
      return h(
        'div',
        { class: 'user', 'data-user-id': userId },
        h('div', { class: 'faces' }, faces.map(thumbnail)),
        h('div', { class: 'who' }, h('strong', { title: userId }, userId), h('span', { class: 'note' }, faces.length + (faces.length === 1 ? ' face, ' : ' faces, ') + last.region + ', ' + clock(last.enrolledAt))),
        h('button', { type: 'button', class: 'danger', 'aria-label': 'Forget ' + userId, onclick: () => forget(userId, faces.length) }, 'Forget'),
      );
    }),
  );
}
async function forget(userId, count) {
  if (!confirm('Forget ' + userId + ' and ' + (count === 1 ? 'its face' : 'its ' + count + ' faces') + '? This cannot be undone.')) return;
  await admin('/__admin/enrollments/' + encodeURIComponent(userId), { method: 'DELETE' });
  await loadEnrollments();
}

// ---- test enroll ----
function setUpEnrollForm() {
  const form = document.getElementById('enroll-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const out = document.getElementById('enroll-answer');
    const file = f.image.files[0];
    let faceImage = '';
    if (file) {
      const url = await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
      });
      faceImage = String(url).slice(String(url).indexOf(',') + 1);
    }
    out.textContent = 'sending…';
    try {
      const response = await fetch(config.enrollPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-access-token': f.token.value },
        body: JSON.stringify({ faceImage, userId: f.userId.value, region: f.region.value }),
      });
      const text = await response.text();
      let shown = text;
      try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON: show it as it came */ }
      out.textContent = 'HTTP ' + response.status + '\n' + shown;
    } catch (error) {
      out.textContent = 'no answer: ' + error.message;
    }
  });
}

// ---- live stream ----
let refreshTimer = 0;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => Promise.all([loadRules(), loadEnrollments()]).catch(showError), 150);
}
function showError(error) {
  document.getElementById('problem').textContent = String(error.message || error);
}
function connect() {
  const status = document.getElementById('live');
  const source = new EventSource('/__admin/events' + (adminToken ? '?adminToken=' + encodeURIComponent(adminToken) : ''));
  source.onopen = () => {
    status.dataset.state = 'live';
    status.textContent = 'live';
    // Whatever happened while the stream was down comes from the journal itself.
    adminJson('/__admin/requests').then(({ requests }) => { requests.forEach((e) => addEntry(e, false)); drawChart(); }).catch(showError);
    refreshSoon();
  };
  source.onmessage = (event) => {
    addEntry(JSON.parse(event.data), true);
    drawChart();
    refreshSoon();
  };
  source.onerror = () => {
    status.dataset.state = 'down';
    status.textContent = 'reconnecting…';
  };
}

document.getElementById('reset').addEventListener('click', async () => {
  if (!confirm('Forget every enrollment, empty the journal and remove the runtime rules?')) return;
  await admin('/__admin/reset', { method: 'POST' });
  entries.length = 0;
  seen.clear();
  showEmptyJournal();
  drawChart();
  refreshSoon();
});
document.getElementById('clear-journal').addEventListener('click', async () => {
  if (!confirm('Empty the journal? Every recorded request is dropped; enrollments and rules stay.')) return;
  await admin('/__admin/requests', { method: 'DELETE' });
  entries.length = 0;
  seen.clear();
  showEmptyJournal();
  drawChart();
});

showEmptyJournal();
setUpFilters();
setUpRuleForm();
setUpEnrollForm();
drawChart();
setInterval(drawChart, 15000);
Promise.all([loadRules(), loadEnrollments()]).catch(showError);
connect();
`;
