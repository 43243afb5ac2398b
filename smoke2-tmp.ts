import { decodeManifest } from '@kata/01-api-machinery/decode';
const cases: Record<string, string> = {
  replicas: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: -1
  foo: bar
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        ports: [{containerPort: 70000}]
        resources: {requests: {cpu: "2", memory: 1GB}, limits: {cpu: "1"}}
`,
  typeErr: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {version: 1.0}}
spec:
  replicas: "3"
`,
  svc: `apiVersion: v1
kind: Service
metadata: {name: 1web}
spec:
  type: Foo
  ports: [{port: 70000}, {port: 80, protocol: FOO}]
`,
  nokind: `metadata: {name: x}`,
  unknownKind: `apiVersion: v1
kind: Foo
metadata: {name: x}`,
  wrongVersion: `apiVersion: v1
kind: Deployment
metadata: {name: x}`,
  noname: `apiVersion: v1
kind: Pod
spec: {}`,
  nospec: `apiVersion: v1
kind: Pod
metadata: {name: p}`,
  secret: `apiVersion: v1
kind: Secret
metadata: {name: s}
data: {password: hunter2}`,
  pvc: `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c}
spec:
  accessModes: [ReadWriteAll]
  resources: {requests: {storage: 0}}`,
  ing: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec:
  rules:
  - host: 10.0.0.1
    http:
      paths:
      - path: foo
        backend: {service: {name: svc}}`,
  yamlErr: `a: [1, 2\nb: 3`,
  scalar: `hello`,
  ns: `apiVersion: v1
kind: Namespace
metadata: {name: my.ns}`,
  nan: `apiVersion: v1
kind: ConfigMap
metadata: {name: x}
data: {a: .nan}`,
};
for (const [k, t] of Object.entries(cases)) console.log(k, JSON.stringify(decodeManifest(t, 'f.yaml'), null, 1));
