/// <reference types="vite/client" />
/**
 * A page that runs the fake Kong itself: the core from the sources, behind msw's service worker,
 * answering `fetch` calls to `<this origin>/kong-admin`. `?version=2.8` emulates Kong 2.8.
 * Its button drives the Admin API as an app would and shows what Kong answers.
 */
import { setupWorker } from 'msw/browser';
import { createMock } from '../../src/admin/mock.ts';
import { createHandlers } from '../../src/http/msw.ts';
import certificate from '../../fixtures/certs/rsa.crt?raw';
import certificateKey from '../../fixtures/certs/rsa.key?raw';

const BASE = `${location.origin}/kong-admin`;
const version = new URLSearchParams(location.search).get('version') === '2.8' ? '2.8' : '3.9';

const element = (id: string): HTMLElement => document.getElementById(id)!;

async function kong(method: string, path: string, json?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: json === undefined ? {} : { 'Content-Type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

function list(id: string, items: string[]): void {
  element(id).replaceChildren(...items.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}

async function demo(): Promise<void> {
  const service = await kong('POST', '/services', { name: 'billing', url: 'http://billing.internal:8080/v1' });
  await kong('POST', '/services/billing/routes', { name: 'billing-api', paths: ['/billing'] });
  await kong('POST', '/certificates', { cert: certificate, key: certificateKey, snis: ['billing.example.test'] });
  await kong('POST', '/consumers', { username: 'ann' });
  await kong('POST', '/consumers/ann/key-auth', { key: 'ann-secret-key' });

  const services = (await kong('GET', '/services')).body.data;
  list('services', services.map((s: any) => `${s.name} ${s.protocol}://${s.host}:${s.port}${s.path}`));
  const routes = (await kong('GET', '/services/billing/routes')).body.data;
  list('routes', routes.map((r: any) => `${r.name} ${r.paths.join(' ')} → ${r.service.id === service.body.id ? 'billing' : r.service.id}`));
  const certificates = (await kong('GET', '/certificates')).body.data;
  list('certificates', certificates.map((c: any) => `SNIs: ${c.snis.join(', ')}`));
  const keys = (await kong('GET', '/consumers/ann/key-auth')).body.data;
  list('credentials', keys.map((k: any) => `ann: ${k.key}`));

  const duplicate = await kong('POST', '/services', { name: 'billing', host: 'other.internal' });
  element('duplicate').textContent = `${duplicate.status} ${JSON.stringify(duplicate.body)}`;
}

async function start(): Promise<void> {
  const started = performance.now();
  const mock = await createMock({ version });
  const worker = setupWorker(...createHandlers(mock, { baseUrl: BASE }));
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  element('status').textContent = `Kong ${mock.version} mock ready (${Math.round(performance.now() - started)} ms)`;
  const button = element('demo') as HTMLButtonElement;
  button.disabled = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    demo().then(
      () => (element('status').textContent = 'done'),
      (error: unknown) => (element('status').textContent = `failed: ${String(error)}`),
    );
  });
  document.body.dataset.ready = 'true';
}

start().catch((error: unknown) => {
  element('status').textContent = `failed: ${String(error)}`;
});
