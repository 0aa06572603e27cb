// What the busy indicator says while the core works, and how long a call may take before the
// page calls the core stuck (rpc.js). Argon2 is slow on purpose, so calls that check or make a
// password hash say so. Work that grows with the world (the matrix, an import, why-not's copies)
// takes seconds for 10,000 users on a busy machine: it gets a longer deadline, not a restart.
const hashing = 'Hashing a password with Argon2 (slow on purpose, so guessing is slow too)…';
const loginPaths = /^\/(auth\/token\/login|api\/token|api-auth\/login|auth\/users)\/?$/;

function carriesBasic(request) {
  return Object.entries(request.headers ?? {}).some(([name, value]) =>
    name.toLowerCase() === 'authorization' && /^\s*basic\s/i.test(value));
}

export function labelFor(method, args) {
  const [first] = args;
  switch (method) {
    case 'handle':
    case 'whyNot': {
      const request = first ?? {};
      if ((request.method === 'POST' && loginPaths.test(request.path ?? '')) || carriesBasic(request)) return hashing;
      return method === 'whyNot' ? 'Trying changes on copies of the world…' : `Sending ${request.method} ${request.path}…`;
    }
    case 'admin':
      return first?.op === 'create_user' || first?.op === 'set_password' ? hashing : 'Saving…';
    case 'hashPassword':
    case 'checkPassword':
      return hashing;
    case 'matrix':
      return 'Computing the outcome matrix…';
    default:
      return undefined;
  }
}

const scaleDeadlineMs = 120_000;
const growsWithTheWorld = new Set(['matrix', 'importWorld', 'whyNot']);

export function deadlineFor(method) {
  return growsWithTheWorld.has(method) ? scaleDeadlineMs : undefined;
}
