// Why a file is not a world, said in a learner's words before the core is asked: it is not
// text (a picture, a zip), it is empty, or its JSON is broken at a line and column. The core
// still validates a file that is good JSON (its messages name the field at fault).
export async function fileProblem(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) return `${file.name} is empty. A world is the .json file that Export JSON saves.`;
  let text;
  try {
    if (bytes.includes(0)) throw new Error('binary');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `${file.name} is not a text file (it looks like a picture, an archive or another binary file). A world is the .json file that Export JSON saves.`;
  }
  return jsonProblem(text, file.name);
}

// Where JSON text breaks, as "line L, column C", with the few characters there.
export function jsonProblem(text, name = 'The text') {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = String(error.message);
    const at = /position (\d+)/.exec(message);
    const position = at ? Number(at[1]) : text.length;
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    const near = text.slice(Math.max(0, position - 12), position + 12).replace(/\s+/g, ' ').trim();
    const what = /end of (JSON )?input|Unterminated/i.test(message) || !at
      ? 'it stops before the JSON is complete (a closing } or ] or " is missing)'
      : 'the JSON is broken here (look for a missing comma, quote or bracket, or a stray character)';
    return `${name} is not valid JSON: at line ${line}, column ${column}${near ? ` (near “${near}”)` : ''}, ${what}.`;
  }
}
