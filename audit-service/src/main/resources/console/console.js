// The audit console: the tenant's events as a filterable timeline, each record's JSON, and the saved security
// queries. Every call goes to the audit service's JSON API, signed in this tab (sigv4.js).
import { signedHeaders } from './sigv4.js';

const MAYFLY = 'MayflyAudit_20261201.';
const STORAGE_KEY = 'mayfly-console-credentials';
const $ = id => document.getElementById(id);

let credentials = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
let nextToken = null;

/** Calls an operation of the audit API; throws an Error with the service's message when refused. */
async function call(operation, request) {
  const body = JSON.stringify(request);
  const headers = await signedHeaders({
    method: 'POST', path: '/', body, credentials, region: 'us-east-1', service: 'cloudtrail', host: location.host,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': MAYFLY + operation },
  });
  const response = await fetch('/', { method: 'POST', headers, body });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(answer.message || `the audit service answered ${response.status}`);
  }
  return answer;
}

function text(value) {
  return value === undefined || value === null ? '' : String(value);
}

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = text(value);
  if (className) {
    td.className = className;
  }
  return td;
}

// --- filters -----------------------------------------------------------------------------------------------------

function timeWindow() {
  const to = $('to').value ? new Date($('to').value) : new Date();
  const from = $('from').value ? new Date($('from').value) : new Date(to.getTime() - 24 * 3600 * 1000);
  return { from, to };
}

/** The query string: the user's, and the event and outcome filters, all required. */
function queryString() {
  const parts = [];
  if ($('query').value.trim()) {
    parts.push(`(${$('query').value.trim()})`);
  }
  if ($('event-name').value.trim()) {
    parts.push(`eventName:"${$('event-name').value.trim().replace(/"/g, '')}"`);
  }
  if ($('outcome').value) {
    parts.push(`event.outcome:${$('outcome').value}`);
  }
  return parts.length ? parts.join(' AND ') : undefined;
}

/** A histogram interval giving at most about 150 bars over the window. */
function interval({ from, to }) {
  const minutes = (to - from) / 60000;
  return minutes <= 150 ? '1m' : minutes <= 750 ? '5m' : minutes <= 2250 ? '15m' : minutes <= 9000 ? '1h' : '1d';
}

// --- timeline and events -----------------------------------------------------------------------------------------

function drawChart(buckets, range) {
  const svg = $('timeline');
  svg.replaceChildren();
  const max = Math.max(1, ...buckets.map(b => b.Count));
  const width = 1000 / Math.max(1, buckets.length);
  buckets.forEach((bucket, i) => {
    for (const [kind, count] of [['calls', bucket.Count], ['denials', bucket.Failure]]) {
      if (!count) {
        continue;
      }
      const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      const height = 170 * count / max;
      rect.setAttribute('class', kind);
      rect.setAttribute('x', String(i * width + 0.5));
      rect.setAttribute('width', String(Math.max(1, width - 1)));
      rect.setAttribute('y', String(175 - height));
      rect.setAttribute('height', String(height));
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = `${new Date(bucket.Time * 1000).toISOString()}: ${bucket.Count} calls, ${bucket.Failure} denied`;
      rect.appendChild(title);
      svg.appendChild(rect);
    }
  });
  $('chart-range').textContent = `${range.from.toISOString()} to ${range.to.toISOString()}, at most ${max} a bar`;
}

function principal(record) {
  const identity = record.userIdentity || {};
  return identity.arn || identity.principalId || identity.type;
}

function addRecords(records) {
  const body = $('records').tBodies[0];
  for (const record of records) {
    const row = body.insertRow();
    row.dataset.eventId = record.eventID;
    cell(row, record.eventTime);
    cell(row, record.eventName);
    cell(row, principal(record));
    cell(row, record.sourceIPAddress);
    cell(row, record.errorCode || 'success', record.errorCode ? 'failure' : 'success');
    row.addEventListener('click', () => showRecord(row, record));
  }
}

function showRecord(row, record) {
  for (const selected of document.querySelectorAll('#records tr.selected')) {
    selected.classList.remove('selected');
  }
  row.classList.add('selected');
  $('record-json').classList.remove('muted');
  $('record-json').textContent = JSON.stringify(record, null, 2);
}

async function search(more) {
  const range = timeWindow();
  const request = { StartTime: range.from.toISOString(), EndTime: range.to.toISOString(), Query: queryString(), MaxResults: 50 };
  if (more) {
    request.NextToken = nextToken;
  } else {
    request.Aggregations = [{ Name: 'timeline', DateHistogram: { Interval: interval(range), ByOutcome: true } }];
    $('records').tBodies[0].replaceChildren();
  }
  $('status').textContent = 'Loading...';
  try {
    const answer = await call('Search', request);
    if (!more) {
      drawChart(answer.Aggregations.timeline, range);
      $('total').textContent = `(${answer.Total} events)`;
    }
    addRecords(answer.Records);
    nextToken = answer.NextToken || null;
    $('more').hidden = !nextToken;
    $('status').textContent = answer.Records.length || more ? '' : 'No event in this window.';
  } catch (error) {
    $('status').textContent = error.message;
  }
}

// --- saved queries -----------------------------------------------------------------------------------------------

async function loadSavedQueries() {
  const list = $('saved-list');
  list.replaceChildren();
  const answer = await call('ListSavedQueries', {});
  for (const query of answer.SavedQueries) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Run';
    button.dataset.query = query.Name;
    button.addEventListener('click', () => runSavedQuery(query.Name));
    const name = document.createElement('strong');
    name.textContent = ` ${query.Name}: `;
    item.append(button, name, document.createTextNode(query.Description));
    list.appendChild(item);
  }
}

async function runSavedQuery(name) {
  const range = timeWindow();
  const table = $('findings');
  $('findings-title').textContent = `${name}: running...`;
  try {
    const answer = await call('RunSavedQuery', { Name: name, StartTime: range.from.toISOString(), EndTime: range.to.toISOString() });
    const columns = [...new Set(answer.Findings.flatMap(f => Object.keys(f)).filter(c => c !== 'CloudTrailEvent'))];
    table.tHead.replaceChildren();
    const head = table.tHead.insertRow();
    columns.forEach(c => cell(head, c));
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const finding of answer.Findings) {
      const row = body.insertRow();
      columns.forEach(c => cell(row, finding[c]));
      if (finding.CloudTrailEvent) {
        row.addEventListener('click', () => showRecord(row, finding.CloudTrailEvent));
      }
    }
    $('findings-title').textContent = `${name}: ${answer.Findings.length} finding(s)`;
  } catch (error) {
    $('findings-title').textContent = `${name}: ${error.message}`;
  }
}

// --- sign in -----------------------------------------------------------------------------------------------------

async function showApp() {
  $('signin').hidden = true;
  $('app').hidden = false;
  $('signout').hidden = false;
  $('who').textContent = credentials.accessKeyId;
  await Promise.all([search(false), loadSavedQueries()]);
}

async function signIn(event) {
  event.preventDefault();
  credentials = {
    accessKeyId: $('access-key-id').value.trim(),
    secretAccessKey: $('secret-access-key').value.trim(),
    sessionToken: $('session-token').value.trim() || undefined,
  };
  $('signin-error').textContent = '';
  try {
    await call('Search', { MaxResults: 0 });
  } catch (error) {
    credentials = null;
    $('signin-error').textContent = `Not signed in: ${error.message}`;
    return;
  }
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
  $('secret-access-key').value = '';
  await showApp();
}

function signOut() {
  sessionStorage.removeItem(STORAGE_KEY);
  location.reload();
}

$('signin-form').addEventListener('submit', signIn);
$('signout').addEventListener('click', signOut);
$('filters').addEventListener('submit', event => { event.preventDefault(); search(false); });
$('more').addEventListener('click', () => search(true));
if (credentials) {
  showApp();
}
