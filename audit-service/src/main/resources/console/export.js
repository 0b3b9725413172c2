// What the console exports: the events shown, as CSV for a spreadsheet and as CloudTrail JSON ({"Records": [...]},
// as CloudTrail delivers its log files), handed to the browser as a download. Nothing here touches the page's HTML.

/** The CSV columns: those of the table, and what identifies a record and explains a refusal. */
const COLUMNS = [
  ['eventTime', r => r.eventTime],
  ['eventName', r => r.eventName],
  ['eventSource', r => r.eventSource],
  ['principal', r => principal(r)],
  ['accessKeyId', r => (r.userIdentity || {}).accessKeyId],
  ['sourceIPAddress', r => r.sourceIPAddress],
  ['outcome', r => (r.errorCode ? 'failure' : 'success')],
  ['errorCode', r => r.errorCode],
  ['errorMessage', r => r.errorMessage],
  ['awsRegion', r => r.awsRegion],
  ['userAgent', r => r.userAgent],
  ['eventID', r => r.eventID],
];

/** Who made the call, as the table shows it: the ARN, else the principal id, else the identity type. */
export function principal(record) {
  const identity = record.userIdentity || {};
  return identity.arn || identity.principalId || identity.type;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A value a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) is written with a leading
 * apostrophe, so that a user agent or an error message from a caller cannot become a formula in an auditor's sheet.
 */
export function csvCell(value) {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The records as CSV, a header line first, lines ending CRLF. */
export function csv(records) {
  const lines = [COLUMNS.map(([name]) => name), ...records.map(record => COLUMNS.map(([, value]) => value(record)))];
  return lines.map(cells => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The records as a CloudTrail log file delivers them. */
export function cloudTrailJson(records) {
  return JSON.stringify({ Records: records });
}

/** Offers the text as a file to download, through the page's hidden link (which keeps the last file's address). */
export function download(link, name, type, text) {
  if (link.href.startsWith('blob:')) {
    URL.revokeObjectURL(link.href);
  }
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
}
