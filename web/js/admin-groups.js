// Groups in the admin: the list, and a change form with the name and Django's two-list
// permission picker. Create, rename, delete.
import { el, replace } from './dom.js';
import { pagedTable } from './paged-table.js';
import { permissionItems, twoListPicker } from './perm-picker.js';

// The view holds a group's first members and how many there are; the list names the first 20.
const membersShown = 20;
function membersText({ members = [], member_count: count = members.length }) {
  if (!count) return '—';
  const shown = members.slice(0, membersShown);
  return shown.join(', ') + (count > shown.length ? ` and ${count - shown.length} more (${count} in all)` : '');
}

export class GroupsAdmin {
  constructor(shell) {
    this.shell = shell;
    this.lab = shell.lab;
  }

  list(onForm) {
    const groups = this.lab.snapshot?.groups ?? [];
    const edit = (group) => { onForm(); replace(this.shell.content, this.form(group)); };
    return [
      el('div', { class: 'admin-head' }, el('h3', {}, 'Groups'),
        el('button', { type: 'button', id: 'group-add', onclick: () => edit(null) }, 'Add group +')),
      pagedTable({ id: 'group-list', what: 'groups', items: groups, columns: ['Name', 'Members', 'Permissions'],
        text: (g) => g.name,
        row: (g) => el('tr', {},
          el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', onclick: () => edit(g) }, g.name)),
          el('td', {}, membersText(g)),
          el('td', {}, String(g.permissions.length))) }),
    ];
  }

  form(group) {
    const snapshot = this.lab.snapshot;
    const name = el('input', { id: 'group-name', type: 'text', value: group?.name ?? '', required: true,
      'aria-describedby': 'group-error', autocomplete: 'off' });
    const picker = twoListPicker({ id: 'group-perms', legend: 'Permissions', items: permissionItems(snapshot.permissions),
      chosen: group?.permissions ?? [] });
    const error = el('p', { class: 'field-error', id: 'group-error', role: 'alert' });
    const save = async (event) => {
      event.preventDefault();
      const newName = name.value.trim();
      if (!group && snapshot.groups.some((g) => g.name === newName)) {
        error.textContent = 'Group with this Name already exists.';
        return;
      }
      const commands = [];
      if (group && newName !== group.name) commands.push({ op: 'rename_group', id: group.id, name: newName });
      commands.push({ op: 'save_group', name: newName, permissions: picker.chosen() });
      const verb = group ? 'changed' : 'added';
      const answer = await this.lab.admin(commands, `The group “${newName}” was ${verb} successfully.`);
      if (answer.error) error.textContent = answer.error;
      else this.shell.done(`The group “${newName}” was ${verb} successfully.`);
    };
    const remove = async () => {
      const answer = await this.lab.admin({ op: 'delete_group', id: group.id }, `The group “${group.name}” was deleted (Undo brings it back).`);
      if (answer.error) error.textContent = answer.error;
      else this.shell.done(`The group “${group.name}” was deleted. Its members left it.`);
    };
    return el('form', { class: 'admin-form', id: 'group-form', onsubmit: save },
      el('h3', {}, group ? `Change group: ${group.name}` : 'Add group'),
      el('div', { class: 'field' }, el('label', { for: 'group-name' }, 'Name'), name),
      picker.element,
      error,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', id: 'group-save' }, 'Save'),
        group ? el('button', { type: 'button', class: 'danger', id: 'group-delete', onclick: remove }, 'Delete') : null,
        el('button', { type: 'button', onclick: () => this.shell.open('groups') }, 'Back to groups')));
  }
}
