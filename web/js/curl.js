// "Copy as curl": the request as a command a learner can run against the reference Django
// project (tests/reference, `manage.py runserver` on port 8000).
const base = 'http://127.0.0.1:8000';

// POSIX shell single quotes: ' becomes '\''.
export const shellQuote = (text) => `'${String(text).replaceAll("'", "'\\''")}'`;

export function asCurl(request) {
  const parts = ['curl -i'];
  if (request.method !== 'GET') parts.push(`-X ${request.method}`);
  parts.push(shellQuote(base + request.path));
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() === 'cookie' && value === '') continue;  // no cookies sent
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) parts.push(`--data-raw ${shellQuote(request.body)}`);
  return parts.join(' \\\n  ');
}
