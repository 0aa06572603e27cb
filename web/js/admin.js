// The admin, modelled on Django's: a sidebar of sections (groups, users, the views' policies),
// a list per section and a change form per item. After a save it returns to the list with a
// message, as Django's admin does.
import { el, replace } from './dom.js';
import { GroupsAdmin } from './admin-groups.js';
import { PoliciesAdmin } from './admin-policies.js';
import { UsersAdmin } from './admin-users.js';

export class Admin {
  constructor(root, lab) {
    this.lab = lab;
    this.content = el('div', { class: 'admin-content', id: 'admin-content' });
    this.message = el('p', { class: 'admin-message', id: 'admin-message', role: 'status' });
    const shell = { lab, content: this.content, done: (text) => this.done(text), open: (name) => this.open(name) };
    this.sections = { groups: new GroupsAdmin(shell), users: new UsersAdmin(shell), policies: new PoliciesAdmin(shell) };
    this.links = {};
    const link = (name, text) => {
      this.links[name] = el('button', { type: 'button', class: 'link', id: `admin-${name}`, onclick: () => this.open(name) }, text);
      return el('li', {}, this.links[name]);
    };
    root.append(el('div', { class: 'admin-layout' },
      el('nav', { class: 'admin-nav', 'aria-label': 'Admin sections' },
        el('h3', {}, 'Authentication and Authorization'),
        el('ul', {}, link('groups', 'Groups'), link('users', 'Users')),
        el('h3', {}, 'API'),
        el('ul', {}, link('policies', 'View policies'))),
      el('div', { class: 'admin-main' }, this.message, this.content)));
    this.current = 'users';
    // A list shown while the world changes elsewhere is redrawn; an open form is left alone.
    lab.addEventListener('change', () => { if (this.showingList) this.open(this.current, { keepMessage: true }); });
  }

  open(name, { keepMessage = false } = {}) {
    this.current = name;
    if (!keepMessage) this.message.textContent = '';
    for (const [key, button] of Object.entries(this.links)) {
      if (key === name) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    }
    this.showingList = name !== 'policies';
    replace(this.content, this.sections[name].list(() => { this.showingList = false; }));
  }

  done(text) {
    this.open(this.current);
    this.message.textContent = text;
  }
}
