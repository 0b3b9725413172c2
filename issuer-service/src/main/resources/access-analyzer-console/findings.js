// The Access Analyzer findings view: the account's analyzers and their findings on the roles' trust policies, archived
// or reactivated from here. Every call goes to this issuer's Access Analyzer API, signed in this tab (sigv4.js, the
// audit console's). Data only ever reaches the page as text (textContent).
import { signedHeaders } from './sigv4.js';

const STORAGE_KEY = 'mayfly-access-analyzer-credentials';
const $ = id => document.getElementById(id);
let credentials = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');

/** Calls an operation at its method and path; throws an Error with the service's message when refused. */
async function call(method, path, request) {
  const body = request === undefined ? '' : JSON.stringify(request);
  const headers = await signedHeaders({
    method, path, body, credentials, region: 'us-east-1', service: 'access-analyzer', host: location.host,
    headers: request === undefined ? {} : { 'content-type': 'application/json' },
  });
  const response = await fetch(path, { method, headers, body: request === undefined ? undefined : body });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(answer.message || `the issuer answered ${response.status}`);
  }
  return answer;
}

function cell(row, value) {
  const td = row.insertCell();
  td.textContent = value === undefined || value === null ? '' : String(value);
  td.title = td.textContent;
  return td;
}

async function loadAnalyzers() {
  const select = $('analyzer');
  select.replaceChildren();
  const answer = await call('GET', '/analyzer');
  for (const analyzer of answer.analyzers) {
    const option = document.createElement('option');
    option.value = analyzer.arn;
    option.textContent = analyzer.name;
    select.appendChild(option);
  }
  if (answer.analyzers.length === 0) {
    $('findings-title').textContent = 'No analyzer yet: aws accessanalyzer create-analyzer --analyzer-name trust --type ACCOUNT';
  }
}

async function showFindings() {
  const analyzerArn = $('analyzer').value;
  if (!analyzerArn) {
    return;
  }
  const status = $('status').value;
  const body = $('findings').tBodies[0];
  body.replaceChildren();
  $('findings-title').textContent = 'Findings: loading...';
  try {
    const findings = [];
    let nextToken;
    do {
      const page = await call('POST', '/finding', {
        analyzerArn, maxResults: 100, nextToken, filter: status ? { status: { eq: [status] } } : undefined,
      });
      findings.push(...page.findings);
      nextToken = page.nextToken;
    } while (nextToken && findings.length < 1000);
    for (const finding of findings) {
      const row = body.insertRow();
      cell(row, finding.status);
      cell(row, finding.resource);
      cell(row, Object.entries(finding.principal || {}).map(([type, value]) => `${type}: ${value}`).join(', '));
      cell(row, (finding.action || []).join(', '));
      cell(row, Object.entries(finding.condition || {}).map(([key, value]) => `${key} = ${value}`).join('; '));
      cell(row, finding.isPublic ? 'public' : '');
      cell(row, finding.updatedAt);
      const actions = row.insertCell();
      if (finding.status !== 'RESOLVED') {
        const button = document.createElement('button');
        button.type = 'button';
        const target = finding.status === 'ARCHIVED' ? 'ACTIVE' : 'ARCHIVED';
        button.textContent = target === 'ARCHIVED' ? 'Archive' : 'Reactivate';
        button.addEventListener('click', () => setStatus(analyzerArn, finding.id, target));
        actions.appendChild(button);
      }
    }
    $('findings-title').textContent = `Findings: ${findings.length}`;
  } catch (error) {
    $('findings-title').textContent = `Findings: ${error.message}`;
  }
}

async function setStatus(analyzerArn, id, status) {
  try {
    await call('PUT', '/finding', { analyzerArn, status, ids: [id] });
  } catch (error) {
    $('findings-title').textContent = `Findings: ${error.message}`;
    return;
  }
  await showFindings();
}

async function showApp() {
  $('signin').hidden = true;
  $('app').hidden = false;
  $('signout').hidden = false;
  $('who').textContent = credentials.accessKeyId;
  await loadAnalyzers();
  await showFindings();
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
    await call('GET', '/analyzer');
  } catch (error) {
    credentials = null;
    $('signin-error').textContent = `Not signed in: ${error.message}`;
    return;
  }
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
  $('secret-access-key').value = '';
  await showApp();
}

$('signin-form').addEventListener('submit', signIn);
$('signout').addEventListener('click', () => { sessionStorage.removeItem(STORAGE_KEY); location.reload(); });
$('filters').addEventListener('submit', event => { event.preventDefault(); showFindings(); });
if (credentials) {
  showApp();
}
