// The lessons shipped with the page (web/lessons/), as their JSON texts in teaching order:
// fetched through lessons/index.json, or, in the offline single file, the texts its build
// embedded in globalThis.AUTHLAB_EMBEDDED_LESSONS. The core validates each text
// (lab.parseLesson) before the page uses it.
export async function loadShippedLessons() {
  if (Array.isArray(globalThis.AUTHLAB_EMBEDDED_LESSONS)) return globalThis.AUTHLAB_EMBEDDED_LESSONS;
  const index = await fetchText(new URL('../lessons/index.json', import.meta.url));
  const entries = JSON.parse(index);
  return Promise.all(entries.map((entry) => fetchText(new URL(`../lessons/${entry.file}`, import.meta.url))));
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return response.text();
}
