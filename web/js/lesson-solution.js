// A challenge step's solution ("I give up") as readable text: each action on its own line —
// a request's method and path, its headers and body; an admin change's op and its fields; a
// token made in the JWT attack lab; a clock move. Only text nodes: a teacher's lesson is
// untrusted.
import { el } from './dom.js';

function requestLines(request) {
  const lines = [`${request.method} ${request.path}`];
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
  if (request.json !== undefined) lines.push('', JSON.stringify(request.json, null, 2));
  else if (request.form !== undefined) lines.push('', new URLSearchParams(Object.entries(request.form).map(([k, v]) => [k, String(v)])).toString());
  else if (typeof request.body === 'string') lines.push('', request.body);
  return lines.join('\n');
}

const fieldText = (value) => (Array.isArray(value) ? (value.length ? value.join(', ') : '(none)')
  : value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));

function adminLines(command) {
  const fields = Object.entries(command).filter(([key]) => key !== 'op');
  return [`Admin: ${command.op}`, ...fields.map(([key, value]) => `  ${key}: ${fieldText(value)}`)].join('\n');
}

// One <li> per action, as <pre> text.
export function solutionList(solution = []) {
  return el('ol', { class: 'lesson-solution-steps' }, solution.map((action) => {
    let text;
    const captures = Object.entries(action.capture ?? {}).map(([name, path]) => `(keep ${path} of the answer as \${${name}})`);
    if (action.request) text = [requestLines(action.request), ...captures].join('\n');
    else if (action.forge_jwt) {
      text = ['In the JWT attack lab (Tokens & cookies), signed with the lab\'s SECRET_KEY:',
        `  header: ${JSON.stringify(action.forge_jwt.header)}`, `  payload: ${JSON.stringify(action.forge_jwt.payload)}`, ...captures].join('\n');
    } else if (action.admin) text = adminLines(action.admin);
    else if (action.advance !== undefined) text = `Move the clock ${action.advance} s on`;
    else text = JSON.stringify(action);
    return el('li', {}, el('pre', { class: 'body' }, text));
  }));
}
