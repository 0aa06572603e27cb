// Each view's policy, as DRF's authentication_classes and permission_classes: the global
// authenticator list, and per view its own list (or the global one) and its permission
// expressions ("IsAdminUser | IsInGroup:Manager"). The core checks them; its message for a
// bad expression is shown next to the Save button.
import { el } from './dom.js';
import { orderedList } from './ordered-list.js';

const viewRoutes = {
  books: '/api/books/ and /api/books/<id>/',
  orders: '/api/orders/',
  manager_users: '/api/groups/manager/users/ and …/<id>/',
};

export class PoliciesAdmin {
  constructor(shell) {
    this.shell = shell;
    this.lab = shell.lab;
  }

  list() {
    const { policies, authentication_classes: authClasses, policy_views: views, groups } = this.lab.snapshot;
    // IsInGroup takes a group's name: suggest it for each group there is.
    const permClasses = this.lab.snapshot.permission_classes.flatMap((name) =>
      (name === 'IsInGroup' ? groups.map((g) => `IsInGroup:${g.name}`) : [name]));
    const global = orderedList({ id: 'policy-authentication', label: 'Global authentication class', items: policies.authentication, choices: authClasses });
    const perView = views.map((view) => {
      const policy = policies[view] ?? {};
      const own = el('input', { type: 'checkbox', id: `policy-${view}-own`, checked: Array.isArray(policy.authentication) });
      const auth = orderedList({ id: `policy-${view}-authentication`, label: `${view} authentication class`,
        items: policy.authentication ?? policies.authentication, choices: authClasses });
      const perms = orderedList({ id: `policy-${view}-permissions`, label: `${view} permission class`,
        items: policy.permissions ?? [], choices: permClasses, typed: true });
      const toggle = () => { auth.element.hidden = !own.checked; };
      own.addEventListener('change', toggle);
      toggle();
      const element = el('fieldset', { class: 'policy', id: `policy-${view}` },
        el('legend', {}, view, el('span', { class: 'route' }, ` — ${viewRoutes[view] ?? ''}`)),
        el('h4', {}, 'authentication_classes'),
        el('div', { class: 'check' }, own, el('label', { for: own.id }, 'Its own list (otherwise the global one)')),
        auth.element,
        el('h4', {}, 'permission_classes'),
        el('p', { class: 'hint' }, 'All must pass, in order. Combine with &, | and ~ in one entry, e.g. IsAdminUser | IsInGroup:Manager.'),
        perms.element);
      return { view, own, auth, perms, element };
    });
    const error = el('p', { class: 'field-error', id: 'policies-error', role: 'alert', tabindex: '-1' });

    const save = async (event) => {
      event.preventDefault();
      error.textContent = '';
      const next = { authentication: global.values() };
      for (const { view, own, auth, perms } of perView) {
        next[view] = { permissions: perms.values() };
        if (own.checked) next[view].authentication = auth.values();
      }
      const answer = await this.lab.admin({ op: 'set_policies', policies: next }, 'The view policies were changed successfully.');
      if (answer.error) {
        error.textContent = `Not saved: ${answer.error}`;
        error.focus();
      } else {
        this.shell.done('The view policies were changed successfully.');
      }
    };

    return el('form', { class: 'admin-form', id: 'policies-form', onsubmit: save },
      el('h3', {}, 'View policies'),
      el('fieldset', { class: 'policy' },
        el('legend', {}, 'DEFAULT_AUTHENTICATION_CLASSES'),
        el('p', { class: 'hint' }, 'Tried in order; the first that recognises credentials decides. The first one\'s challenge (WWW-Authenticate) makes a missing login 401 — or 403 when it has none (SessionAuthentication).'),
        global.element),
      perView.map((p) => p.element),
      error,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'policies-save' }, 'Save policies')));
  }
}
