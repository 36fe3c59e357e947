// A tiny admin GUI for the Kong Admin API, built with Vite. The Admin API address comes from
// ?admin=URL, else from VITE_KONG_ADMIN at build time, else Kong's default; every call is
// cross-origin, with credentials and JSON bodies, as real admin GUIs make them.
const admin = new URLSearchParams(location.search).get('admin') ?? import.meta.env.VITE_KONG_ADMIN ?? 'http://127.0.0.1:8001';
const $ = (selector) => document.querySelector(selector);

async function api(method, path, body) {
  const res = await fetch(admin + path, {
    method,
    credentials: 'include',
    headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text === '' ? null : JSON.parse(text);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${data?.message ?? ''}`);
  return data;
}

function status(text, isError = false) {
  $('#status').textContent = text;
  $('#status').className = isError ? 'error' : '';
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  row.append(td);
  return td;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', () => onClick().catch((e) => status(e.message, true)));
  return b;
}

function emptyRow(tbody, columns, text) {
  const tr = document.createElement('tr');
  const td = cell(tr, text);
  td.colSpan = columns;
  td.className = 'empty';
  tbody.append(tr);
}

async function refresh() {
  const [services, routes] = await Promise.all([api('GET', '/services'), api('GET', '/routes')]);
  const names = new Map(services.data.map((s) => [s.id, s.name ?? s.id]));
  const tbody = $('#services tbody');
  tbody.replaceChildren();
  const select = $('#new-route select');
  select.replaceChildren();
  for (const s of services.data) {
    const tr = document.createElement('tr');
    tr.dataset.name = s.name;
    cell(tr, s.name);
    cell(tr, s.host);
    cell(tr, String(s.port));
    cell(tr, s.path ?? '');
    const actions = cell(tr, '');
    actions.append(
      button('Edit', async () => {
        $('#edit-service').hidden = false;
        $('#edit-service [name=id]').value = s.id;
        $('#edit-service [name=host]').value = s.host;
        $('#edit-name').textContent = s.name;
      }),
      button('Delete', async () => {
        await api('DELETE', `/services/${encodeURIComponent(s.id)}`);
        await refresh();
        status(`Deleted service ${s.name}`);
      }),
    );
    tbody.append(tr);
    const option = document.createElement('option');
    option.value = s.id;
    option.textContent = s.name;
    select.append(option);
  }
  if (services.data.length === 0) emptyRow(tbody, 5, 'No services');

  const rbody = $('#routes tbody');
  rbody.replaceChildren();
  for (const r of routes.data) {
    const tr = document.createElement('tr');
    tr.dataset.name = r.name;
    cell(tr, r.name);
    cell(tr, (r.paths ?? []).join(', '));
    cell(tr, r.service ? names.get(r.service.id) : '');
    cell(tr, '').append(
      button('Delete', async () => {
        await api('DELETE', `/routes/${encodeURIComponent(r.id)}`);
        await refresh();
        status(`Deleted route ${r.name}`);
      }),
    );
    rbody.append(tr);
  }
  if (routes.data.length === 0) emptyRow(rbody, 4, 'No routes');
}

// The status line changes only once the tables show the result, so it says when the page is settled.
function onSubmit(selector, action) {
  $(selector).addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    action(Object.fromEntries(form.entries()))
      .then(async (done) => {
        event.target.reset();
        await refresh();
        status(done);
      })
      .catch((e) => status(e.message, true));
  });
}

onSubmit('#new-service', async ({ name, url }) => {
  const s = await api('POST', '/services', { name, url });
  return `Created service ${s.name}`;
});

onSubmit('#new-route', async ({ service, name, path }) => {
  const r = await api('POST', `/services/${encodeURIComponent(service)}/routes`, { name, paths: [path] });
  return `Created route ${r.name}`;
});

onSubmit('#edit-service', async ({ id, host }) => {
  const s = await api('PATCH', `/services/${encodeURIComponent(id)}`, { host });
  $('#edit-service').hidden = true;
  return `Updated service ${s.name}`;
});

api('GET', '/')
  .then((node) => {
    $('#node').textContent = `Kong ${node.version}`;
    return refresh();
  })
  .then(() => status('Ready'))
  .catch((e) => status(e.message, true));
