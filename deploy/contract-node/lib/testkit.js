'use strict';
// Custody for a Node.js service's own tests: starts the launcher (deploy/target/custody.jar) on
// free ports with its embedded database under a temporary CUSTODY_HOME, and stops it afterwards.
//
// In a test:   const suite = await startSuite(); process.env = {...process.env, ...suite.environment}; ... await suite.stop();
// From a shell (prints where everything is as JSON, runs the command with the suite's environment,
// then stops the suite):   node lib/testkit.js -- node --test test/
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVICES = ['identity', 'billing', 'analytics', 'disclosure'];
const READY = 'Custody is running.';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startSuite({ jar = path.join(REPO_ROOT, 'deploy', 'target', 'custody.jar'), timeoutMs = 300000 } = {}) {
  if (!fs.existsSync(jar)) {
    throw new Error(`${jar} missing: mvn -B -q -pl deploy -am package -DskipTests`);
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'custody-testkit-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CUSTODY_')));
  Object.assign(env, { CUSTODY_HOME: home, CUSTODY_DRAIN_DELAY: '0s', CUSTODY_SHUTDOWN_GRACE: '5s' });
  const targets = {};
  for (const service of SERVICES) {
    const port = await freePort();
    targets[service] = `127.0.0.1:${port}`;
    env[`CUSTODY_${service.toUpperCase()}_GRPC_PORT`] = String(port);
    env[`CUSTODY_${service.toUpperCase()}_METRICS_PORT`] = String(await freePort());
  }
  const logPath = path.join(home, 'launcher.log');
  const log = fs.openSync(logPath, 'w');
  const child = spawn('java', ['-Xmx768m', '-jar', jar, 'start'], { env, stdio: ['ignore', log, log], detached: true });
  const environment = Object.fromEntries(SERVICES.map((s) => [`CUSTODY_${s.toUpperCase()}_TARGET`, targets[s]]));
  environment.CUSTODY_CALLER_TOKENS_FILE = path.join(home, 'callers.tokens');
  const suite = {
    targets, home, pid: child.pid, tokensFile: environment.CUSTODY_CALLER_TOKENS_FILE, environment,
    stop: () => new Promise((resolve) => {
      const done = () => { fs.rmSync(home, { recursive: true, force: true }); resolve(); };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 60000).unref();
    }),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.readFileSync(logPath, 'utf8').includes(READY)) {
      return suite;
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const tail = fs.readFileSync(logPath, 'utf8').slice(-4000);
  await suite.stop();
  throw new Error(`the launcher did not start (exit ${child.exitCode}):\n${tail}`);
}

async function main(argv) {
  const dash = argv.indexOf('--');
  const command = dash >= 0 ? argv.slice(dash + 1) : [];
  const suite = await startSuite();
  const { stop, ...printable } = suite;
  console.log(JSON.stringify(printable));
  let status = 0;
  if (command.length > 0) {
    status = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...suite.environment } }).status ?? 1;
  } else {
    await new Promise((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  }
  await stop();
  return status;
}

module.exports = { startSuite };

if (require.main === module) {
  main(process.argv.slice(2)).then((status) => process.exit(status), (e) => { console.error(e.message); process.exit(1); });
}
