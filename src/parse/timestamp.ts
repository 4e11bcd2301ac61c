/**
 * Timestamps as the AWS CLI accepts them (botocore's `parse_timestamp`): epoch seconds, ISO 8601 and
 * the common written forms dateutil reads. A time without a zone is UTC, as botocore treats it.
 */

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[Tt ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -mins : mins;
}

function fromParts(
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  frac = "",
  zone?: string,
): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes(zone) * 60_000;
  const date = new Date(t);
  // Reject dates that roll over (Feb 30).
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses a timestamp as the CLI would, or returns undefined when it cannot. */
export function parseTimestamp(text: string): Date | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const ms = Number(t) * 1000;
    return Math.abs(ms) <= 8.64e15 ? new Date(ms) : undefined;
  }
  const iso = ISO.exec(t);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    return fromParts(+y, +mo, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0), frac ?? "", zone);
  }
  // Written forms: "Tue, 01 Oct 2019 10:00:00 GMT", "Oct 1 2019", "1 October 2019 10:00", "10/01/2019".
  const words = t.replace(/,/g, " ").split(/\s+/).filter((w) =>
    !/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/i.test(w)
  );
  let y: number | undefined, mo: number | undefined, d: number | undefined;
  let time: RegExpExecArray | null = null;
  let zone: string | undefined;
  for (const w of words) {
    const month = MONTHS.findIndex((m) => w.toLowerCase().startsWith(m));
    const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(w);
    const clock = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(w);
    if (month >= 0 && /^[a-z]+\.?$/i.test(w)) mo = month + 1;
    else if (slash) [mo, d, y] = [+slash[1], +slash[2], +slash[3] < 100 ? 2000 + +slash[3] : +slash[3]];
    else if (clock) time = clock;
    else if (/^(z|utc|gmt|[+-]\d{2}:?\d{2})$/i.test(w)) zone = w;
    else if (/^\d{4}$/.test(w)) y = +w;
    else if (/^\d{1,2}(st|nd|rd|th)?$/i.test(w)) d = parseInt(w, 10);
    else return undefined;
  }
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  return fromParts(y, mo, d, +(time?.[1] ?? 0), +(time?.[2] ?? 0), +(time?.[3] ?? 0), time?.[4] ?? "", zone);
}
