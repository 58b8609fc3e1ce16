// Number and time formatting for the lab: one place, so every view writes 2.5%, 1 h 3 min
// and 12,345 the same way. Pure; locale fixed to en-US so screenshots and tests are stable.

const group = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 7198940 → "7,198,940". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? group.format(Math.round(n)) : '—';
}

/** A number with at most `digits` significant digits and no trailing zeros: 0.0104 → "0.0104". */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 10 ** digits) return group.format(Math.round(x));
  return String(Number(x.toPrecision(digits)));
}

/**
 * A fraction 0–1 as a percentage with enough digits to tell small values apart:
 * 0.25 → "25%", 0.0105 → "1.05%", 0.000004 → "0.0004%", 0 → "0%".
 */
export function formatPercent(fraction: number, digits = 3): string {
  if (!Number.isFinite(fraction)) return '—';
  const pct = fraction * 100;
  if (pct === 0) return '0%';
  if (Math.abs(pct) >= 99.95 && Math.abs(pct) < 100) return `${pct < 0 ? '-' : ''}99.9%`;
  return `${formatNumber(pct, Math.abs(pct) >= 10 ? Math.max(2, digits - 1) : digits)}%`;
}

/** Milliseconds: 179.564 → "180 ms", 12.3 → "12.3 ms". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${formatNumber(ms, 3)} ms`;
}

/** Simulated seconds as a clock: 42 → "0:42", 754 → "12:34", 7390 → "2:03:10". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds + 1e-9));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Seconds in words: 2 → "2 s", 28.179 → "28.2 s", 600 → "10 min", 7390 → "2 h 3 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 60) return `${sign}${formatNumber(s, s < 10 ? 2 : 3)} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = Math.round(s - m * 60);
    return r === 0 || r === 60 ? `${sign}${r === 60 ? m + 1 : m} min` : `${sign}${m} min ${r} s`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s - h * 3600) / 60);
  return m === 0 ? `${sign}${h} h` : m === 60 ? `${sign}${h + 1} h` : `${sign}${h} h ${m} min`;
}

/** "1 instance", "3 instances". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A multiplier: 1.05 → "×1.05", 2 → "×2". */
export function formatMultiplier(x: number): string {
  return Number.isFinite(x) ? `×${formatNumber(x, 3)}` : '—';
}

/** Money in the scenario's currency units: 4.0051 → "4.01". */
export function formatMoney(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x >= 1000 ? group.format(Math.round(x)) : x.toFixed(2);
}
