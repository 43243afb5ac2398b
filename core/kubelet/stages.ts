/**
 * Lifecycle stages as data: what the simulated runtime and node do (how long an image pull
 * takes, whether it fails, when a container exits and with which code, how a container reacts
 * to TERM, whether a node stops heartbeating) is decided by rule files, in the spirit of
 * KWOK's Stage objects. A rule file is an ordinary core/rules file whose events are the
 * stage events below; it is checked here (known event types, well-formed params) and compiled
 * once into a synchronous evaluator.
 *
 * Who asks what: the runtime asks at a pull (`pull`, `pullFailure`), at a start (`exit`,
 * `run`) and at a stop (`stop`); the kubelet asks about its node (`nodeDown`, `nodePressure`,
 * `nodeNotReady`). Each takes the first fired event of the types it understands (highest
 * priority first, then file order) and falls back to its default when none fired.
 *
 * Upstream (the idea): kubernetes-sigs/kwok pkg/apis/v1alpha1/stage_types.go (Stage: selector,
 * delay, next) and kustomize/stage/pod/general/*.yaml.
 */
import { compileRules, formatIssue, parseRuleFile, type FiredEvent, type JsonValue, type RuleFile, type RuleFileIssue } from '../rules';

/** A decision a stage rule can make, with its params checked. `rule` names the rule that fired. */
export type StageEvent = { rule: string } & (
  /** The image pull succeeds after `seconds` (an image the node already has is re-checked at once). */
  | { type: 'pull'; seconds: number; sizeBytes?: number }
  /** The image pull fails after `afterSeconds` with the registry's `message`. */
  | { type: 'pullFailure'; message: string; afterSeconds: number }
  /** The started container exits by itself after `afterSeconds` with `exitCode`. */
  | { type: 'exit'; afterSeconds: number; exitCode: number; reason?: string; message?: string }
  /** The started container runs until it is stopped (the default). */
  | { type: 'run' }
  /** On TERM the container exits after `afterSeconds` with `exitCode`; past the timeout it is KILLed (137). */
  | { type: 'stop'; afterSeconds: number; exitCode: number }
  /** The node's kubelet stops renewing its lease and posting status (a lost node). */
  | { type: 'nodeDown' }
  /** The node reports a pressure condition as True. */
  | { type: 'nodePressure'; condition: 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' }
  /** The node reports Ready=False (KubeletNotReady) with `message`, as when the runtime is down. */
  | { type: 'nodeNotReady'; message: string }
);

/** The type names of {@link StageEvent}. */
export type StageEventType = StageEvent['type'];

/**
 * The facts a stage rule may test. Pod and container decisions get `image`, `container`,
 * `pod`, `restartCount`, `elapsedSeconds` (since the pod's first sandbox on this node) and
 * `node`; node decisions get `node` and `elapsedSeconds` (since the node was created).
 */
export type StageFacts = {
  /** The image as the pod spec names it. */
  image?: string;
  container?: { name: string; image: string; restartCount: number };
  /** The pod as the sandbox knows it: `{metadata: {name, namespace, uid, labels, annotations}}`. */
  pod?: { metadata: { name: string; namespace: string; uid: string; labels: Record<string, string>; annotations: Record<string, string> } };
  restartCount?: number;
  elapsedSeconds?: number;
  /** For node decisions the Node object; for pod decisions `{metadata: {name}}`. */
  node?: unknown;
};

/** The fact names rule files may use. */
export const STAGE_FACTS: readonly (keyof StageFacts)[] = ['image', 'container', 'pod', 'restartCount', 'elapsedSeconds', 'node'];

/** A compiled stage rule file. */
export type Stages = {
  /** The file name, for messages. */
  name: string;
  /** Every event that fires for these facts, highest priority first, then in file order. */
  evaluate: (facts: StageFacts) => readonly StageEvent[];
};

/** No rules at all: every decision takes its default. */
export const NO_STAGES: Stages = { name: '(no stage rules)', evaluate: () => [] };

/** Thrown by {@link parseStages}; the message lists every problem, one a line. */
export type StageFileError = Error & { name: 'StageFileError'; issues: readonly string[] };

type Check = (params: Record<string, JsonValue>, issue: (field: string, message: string) => void) => Omit<StageEvent, 'rule'> | undefined;

const seconds = (params: Record<string, JsonValue>, field: string, issue: (f: string, m: string) => void, fallback?: number): number => {
  const v = params[field];
  if (v === undefined && fallback !== undefined) return fallback;
  // Whole seconds: the logical clock and its timestamps have second precision.
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    issue(field, `${v === undefined ? 'Required value' : `Invalid value: ${JSON.stringify(v)}`}: must be a whole number of seconds >= 0`);
    return 0;
  }
  return v;
};
const exitCode = (params: Record<string, JsonValue>, field: string, issue: (f: string, m: string) => void, fallback?: number): number => {
  const v = params[field];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
    issue(field, `${v === undefined ? 'Required value' : `Invalid value: ${JSON.stringify(v)}`}: must be an exit code, an integer from 0 to 255`);
    return 0;
  }
  return v;
};
const text = (params: Record<string, JsonValue>, field: string, issue: (f: string, m: string) => void, required: boolean): string | undefined => {
  const v = params[field];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '') {
    issue(field, `${v === undefined ? 'Required value' : `Invalid value: ${JSON.stringify(v)}`}: must be a non-empty string`);
    return undefined;
  }
  return v;
};

const CHECKS: Record<StageEventType, { params: readonly string[]; check: Check }> = {
  pull: {
    params: ['seconds', 'sizeBytes'],
    check: (p, issue) => {
      const sizeBytes = p.sizeBytes === undefined ? undefined : exitCodeLike(p.sizeBytes, issue);
      return { type: 'pull', seconds: seconds(p, 'seconds', issue), ...(sizeBytes === undefined ? {} : { sizeBytes }) };
    },
  },
  pullFailure: {
    params: ['message', 'afterSeconds'],
    check: (p, issue) => ({ type: 'pullFailure', message: text(p, 'message', issue, true) ?? '', afterSeconds: seconds(p, 'afterSeconds', issue, 0) }),
  },
  exit: {
    params: ['afterSeconds', 'exitCode', 'reason', 'message'],
    check: (p, issue) => {
      const reason = text(p, 'reason', issue, false);
      const message = text(p, 'message', issue, false);
      return { type: 'exit', afterSeconds: seconds(p, 'afterSeconds', issue), exitCode: exitCode(p, 'exitCode', issue), ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
    },
  },
  run: { params: [], check: () => ({ type: 'run' }) },
  stop: {
    params: ['afterSeconds', 'exitCode'],
    check: (p, issue) => ({ type: 'stop', afterSeconds: seconds(p, 'afterSeconds', issue), exitCode: exitCode(p, 'exitCode', issue, 0) }),
  },
  nodeDown: { params: [], check: () => ({ type: 'nodeDown' }) },
  nodePressure: {
    params: ['condition'],
    check: (p, issue) => {
      const condition = p.condition;
      if (condition === 'MemoryPressure' || condition === 'DiskPressure' || condition === 'PIDPressure') return { type: 'nodePressure', condition };
      issue('condition', `Unsupported value: ${JSON.stringify(condition)}: supported values: "MemoryPressure", "DiskPressure", "PIDPressure"`);
      return undefined;
    },
  },
  nodeNotReady: { params: ['message'], check: (p, issue) => ({ type: 'nodeNotReady', message: text(p, 'message', issue, true) ?? '' }) },
};

function exitCodeLike(v: JsonValue, issue: (f: string, m: string) => void): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  issue('sizeBytes', `Invalid value: ${JSON.stringify(v)}: must be a whole number of bytes >= 0`);
  return undefined;
}

/** Checks the stage events of a loaded rule file; returns the typed events by rule name, or the problems. */
export function checkStageEvents(file: RuleFile): { events: Record<string, StageEvent>; issues: string[] } {
  const events: Record<string, StageEvent> = {};
  const issues: string[] = [];
  file.rules.forEach((rule, index) => {
    const where: RuleFileIssue = { file: file.fileName, rule: { index, name: rule.name }, field: '', message: '' };
    const issue = (field: string, message: string) => issues.push(formatIssue({ ...where, field: `rules[${index}].event.${field}`, message }));
    const known = CHECKS[rule.event.type as StageEventType];
    if (!Object.hasOwn(CHECKS, rule.event.type) || known === undefined) {
      const supported = Object.keys(CHECKS).map((t) => JSON.stringify(t)).join(', ');
      issues.push(formatIssue({ ...where, field: `rules[${index}].event.type`, message: `Unsupported value: ${JSON.stringify(rule.event.type)}: supported values: ${supported}` }));
      return;
    }
    for (const key of Object.keys(rule.event.params)) {
      if (!known.params.includes(key)) issue(`params.${key}`, `Unsupported value: ${JSON.stringify(key)}: ${rule.event.type} takes ${known.params.length === 0 ? 'no params' : known.params.map((k) => JSON.stringify(k)).join(', ')}`);
    }
    const before = issues.length;
    const event = known.check(rule.event.params, (field, message) => issue(`params.${field}`, message));
    if (event !== undefined && issues.length === before) events[rule.name] = Object.freeze({ ...event, rule: rule.name }) as StageEvent;
  });
  return { events, issues };
}

/**
 * Parses, checks and compiles a stage rule file (YAML text). Throws a `StageFileError` naming
 * the file, the rule and the field of every problem, so a bad file changes nothing.
 */
export function parseStages(yamlText: string, fileName: string): Stages {
  let file: RuleFile;
  try {
    file = parseRuleFile(yamlText, fileName, { facts: STAGE_FACTS });
  } catch (error) {
    const message = (error as Error).message;
    throw Object.assign(new Error(message), { name: 'StageFileError' as const, issues: message.split('\n') });
  }
  const { events, issues } = checkStageEvents(file);
  if (issues.length > 0) throw Object.assign(new Error(issues.join('\n')), { name: 'StageFileError' as const, issues });
  const compiled = compileRules(file.rules);
  return {
    name: fileName,
    evaluate: (facts) => compiled(facts as Record<string, unknown>).map((fired: FiredEvent) => events[fired.rule] as StageEvent),
  };
}

/** The first event among `events` whose type is one of `types`, or undefined. */
export function firstOfType<T extends StageEventType>(events: readonly StageEvent[], types: readonly T[]): Extract<StageEvent, { type: T }> | undefined {
  return events.find((e): e is Extract<StageEvent, { type: T }> => (types as readonly string[]).includes(e.type));
}

/** How long a pull takes when no rule says otherwise (seconds). */
export const DEFAULT_PULL_SECONDS = 2;

/** The size reported for a pulled image when no rule says otherwise (bytes). */
export const DEFAULT_IMAGE_SIZE_BYTES = 50_000_000;
