// "Check progress files", for a teacher: the progress files a class handed in, dropped or
// chosen, are replayed by the core in the worker (lab.verifyProgress, against the shipped
// lessons' texts; a teacher's own lesson travels inside the file) and shown as a grid, learner
// × lesson: "8/8 ✓", "5/8", or "✗ not verified" with the reasons. "Download CSV" saves the
// core's report. Every name and text from a file is drawn as text.
import { announce } from './announce.js';
import { el, replace } from './dom.js';
import { download } from './restore.js';

const shownProblems = 3;

function cell(rows) {
  return el('td', {}, rows.map((row) => {
    if (!row.ok) {
      const problems = row.problems?.length ? row.problems : ['a claim does not match what the learner did'];
      return el('span', { class: 'progress-cell bad', title: problems.join('\n'), dataset: { ok: 'false' } }, '✗ not verified');
    }
    // The steps the replay reached, of the lesson's: "5/8"; "8/8 ✓" when all of them.
    const text = `${row.verified}/${row.steps}`;
    const complete = row.steps > 0 && row.verified === row.steps;
    const details = `${row.claimed} claimed; hints ${row.hints}, solutions ${row.solutions}, predictions right ${row.predictions_right} of ${row.predictions}, ${row.minutes} min`;
    return el('span', { class: `progress-cell${complete ? ' complete' : ''}`, title: details, dataset: { ok: 'true' } },
      complete ? `${text} ✓` : text);
  }));
}

export class ProgressCheck {
  constructor(root, { rpc, picker }) {
    Object.assign(this, { rpc, picker });
    this.input = el('input', { type: 'file', id: 'progress-files', multiple: true, accept: 'application/json,.json',
      onchange: () => { this.check([...this.input.files]); this.input.value = ''; } });
    this.status = el('p', { id: 'progress-status', class: 'hint', role: 'status' });
    this.errors = el('ul', { id: 'progress-errors', class: 'lesson-problems' });
    this.grid = el('div', { id: 'progress-grid', class: 'progress-grid' });
    this.problems = el('ul', { id: 'progress-problems', class: 'progress-problems' });
    this.csvButton = el('button', { type: 'button', id: 'progress-csv', hidden: true, onclick: () => download(this.csv, 'authlab-progress-report.csv') }, 'Download CSV');
    const drop = el('div', { class: 'progress-drop', id: 'progress-drop',
      ondragover: (event) => { event.preventDefault(); drop.classList.add('over'); },
      ondragleave: () => drop.classList.remove('over'),
      ondrop: (event) => { event.preventDefault(); drop.classList.remove('over'); this.check([...event.dataTransfer.files]); } },
    el('label', { for: 'progress-files' }, 'Drop the progress files here, or choose them: '), this.input);
    root.append(el('details', { class: 'teacher-progress', id: 'teacher-progress' },
      el('summary', {}, 'Check progress files (for teachers)'),
      el('p', { class: 'hint' }, 'The authlab-progress.json files your class handed in. Each claim is replayed from what the learner really did; one that does not match is not verified.'),
      drop, this.status, this.errors, this.grid, this.problems, el('div', { class: 'actions' }, this.csvButton)));
  }

  // One file a call: a replay redoes each learner's logins with Argon2 at Django's cost, so a
  // whole class in one call could run past any deadline; one learner's file stays well within
  // it, and the grid fills in as the files are replayed.
  async check(files) {
    if (!files.length) return;
    await this.picker.loadShipped();
    const answer = { rows: [], csv: '', errors: [] };
    for (const [index, file] of files.entries()) {
      replace(this.status, `Replaying file ${index + 1} of ${files.length}: ${file.name}…`);
      try {
        // The file goes to the worker as it is: it reads it, off the page's thread.
        const one = await this.rpc.call(undefined, 'verifyProgress', [[{ name: file.name, file }], this.picker.shippedTexts],
          'Replaying the progress files…', 120_000);
        answer.rows.push(...one.rows);
        answer.errors.push(...one.errors);
        answer.csv = answer.csv ? answer.csv + one.csv.slice(one.csv.indexOf('\r\n') + 2) : one.csv;
      } catch (error) {
        answer.errors.push({ file: file.name, error: error.message });
      }
    }
    this.show(answer);
  }

  show({ rows = [], csv = '', errors = [] }) {
    this.csv = csv;
    this.csvButton.hidden = rows.length === 0;
    replace(this.errors, errors.map(({ file, error }) => el('li', {}, file ? `${file}: ${error}` : error)));
    const learners = [...new Set(rows.map((row) => row.learner))];
    const lessons = [...new Set(rows.map((row) => row.lesson))];
    const at = (learner, lesson) => rows.filter((row) => row.learner === learner && row.lesson === lesson);
    replace(this.grid, rows.length ? el('table', { class: 'progress-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Learner'), lessons.map((lesson) => el('th', { scope: 'col' }, lesson)))),
      el('tbody', {}, learners.map((learner) => el('tr', {}, el('th', { scope: 'row' }, learner),
        lessons.map((lesson) => cell(at(learner, lesson))))))) : null);
    const refused = rows.filter((row) => !row.ok);
    // The first few reasons a row is refused (one edit usually upsets every step after it).
    replace(this.problems, refused.flatMap((row) => {
      const problems = row.problems?.length ? row.problems : ['not verified'];
      const more = problems.length - shownProblems;
      return [...problems.slice(0, shownProblems), ...(more > 0 ? [`… and ${more} more (the CSV has them all)`] : [])]
        .map((problem) => el('li', {}, el('strong', {}, `${row.learner}, ${row.lesson}: `), problem));
    }));
    const verified = rows.length - refused.length;
    const said = `${rows.length} lesson${rows.length === 1 ? '' : 's'} checked: ${verified} verified, ${refused.length} not`
      + `${errors.length ? `; ${errors.length} file${errors.length === 1 ? '' : 's'} could not be read` : ''}.`;
    replace(this.status, said);
    announce(said);
  }
}
