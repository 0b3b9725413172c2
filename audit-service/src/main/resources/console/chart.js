// The chart of calls and denials over time: one bar a bucket of the search's histogram, which follows the range of
// the events matched; a click on a bar (or Enter on it) narrows the window to that bucket.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const HEIGHT = 180;
/** The widest a bar is drawn, so that one bucket reads as a bar and not as a filled box. */
const MAX_BAR = 60;
const UNITS = { s: 'second', m: 'minute', h: 'hour', d: 'day' };

/** "5s" as "5 seconds", "1m" as "1 minute". */
export function intervalText(interval) {
  const match = /^(\d+)([smhd])$/.exec(interval || '');
  if (!match) {
    return interval || '';
  }
  return `${match[1]} ${UNITS[match[2]]}${match[1] === '1' ? '' : 's'}`;
}

/** An instant as the console shows it: UTC, to the second, without the T and Z. */
export function utc(date) {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function element(name, attributes) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, String(value));
  }
  return node;
}

/**
 * Draws the buckets ({Time, EndTime, Count, Failure}, times in epoch seconds) into the svg, and says what they cover.
 * @param {{svg: SVGElement, start: Element, middle: Element, end: Element, range: Element}} parts
 * @param {(bucket: object) => void} narrow called with the bucket clicked
 */
export function drawChart(parts, buckets, interval, narrow) {
  parts.svg.replaceChildren();
  for (const part of [parts.start, parts.middle, parts.end, parts.range]) {
    part.textContent = '';
  }
  if (!buckets.length) {
    parts.range.textContent = 'no event in this window';
    return;
  }
  const max = Math.max(1, ...buckets.map(b => b.Count));
  const width = WIDTH / buckets.length;
  const bar = Math.max(1, Math.min(MAX_BAR, width - 1));
  buckets.forEach((bucket, i) => {
    const start = new Date(bucket.Time * 1000);
    const end = new Date(bucket.EndTime * 1000);
    const x = i * width;
    for (const [kind, count] of [['calls', bucket.Count], ['denials', bucket.Failure]]) {
      if (count) {
        const height = (HEIGHT - 10) * count / max;
        parts.svg.appendChild(element('rect', {
          class: kind, x: x + (width - bar) / 2, width: bar, y: HEIGHT - height, height,
        }));
      }
    }
    // the column takes the click, however short its bar (a band about the bar when there are few)
    const band = Math.min(width, MAX_BAR * 2);
    const hit = element('rect', {
      class: 'hit', x: x + (width - band) / 2, width: band, y: 0, height: HEIGHT, tabindex: 0, role: 'button',
      'data-time': start.toISOString(), 'data-end': end.toISOString(), 'data-count': bucket.Count,
    });
    const title = element('title', {});
    title.textContent = `${utc(start)} to ${utc(end)} UTC: ${bucket.Count} calls, ${bucket.Failure || 0} denied. Click to narrow.`;
    hit.appendChild(title);
    hit.addEventListener('click', () => narrow(bucket));
    hit.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        narrow(bucket);
      }
    });
    parts.svg.appendChild(hit);
  });
  const first = new Date(buckets[0].Time * 1000);
  const last = new Date(buckets[buckets.length - 1].EndTime * 1000);
  parts.start.textContent = utc(first);
  parts.middle.textContent = buckets.length > 2 ? utc(new Date((first.getTime() + last.getTime()) / 2)) : '';
  parts.end.textContent = utc(last);
  const bars = buckets.length === 1 ? `1 bar of ${intervalText(interval)}` : `${buckets.length} bars of ${intervalText(interval)} each`;
  parts.range.textContent = `${bars}, from the first event to the last; at most ${max.toLocaleString('en')} a bar. `
      + 'Click a bar to narrow the window to it.';
}
