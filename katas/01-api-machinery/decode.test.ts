/**
 * Kata 01-decode. Message texts come from upstream: field errors from
 * staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go (and errors_test.go),
 * their details from pkg/apis/core/validation/validation.go, pkg/apis/apps/validation/validation.go,
 * pkg/apis/networking/validation/validation.go and apimachinery's util/validation/validation.go;
 * decode errors from transformDecodeError (apiserver endpoints/handlers/rest.go) wrapping
 * encoding/json's UnmarshalTypeError; kind errors from kubectl's validation (getObjectKind) and
 * apimachinery's NoKindMatchError; unknown fields as field validation's Warn mode reports them.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { decodeManifest, formatFieldError } from '@kata/01-api-machinery/decode';
import { KINDS, apiVersionOf } from '../../core/api/kinds';
import { duplicate, forbidden, invalid, invalidOmitted, notFound, notSupported, required } from '../../core/api/schema/field-error';
import { runs } from '../../core/testing/runs';

const EXAMPLES = path.join(import.meta.dirname, '..', '..', 'chapters', '01-api-machinery', 'examples');
const EXAMPLE_FILES = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
const EXAMPLE_TEXT = new Map(EXAMPLE_FILES.map((f) => [f, fs.readFileSync(path.join(EXAMPLES, f), 'utf8')]));
const example = (name: string) => EXAMPLE_TEXT.get(name) ?? '';
const decode = (text: string) => decodeManifest(text, 'app.yaml');

/** A Deployment with one container, to be broken one field at a time. */
const deployment = (spec: string, metadata = 'name: web') => `apiVersion: apps/v1
kind: Deployment
metadata: {${metadata}}
spec:
${spec}`;
const validSpec = `  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27`;
const pod = (containers: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${extra}  containers:
${containers}`;

describe('formatFieldError', () => {
  // TestErrorBody: numbers print bare.
  test('an invalid number prints bare, followed by the detail', () => {
    expect(formatFieldError(invalid('bla', 2, 'details'))).toBe('bla: Invalid value: 2: details');
  });

  // TestErrorBody "nil intPtr": a nil value prints as the quoted string "null".
  test('a missing value prints as "null"', () => {
    expect(formatFieldError(invalid('bla', null, 'details'))).toBe('bla: Invalid value: "null": details');
  });

  test('a string value is quoted the way Go quotes it', () => {
    expect(formatFieldError(invalid('metadata.name', 'a"b\n', 'bad'))).toBe('metadata.name: Invalid value: "a\\"b\\n": bad');
  });

  // TestNotSupported.
  test('an unsupported value lists the supported ones', () => {
    expect(formatFieldError(notSupported('f', 'v', ['a', 'b', 'c']))).toBe('f: Unsupported value: "v": supported values: "a", "b", "c"');
  });

  test('a required value shows no value, and its detail when there is one', () => {
    expect(formatFieldError(required('spec.containers[0].image'))).toBe('spec.containers[0].image: Required value');
    expect(formatFieldError(required('metadata.name', 'name or generateName is required'))).toBe('metadata.name: Required value: name or generateName is required');
  });

  test('a forbidden field shows its detail but not its value', () => {
    expect(formatFieldError(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"))).toBe(
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    );
  });

  test('duplicate and not-found errors show the value', () => {
    expect(formatFieldError(duplicate('spec.containers[1].name', 'web'))).toBe('spec.containers[1].name: Duplicate value: "web"');
    expect(formatFieldError(notFound('spec.containers[0].volumeMounts[0].name', 'www'))).toBe('spec.containers[0].volumeMounts[0].name: Not found: "www"');
  });

  test('a value marked as omitted is left out', () => {
    expect(formatFieldError(invalidOmitted('data[password]', 'illegal base64 data at input byte 4'))).toBe('data[password]: Invalid value: illegal base64 data at input byte 4');
  });
});

describe('documents', () => {
  test.each(EXAMPLE_FILES)('the kubernetes.io example %s decodes with no warnings and no errors', (file) => {
    const result = decodeManifest(example(file), file);
    expect(result.errors, 'errors').toEqual([]);
    expect(result.warnings, 'warnings').toEqual([]);
    expect(result.objects.length).toBeGreaterThan(0);
  });

  test('the nginx Deployment decodes to exactly the object written', () => {
    expect(decode(example('nginx-deployment.yaml')).objects).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'nginx' } },
          template: {
            metadata: { labels: { app: 'nginx' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
          },
        },
      },
    ]);
  });

  test('the objects of a file come out in file order', () => {
    const kinds = decode(example('pvc.yaml')).objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual(['PersistentVolume/task-pv-volume', 'PersistentVolumeClaim/task-pv-claim', 'Pod/task-pv-pod']);
  });

  test('empty documents, comments and extra separators yield nothing and no error', () => {
    expect(decode('---\n# nothing here\n---\n\n---\n')).toEqual({ objects: [], warnings: [], errors: [] });
  });

  test('documents are counted from 1, empty ones included', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Foo\nmetadata: {name: b}\n`;
    expect(decode(text).errors).toEqual(['app.yaml: document 3: no matches for kind "Foo" in version "v1"']);
  });

  test('a document that is not a mapping is refused as Go refuses to decode it into an object', () => {
    expect(decode('just a string').errors).toEqual(['app.yaml: document 1: json: cannot unmarshal string into Go value of type map[string]interface {}']);
  });

  test('a YAML syntax error is reported for its document', () => {
    const errors = decode('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [a\n').errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^app\.yaml: document 1: error converting YAML to JSON: /);
  });

  test('one invalid document makes the whole file yield no objects', () => {
    const text = `${example('configmap.yaml')}\n---\n${deployment('  replicas: -1\n' + validSpec)}`;
    const result = decode(text);
    expect(result.objects).toEqual([]);
    expect(result.errors).toEqual(['app.yaml: document 2: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  test('a kind: List is expanded into its items', () => {
    const result = decode(example('list.yaml'));
    expect(result.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/settings', 'Service/web']);
  });

  test('an item of a list is named by its index in messages', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: ok}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: Bad_Name}\n`;
    expect(decode(text).errors).toEqual([
      "app.yaml: document 1, items[1]: ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  test('the items of a typed list such as a PodList may leave out apiVersion and kind', () => {
    const text = `apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n  spec:\n    containers: [{name: c, image: busybox}]\n`;
    expect(decode(text).objects).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }]);
  });
});

describe('apiVersion and kind', () => {
  test('a document without apiVersion and kind is refused as kubectl refuses it', () => {
    expect(decode('metadata: {name: x}').errors).toEqual(['app.yaml: document 1: error validating data: [apiVersion not set, kind not set]']);
  });

  test('a missing kind alone is named alone', () => {
    expect(decode('apiVersion: v1\nmetadata: {name: x}').errors).toEqual(['app.yaml: document 1: error validating data: kind not set']);
  });

  test('a kind that is not a string is refused', () => {
    expect(decode('apiVersion: v1\nkind: 7\nmetadata: {name: x}').errors).toEqual(["app.yaml: document 1: error validating data: kind isn't string type"]);
  });

  test('an unknown kind has no match in its version', () => {
    expect(decode('apiVersion: v1\nkind: Foo\nmetadata: {name: x}').errors).toEqual(['app.yaml: document 1: no matches for kind "Foo" in version "v1"']);
  });

  test('a known kind in the wrong group has no match either', () => {
    expect(decode('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: x}').errors).toEqual([
      'app.yaml: document 1: no matches for kind "Deployment" in version "extensions/v1beta1"',
    ]);
  });

  test('every kind of the registry is accepted in its own apiVersion', () => {
    for (const info of KINDS) {
      const result = decode(`apiVersion: ${apiVersionOf(info)}\nkind: ${info.kind}\nmetadata: {name: x}\n`);
      expect(result.errors.filter((e) => e.includes('no matches')), info.kind).toEqual([]);
    }
  });
});

describe('unknown fields', () => {
  test('an unknown field is a warning naming its path, and the object decodes without it', () => {
    const result = decode(deployment(`  foo: bar\n${validSpec}`));
    expect(result.warnings).toEqual(['app.yaml: document 1: Deployment.apps "web": unknown field "spec.foo"']);
    expect(result.errors).toEqual([]);
    expect(result.objects[0]?.spec).not.toHaveProperty('foo');
  });

  test('an unknown field inside a list names the index', () => {
    const result = decode(pod('  - name: c\n    image: busybox\n    imagePullPolicyy: Always'));
    expect(result.warnings).toEqual(['app.yaml: document 1: Pod "p": unknown field "spec.containers[0].imagePullPolicyy"']);
  });

  test('a misspelt top-level field of a kind decoded for its metadata only is still a warning', () => {
    const result = decode('apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspecs: {}\n');
    expect(result.warnings).toEqual(['app.yaml: document 1: Job.batch "j": unknown field "specs"']);
  });

  test('a field named like an Object.prototype member is unknown, not special', () => {
    const result = decode('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nconstructor: x\n__proto__: {polluted: true}\n');
    expect(result.warnings).toEqual([
      'app.yaml: document 1: ConfigMap "c": unknown field "constructor"',
      'app.yaml: document 1: ConfigMap "c": unknown field "__proto__"',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('wrong types', () => {
  test('a string where an integer belongs is a decode error naming the Go struct field', () => {
    expect(decode(deployment(`  replicas: "3"\n${validSpec}`)).errors).toEqual([
      'app.yaml: document 1: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ]);
  });

  test('a number as a label value is the classic decode error', () => {
    expect(decode(deployment(validSpec, 'name: web, labels: {version: 1.0}')).errors).toEqual([
      'app.yaml: document 1: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ]);
  });

  test('a fraction where an integer belongs shows the number', () => {
    expect(decode(deployment(`  replicas: 1.5\n${validSpec}`)).errors).toEqual([
      'app.yaml: document 1: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ]);
  });

  test('a scalar where a list belongs names the list type', () => {
    expect(decode('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: nginx\n').errors).toEqual([
      'app.yaml: document 1: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    ]);
  });

  test('YAML 1.1 reads an unquoted on as a boolean, which is not a string', () => {
    expect(decode(pod('  - name: c\n    image: busybox\n    env: [{name: DEBUG, value: on}]')).errors).toEqual([
      'app.yaml: document 1: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string',
    ]);
  });

  test('only the first type error is reported, as Go stops at the first', () => {
    const errors = decode(deployment(`  replicas: "3"\n  paused: "yes"\n${validSpec}`)).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('DeploymentSpec.spec.replicas');
  });
});

describe('invalid values', () => {
  const invalidIn = (text: string) => decode(text).errors;

  test('a negative replica count must be greater than or equal to 0', () => {
    expect(invalidIn(deployment(`  replicas: -1\n${validSpec}`))).toEqual([
      'app.yaml: document 1: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  test('an object needs a name (or a generateName)', () => {
    expect(invalidIn('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n')).toEqual([
      'app.yaml: document 1: ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    ]);
    expect(invalidIn('apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: cfg-}\n')).toEqual([]);
  });

  test('a container needs an image', () => {
    expect(invalidIn(pod('  - name: c'))).toEqual(['app.yaml: document 1: Pod "p" is invalid: spec.containers[0].image: Required value']);
  });

  test('a pod needs containers, also when its spec is missing', () => {
    expect(invalidIn('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n')).toEqual(['app.yaml: document 1: Pod "p" is invalid: spec.containers: Required value']);
  });

  test('a Deployment without a template is invalid for its pod spec', () => {
    expect(invalidIn(deployment('  selector: {matchLabels: {app: web}}'))).toEqual([
      'app.yaml: document 1: Deployment.apps "web" is invalid: spec.template.spec.containers: Required value',
    ]);
  });

  test('a port must be between 1 and 65535', () => {
    expect(invalidIn(pod('  - name: c\n    image: busybox\n    ports: [{containerPort: 70000}]'))).toEqual([
      'app.yaml: document 1: Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(invalidIn('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 70000}]\n')).toEqual([
      'app.yaml: document 1: Service "s" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  test('an unknown Service type lists the supported ones', () => {
    expect(invalidIn('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: Foo\n  ports: [{port: 80}]\n')).toEqual([
      'app.yaml: document 1: Service "s" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  test('a Service name is a DNS-1035 label, so it cannot start with a digit', () => {
    expect(invalidIn('apiVersion: v1\nkind: Service\nmetadata: {name: 1web}\nspec:\n  ports: [{port: 80}]\n')).toEqual([
      "app.yaml: document 1: Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  test('a Namespace name is a DNS-1123 label, so it cannot contain dots', () => {
    expect(invalidIn('apiVersion: v1\nkind: Namespace\nmetadata: {name: team.a}\n')).toEqual([
      'app.yaml: document 1: Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots',
    ]);
  });

  test('a Service with several ports needs a name for each', () => {
    expect(invalidIn('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, name: http}, {port: 443}]\n')).toEqual([
      'app.yaml: document 1: Service "s" is invalid: spec.ports[1].name: Required value',
    ]);
  });

  test('a request above its limit is refused, both printed in canonical form', () => {
    expect(invalidIn(pod('  - name: c\n    image: busybox\n    resources: {requests: {memory: 1.5Gi}, limits: {memory: 1Gi}}'))).toEqual([
      'app.yaml: document 1: Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "1536Mi": must be less than or equal to memory limit of 1Gi',
    ]);
  });

  test('a quantity that does not parse is refused with the quantity error', () => {
    expect(invalidIn(pod('  - name: c\n    image: busybox\n    resources: {limits: {memory: 1GB}}'))).toEqual([
      "app.yaml: document 1: Pod \"p\" is invalid: spec.containers[0].resources.limits[memory]: Invalid value: \"1GB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
  });

  test('a negative resource quantity is refused', () => {
    expect(invalidIn(pod('  - name: c\n    image: busybox\n    resources: {requests: {cpu: -100m}}'))).toEqual([
      'app.yaml: document 1: Pod "p" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: "-100m": must be greater than or equal to 0',
    ]);
  });

  test('a bare number is a quantity too, kept as a string', () => {
    const result = decode(pod('  - name: c\n    image: busybox\n    resources: {requests: {cpu: 1}}'));
    expect(result.errors).toEqual([]);
    expect(result.objects[0]?.spec).toMatchObject({ containers: [{ resources: { requests: { cpu: '1' } } }] });
  });

  test('a claim needs an access mode and a positive storage request', () => {
    expect(invalidIn('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec: {}\n')).toEqual([
      'app.yaml: document 1: PersistentVolumeClaim "c" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
      'app.yaml: document 1: PersistentVolumeClaim "c" is invalid: spec.resources[storage]: Required value',
    ]);
    expect(invalidIn('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  accessModes: [ReadWriteAll]\n  resources: {requests: {storage: 0}}\n')).toEqual([
      'app.yaml: document 1: PersistentVolumeClaim "c" is invalid: spec.accessModes: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'app.yaml: document 1: PersistentVolumeClaim "c" is invalid: spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]);
  });

  test('a PersistentVolume needs a volume source', () => {
    expect(invalidIn('apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: v}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n')).toEqual([
      'app.yaml: document 1: PersistentVolume "v" is invalid: spec: Required value: must specify a volume type',
    ]);
  });

  test('Secret data must be base64, and the bad value is not printed', () => {
    expect(invalidIn('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: hunter2}\n')).toEqual([
      'app.yaml: document 1: Secret "s" is invalid: data[password]: Invalid value: illegal base64 data at input byte 4',
    ]);
  });

  test('a ConfigMap key must be a valid config key', () => {
    expect(invalidIn('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {"a b": x}\n')).toEqual([
      "app.yaml: document 1: ConfigMap \"c\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  test('a volume mount must name a volume of the pod', () => {
    expect(invalidIn(pod('  - name: c\n    image: busybox\n    volumeMounts: [{name: data, mountPath: /data}]'))).toEqual([
      'app.yaml: document 1: Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ]);
  });

  test('container names are unique within a pod', () => {
    expect(invalidIn(pod('  - {name: c, image: busybox}\n  - {name: c, image: busybox}'))).toEqual([
      'app.yaml: document 1: Pod "p" is invalid: spec.containers[1].name: Duplicate value: "c"',
    ]);
  });

  test('a Deployment template must restart Always', () => {
    expect(invalidIn(deployment(`${validSpec}\n      restartPolicy: Never`))).toEqual([
      'app.yaml: document 1: Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  test('a Deployment needs a selector', () => {
    expect(invalidIn(deployment(validSpec.split('\n').slice(1).join('\n')))).toEqual([
      'app.yaml: document 1: Deployment.apps "web" is invalid: spec.selector: Required value',
    ]);
  });

  test('maxUnavailable and maxSurge may not both be zero', () => {
    expect(invalidIn(deployment(`  strategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}\n${validSpec}`))).toEqual([
      'app.yaml: document 1: Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]);
  });

  test('an Ingress path needs a pathType', () => {
    const text = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend: {service: {name: web, port: {number: 80}}}\n`;
    expect(invalidIn(text)).toEqual(['app.yaml: document 1: Ingress.networking.k8s.io "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']);
  });

  test('every invalid field of a document is reported', () => {
    expect(invalidIn(pod('  - name: C\n    image: busybox', '  restartPolicy: Sometimes\n'))).toEqual([
      'app.yaml: document 1: Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      "app.yaml: document 1: Pod \"p\" is invalid: spec.containers[0].name: Invalid value: \"C\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
});

describe('properties', () => {
  const kindNames = KINDS.map((info) => ({ apiVersion: apiVersionOf(info), kind: info.kind }));
  const fieldNames = ['metadata', 'spec', 'name', 'containers', 'image', 'replicas', 'ports', 'port', 'data', 'resources', 'limits', 'cpu', 'items', 'selector', 'template', '__proto__', 'constructor', 'toString'];
  const jsonish = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('1Gi', '500m', '-1', 'Always', 'v1', ''),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const documentLike = fc
    .tuple(fc.constantFrom(...kindNames), fc.dictionary(fc.constantFrom(...fieldNames), jsonish, { maxKeys: 3 }))
    .map(([typeMeta, rest]) => ({ ...rest, ...typeMeta }));
  const asYaml = (values: unknown[]) => values.map((v) => stringify(v)).join('---\n');

  const neverThrowsNorMixes = (text: string) => {
    const result = decode(text);
    expect(result.objects.length > 0 && result.errors.length > 0, 'objects and errors at once').toBe(false);
  };

  test('arbitrary text never makes decodeManifest throw, nor return objects and errors together', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), neverThrowsNorMixes), runs(300));
  });

  test('arbitrary JSON-like values rendered as YAML never make it throw, nor mix objects and errors', () => {
    fc.assert(fc.property(fc.array(jsonish, { maxLength: 3 }), (values) => neverThrowsNorMixes(asYaml(values))), runs(300));
  });

  test('documents of every kind with arbitrary fields never make it throw, nor mix objects and errors', () => {
    fc.assert(fc.property(fc.array(documentLike, { minLength: 1, maxLength: 2 }), (values) => neverThrowsNorMixes(asYaml(values))), runs(200));
  });

  test('decoding the decoded objects again gives the same objects and no warnings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLE_FILES), (file) => {
        const first = decodeManifest(example(file), file);
        const second = decode(asYaml(first.objects));
        expect(second).toEqual({ objects: first.objects, warnings: [], errors: [] });
      }),
      runs(30),
    );
  });

  test('an extra unknown top-level field adds exactly one warning and changes no object', () => {
    const decoded = new Map(EXAMPLE_FILES.map((f) => [f, decodeManifest(example(f), f).objects]));
    const unknownName = fc.stringMatching(/^x[a-zA-Z]{1,8}$/);
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLE_FILES), unknownName, jsonish, (file, name, extra) => {
        const objects = decoded.get(file) ?? [];
        const withExtra = objects.map((o, i) => (i === 0 ? { ...o, [name]: extra } : o));
        const result = decode(asYaml(withExtra));
        expect(result.objects).toEqual(objects);
        expect(result.warnings).toHaveLength(1);
        expect(result.warnings[0]).toContain(`unknown field "${name}"`);
      }),
      runs(50),
    );
  });
});
