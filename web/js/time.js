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
