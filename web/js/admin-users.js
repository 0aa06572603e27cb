// Users in the admin: the list, and a change form like Django's: username, email, the stored
// password hash (and a form to set a new one), the three flags, groups and direct permissions
// with the two-list picker. Create and delete too.
import { el, replace } from './dom.js';
import { pagedTable } from './paged-table.js';
import { permissionItems, twoListPicker } from './perm-picker.js';

const flags = [
  ['is_active', 'user-active', 'Active', 'Designates whether this user should be treated as active. Unselect this instead of deleting accounts.'],
  ['is_staff', 'user-staff', 'Staff status', 'Designates whether the user can log into this admin site (and passes IsAdminUser).'],
  ['is_superuser', 'user-superuser', 'Superuser status', 'Designates that this user has all permissions without explicitly assigning them.'],
];
const yesNo = (value) => el('span', { class: value ? 'yes' : 'no' }, value ? '✓ Yes' : '✗ No');

export class UsersAdmin {
  constructor(shell) {
    this.shell = shell;
    this.lab = shell.lab;
  }

  list(onForm) {
    const edit = (user) => { onForm(); replace(this.shell.content, this.form(user)); };
    // The core filters and pages the users: a world of 10,000 is not copied to the page.
    const source = async (filter, offset, limit) => {
      const { users, total } = await this.lab.usersPage(filter, offset, limit);
      return { items: users, total };
    };
    return [
      el('div', { class: 'admin-head' }, el('h3', {}, 'Users'),
        el('button', { type: 'button', id: 'user-add', onclick: () => edit(null) }, 'Add user +')),
      pagedTable({ id: 'user-list', what: 'users', source,
        columns: ['Username', 'Email', 'Active', 'Staff status', 'Superuser', 'Groups'],
        text: (u) => `${u.username} ${u.email}`,
        row: (u) => el('tr', {},
          el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', onclick: () => edit(u) }, u.username)),
          el('td', {}, u.email),
          el('td', {}, yesNo(u.is_active)), el('td', {}, yesNo(u.is_staff)), el('td', {}, yesNo(u.is_superuser)),
          el('td', {}, u.groups.join(', ') || '—')) }),
    ];
  }

  form(user) {
    const snapshot = this.lab.snapshot;
    const input = (id, value, attributes = {}) => el('input', { id, type: 'text', value, autocomplete: 'off', spellcheck: 'false', ...attributes });
    const username = input('user-username', user?.username ?? '', { required: true, 'aria-describedby': 'user-username-help' });
    const email = input('user-email', user?.email ?? '', { type: 'email' });
    const password = user ? null : input('user-password', '', { 'aria-describedby': 'user-password-help' });
    const checks = Object.fromEntries(flags.map(([key, id]) =>
      [key, el('input', { id, type: 'checkbox', checked: user ? user[key] : key === 'is_active', 'aria-describedby': `${id}-help` })]));
    const groups = twoListPicker({ id: 'user-groups', legend: 'Groups',
      items: snapshot.groups.map((g) => ({ value: g.name, label: g.name })), chosen: user?.groups ?? [] });
    const permissions = twoListPicker({ id: 'user-perms', legend: 'User permissions',
      items: permissionItems(snapshot.permissions), chosen: user?.permissions ?? [] });
    const error = el('p', { class: 'field-error', id: 'user-error', role: 'alert' });

    const save = async (event) => {
      event.preventDefault();
      const fields = {
        username: username.value.trim(), email: email.value.trim(),
        ...Object.fromEntries(flags.map(([key]) => [key, checks[key].checked])),
        groups: groups.chosen(), permissions: permissions.chosen(),
      };
      const command = user ? { op: 'edit_user', id: user.id, ...fields }
        : { op: 'create_user', ...fields, password: password.value === '' ? null : password.value };
      const verb = user ? 'changed' : 'added';
      const answer = await this.lab.admin(command, `The user “${fields.username}” was ${verb} successfully.`);
      if (answer.error) {
        error.textContent = answer.error;
        return;
      }
      if (!user && password.value !== '') this.lab.rememberPassword(fields.username, password.value);
      if (user && fields.username !== user.username && this.lab.passwordFor(user.username) !== null) {
        this.lab.rememberPassword(fields.username, this.lab.passwordFor(user.username));
      }
      await this.lab.refresh();
      this.shell.done(`The user “${fields.username}” was ${verb} successfully.`);
    };
    const remove = async () => {
      const answer = await this.lab.admin({ op: 'delete_user', id: user.id }, `The user “${user.username}” was deleted (Undo brings it back).`);
      if (answer.error) error.textContent = answer.error;
      else this.shell.done(`The user “${user.username}” was deleted, with their token, sessions and orders.`);
    };

    return el('form', { class: 'admin-form', id: 'user-form', onsubmit: save },
      el('h3', {}, user ? `Change user: ${user.username}` : 'Add user'),
      el('div', { class: 'field' }, el('label', { for: 'user-username' }, 'Username'), username,
        el('p', { class: 'hint', id: 'user-username-help' }, '150 characters or fewer. Letters, digits and @/./+/-/_ only.')),
      user ? this.passwordSection(user) : el('div', { class: 'field' }, el('label', { for: 'user-password' }, 'Password'), password,
        el('p', { class: 'hint', id: 'user-password-help' }, 'Stored as an Argon2 hash (hashing takes a moment). Leave empty for an unusable password.')),
      el('div', { class: 'field' }, el('label', { for: 'user-email' }, 'Email address'), email),
      el('fieldset', { class: 'flags' }, el('legend', {}, 'Permissions'),
        flags.map(([key, id, label, help]) => el('div', { class: 'check' }, checks[key],
          el('label', { for: id }, label), el('p', { class: 'hint', id: `${id}-help` }, help)))),
      groups.element,
      permissions.element,
      user ? el('p', { class: 'hint' }, 'All permissions (own and through groups): ',
        (user.all_permissions ?? []).join(', ') || 'none') : null,
      error,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'primary', id: 'user-save' }, 'Save'),
        user ? el('button', { type: 'button', class: 'danger', id: 'user-delete', onclick: remove }, 'Delete') : null,
        el('button', { type: 'button', onclick: () => this.shell.open('users') }, 'Back to users')));
  }

  // Django shows the stored hash, never the password; setting one is a separate form.
  passwordSection(user) {
    const fresh = el('input', { id: 'user-new-password', type: 'text', autocomplete: 'off', spellcheck: 'false' });
    const status = el('p', { class: 'hint', id: 'user-password-status', role: 'status' });
    const set = async (value) => {
      const answer = await this.lab.admin({ op: 'set_password', id: user.id, password: value },
        value === null ? `${user.username}'s password is now unusable.` : `${user.username}'s password was changed.`);
      if (answer.error) {
        status.textContent = answer.error;
        return;
      }
      if (value !== null) this.lab.rememberPassword(user.username, value);
      else delete this.lab.notes.passwords[user.username];
      await this.lab.refresh();
      status.textContent = value === null ? 'The password is now unusable.' : 'Password changed: the new hash is stored; sessions made with the old one end.';
      const current = await this.lab.user(user.username);
      if (current) hash.textContent = current.password;
    };
    const hash = el('code', { class: 'hash', id: 'user-hash' }, user.password);
    const known = this.lab.passwordFor(user.username);
    return el('fieldset', { class: 'password' }, el('legend', {}, 'Password'),
      el('p', {}, 'Stored: ', hash),
      el('p', { class: 'hint' }, known === null ? 'The page does not know this password (Basic and the login form need it).'
        : `The page remembers it as “${known}” (the server only has the hash).`),
      el('div', { class: 'request-line' },
        el('div', { class: 'field' }, el('label', { for: 'user-new-password' }, 'New password'), fresh),
        el('div', { class: 'field end' },
          el('button', { type: 'button', id: 'user-set-password', onclick: () => set(fresh.value) }, 'Set password'))),
      el('button', { type: 'button', class: 'small', onclick: () => set(null) }, 'Make the password unusable'),
      status);
  }
}
