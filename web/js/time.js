// Virtual-clock times as learners read them.
export function formatTime(ms) {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

// 299 → "4 min 59 s"; 90000 → "1 d 1 h"
export function formatDuration(totalSeconds) {
  let s = Math.floor(Math.abs(totalSeconds));
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60]]) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)} ${unit}`);
      s %= size;
    }
  }
  if (s || !parts.length) parts.push(`${s} s`);
  return parts.slice(0, 2).join(' ');
}

const centurySeconds = 100 * 366 * 86400;  // the core's bound on one move (core/time/clock.hpp)
const units = [
  [/^(s|sec|secs|second|seconds)$/, 1], [/^(m|min|mins|minute|minutes)$/, 60], [/^(h|hr|hrs|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86400], [/^(w|wk|wks|week|weeks)$/, 604800],
];

// A typed amount of time: "2 weeks", "90 min", "1 d 12 h", "45" (seconds). → {seconds} or
// {error} in the learner's words.
export function parseDuration(text) {
  const parts = String(text).trim().toLowerCase().match(/\d+(?:\.\d+)?\s*[a-z]*/g);
  const leftover = String(text).toLowerCase().replace(/\d+(?:\.\d+)?\s*[a-z]*/g, '').replace(/[\s,]|and/g, '');
  if (!parts || leftover) return { error: 'Type an amount such as 2 weeks, 90 min or 1 d 12 h.' };
  let seconds = 0;
  for (const part of parts) {
    const [, number, unit] = part.match(/^(\d+(?:\.\d+)?)\s*([a-z]*)$/);
    const size = unit === '' ? 1 : units.find(([pattern]) => pattern.test(unit))?.[1];
    if (!size) return { error: `"${unit}" is not a unit: use s, min, h, d or weeks.` };
    seconds += Number(number) * size;
  }
  if (!(seconds >= 1)) return { error: 'Move the clock by at least one second.' };
  if (seconds > centurySeconds) return { error: 'The clock moves forward by at most a century at a time.' };
  return { seconds: Math.round(seconds) };
}
