// "Export my progress": the learner's name as typed (kept for next time) and every lesson's
// progress entry, made into authlab-progress.json by the core (lab.progressFile) and
// downloaded, to hand in to a teacher. The same control sits under Lessons and in the lesson
// panel (`prefix` keeps their ids apart).
import { announce } from './announce.js';
import { el } from './dom.js';
import { loadEntries, loadLearner, saveLearner } from './lesson-progress.js';
import { download } from './restore.js';

export const progressFileName = 'authlab-progress.json';

export class ProgressExport {
  constructor({ rpc, player }) {
    Object.assign(this, { rpc, player });
    this.nameInputs = [];
  }

  // The name as typed, kept for next time and shown in every copy of the control.
  keepName(name) {
    saveLearner(name);
    for (const input of this.nameInputs) input.value = name;
  }

  mount(root, prefix) {
    const name = el('input', { type: 'text', id: `${prefix}-learner`, value: loadLearner(), autocomplete: 'name', maxlength: '200', spellcheck: 'false',
      onchange: () => this.keepName(name.value.trim()) });
    this.nameInputs.push(name);
    const message = el('p', { class: 'hint progress-message', id: `${prefix}-message`, role: 'status' });
    root.append(el('div', { class: 'progress-export' },
      el('div', { class: 'field' }, el('label', { for: `${prefix}-learner` }, 'Your name, as your teacher knows you'), name),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: `${prefix}-export`, onclick: () => this.export(name, message) }, 'Export my progress')),
      message));
  }

  async export(nameInput, message) {
    const learner = nameInput.value.trim();
    const say = (text) => {
      message.textContent = text;
      announce(text);
    };
    if (!learner) {
      say('Type your name first: the file carries it for your teacher.');
      nameInput.focus();
      return;
    }
    this.keepName(learner);
    const entries = loadEntries();
    try {
      const open = await this.player.currentEntry();
      if (open) entries[this.player.lesson.id] = open;
    } catch (error) {
      say(`The lesson in progress could not be read: ${error.message}`);
      return;
    }
    const list = Object.values(entries);
    if (!list.length) {
      say('Nothing to export yet: start a lesson or a challenge first.');
      return;
    }
    let answer;
    try {
      answer = await this.rpc.call(undefined, 'progressFile', [learner, list], 'Writing your progress file…');
    } catch (error) {
      answer = { error: error.message };
    }
    if (answer.error) {
      say(`The progress file could not be made: ${answer.error}`);
      return;
    }
    download(answer.text, progressFileName);
    say(`Saved ${progressFileName} (${list.length} lesson${list.length === 1 ? '' : 's'}). Hand it in to your teacher.`);
  }
}
