// The views as ARIA tabs: click or arrow keys (Home/End too) to switch; the choice is kept in
// the session so a reload shows the same view.
import { byId } from './dom.js';

const storageKey = 'authlab.tab';

export function setUpTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const show = (name, focus = false) => {
    for (const tab of tabs) {
      const selected = tab.id === `tab-${name}`;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      byId(tab.getAttribute('aria-controls')).hidden = !selected;
      if (selected && focus) tab.focus();
    }
    try { sessionStorage.setItem(storageKey, name); } catch { /* storage disabled */ }
  };
  const nameOf = (tab) => tab.id.replace(/^tab-/, '');
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => show(nameOf(tab)));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: tabs.length - 1 - index }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      show(nameOf(tabs[(index + step + tabs.length) % tabs.length]), true);
    });
  });
  let saved = null;
  try { saved = sessionStorage.getItem(storageKey); } catch { /* storage disabled */ }
  if (saved && tabs.some((t) => nameOf(t) === saved)) show(saved);
  return show;
}
