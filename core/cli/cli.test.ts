import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { newCluster } from '../cluster/state';
import { repoRoot } from '../kata/target';
import { runs } from '../testing/runs';
import { applyCommand } from './apply-command';
import { getCommand } from './get';
import { parseDuration, runCommand } from './run';
import { humanDuration } from './printers/age';
import { formatTable } from './printers/table';

const nginx = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;
const file = (text: string, name = 'test.yaml') => [{ name, text }];

describe('apply', () => {
  test('creates, then reports unchanged, then configured, like kubectl apply', () => {
    const first = applyCommand(newCluster(), file(nginx), undefined);
    expect(first.stdout).toBe('deployment.apps/nginx-deployment created\n');
    const second = applyCommand(first.state!, file(nginx), undefined);
    expect(second.stdout).toBe('deployment.apps/nginx-deployment unchanged\n');
    const third = applyCommand(second.state!, file(nginx.replace('replicas: 3', 'replicas: 5')), undefined);
    expect(third.stdout).toBe('deployment.apps/nginx-deployment configured\n');
  });

  test('a file with one invalid document applies none of its documents', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n---\n${nginx.replace('replicas: 3', 'replicas: -1')}`;
    const result = applyCommand(newCluster(), file(text, 'mixed.yaml'), undefined);
    expect(result.exitCode).toBe(1);
    expect(result.state).toBeUndefined();
    expect(result.stderr).toContain('mixed.yaml');
    expect(result.stderr).toContain('spec.replicas: Invalid value: -1');
  });

  test('an object in a missing namespace is refused as the NamespaceLifecycle admission plugin does', () => {
    const result = applyCommand(newCluster(), file(nginx.replace('  name: nginx-deployment', '  name: nginx-deployment\n  namespace: nowhere')), undefined);
    expect(result.stderr).toContain('Error from server (NotFound): namespaces "nowhere" not found');
    expect(result.state).toBeUndefined();
  });

  test('a namespace flag that disagrees with the manifest is refused with kubectl\'s message', () => {
    const result = applyCommand(newCluster(), file(nginx.replace('  name: nginx-deployment', '  name: nginx-deployment\n  namespace: kube-system')), 'default');
    expect(result.stderr).toContain('the namespace from the provided object "kube-system" does not match the namespace "default"');
  });

  test('arbitrary input never throws, and input with any error leaves the cluster unchanged', () => {
    const document = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => stringify(v)),
      fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'x'), kind: fc.constantFrom('Pod', 'ConfigMap', 'Deployment', 'Nope'), metadata: fc.record({ name: fc.string() }, { requiredKeys: [] }), spec: fc.jsonValue() }, { requiredKeys: [] }).map((v) => stringify(v)),
    );
    fc.assert(
      fc.property(fc.array(document, { maxLength: 4 }), (docs) => {
        const before = newCluster();
        const result = applyCommand(before, file(docs.join('\n---\n')), undefined);
        if (result.exitCode !== 0) expect(result.state).toBeUndefined();
        else expect(result.stdout).not.toBe('');
      }),
      runs(150),
    );
  });
});

describe('get', () => {
  const cluster = applyCommand(newCluster(), file(nginx), undefined).state!;

  test('prints kubectl\'s deployment columns', () => {
    expect(getCommand(cluster, 'deployments', [], {}).stdout).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   0/3     0            0           0s\n',
    );
  });

  test('an empty namespace says so on stderr, as kubectl does', () => {
    expect(getCommand(cluster, 'pods', [], { namespace: 'kube-public' }).stderr).toBe('No resources found in kube-public namespace.');
  });

  test('a missing name is a NotFound error naming the qualified resource', () => {
    const result = getCommand(cluster, 'deploy', ['nope'], {});
    expect(result).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found' });
  });

  test('a label selector filters the list', () => {
    expect(getCommand(cluster, 'deploy', [], { selector: 'app in (web)' }).stderr).toContain('No resources found');
    expect(getCommand(cluster, 'deploy', [], { selector: 'app=nginx' }).stdout).toContain('nginx-deployment');
  });

  test('-o yaml of one object prints the object with sorted keys', () => {
    const yaml = getCommand(cluster, 'deployment', ['nginx-deployment'], { output: 'yaml' }).stdout;
    expect(yaml.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n')).toBe(true);
  });

  test('an unknown resource type is refused', () => {
    expect(getCommand(cluster, 'widgets', [], {}).stderr).toBe('error: the server doesn\'t have a resource type "widgets"');
  });
});

describe('printers', () => {
  // Expected strings from staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go (TestHumanDuration).
  test.each([
    [1_000, '1s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [610_000, '10m'],
    [130_000, '2m10s'],
    [3 * 3600_000, '3h'],
    [3 * 3600_000 + 60_000, '3h1m'],
    [8 * 3600_000, '8h'],
    [48 * 3600_000, '2d'],
    [50 * 3600_000, '2d2h'],
    [8 * 24 * 3600_000, '8d'],
    [2 * 365 * 24 * 3600_000, '2y'],
    [(2 * 365 + 1) * 24 * 3600_000, '2y1d'],
    [8 * 365 * 24 * 3600_000, '8y'],
    [-2_000, '<invalid>'],
  ])('humanDuration(%i ms) is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  test('columns are as wide as the widest cell plus three spaces, and at least six', () => {
    expect(formatTable(['NAME', 'X'], [['ab', 'y']])).toBe('NAME   X\nab     y');
    expect(formatTable(['A', 'B'], [['x', 'y']])).toBe('A     B\nx     y');
  });
});

describe('the command line', () => {
  test('state persists between invocations and a bad file changes nothing on disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-'));
    const manifest = path.join(dir, 'nginx.yaml');
    fs.writeFileSync(manifest, nginx);
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--import', './core/kata/alias-register.mjs', 'core/cli/main.ts', '--data-dir', dir, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, INIT_CWD: repoRoot } });
    expect(cli('apply', '-f', manifest)).toBe('deployment.apps/nginx-deployment created\n');
    const saved = fs.readFileSync(path.join(dir, 'state.json'));
    fs.writeFileSync(manifest, nginx.replace('replicas: 3', 'replicas: -1'));
    expect(() => cli('apply', '-f', manifest)).toThrow(/spec.replicas: Invalid value: -1/);
    expect(fs.readFileSync(path.join(dir, 'state.json')).equals(saved)).toBe(true);
    expect(cli('get', 'deploy')).toContain('nginx-deployment   0/3');
    expect(fs.readdirSync(dir).sort()).toEqual(['nginx.yaml', 'state.json']);
  });
});

describe('run', () => {
  const nodes = fs.readFileSync(path.join(repoRoot, 'chapters/05-node-runtime/examples/nodes.yaml'), 'utf8');

  test('--static-pods starts a node\'s static pods and shows them as mirror pods named <pod>-<node>', () => {
    const cluster = applyCommand(newCluster(), file(nodes), undefined).state!;
    const ran = runCommand(cluster, { for: '30s', staticPods: [`node-1=${path.join(repoRoot, 'chapters/05-node-runtime/examples/static-pods')}`] });
    const pods = getCommand(ran.state!, 'pods', [], { namespace: 'kube-system' }).stdout;
    expect(pods).toContain('etcd-node-1');
    expect(pods).toContain('kube-scheduler-node-1');
  });

  test('a duration that is not Go syntax is refused and changes nothing', () => {
    const refused = runCommand(newCluster(), { for: '30 seconds' });
    expect(refused.exitCode).toBe(1);
    expect(refused.state).toBeUndefined();
    expect(parseDuration('1h30m')).toBe(5400);
  });
});
