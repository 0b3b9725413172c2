// AWS Signature Version 4 for the browser (Web Crypto): the console signs each call itself, so the secret never
// leaves the tab. Signs the headers given plus host, x-amz-date and, for temporary credentials, the session token.

const encoder = new TextEncoder();

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key, text) {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(text)));
}

/** X-Amz-Date: YYYYMMDD'T'HHMMSS'Z'. */
function amzDate(now) {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The headers to send for a request: the given ones, x-amz-date, x-amz-security-token if any, and authorization.
 * @param {{accessKeyId: string, secretAccessKey: string, sessionToken?: string}} credentials
 */
export async function signedHeaders({ method, path, headers, body, credentials, region, service, host, now = new Date() }) {
  const date = amzDate(now);
  const all = { ...headers, host, 'x-amz-date': date };
  if (credentials.sessionToken) {
    all['x-amz-security-token'] = credentials.sessionToken;
  }
  const names = Object.keys(all).map(name => name.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(all).map(([name, value]) => [name.toLowerCase(), String(value).trim()]));
  const canonicalHeaders = names.map(name => `${name}:${lower[name]}\n`).join('');
  const signed = names.join(';');
  const canonicalRequest = [method, path, '', canonicalHeaders, signed, await sha256Hex(body)].join('\n');
  const scope = `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, await sha256Hex(canonicalRequest)].join('\n');
  let key = await hmac(encoder.encode('AWS4' + credentials.secretAccessKey), date.slice(0, 8));
  key = await hmac(key, region);
  key = await hmac(key, service);
  key = await hmac(key, 'aws4_request');
  const signature = hex(await hmac(key, stringToSign));
  delete lower.host; // the browser sends it itself, as signed
  lower.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;
  return lower;
}
