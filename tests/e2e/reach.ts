// Helpers for the tests of offline use and of the one-file version: a static server of the test's own
// (to stop it, or to swap the build it serves), the built dist/, and the first visit.
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, mkdirSync, symlinkSync, renameSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, Page } from '@playwright/test';
import { appPath } from './playwright.config';

/** The dist/ under test: scripts/test-e2e.sh links it at $E2E_ROOT/tools/zrz. */
export function distDir(): string {
  const root = process.env.E2E_ROOT;
  if (!root) throw new Error('E2E_ROOT is not set: run the tests with scripts/test-e2e.sh');
  return realpathSync(join(root, 'tools', 'zrz'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** `python3 -m http.server` serving a folder at /tools/zrz/, as an intranet host would. */
export class StaticServer {
  private process?: ChildProcess;
  private blackHole?: { server: Server; sockets: Set<Socket> };
  private constructor(readonly root: string, readonly port: number) {}

  get origin() { return `http://127.0.0.1:${this.port}`; }
  get url() { return `${this.origin}${appPath}`; }

  static async start(folder: string): Promise<StaticServer> {
    const root = mkdtempSync(join(tmpdir(), 'zrz-e2e-'));
    mkdirSync(join(root, 'tools'));
    symlinkSync(folder, join(root, 'tools', 'zrz'));
    const server = new StaticServer(root, await freePort());
    await server.resume();
    return server;
  }

  /** Starts serving (again). */
  async resume() {
    this.process = spawn('python3', ['-m', 'http.server', String(this.port), '--bind', '127.0.0.1', '--directory', this.root], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${this.url}index.html`)).ok) return;
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server on port ${this.port} did not start`);
  }

  /** Stops the server: the port refuses connections, as when the intranet host is down. */
  async stop() {
    if (this.blackHole) {
      const { server, sockets } = this.blackHole;
      this.blackHole = undefined;
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => server.close(r));
    }
    const p = this.process;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill();
    await exited;
  }

  /** The host still takes connections but never answers (overloaded, or a half-open network). */
  async hang() {
    await this.stop();
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
    this.blackHole = { server, sockets };
  }

  /** Serves another build from now on, as when a new version is copied onto the host. */
  swap(folder: string) {
    const link = join(this.root, 'tools', 'zrz');
    symlinkSync(folder, `${link}.new`);
    renameSync(`${link}.new`, link);
  }
}

/** The very first visit: the department's role, then its profile. */
export async function firstVisit(page: Page) {
  await page.getByTestId('role-department').click();
  await expect(page.getByTestId('setup')).toBeVisible();
  await page.getByLabel('单位名称').fill('县文化广播影视局');
  await page.getByLabel('科室/直属单位').fill('办公室');
  await page.getByLabel('填报人').fill('张三');
  await page.getByRole('button', { name: '开始自查' }).click();
  await expect(page.getByTestId('setup')).toHaveCount(0);
}

/** Waits until the service worker has cached everything and controls the page; its version. */
export async function offlineReady(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const sw = navigator.serviceWorker;
    await sw.ready;
    if (!sw.controller) await new Promise((r) => sw.addEventListener('controllerchange', r, { once: true }));
    return swVersion();
    function swVersion(): Promise<string> {
      return new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (e) => resolve(e.data.version);
        sw.controller!.postMessage({ type: 'status' }, [channel.port2]);
      });
    }
  });
}

/** The version of the worker that controls the page now ('' if none). */
export async function controllerVersion(page: Page): Promise<string> {
  return page.evaluate(() => new Promise<string>((resolve) => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return resolve('');
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data.version);
    worker.postMessage({ type: 'status' }, [channel.port2]);
  }));
}

/** The localStorage keys of the app's record. */
export async function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zrz')).sort());
}
