// The audit console: the tenant's events as a filterable timeline (a chart whose bars follow the events, pages of
// records, exports of what is shown), each record's JSON, and the saved security queries. Every call goes to the
// audit service's JSON API, signed in this tab (sigv4.js). Data only ever reaches the page as text (textContent).
import { signedHeaders } from './sigv4.js';
import { drawChart, utc } from './chart.js';
import { cloudTrailJson, csv, download, principal } from './export.js';

const MAYFLY = 'MayflyAudit_20261201.';
const STORAGE_KEY = 'mayfly-console-credentials';
/** About as many bars as the chart is wide enough to show apart. */
const CHART_BUCKETS = 60;
const DAY = 24 * 3600 * 1000;
const $ = id => document.getElementById(id);

let credentials = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
/**
 * The search whose pages are shown: its request (without paging), each page's NextToken, the pages fetched so far (so
 * that Previous shows again exactly what was read, while records still arriving in the window wait for Apply), the
 * page shown and its records.
 */
let current = null;
/** The windows before each bar clicked, for Back. */
const windows = [];
/** Counts the calls for the events shown, so that an answer overtaken by a later click is dropped. */
let shownCall = 0;

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

// --- the time window ---------------------------------------------------------------------------------------------
// The From and To fields hold UTC to the second, as the table shows times; To includes its whole second.

function fieldValue(date) {
  return date.toISOString().slice(0, 19);
}

function setWindow(from, to) {
  $('from').value = fieldValue(from);
  $('to').value = fieldValue(to);
}

function lastDay() {
  const now = new Date();
  setWindow(new Date(now.getTime() - DAY), now);
}

function timeWindow() {
  if (!$('from').value || !$('to').value) {
    lastDay();
  }
  const from = new Date(`${$('from').value}Z`);
  const to = new Date(new Date(`${$('to').value}Z`).getTime() + 999);
  return from <= to ? { from, to } : { from: to, to: from };
}

/** Narrows the window to a bar's bucket (its end is exclusive: the window ends a second before). */
function narrow(bucket) {
  const from = new Date(bucket.Time * 1000);
  const to = new Date(bucket.EndTime * 1000 - 1000);
  if (fieldValue(from) === $('from').value && fieldValue(to) === $('to').value) {
    return;   // the window is that bucket already
  }
  windows.push({ from: $('from').value, to: $('to').value });
  setWindow(from, to);
  search();
}

function back() {
  const previous = windows.pop();
  if (previous) {
    $('from').value = previous.from;
    $('to').value = previous.to;
    search();
  }
}

function reset() {
  windows.length = 0;
  lastDay();
  search();
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

// --- chart, pages of events, exports -----------------------------------------------------------------------------

function chartParts() {
  return { svg: $('timeline'), start: $('axis-start'), middle: $('axis-middle'), end: $('axis-end'), range: $('chart-range') };
}

function showRecords(records) {
  const body = $('records').tBodies[0];
  body.replaceChildren();
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
  for (const selected of document.querySelectorAll('tr.selected')) {
    selected.classList.remove('selected');
  }
  row.classList.add('selected');
  $('record-json').classList.remove('muted');
  $('record-json').textContent = JSON.stringify(record, null, 2);
  // a finding's row is below the record: bring the record into view
  $('detail').scrollIntoView({ block: 'nearest' });
}

function showPaging() {
  const size = current.request.MaxResults;
  const first = current.page * size + 1;
  const shown = current.records.length;
  $('page-info').textContent = shown
    ? `Page ${current.page + 1}: events ${first.toLocaleString('en')}–${(first + shown - 1).toLocaleString('en')} of ${current.total.toLocaleString('en')}`
    : '';
  $('previous').disabled = current.page === 0;
  $('next').disabled = !current.tokens[current.page + 1];
  $('export-csv').disabled = !shown;
  $('export-json').disabled = !shown;
}

/** A new search from the filters and the window: the chart, and the first page of events. */
async function search() {
  const range = timeWindow();
  const request = {
    StartTime: range.from.toISOString(), EndTime: range.to.toISOString(), Query: queryString(), MaxResults: Number($('page-size').value),
  };
  $('window').textContent = `Window: ${utc(range.from)} to ${utc(range.to)} UTC`;
  $('back').hidden = !windows.length;
  $('status').textContent = 'Loading...';
  const mine = ++shownCall;
  try {
    const answer = await call('Search', {
      ...request, Aggregations: [{ Name: 'timeline', DateHistogram: { Buckets: CHART_BUCKETS, ByOutcome: true } }],
    });
    if (mine !== shownCall) {
      return;
    }
    current = { request, tokens: [null, answer.NextToken || null], pages: [{ records: answer.Records, total: answer.Total }],
      page: 0, records: answer.Records, total: answer.Total };
    drawChart(chartParts(), answer.Aggregations.timeline, answer.HistogramIntervals.timeline, narrow);
    $('total').textContent = answer.Total === 1 ? '(1 event)' : `(${answer.Total.toLocaleString('en')} events)`;
    showRecords(answer.Records);
    showPaging();
    $('status').textContent = answer.Records.length ? '' : 'No event in this window.';
  } catch (error) {
    if (mine === shownCall) {
      $('status').textContent = error.message;
    }
  }
}

/** Another page of the same search, by the NextToken its previous page answered (as LookupEvents pages). */
async function turnTo(page) {
  const token = current.tokens[page];
  if (page < 0 || (page > 0 && !token)) {
    return;
  }
  if (current.pages[page]) {
    ++shownCall;
    showPage(page);
    return;
  }
  $('status').textContent = 'Loading...';
  const mine = ++shownCall;
  try {
    const answer = await call('Search', token ? { ...current.request, NextToken: token } : current.request);
    if (mine !== shownCall) {
      return;
    }
    current.tokens[page + 1] = answer.NextToken || null;
    current.pages[page] = { records: answer.Records, total: answer.Total };
    showPage(page);
  } catch (error) {
    if (mine === shownCall) {
      $('status').textContent = error.message;
    }
  }
}

/** Shows a page of the current search that was fetched already. */
function showPage(page) {
  current.page = page;
  current.records = current.pages[page].records;
  current.total = current.pages[page].total;
  showRecords(current.records);
  showPaging();
  $('status').textContent = '';
}

/** The file name of an export of the page shown: the window, and the page. */
function exportName(extension) {
  const stamp = iso => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `mayfly-audit-${stamp(current.request.StartTime)}-${stamp(current.request.EndTime)}-page${current.page + 1}.${extension}`;
}

function exportCsv() {
  download($('download'), exportName('csv'), 'text/csv;charset=utf-8', csv(current.records));
}

function exportJson() {
  download($('download'), exportName('json'), 'application/json', cloudTrailJson(current.records));
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

// --- detection findings ------------------------------------------------------------------------------------------

// The account's latest findings; a click shows the finding with the records that caused it.
async function loadDetectionFindings() {
  const body = $('detection-findings').tBodies[0];
  $('detections-status').textContent = 'loading...';
  try {
    const answer = await call('ListDetectionFindings', { MaxResults: 50 });
    body.replaceChildren();
    for (const finding of answer.Findings) {
      const row = body.insertRow();
      row.dataset.findingId = finding.FindingId;
      cell(row, finding.EventTime);
      cell(row, finding.Detection);
      cell(row, finding.Principal);
      cell(row, finding.Summary);
      cell(row, `${finding.Response.Action}: ${finding.Response.Status}`);
      row.addEventListener('click', () => showDetectionFinding(row, finding.FindingId));
    }
    $('detections-status').textContent = `${answer.Findings.length} finding(s)`;
  } catch (error) {
    $('detections-status').textContent = error.message;
  }
}

async function showDetectionFinding(row, findingId) {
  try {
    showRecord(row, await call('GetDetectionFinding', { FindingId: findingId }));
  } catch (error) {
    $('detections-status').textContent = error.message;
  }
}

// --- sign in -----------------------------------------------------------------------------------------------------

async function showApp() {
  $('signin').hidden = true;
  $('app').hidden = false;
  $('signout').hidden = false;
  $('who').textContent = credentials.accessKeyId;
  lastDay();
  await Promise.all([search(), loadSavedQueries(), loadDetectionFindings()]);
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
$('filters').addEventListener('submit', event => { event.preventDefault(); search(); });
$('page-size').addEventListener('change', () => search());
$('back').addEventListener('click', back);
$('reset').addEventListener('click', reset);
$('previous').addEventListener('click', () => turnTo(current.page - 1));
$('next').addEventListener('click', () => turnTo(current.page + 1));
$('export-csv').addEventListener('click', exportCsv);
$('export-json').addEventListener('click', exportJson);
$('load-detections').addEventListener('click', loadDetectionFindings);
if (credentials) {
  showApp();
}
