// Taking the world to a real Django project and back: "Export for Django" downloads the
// fixture (manage.py loaddata) and the policies' Python; "Import Django fixture" merges a
// project's dumpdata into the world (undoable) and shows the core's report as text.
import { announce } from './announce.js';
import { byId } from './dom.js';

function download(name, text, type) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function setUpDjangoTools(lab, guarded, say) {
  const report = byId('django-report');
  const showReport = (lines) => {
    report.textContent = lines.join('\n');
    report.hidden = lines.length === 0;
  };

  byId('export-django').addEventListener('click', guarded(async () => {
    const { fixture, code } = await lab.core.exportDjango();
    download('authlab-fixture.json', fixture, 'application/json');
    download('authlab_policies.py', code, 'text/x-python');
    showReport([]);
    announce('Exported authlab-fixture.json (manage.py loaddata authlab-fixture.json) and authlab_policies.py.');
  }));

  const input = byId('import-django');
  input.addEventListener('change', guarded(async () => {
    const file = input.files[0];
    input.value = '';
    showReport([]);
    if (!file) return;
    const answer = await lab.importDjangoFixture(await file.text(), `Imported the Django fixture ${file.name}`);
    if (answer.error) say(`This file is not a fixture the lab can import: ${answer.error}`);
    else showReport(answer.report);
  }));
}
