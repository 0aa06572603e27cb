// A guided step's prefill and "Show me": a scenario request (method, path, headers,
// json | form | body) as the console's draft. The jar goes with it unless it names its own
// Cookie, as in a scenario.
export function draftFrom(request) {
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => [name, String(value)]);
  const named = (wanted) => headers.find(([name]) => name.toLowerCase() === wanted);
  let type = 'application/json';
  let body = '';
  if (request.json !== undefined) body = JSON.stringify(request.json, null, 2);
  else if (request.form !== undefined) {
    type = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(Object.entries(request.form).map(([k, v]) => [k, String(v)])).toString();
  } else if (typeof request.body === 'string') {
    body = request.body;
    type = named('content-type') ? named('content-type')[1] : '';
  }
  return {
    method: request.method, path: request.path, type, body, mechanism: 'none', sendJar: !named('cookie'),
    headers: headers.filter(([name]) => name.toLowerCase() !== 'content-type' || body === ''),
  };
}

