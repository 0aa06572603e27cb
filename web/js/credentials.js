// "Send as": the credentials a client would attach for a user with one mechanism. The core
// issues tokens and sessions (core.issueCredentials) the way its login views do; Basic is
// built here from the password the page knows, exactly as curl -u would.
export const mechanisms = [
  { id: 'none', label: 'No credentials' },
  { id: 'token', label: 'Token (DRF)' },
  { id: 'bearer', label: 'Bearer JWT' },
  { id: 'session', label: 'Session cookie' },
  { id: 'basic', label: 'Basic' },
];
export const mechanismLabel = (id) => mechanisms.find((m) => m.id === id)?.label ?? id;

// Whether a mechanism travels in the cookie jar (the default for "send the jar").
export const usesJar = (mechanism) => mechanism === 'session';

export function basicHeader(username, password) {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

// → {headers: {name: value}, note} for `username` with `mechanism`, issued by `core` (the
// learner's, or a copy for what-ifs). Session cookies land in that core's jar.
export async function credentialsFor(core, { username, mechanism, password }) {
  switch (mechanism) {
    case 'token':
    case 'bearer': {
      const issued = await core.issueCredentials(username, mechanism);
      return { headers: { Authorization: issued.header }, note: `${username}'s ${mechanismLabel(mechanism)}, issued by the core` };
    }
    case 'session': {
      await core.issueCredentials(username, 'session');
      const jar = await core.cookies();
      // What a browser app does (axios, fetch wrappers): echo the csrftoken cookie in X-CSRFToken.
      const headers = jar.csrftoken ? { 'X-CSRFToken': jar.csrftoken } : {};
      return { headers, note: `${username} logged in: sessionid and csrftoken are in the cookie jar` };
    }
    case 'basic':
      if (password === null || password === undefined) {
        throw new Error(`The page does not know ${username}'s password: set one in the admin (Users → ${username}).`);
      }
      return { headers: { Authorization: basicHeader(username, password) }, note: `${username}:${password}, base64-encoded` };
    default:
      return { headers: {}, note: 'no credentials' };
  }
}

// The Cookie header a request carries: the learner's own if typed, else the jar's (or none).
export function cookieHeader(jar, sendJar) {
  if (!sendJar) return '';
  return Object.entries(jar).map(([name, value]) => `${name}=${value}`).join('; ');
}

// Completes a request: typed headers, credentials, the Cookie header (always explicit, so the
// request can be replayed and shown exactly; an empty one means "no cookies").
export function completeRequest({ method, path, headers, type, body }, credentials, cookie) {
  const all = {};
  for (const [name, value] of headers) if (name.trim()) all[name.trim()] = value;
  if (body !== '' && type && !hasHeader(all, 'Content-Type')) all['Content-Type'] = type;
  for (const [name, value] of Object.entries(credentials.headers)) if (!hasHeader(all, name)) all[name] = value;
  if (!hasHeader(all, 'Cookie')) all.Cookie = cookie;
  const request = { method, path, headers: all };
  if (body !== '') request.body = body;
  return request;
}

export function hasHeader(headers, name) {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}
