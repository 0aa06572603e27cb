// Each view's policy, as DRF's authentication_classes, permission_classes and
// throttle_classes: the global authenticator and throttle lists, and per view its own lists (or
// the global ones) and its permission expressions ("IsAdminUser | IsInGroup:Manager"). The core
// checks them; its message for a bad expression or rate is shown next to the Save button.
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
    // A throttle is a class and DRF's rate ("AnonRateThrottle:5/min"): suggest two rates each.
    const throttleChoices = (this.lab.snapshot.throttle_classes ?? []).flatMap((name) => [`${name}:5/min`, `${name}:100/day`]);
    const globalThrottle = orderedList({ id: 'policy-throttle', label: 'Global throttle', items: policies.throttle ?? [],
      choices: throttleChoices, typed: true, addLabel: 'Add a throttle' });
    const perView = views.map((view) => {
      const policy = policies[view] ?? {};
      const own = el('input', { type: 'checkbox', id: `policy-${view}-own`, checked: Array.isArray(policy.authentication) });
      const auth = orderedList({ id: `policy-${view}-authentication`, label: `${view} authentication class`,
        items: policy.authentication ?? policies.authentication, choices: authClasses });
      const perms = orderedList({ id: `policy-${view}-permissions`, label: `${view} permission class`,
        items: policy.permissions ?? [], choices: permClasses, typed: true });
      const ownThrottle = el('input', { type: 'checkbox', id: `policy-${view}-own-throttle`, checked: Array.isArray(policy.throttle) });
      const throttle = orderedList({ id: `policy-${view}-throttle`, label: `${view} throttle`,
        items: policy.throttle ?? policies.throttle ?? [], choices: throttleChoices, typed: true, addLabel: 'Add a throttle' });
      const toggle = () => {
        auth.element.hidden = !own.checked;
        throttle.element.hidden = !ownThrottle.checked;
      };
      own.addEventListener('change', toggle);
      ownThrottle.addEventListener('change', toggle);
      toggle();
      const element = el('fieldset', { class: 'policy', id: `policy-${view}` },
        el('legend', {}, view, el('span', { class: 'route' }, ` — ${viewRoutes[view] ?? ''}`)),
        el('h4', {}, 'authentication_classes'),
        el('div', { class: 'check' }, own, el('label', { for: own.id }, 'Its own list (otherwise the global one)')),
        auth.element,
        el('h4', {}, 'permission_classes'),
        el('p', { class: 'hint' }, 'All must pass, in order. Combine with &, | and ~ in one entry, e.g. IsAdminUser | IsInGroup:Manager.'),
        perms.element,
        el('h4', {}, 'throttle_classes'),
        el('div', { class: 'check' }, ownThrottle, el('label', { for: ownThrottle.id }, 'Its own list (otherwise the global one)')),
        throttle.element);
      return { view, own, auth, perms, ownThrottle, throttle, element };
    });
    const error = el('p', { class: 'field-error', id: 'policies-error', role: 'alert', tabindex: '-1' });

    const save = async (event) => {
      event.preventDefault();
      error.textContent = '';
      const next = { authentication: global.values(), throttle: globalThrottle.values() };
      for (const { view, own, auth, perms, ownThrottle, throttle } of perView) {
        next[view] = { permissions: perms.values() };
        if (own.checked) next[view].authentication = auth.values();
        if (ownThrottle.checked) next[view].throttle = throttle.values();
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
      el('fieldset', { class: 'policy' },
        el('legend', {}, 'DEFAULT_THROTTLE_CLASSES'),
        el('p', { class: 'hint' }, 'Checked after permissions. AnonRateThrottle counts anonymous requests by address (X-Forwarded-For when sent, which anyone can forge); UserRateThrottle counts by user. Rates like 5/min, 100/day; views share each scope\'s count.'),
        globalThrottle.element),
      perView.map((p) => p.element),
      error,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'policies-save' }, 'Save policies')));
  }
}
